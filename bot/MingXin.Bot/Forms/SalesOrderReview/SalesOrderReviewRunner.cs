using System.Globalization;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>Sales-order review 订单评审 in Teams (command <c>order QT-…</c> / <c>订单 QT-…</c>).</summary>
public sealed partial class SalesOrderReviewRunner(StepFormServices services) : StepFormRunner<SalesOrderReview, SalesOrderReviewState>(services)
{
    public override string Kind => SalesOrderReview.Kind;

    public override string Prefix => SalesOrderReview.Prefix;

    public override string VerbPrefix => OrderReviewVerbs.Prefix;

    public override StepTable<SalesOrderReview, OrderReviewStatus> Steps => SalesOrderReviewSteps.Table;

    protected override Domain.Records.RecordFacts Facts(SalesOrderReview form) => FactsOf(form, form.State.Quoted.CustomerName, form.State.Order.Product);

    protected override SalesOrderReview Wrap(SalesOrderReviewState state) => new(state);

    protected override async Task<(object? Parent, string? Problem)> FindParentAsync(string parentId, Language l, CancellationToken cancellationToken)
    {
        var q = await LoadStateAsync<QuotationState>(parentId, Quotation.Kind, cancellationToken).ConfigureAwait(false);
        if (q is null)
        {
            return (null, l.Pick($"找不到报价单 {CardText.Escape(parentId, 20)}。订单评审要写明客户已确认的报价单号，例如：订单 QT-2026-0001", $"There is no quotation {CardText.Escape(parentId, 20)}. Name the confirmed quotation, e.g. order QT-2026-0001"));
        }

        if (q.Status != QuotationStatus.Confirmed)
        {
            return (null, l.Pick($"报价单 {q.Id} 还没有客户确认签回，不能据此评审订单。", $"Quotation {q.Id} is not confirmed by the customer, so an order cannot be reviewed against it."));
        }

        var sheet = q.Versions[^1].Data.ToSheet();
        return (new QuotedTerms(q.Id, q.Request.CustomerName, q.Request.Product, q.Request.Specification, sheet.PriceBreaks(), q.Request.IsRepeatOrder), null);
    }

    protected override (SalesOrderReview? Form, FormOutcome Outcome) Start(string id, object parent, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today)
    {
        var (order, confirmed, problems) = SalesOrderReviewSteps.ReadOrder(new StepValues(values));
        if (problems.Count > 0)
        {
            return (null, SalesOrderReviewSteps.AllProblems(problems, order, today));
        }

        return SalesOrderReview.Start(id, (QuotedTerms)parent, order, confirmed, QuotationInput.Get(values, "note"), actor, today, now);
    }

    public static string PointName(OrderPoint p, Language l) => p switch
    {
        OrderPoint.Name => l.Pick("名称", "Name"),
        OrderPoint.Specification => l.Pick("规格", "Specification"),
        OrderPoint.Quantity => l.Pick("数量", "Quantity"),
        OrderPoint.Price => l.Pick("价格", "Price"),
        OrderPoint.Quality => l.Pick("品质要求", "Quality requirements"),
        _ => l.Pick("交期", "Delivery date"),
    };

    private static Dictionary<string, string> Values(OrderTerms o, IEnumerable<OrderPoint> confirmed, string? note) => new()
    {
        ["po"] = o.CustomerOrderNumber,
        ["product"] = o.Product,
        ["specification"] = o.Specification,
        ["quantity"] = o.Quantity.ToString(CultureInfo.InvariantCulture),
        ["price"] = o.UnitPrice.ToString("0.####", CultureInfo.InvariantCulture),
        ["quality"] = o.QualityRequirements,
        ["delivery"] = o.DeliveryDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        ["schedule"] = o.CustomerSchedule ?? string.Empty,
        ["confirmed"] = string.Join(",", confirmed),
        ["note"] = note ?? string.Empty,
    };

    /// <summary>The values that did not parse, and every other problem of the order, at once.</summary>
}
