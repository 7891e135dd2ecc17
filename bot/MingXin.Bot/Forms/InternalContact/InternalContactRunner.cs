using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>
/// Internal Contact Form 内部联络单 (4.2.2–4.2.3) in Teams (command <c>contact PN-…</c> / <c>联络单 PN-…</c>,
/// or the button on a notice in production). Its outbox lists it on the notice, and carries the
/// customer's permission (a new date) or refusal (at risk, for the GM) to it.
/// </summary>
public sealed partial class InternalContactRunner(StepFormServices services) : StepFormRunner<InternalContact, InternalContactState>(services)
{
    public override string Kind => InternalContact.Kind;

    public override string Prefix => InternalContact.Prefix;

    public override string VerbPrefix => ContactVerbs.Prefix;

    public override StepTable<InternalContact, ContactStatus> Steps => InternalContactSteps.Table;

    public override string ParentHint(Language l) => l.Pick("请写上生产通知单号，例如：联络单 PN-2026-0001", "Add the Production Notice number, e.g. contact PN-2026-0001");

    protected override Domain.Records.RecordFacts Facts(InternalContact form) => FactsOf(form, form.State.Notice.CustomerName, form.State.Notice.Product);

    protected override InternalContact Wrap(InternalContactState state) => new(state);

    protected override async Task<(object? Parent, string? Problem)> FindParentAsync(string parentId, Language l, CancellationToken cancellationToken)
    {
        var state = await LoadStateAsync<ProductionNoticeState>(parentId, ProductionNotice.Kind, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return (null, l.Pick($"找不到生产通知单 {CardText.Escape(parentId, 20)}。内部联络单要写明生产通知单号，例如：联络单 PN-2026-0001", $"There is no Production Notice {CardText.Escape(parentId, 20)}. Name the notice, e.g. contact PN-2026-0001"));
        }

        var notice = new ProductionNotice(state);
        return notice.InProduction
            ? (new ContactNotice(state.Id, state.Status, state.Order.CustomerName, state.Order.Product, state.DeliveryDate, notice.InProduction, notice.ContactLateAfter), null)
            : (null, l.Pick($"生产通知单 {state.Id} 不在生产中（总经理批准后到生产结束），不能发内部联络单。", $"Production Notice {state.Id} is not in production (from the GM's approval until it is finished), so no Internal Contact Form."));
    }

    protected override (InternalContact? Form, FormOutcome Outcome) Start(string id, object parent, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today) =>
        InternalContact.Start(id, (ContactNotice)parent, ParseDate(QuotationInput.Get(values, "proposedDate")), QuotationInput.Get(values, "contactReason"), actor, today, now);
}
