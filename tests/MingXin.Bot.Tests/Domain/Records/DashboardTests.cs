using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Presentation;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Domain.Records;

/// <summary>The dashboard's numbers from known index rows, and its card checked by the renderer (with Teams' chart elements).</summary>
public sealed class DashboardTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero); // 10:00 in the factory
    private static readonly DateOnly From = new(2026, 5, 28);
    private static readonly DateOnly To = new(2026, 11, 27);

    private static RecordSummary R(string id, string kind, RecordState state, string? customer = "华美礼品", double createdDaysAgo = 30) =>
        new(id, kind, state, state.ToString(), customer, Now.AddDays(-createdDaysAgo), "王芳", "x");

    private static readonly RecordSummary[] Notices =
    [
        R("PN-1", "ProductionNotice", RecordState.Open) with { TwoHour = TwoHourOutcome.OnTime, AnswerMinutes = 40 },
        R("PN-2", "ProductionNotice", RecordState.Open) with { TwoHour = TwoHourOutcome.OnTime },
        R("PN-3", "ProductionNotice", RecordState.Closed, "Acme Printing Ltd") with { TwoHour = TwoHourOutcome.OnTime },
        R("PN-4", "ProductionNotice", RecordState.Open) with { TwoHour = TwoHourOutcome.Late }, // breached, answered or not
        R("PN-5", "ProductionNotice", RecordState.Open) with { TwoHour = TwoHourOutcome.Pending },
        R("PN-6", "ProductionNotice", RecordState.Open), // never reached Production
    ];

    private static readonly RecordSummary[] Complaints =
    [
        R("CC-1", "Complaint", RecordState.Closed, createdDaysAgo: 60) with { ClosedAt = Now.AddDays(-60).AddDays(4) }, // closed 2026-10-02: 4 days
        R("CC-2", "Complaint", RecordState.Closed, createdDaysAgo: 50) with { ClosedAt = Now.AddDays(-50).AddDays(7) }, // closed 2026-10-15: 7 days
        R("CC-3", "Complaint", RecordState.Closed, "Acme Printing Ltd", createdDaysAgo: 10) with { ClosedAt = Now.AddDays(-10).AddHours(36) }, // November: 1.5 days
        R("CC-4", "Complaint", RecordState.Cancelled, createdDaysAgo: 9) with { ClosedAt = Now.AddDays(-8) }, // cancelled: not a closure
        R("CC-5", "Complaint", RecordState.Open, createdDaysAgo: 3),
    ];

    private static readonly RecordSummary[] Surveys =
    [
        R("SV-1", "SatisfactionSurvey", RecordState.Closed) with { Period = "2026-H1", Scores = Five(4, 4, 4, 4, 4) },
        R("SV-2", "SatisfactionSurvey", RecordState.Closed, "Acme Printing Ltd") with { Period = "2026-H1", Scores = Five(2, 3, 3, 3, 4) },
        R("SV-3", "SatisfactionSurvey", RecordState.Closed) with { Period = "2026-H2", Scores = Five(5, 5, 4, 4, 5) },
        R("SV-4", "SatisfactionSurvey", RecordState.Open) with { Period = "2026-H2" }, // not answered
    ];

    private static readonly RecordSummary[] Open =
    [
        R("QT-1", "Quotation", RecordState.Open).Waiting(["sales"], Now.AddHours(-5)),
        R("SP-1", "SampleOrder", RecordState.Open).Waiting(["qc"], Now.AddDays(-2)),
        R("CC-5", "Complaint", RecordState.Open).Waiting(["qc", "production"], Now.AddDays(-8)),
        R("PN-5", "ProductionNotice", RecordState.Open).Waiting(["production"], Now.AddDays(-3)), // exactly 3 days: the 3–7 bucket
        R("CP-1", "CustomerProperty", RecordState.Open).Waiting([], Now.AddDays(-40)), // waits on nobody: not an open item
    ];

    private static Dictionary<string, int> Five(int q, int d, int s, int p, int c) => new() { ["quality"] = q, ["delivery"] = d, ["service"] = s, ["price"] = p, ["communication"] = c };

    private static DashboardFigures Figures(string? customer = null) =>
        DashboardFigures.Compute(From, To, Notices, Complaints, Surveys, Open, Now, BusinessCalendar.FactoryZone, customer);

    [Fact]
    public void The_two_hour_rate_counts_answers_and_breaches_not_those_still_waiting()
    {
        var f = Figures();
        Assert.Equal(new TwoHourFigures(3, 1, 1), f.TwoHour);
        Assert.Equal(75.0, f.TwoHour.OnTimeRate);
        Assert.Null(new TwoHourFigures(0, 0, 2).OnTimeRate);
    }

    [Fact]
    public void Open_items_are_counted_per_department_by_how_long_they_waited()
    {
        var f = Figures();
        // by age: under 1 day, 1–3, 3–7, 7 or more
        Assert.Equal(["production 0 0 1 1", "qc 0 1 0 1", "sales 1 0 0 0"], f.Open.Select(o => $"{o.Department} {string.Join(' ', o.ByAge)}"));
        Assert.Equal(5, f.OpenTotal); // CC-5 waits on two departments and counts in both
    }

    [Fact]
    public void Complaint_closure_time_is_averaged_by_month_of_closure_without_cancellations()
    {
        var f = Figures();
        Assert.Equal([new ClosureMonth("2026-10", 2, 5.5), new ClosureMonth("2026-11", 1, 1.5)], f.Closure);
        Assert.Equal(4.2, f.AverageClosureDays); // (4 + 7 + 1.5) / 3 = 4.17
    }

    [Fact]
    public void Satisfaction_is_averaged_per_period_and_can_be_seen_per_customer()
    {
        Assert.Equal([new SurveyPeriodScore("2026-H1", 2, 3.5), new SurveyPeriodScore("2026-H2", 1, 4.6)], Figures().Satisfaction);

        var acme = Figures("Acme Printing Ltd");
        Assert.Equal([new SurveyPeriodScore("2026-H1", 1, 3.0)], acme.Satisfaction);
        Assert.Equal(new TwoHourFigures(1, 0, 0), acme.TwoHour);
        Assert.Equal(1.5, acme.AverageClosureDays);
    }

    [Fact]
    public async Task The_card_draws_every_chart_from_the_figures_and_an_empty_period_draws_none()
    {
        var full = DashboardCardView.Render(Figures(), Language.Chinese, "客户服务看板", [("上周投诉", "登记 2，结案 1")]);
        var empty = DashboardCardView.Render(DashboardFigures.Compute(From, To, [], [], [], [], Now, BusinessCalendar.FactoryZone), Language.English, "Dashboard", []);

        var charts = Charts(full);
        Assert.Equal(["Chart.Gauge", "Chart.VerticalBar.Grouped", "Chart.VerticalBar", "Chart.Line"], charts.Select(c => c["type"]!.GetValue<string>()));
        Assert.Equal(75.0, charts[0]["value"]!.GetValue<double>());
        var bars = charts[1]["data"]!.AsArray();
        Assert.Equal(4, bars.Count); // one series per age
        Assert.Equal(["生产部", "品管部", "业务部"], bars[3]!["values"]!.AsArray().Select(v => v!["x"]!.GetValue<string>()));
        Assert.Equal([1, 1, 0], bars[3]!["values"]!.AsArray().Select(v => v!["y"]!.GetValue<int>())); // 7 days or more
        Assert.Equal([5.5, 1.5], charts[2]["data"]!.AsArray().Select(p => p!["y"]!.GetValue<double>()));
        Assert.Equal([3.5, 4.6], charts[3]["data"]![0]!["values"]!.AsArray().Select(p => p!["y"]!.GetValue<double>()));
        Assert.Empty(Charts(empty));
        Assert.Contains("Nothing is open.", CardDriver.Text(empty), StringComparison.Ordinal);

        Assert.All(await ReferenceCards.ValidateAsync([full, empty]), events => Assert.Empty(events));
    }

    private static List<System.Text.Json.Nodes.JsonObject> Charts(System.Text.Json.Nodes.JsonObject card) =>
        card["body"]!.AsArray().OfType<System.Text.Json.Nodes.JsonObject>().Where(e => e["type"]!.GetValue<string>().StartsWith("Chart.", StringComparison.Ordinal)).ToList();
}
