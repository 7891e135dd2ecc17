using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Returns;
using MingXin.Bot.Domain.Shipments;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>Section <c>Returns</c>: the credit a return's disposition may grant without the general manager.</summary>
public sealed class ReturnOptions
{
    public const string SectionName = "Returns";

    /// <summary>A credit above this many CNY is a credit request to the general manager.</summary>
    [Range(0, 10_000_000)]
    public decimal CreditApprovalAbove { get; set; } = 5_000m;
}

/// <summary>
/// Customer Return 退货单 in Teams (command <c>return DN-… [CC-…]</c> / <c>退货 DN-…</c>, or a Production
/// Notice PN-…): registered by Sales against what was shipped, counted, inspected, each disposition
/// carried out — tied to its complaint and corrective action, opened for it when none is named.
/// </summary>
public sealed partial class CustomerReturnRunner(StepFormServices services, CustomerStore customers, IOptions<ReturnOptions> options)
    : StepFormRunner<CustomerReturn, CustomerReturnState>(services), IFormChangeHandler<ReturnComplaintOpened>
{
    public override string Kind => CustomerReturn.Kind;

    public override string Prefix => CustomerReturn.Prefix;

    public override string VerbPrefix => ReturnVerbs.Prefix;

    public override StepTable<CustomerReturn, ReturnStatus> Steps { get; } = CustomerReturnSteps.Build(options.Value.CreditApprovalAbove);

    public override string ParentHint(Language l) => l.Pick("请写上送货单号（或生产通知单号），例如：退货 DN-2026-0001；有投诉单的加上投诉编号：退货 DN-2026-0001 CC-2026-0003", "Name the Delivery Note (or Production Notice), e.g. return DN-2026-0001; add the complaint if there is one: return DN-2026-0001 CC-2026-0003");

    protected override Domain.Records.RecordFacts Facts(CustomerReturn form) =>
        FactsOf(form, form.State.Source.CustomerName, $"{form.State.Source.DeliveryNote ?? form.State.Source.Notice} · {form.State.Source.Product}", form.State.ClosedAt) with { Returned = form.Returned };

    protected override CustomerReturn Wrap(CustomerReturnState state) => new(state);

    /// <summary>The corrective action opened for the return: the return records its number.</summary>
    public Task<string> ApplyAsync(ReturnComplaintOpened change, CancellationToken cancellationToken) =>
        ApplyToAsync(change.ReturnId, (rt, now) => rt.LinkComplaint(change.ComplaintId, now), cancellationToken);

    /// <summary>What a return is registered against: where the goods came from, and the complaint it belongs to (when named).</summary>
    private sealed record ReturnParent(ReturnSource Source, string? Complaint);

    protected override async Task<(object? Parent, string? Problem)> FindParentAsync(string parentId, Language l, CancellationToken cancellationToken)
    {
        var numbers = Numbers().Matches(parentId).Select(m => m.Value.ToUpperInvariant()).Distinct().ToList();
        var shipped = numbers.FirstOrDefault(n => n.StartsWith(DeliveryNote.Prefix + "-", StringComparison.Ordinal) || n.StartsWith(ProductionNotice.Prefix + "-", StringComparison.Ordinal));
        var complaintId = numbers.FirstOrDefault(n => n.StartsWith(Complaint.Prefix + "-", StringComparison.Ordinal));
        ReturnSource? source = null;
        if (shipped?.StartsWith(DeliveryNote.Prefix, StringComparison.Ordinal) == true)
        {
            var dn = await LoadStateAsync<DeliveryNoteState>(shipped, DeliveryNote.Kind, cancellationToken).ConfigureAwait(false);
            if (dn?.Shipment is { } shipment)
            {
                source = new ReturnSource(dn.Id, dn.NoticeId, string.Empty, dn.CustomerName, dn.Product, shipment.Quantity);
            }
        }
        else if (shipped is not null)
        {
            var notice = await LoadStateAsync<ProductionNoticeState>(shipped, ProductionNotice.Kind, cancellationToken).ConfigureAwait(false);
            if (notice is not null && new ProductionNotice(notice).Shipped is > 0 and var total)
            {
                source = new ReturnSource(null, notice.Id, string.Empty, notice.Order.CustomerName, notice.Order.Product, total);
            }
        }

        if (source is null)
        {
            return (null, l.Pick(
                $"找不到已出货的送货单或生产通知单“{CardText.Escape(parentId, 40)}”。退货要写出货的送货单号，例如：退货 DN-2026-0001；只是投诉（不退货）请写：投诉 ……",
                $"“{CardText.Escape(parentId, 40)}” is no Delivery Note or Production Notice that has shipped. Name the Delivery Note, e.g. return DN-2026-0001; for a complaint without goods coming back, write: complaint …"));
        }

        var customer = await customers.FindAsync(source.CustomerName, cancellationToken).ConfigureAwait(false);
        source = source with { CustomerId = customer?.Id ?? string.Empty };
        if (complaintId is not null)
        {
            var complaint = await LoadStateAsync<ComplaintState>(complaintId, Complaint.Kind, cancellationToken).ConfigureAwait(false);
            if (complaint is null || Customer.NameKey(complaint.Details.CustomerName) != Customer.NameKey(source.CustomerName))
            {
                return (null, l.Pick($"找不到这位客户的投诉 {CardText.Escape(complaintId, 20)}。", $"There is no complaint {CardText.Escape(complaintId, 20)} of this customer."));
            }
        }

        return (new ReturnParent(source, complaintId), null);
    }

    protected override (CustomerReturn? Form, FormOutcome Outcome) Start(string id, object parent, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today)
    {
        var p = (ReturnParent)parent;
        var v = new StepValues(values);
        return CustomerReturn.Register(id, p.Source, p.Complaint, v.Int("quantity"), v.Text("reason"), v.Lines("files"), actor, now);
    }

    [GeneratedRegex(@"\b(DN|PN|CC)-\d{4}-\d{4,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Numbers();
}
