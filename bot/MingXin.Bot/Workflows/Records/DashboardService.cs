using MingXin.Bot.Conversations;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Shipments;
using MingXin.Bot.Domain.Surveys;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Records;

/// <summary>
/// The dashboard (command <c>dashboard</c> / <c>看板</c>, optionally <c>customer …</c>): two-hour rule,
/// open items by department and age, complaint closure time, satisfaction trend, on-time delivery, returns (ppm, open by age) — figures from the
/// record index only, over the last <see cref="WindowMonths"/> months (surveys: <see cref="TrendMonths"/>).
/// </summary>
public sealed class DashboardService(RecordIndex index, CustomerStore customers, IPeopleDirectory directory, TimeProvider time)
{
    public const int WindowMonths = 6;
    public const int TrendMonths = 24;

    public async Task<ChatReply> ShowAsync(string userId, string text, Language l, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(userId, cancellationToken).ConfigureAwait(false) is null)
        {
            return ChatReply.Message(l.Pick("目录中没有你的岗位，不能查看看板。", "The directory lists no position for you, so you cannot see the dashboard."));
        }

        string? customer = null;
        var rest = text.Trim();
        foreach (var word in new[] { "customer", "客户", "顾客" })
        {
            if (rest.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                rest = rest[word.Length..].Trim(' ', ':', '：');
                break;
            }
        }

        if (rest.Length > 0)
        {
            customer = (await customers.FindAsync(rest, cancellationToken).ConfigureAwait(false))?.Name;
            if (customer is null)
            {
                return ChatReply.Message(l.Pick($"客户名录中没有“{CardText.Escape(rest, 60)}”。写“看板”看全部客户，或“看板 客户 华美礼品”。", $"“{CardText.Escape(rest, 60)}” is not in the customer register. Type “dashboard” for all customers, or “dashboard customer Acme Printing Ltd”."));
            }
        }

        var today = Today();
        var figures = await FiguresAsync(today, customer, cancellationToken).ConfigureAwait(false);
        return ChatReply.AdaptiveCard(DashboardCardView.Render(figures, l, customer is null ? l.Pick("客户服务看板", "Customer service dashboard") : l.Pick($"客户服务看板 · {customer}", $"Customer service dashboard · {customer}"), DashboardCardView.RiskFacts(figures, l)));
    }

    /// <summary>The figures for the window ending <paramref name="to"/>.</summary>
    public async Task<DashboardFigures> FiguresAsync(DateOnly to, string? customer, CancellationToken cancellationToken) =>
        Figures(await DataAsync(to, cancellationToken).ConfigureAwait(false), customer);

    /// <summary>The index rows the figures of the window ending <paramref name="to"/> are computed from (read once, for the dashboard and the weekly summary).</summary>
    public async Task<DashboardData> DataAsync(DateOnly to, CancellationToken cancellationToken)
    {
        var from = to.AddMonths(-WindowMonths).AddDays(1);
        var notices = await index.OfKindAsync(ProductionNotice.Kind, from, to, cancellationToken).ConfigureAwait(false);
        var complaints = await index.OfKindAsync(Complaint.Kind, from, to, cancellationToken).ConfigureAwait(false);
        var surveys = await index.OfKindAsync(SatisfactionSurvey.Kind, to.AddMonths(-TrendMonths).AddDays(1), to, cancellationToken).ConfigureAwait(false);
        var open = await index.OpenAsync(to, cancellationToken).ConfigureAwait(false);
        var deliveries = await index.OfKindAsync(DeliveryNote.Kind, from, to, cancellationToken).ConfigureAwait(false);
        var returns = await index.OfKindAsync(Domain.Returns.CustomerReturn.Kind, from, to, cancellationToken).ConfigureAwait(false);
        return new DashboardData(from, to, notices, complaints, surveys, open, deliveries, returns);
    }

    public DashboardFigures Figures(DashboardData data, string? customer) =>
        DashboardFigures.Compute(data.From, data.To, data.Notices, data.Complaints, data.Surveys, data.Open, time.GetUtcNow(), BusinessCalendar.FactoryZone, customer, data.Deliveries, data.Returns);

    private DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), BusinessCalendar.FactoryZone).DateTime);
}

/// <summary>The index rows behind the dashboard: notices, complaints, Delivery Notes and Customer Returns made in the window, surveys of the trend's longer window, every open record.</summary>
public sealed record DashboardData(DateOnly From, DateOnly To, IReadOnlyList<RecordSummary> Notices, IReadOnlyList<RecordSummary> Complaints, IReadOnlyList<RecordSummary> Surveys, IReadOnlyList<RecordSummary> Open, IReadOnlyList<RecordSummary> Deliveries, IReadOnlyList<RecordSummary> Returns);
