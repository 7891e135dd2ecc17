using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Samples;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>
/// Order Amendment Notice 订单修正通知单 in Teams (command <c>amend PN-…</c> / <c>修正 PN-…</c>). When the
/// planner acknowledges it, its outbox carries the change over to the Production Notice.
/// </summary>
public sealed partial class OrderAmendmentRunner(StepFormServices services) : StepFormRunner<OrderAmendment, OrderAmendmentState>(services)
{
    public override string Kind => OrderAmendment.Kind;

    public override string Prefix => OrderAmendment.Prefix;

    public override string VerbPrefix => AmendmentVerbs.Prefix;

    public override StepTable<OrderAmendment, AmendmentStatus> Steps => OrderAmendmentSteps.Table;

    protected override Domain.Records.RecordFacts Facts(OrderAmendment form) => FactsOf(form, form.State.Notice.CustomerName, form.State.Notice.Product);

    protected override OrderAmendment Wrap(OrderAmendmentState state) => new(state);

    protected override async Task<(object? Parent, string? Problem)> FindParentAsync(string parentId, Language l, CancellationToken cancellationToken)
    {
        var notice = await LoadStateAsync<ProductionNoticeState>(parentId, ProductionNotice.Kind, cancellationToken).ConfigureAwait(false);
        if (notice is null)
        {
            return (null, l.Pick($"找不到生产通知单 {CardText.Escape(parentId, 20)}。订单修正要写明生产通知单号，例如：修正 PN-2026-0001", $"There is no Production Notice {CardText.Escape(parentId, 20)}. Name the notice, e.g. amend PN-2026-0001"));
        }

        return notice.Status == NoticeStatus.Cancelled
            ? (null, l.Pick($"生产通知单 {notice.Id} 已取消，不能修正。", $"Production Notice {notice.Id} is cancelled; it cannot be amended."))
            : (new NoticeRef(notice.Id, notice.Status, notice.Order.CustomerName, notice.Order.Product, notice.Quantity, notice.DeliveryDate, notice.Specification), null);
    }

    protected override (OrderAmendment? Form, FormOutcome Outcome) Start(string id, object parent, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today)
    {
        var fieldText = QuotationInput.Get(values, "field");
        if (!Enum.TryParse<AmendedField>(fieldText, out var field) || !Enum.IsDefined(field))
        {
            return (null, new FormOutcome.Invalid([new Domain.Quotations.FieldProblem("field", Domain.Quotations.ProblemKind.Required)]));
        }

        var via = QuotationInput.Get(values, "via") is { Length: > 0 } v ? ParseVia(v) : (ContactChannel?)null;
        return OrderAmendment.Start(id, (NoticeRef)parent, field, QuotationInput.Get(values, "value"), QuotationInput.Get(values, "reason"), actor, today, now, QuotationInput.Get(values, "agreedBy"), via);
    }

    private static string Sign(string step, SignOff? signed) =>
        signed is null ? $"⏳ {step}" : $"✅ {step}：{CardText.Escape(signed.By.Name, 60)}，{FormCardView.Time(signed.At, full: false)}";
}
