using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Shipments;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>
/// Delivery Note 送货单 in Teams (command <c>delivery PN-…</c> / <c>送货单 PN-…</c>): a lot of a Production
/// Notice in production, inspected by QC, shipped by the warehouse, signed for by the customer.
/// </summary>
public sealed partial class DeliveryNoteRunner(StepFormServices services, CustomerStore customers) : StepFormRunner<DeliveryNote, DeliveryNoteState>(services)
{
    public override string Kind => DeliveryNote.Kind;

    public override string Prefix => DeliveryNote.Prefix;

    public override string VerbPrefix => DeliveryVerbs.Prefix;

    public override StepTable<DeliveryNote, DeliveryStatus> Steps => DeliveryNoteSteps.Table;

    public override string ParentHint(Language l) => l.Pick("请写上生产通知单号，例如：送货单 PN-2026-0001", "Name the Production Notice, e.g. delivery PN-2026-0001");

    protected override Domain.Records.RecordFacts Facts(DeliveryNote form) =>
        FactsOf(form, form.State.CustomerName, $"{form.State.NoticeId} · {form.State.Product}", form.State.ClosedAt) with
        {
            Delivery = form.State.Shipment is { } s ? new Domain.Records.DeliveryFacts(s.ShippedOn, s.DueOn, s.Quantity, s.DaysLate) : null,
        };

    protected override DeliveryNote Wrap(DeliveryNoteState state) => new(state);

    /// <summary>What a new note ships against: the notice as it stands, and the customer's delivery addresses from the register.</summary>
    private sealed record DeliveryParent(ProductionNoticeState Notice, NoticeTerms Terms, IReadOnlyList<string> Addresses);

    protected override async Task<(object? Parent, string? Problem)> FindParentAsync(string parentId, Language l, CancellationToken cancellationToken)
    {
        var state = Domain.Documents.DocumentNumber.TryParse(parentId, out var number) && number.Prefix == ProductionNotice.Prefix
            ? await LoadStateAsync<ProductionNoticeState>(number.ToString(), ProductionNotice.Kind, cancellationToken).ConfigureAwait(false)
            : null;
        if (state is null)
        {
            return (null, l.Pick($"找不到生产通知单“{CardText.Escape(parentId, 30)}”。请写生产通知单号，例如：送货单 PN-2026-0001。", $"There is no Production Notice “{CardText.Escape(parentId, 30)}”. Name one, e.g. delivery PN-2026-0001."));
        }

        var terms = TermsOf(new ProductionNotice(state));
        if (!terms.Shippable)
        {
            return (null, state.Status switch
            {
                NoticeStatus.Shipped => l.Pick($"生产通知单 {state.Id} 已全部出货（或余数已取消），不能再开送货单。", $"Production Notice {state.Id} is shipped in full (or the rest was cancelled): no more Delivery Notes."),
                NoticeStatus.Cancelled => l.Pick($"生产通知单 {state.Id} 已取消。", $"Production Notice {state.Id} is cancelled."),
                _ => l.Pick($"生产通知单 {state.Id} 还没有开生产传票，不能出货。", $"Production Notice {state.Id} has no Production Ticket yet: nothing can be shipped."),
            });
        }

        var customer = await customers.FindAsync(state.Order.CustomerName, cancellationToken).ConfigureAwait(false);
        return (new DeliveryParent(state, terms, customer?.Addresses ?? []), null);
    }

    protected override (DeliveryNote? Form, FormOutcome Outcome) Start(string id, object parent, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today)
    {
        var p = (DeliveryParent)parent;
        var v = new StepValues(values);
        return DeliveryNote.Start(id, p.Terms, p.Notice.Order.CustomerName, p.Notice.Order.Product, p.Notice.Specification, p.Notice.ProductionTicket, v.Int("quantity"), v.Text("address"), v.Text("note"), actor, now);
    }

    /// <summary>The shipment is checked against the notice as it stands at that moment: what it still has due, and the date in force.</summary>
    protected override async Task<StepContext> ContextAsync(DeliveryNote form, CardClick action, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var context = new StepContext(actor, new StepValues(action.Values), now, FactoryToday(now));
        if (action.Verb != DeliveryVerbs.Ship)
        {
            return context;
        }

        var notice = await LoadStateAsync<ProductionNoticeState>(form.State.NoticeId, ProductionNotice.Kind, cancellationToken).ConfigureAwait(false);
        return notice is null ? context : context with { Related = TermsOf(new ProductionNotice(notice)) };
    }

    private static NoticeTerms TermsOf(ProductionNotice notice) => new(notice.Id, notice.Outstanding, notice.State.DeliveryDate, notice.Shippable);
}
