using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Documents;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Surveys;
using MingXin.Bot.Presentation;
using MingXin.Bot.Scheduling;
using MingXin.Bot.Storage;
using MingXin.Bot.Workflows.Forms;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Workflows.Records;

/// <summary>Section <c>Dashboard:WeeklySummary</c>: when the weekly summary goes to the GM office (factory time).</summary>
public sealed class WeeklySummaryOptions
{
    public const string SectionName = "Dashboard:WeeklySummary";

    public bool Enabled { get; set; } = true;

    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;

    /// <summary>HH:mm, factory time.</summary>
    [RegularExpression("^([01][0-9]|2[0-3]):[0-5][0-9]$", ErrorMessage = "must be a time of day as HH:mm, e.g. 08:30.")]
    public string Time { get; set; } = "08:30";

    public TimeOnly TimeOfDay => TimeOnly.ParseExact(Time, "HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>What a weekly summary froze when it was made: the dashboard's figures and last week's counts.</summary>
public sealed class WeeklySummaryState
{
    public string Id { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public string Status { get; set; } = "Posted";

    public DateOnly WeekFrom { get; set; }

    public DateOnly WeekTo { get; set; }

    public DashboardFigures Figures { get; set; } = null!;

    public TwoHourFigures LastWeekTwoHour { get; set; } = new(0, 0, 0);

    public int ComplaintsRegistered { get; set; }

    public int ComplaintsClosed { get; set; }

    public int SurveysAnswered { get; set; }

    /// <summary>The survey period the summary was made in, and the register's customers with no survey for it yet.</summary>
    public string SurveyPeriod { get; set; } = string.Empty;

    public List<string> NotSurveyed { get; set; } = [];

    /// <summary>Last week's shipments measured against a delivery date, and how many left by it (0 on summaries made before shipments were recorded).</summary>
    public int Shipments { get; set; }

    public int ShipmentsOnTime { get; set; }

    /// <summary>Last week's late shipments: Delivery Note, customer, days late.</summary>
    public List<string> LateShipments { get; set; } = [];

    /// <summary>Customer Returns registered last week, and the pieces they return.</summary>
    public int ReturnsRegistered { get; set; }

    public int PiecesReturned { get; set; }
}

/// <summary>
/// The weekly summary to the GM office 总经办 and Sales (schedule: <see cref="WeeklySummaryOptions"/>) —
/// the dashboard, last week's counts, and the customers not yet surveyed this period: at the set
/// time a deadline fires (once across instances), the summary is saved as its own record
/// <c>WS-{ISO year}-{week}</c> — made once, however often the deadline fires — and posted through the
/// outbox; then the next week's deadline is set. Each instance sets the next one at start, idempotently.
/// </summary>
public sealed class WeeklySummary(
    DashboardService dashboard,
    RecordIndex index,
    FormCommitter committer,
    DeadlineStore deadlines,
    CustomerStore customers,
    IOptions<SurveyOptions> surveyOptions,
    IOptions<WeeklySummaryOptions> options,
    TimeProvider time,
    ILogger<WeeklySummary> logger) : IWorkflowForm, IDeadlineHandler, IHostedService
{
    public const string Prefix = "WS";
    public const string DeadlineKey = "weekly-summary";
    private const int MaxNamesShown = 15;

    public string Kind => "WeeklySummary";

    /// <summary>The next time the summary is due after <paramref name="now"/>.</summary>
    public static DateTimeOffset Next(DateTimeOffset now, DayOfWeek day, TimeOnly at)
    {
        var zone = BusinessCalendar.FactoryZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        for (var i = 0; ; i++)
        {
            var date = today.AddDays(i);
            var local = date.ToDateTime(at);
            var due = new DateTimeOffset(local, zone.GetUtcOffset(local));
            if (date.DayOfWeek == day && due > now)
            {
                return due;
            }
        }
    }

    /// <summary>The number of the summary due at <paramref name="due"/>: its ISO week.</summary>
    public static string NumberFor(DateTimeOffset due)
    {
        var local = TimeZoneInfo.ConvertTime(due, BusinessCalendar.FactoryZone).DateTime;
        return DocumentNumber.Create(Prefix, ISOWeek.GetYear(local), ISOWeek.GetWeekOfYear(local)).ToString();
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            await ScheduleNextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex))
        {
            logger.LogError(ex, "Storage is not reachable at start; the weekly summary is set when the next instance starts.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public bool Handles(Deadline deadline) => deadline.Key == DeadlineKey;

    public async Task OnDueAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        await MakeAsync(deadline.DueAt, cancellationToken).ConfigureAwait(false);
        if (options.Value.Enabled)
        {
            await ScheduleNextAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes (once) and posts the summary due at <paramref name="due"/>; returns its number.</summary>
    public async Task<string> MakeAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        var id = NumberFor(due);
        var zone = BusinessCalendar.FactoryZone;
        var weekTo = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(due, zone).DateTime).AddDays(-1);
        var weekFrom = weekTo.AddDays(-6);
        var data = await dashboard.DataAsync(weekTo, cancellationToken).ConfigureAwait(false);
        var figures = dashboard.Figures(data, null);
        bool InWeek(DateTimeOffset? at) => at is { } t && DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime) is var d && d >= weekFrom && d <= weekTo;
        var notices = data.Notices.Where(n => InWeek(n.CreatedAt)).ToList();
        var complaints = data.Complaints;
        var surveys = data.Surveys.Where(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.CreatedAt, zone).DateTime) >= data.From).ToList();
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(due, zone).DateTime);
        var months = SurveyPeriods.IsAllowed(surveyOptions.Value.PeriodMonths) ? surveyOptions.Value.PeriodMonths : 6;
        var period = SurveyPeriods.Of(today, months);
        var surveyed = (await index.OfKindAsync(SatisfactionSurvey.Kind, SurveyPeriods.Start(today, months), today, cancellationToken).ConfigureAwait(false))
            .Where(r => r.State != RecordState.Cancelled && r.Period == period && r.Customer is not null)
            .Select(r => Domain.Customers.Customer.NameKey(r.Customer!))
            .ToHashSet(StringComparer.Ordinal);
        bool ShippedInWeek(RecordSummary r) => r.State != RecordState.Cancelled && r.Delivery is { DueOn: not null } d && d.ShippedOn >= weekFrom && d.ShippedOn <= weekTo;
        var shipped = data.Deliveries.Where(ShippedInWeek).ToList();
        var state = new WeeklySummaryState
        {
            Id = id,
            CreatedAt = now,
            WeekFrom = weekFrom,
            WeekTo = weekTo,
            Figures = figures,
            LastWeekTwoHour = DashboardFigures.Compute(weekFrom, weekTo, notices, [], [], [], now, zone).TwoHour,
            ComplaintsRegistered = complaints.Count(c => InWeek(c.CreatedAt)),
            ComplaintsClosed = complaints.Count(c => c.State == RecordState.Closed && InWeek(c.ClosedAt)),
            SurveysAnswered = surveys.Count(s => s.State == RecordState.Closed && InWeek(s.ClosedAt)),
            SurveyPeriod = period,
            NotSurveyed = (await customers.ListAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.Name).Where(n => !surveyed.Contains(Domain.Customers.Customer.NameKey(n))).ToList(),
            Shipments = shipped.Count,
            ShipmentsOnTime = shipped.Count(r => !r.Delivery!.Late),
            ReturnsRegistered = data.Returns.Count(r => r.State != RecordState.Cancelled && InWeek(r.CreatedAt)),
            PiecesReturned = data.Returns.Where(r => r.State != RecordState.Cancelled && InWeek(r.CreatedAt)).Sum(r => r.Returned ?? 0),
            LateShipments = shipped.Where(r => r.Delivery!.Late).OrderByDescending(r => r.Delivery!.DaysLate).Select(r => $"{r.Id} {r.Customer} +{r.Delivery!.DaysLate.ToString(CultureInfo.InvariantCulture)}").ToList(),
        };
        var bot = new AuditRecord(1, 0, now, "mingxin-bot", "明新客服助手 MingXin", "posted", $"{weekFrom:yyyy-MM-dd} – {weekTo:yyyy-MM-dd}", null);
        var result = await committer.CommitAsync(id, Kind, 1, WorkflowJson.Serialize(state), null, null, [bot], [new OutboxMessage(OutboxMessage.Post, Department.GeneralManagerOffice), new OutboxMessage(OutboxMessage.Post, Department.Sales), new OutboxMessage(OutboxMessage.Tasks)], cancellationToken).ConfigureAwait(false);
        logger.LogInformation(result is CommitResult.Committed ? "Weekly summary {Id} made." : "Weekly summary {Id} was made already.", id);
        return id;
    }

    private async Task ScheduleNextAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = Next(now, options.Value.Day, options.Value.TimeOfDay);
        await deadlines.RegisterAsync(new Deadline(NumberFor(due), DeadlineKey, due, "{}"), now, cancellationToken).ConfigureAwait(false);
    }

    // ---- IWorkflowForm: the summary is a record like any form, posted once, waiting on nobody ----

    /// <summary>The summary goes to the Sales and GM office channels: Sales, the GM and administrators read it.</summary>
    public bool MaySee(WorkflowPartition partition, Person person) => MaySeeKind(person);

    public IReadOnlyList<string> Readers(WorkflowPartition partition) =>
        [.. Positions.In(Department.Sales, Department.GeneralManagerOffice).Select(TaskIndex.PositionKey), TaskIndex.PositionKey(Position.Administrator)];

    public bool MaySeeKind(Person person) =>
        person.Positions.Overlaps([.. Positions.In(Department.Sales, Department.GeneralManagerOffice), Position.Administrator]);

    public bool IsOpen(WorkflowPartition partition) => false;

    public IReadOnlyList<string> TaskKeys(WorkflowPartition partition) => [];

    public RecordFacts Facts(WorkflowPartition partition)
    {
        var s = Load(partition);
        return new RecordFacts(s.Status, Cancelled: false, s.CreatedAt, Originator: string.Empty, Customer: null, Subject: string.Empty);
    }

    public TaskIndex.TaskEntry TaskEntry(WorkflowPartition partition, Language language, DateTimeOffset now) =>
        new(partition.State.Id, Kind, Title(Load(partition), language), string.Empty, now);

    public Task<JsonObject> BaseCardAsync(WorkflowPartition partition, Language language, CancellationToken cancellationToken) =>
        Task.FromResult(Card(Load(partition), language));

    public Task<JsonObject?> CardIfWaitingOnAsync(WorkflowPartition partition, Person person, Language language, CancellationToken cancellationToken) =>
        Task.FromResult<JsonObject?>(null);

    public static JsonObject Card(WeeklySummaryState s, Language l)
    {
        var w = s.LastWeekTwoHour;
        return DashboardCardView.Render(s.Figures, l, Title(s, l),
        [
            (l.Pick("上周生产通知单（两小时答复）", "Last week's notices (two-hour rule)"), w.Answered + w.Pending == 0 ? "—" : l.Pick($"准时 {w.OnTime}，超时 {w.Late}，待答复 {w.Pending}", $"on time {w.OnTime}, late {w.Late}, waiting {w.Pending}")),
            (l.Pick("上周投诉", "Last week's complaints"), l.Pick($"登记 {s.ComplaintsRegistered}，结案 {s.ComplaintsClosed}", $"registered {s.ComplaintsRegistered}, closed {s.ComplaintsClosed}")),
            (l.Pick("上周收回的满意度调查", "Surveys answered last week"), s.SurveysAnswered.ToString(CultureInfo.InvariantCulture)),
            (l.Pick("上周出货（准时交货）", "Last week's shipments (on time)"), s.Shipments == 0 ? "—" : l.Pick($"{s.Shipments} 批，准时 {s.ShipmentsOnTime}", $"{s.Shipments}, {s.ShipmentsOnTime} on time")
                + (s.LateShipments.Count == 0 ? string.Empty : l.Pick("；逾期（天）：", "; late (days): ") + string.Join(l.Pick("、", ", "), s.LateShipments.Take(MaxNamesShown)) + (s.LateShipments.Count > MaxNamesShown ? " …" : string.Empty))),
            (l.Pick("上周退货", "Last week's returns"), s.ReturnsRegistered == 0 ? "—" : l.Pick($"{s.ReturnsRegistered} 张，{s.PiecesReturned.ToString("N0", CultureInfo.InvariantCulture)} 件", $"{s.ReturnsRegistered}, {s.PiecesReturned.ToString("N0", CultureInfo.InvariantCulture)} pieces")),
            (l.Pick("未结事项", "Open items"), s.Figures.OpenTotal.ToString(CultureInfo.InvariantCulture)),
            (l.Pick($"本期（{s.SurveyPeriod}）尚未做满意度调查", $"No satisfaction survey yet for {s.SurveyPeriod}"), s.NotSurveyed.Count == 0
                ? l.Pick("全部客户已调查", "every customer is surveyed")
                : $"{s.NotSurveyed.Count}: " + string.Join(l.Pick("、", ", "), s.NotSurveyed.Take(MaxNamesShown)) + (s.NotSurveyed.Count > MaxNamesShown ? " …" : string.Empty)),
        ]);
    }

    private static string Title(WeeklySummaryState s, Language l) =>
        l.Pick($"每周客户服务摘要 {s.Id}（{s.WeekFrom:MM-dd} 至 {s.WeekTo:MM-dd}）", $"Weekly customer-service summary {s.Id} ({s.WeekFrom:MM-dd} to {s.WeekTo:MM-dd})");

    private static WeeklySummaryState Load(WorkflowPartition partition) => WorkflowJson.Deserialize<WeeklySummaryState>(partition.State.StateJson);
}
