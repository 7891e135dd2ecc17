using System.Globalization;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Shipments;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>What the Delivery Note shows: its cards and their texts, in both languages.</summary>
public sealed partial class DeliveryNoteRunner
{
    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    protected override FormCard NewFormCard(object parent, Language l, string draft, IReadOnlyDictionary<string, string> typed)
    {
        var p = (DeliveryParent)parent;
        var notice = new ProductionNotice(p.Notice);
        string V(string key) => QuotationInput.Get(typed, key);
        return new FormCard(
            string.Empty,
            0,
            $"{DeliveryNote.Name(l)} · {ProductionNotice.Name(l)} {p.Notice.Id}",
            $"{CardText.Escape(p.Notice.Order.CustomerName, 100)} · {CardText.Escape(p.Notice.Order.Product, 100)}",
            l.Pick("品管出货检验合格后，仓储出货并记录；业务记录客户签收。", "QC inspects the lot before it leaves; the warehouse ships it and records the shipment; Sales records the customer's receipt."),
            "Accent",
            ShippingFacts(notice, l),
            [],
            [],
            h => h.Action,
            [new FormPanel(
                l.Pick("本次出货", "This delivery"),
                [
                    new FormInput("quantity", l.Pick($"数量（未交 {N(p.Terms.Outstanding)}）", $"Quantity ({N(p.Terms.Outstanding)} still due)"), InputKind.Text, V("quantity") is { Length: > 0 } q ? q : p.Terms.Outstanding.ToString(CultureInfo.InvariantCulture), MaxLength: 12),
                    AddressInput(l, V("address"), p.Addresses),
                    new FormInput("note", l.Pick("备注（可选）", "Note (optional)"), InputKind.MultilineText, V("note")),
                ],
                [new FormButton(DeliveryVerbs.Start, l.Pick("开送货单，送品管出货检验", "Raise the note; QC inspects"))])],
            Draft: draft,
            Parent: p.Notice.Id);
    }

    /// <summary>The address input: the register's usual address filled in, the customer's others offered by name.</summary>
    private static FormInput AddressInput(Language l, string typed, IReadOnlyList<string> addresses) =>
        new("address", addresses.Count > 1
                ? l.Pick("送货地址（客户名录另有：", "Delivery address (the register also has: ") + string.Join(l.Pick("；", "; "), addresses.Skip(1).Select(a => CardText.Escape(a, 100))) + l.Pick("）", ")")
                : l.Pick("送货地址", "Delivery address"),
            InputKind.MultilineText,
            typed.Length > 0 ? typed : addresses.FirstOrDefault() ?? string.Empty,
            MaxLength: DeliveryNote.MaxAddressLength);

    /// <summary>Ordered, shipped and still due on the notice, and the date in force.</summary>
    private static List<(string, string)> ShippingFacts(ProductionNotice notice, Language l) =>
    [
        (l.Pick("订单数量", "Ordered"), N(notice.State.Quantity)),
        (l.Pick("已出货", "Shipped"), N(notice.Shipped)),
        (l.Pick("未交", "Still due"), N(notice.Outstanding)),
        (l.Pick("交期", "Delivery date"), notice.State.DeliveryDate is { } d ? FormCardView.Date(d) : CardText.Escape(notice.State.Order.CustomerSchedule ?? "—", 100)),
    ];

    protected override FormCard Card(DeliveryNote form, Language l, IReadOnlySet<string> verbs, IReadOnlyDictionary<string, string> typed)
    {
        var s = form.State;
        string V(string key) => QuotationInput.Get(typed, key);
        var facts = new List<(string, string)>
        {
            (l.Pick("客户", "Customer"), CardText.Escape(s.CustomerName, 100)),
            (ProductionNotice.Name(l), s.NoticeId + (s.ProductionTicket is { } t ? $" · {ProductionNotice.TicketName(l)} {CardText.Escape(t, 30)}" : string.Empty)),
            (l.Pick("产品", "Product"), CardText.Escape(s.Product, 100)),
            (l.Pick("规格", "Specification"), CardText.Escape(s.Specification, 300)),
            (l.Pick("本批数量", "Lot"), N(s.Quantity)),
            (l.Pick("送货地址", "Delivery address"), CardText.Escape(s.Address, DeliveryNote.MaxAddressLength)),
            (l.Pick("开单人", "Raised by"), CardText.Escape(s.Originator.Name, 80)),
        };
        if (s.Note is { } note)
        {
            facts.Add((l.Pick("备注", "Note"), CardText.Escape(note, 500)));
        }

        if (s.Shipment is { } shipment)
        {
            facts.Add((l.Pick("出货", "Shipped"), $"{N(shipment.Quantity)} · {FormCardView.Date(shipment.ShippedOn)} · {CardText.Escape(shipment.Carrier, 100)} — {CardText.Escape(shipment.By.Name, 60)}"));
            facts.Add((l.Pick("准时交货", "On time"), OnTimeText(shipment, l)));
        }

        if (s.Receipt is { } receipt)
        {
            facts.Add((l.Pick("客户签收", "Signed for"), $"{CardText.Escape(receipt.SignedBy, 100)} · {FormCardView.Date(receipt.ReceivedOn)} · {l.Pick("收货", "accepted")} {N(receipt.QuantityAccepted)}" + (receipt.Remarks is { } r ? l.Pick("：", ": ") + CardText.Escape(r, 300) : string.Empty)));
        }

        var sections = new List<FormSection>
        {
            new(
                l.Pick("品管出货检验", "QC's outgoing inspection"),
                s.Inspections.Select(i => $"{(i.Passed ? "✅ " + l.Pick("合格", "passed") : "⛔ " + l.Pick("暂扣", "held"))} — {CardText.Escape(i.By.Name, 60)}, {FormCardView.Time(i.At, full: false)}" + (i.Note is { } n ? ": " + CardText.Escape(n, 300) : string.Empty)).ToList()),
        };

        var panels = new List<FormPanel>();
        if (verbs.Contains(DeliveryVerbs.Pass))
        {
            panels.Add(new FormPanel(
                l.Pick("品管：出货检验", "QC: outgoing inspection"),
                [new FormInput("inspectionNote", l.Pick("检验说明（暂扣时必填）", "Note (required to hold)"), InputKind.MultilineText, V("inspectionNote"))],
                [new FormButton(DeliveryVerbs.Pass, l.Pick("合格，可出货", "Passed: ship it")), new FormButton(DeliveryVerbs.Hold, l.Pick("暂扣", "Hold"), "destructive")]));
        }

        if (verbs.Contains(DeliveryVerbs.Ship))
        {
            panels.Add(new FormPanel(
                l.Pick("仓储：出货", "Warehouse: ship"),
                [
                    new FormInput("quantity", l.Pick($"出货数量（本批 {N(s.Quantity)}）", $"Quantity shipped (lot of {N(s.Quantity)})"), InputKind.Text, V("quantity") is { Length: > 0 } q ? q : s.Quantity.ToString(CultureInfo.InvariantCulture), MaxLength: 12),
                    new FormInput("shippedOn", l.Pick("出货日期", "Shipped on"), InputKind.Date, V("shippedOn") is { Length: > 0 } d ? d : FormCardView.Date(FactoryToday(Services.Time.GetUtcNow()))),
                    new FormInput("carrier", l.Pick("承运人或车牌号", "Carrier or vehicle"), InputKind.Text, V("carrier"), MaxLength: DeliveryNote.MaxCarrierLength),
                    AddressInput(l, V("address") is { Length: > 0 } a ? a : s.Address, []),
                ],
                [new FormButton(DeliveryVerbs.Ship, l.Pick("已出货", "Shipped"))]));
        }

        if (verbs.Contains(DeliveryVerbs.Receipt))
        {
            panels.Add(new FormPanel(
                l.Pick("业务：客户签收", "Sales: the customer's receipt"),
                [
                    new FormInput("signedBy", l.Pick("签收人", "Signed by"), InputKind.Text, V("signedBy"), MaxLength: QuotationRequest.MaxNameLength),
                    new FormInput("receivedOn", l.Pick("签收日期", "Received on"), InputKind.Date, V("receivedOn") is { Length: > 0 } d ? d : FormCardView.Date(FactoryToday(Services.Time.GetUtcNow()))),
                    new FormInput("accepted", l.Pick($"实收数量（出货 {N(s.Shipment!.Quantity)}）", $"Quantity accepted (of {N(s.Shipment!.Quantity)} shipped)"), InputKind.Text, V("accepted") is { Length: > 0 } acc ? acc : s.Shipment.Quantity.ToString(CultureInfo.InvariantCulture), MaxLength: 12),
                    new FormInput("remarks", l.Pick("客户意见（少收时必填）", "Remarks (required when less was accepted)"), InputKind.MultilineText, V("remarks")),
                ],
                [new FormButton(DeliveryVerbs.Receipt, l.Pick("记录签收", "Record the receipt"))]));
        }

        return new FormCard(
            s.Id,
            s.Version,
            $"{DeliveryNote.Name(l)} {s.Id}",
            $"{CardText.Escape(s.CustomerName, 100)} · {CardText.Escape(s.Product, 100)} · {N(s.Shipment?.Quantity ?? s.Quantity)}",
            StatusText(form, l),
            s.Status switch
            {
                DeliveryStatus.Received => "Good",
                DeliveryStatus.OnHold or DeliveryStatus.Cancelled => "Attention",
                _ when s.Shipment is { DaysLate: > 0 } => "Warning",
                _ => "Accent",
            },
            facts,
            sections,
            s.History,
            h => Describe(h, l),
            panels,
            CancelVerb: verbs.Contains(DeliveryVerbs.Cancel) ? DeliveryVerbs.Cancel : null);
    }

    private static string OnTimeText(ShipmentRecord s, Language l) =>
        s.DueOn is not { } due ? l.Pick("订单无固定交期，不计", "No fixed delivery date on the order: not counted")
        : s.DaysLate > 0 ? l.Pick($"⚠️ 逾期 {s.DaysLate} 天（交期 {FormCardView.Date(due)}）", $"⚠️ {s.DaysLate} day(s) late (due {FormCardView.Date(due)})")
        : l.Pick($"✅ 准时（交期 {FormCardView.Date(due)}）", $"✅ On time (due {FormCardView.Date(due)})");

    private static string StatusText(DeliveryNote form, Language l) => form.Status switch
    {
        DeliveryStatus.AwaitingInspection => l.Pick("待品管出货检验", "Waiting for QC's outgoing inspection"),
        DeliveryStatus.OnHold => l.Pick("品管暂扣：", "Held by QC: ") + CardText.Escape(form.State.Inspections.LastOrDefault()?.Note, 200),
        DeliveryStatus.AwaitingShipment => l.Pick("检验合格：待仓储出货", "Passed: waiting for the warehouse to ship"),
        DeliveryStatus.AwaitingReceipt => l.Pick("已出货：待记录客户签收", "Shipped: waiting for the customer's receipt"),
        DeliveryStatus.Received => l.Pick("客户已签收", "Signed for by the customer"),
        _ => l.Pick("已取消：", "Cancelled: ") + CardText.Escape(form.State.CancelReason, 200),
    };

    protected override string FieldName(string field, Language l) => field switch
    {
        "quantity" => l.Pick("数量（不能超过未交数量）", "Quantity (at most what is still due)"),
        "address" => l.Pick("送货地址", "Delivery address"),
        "note" => l.Pick("备注", "Note"),
        "inspectionNote" => l.Pick("检验说明", "Inspection note"),
        "shippedOn" => l.Pick("出货日期", "Shipped on"),
        "carrier" => l.Pick("承运人或车牌号", "Carrier or vehicle"),
        "signedBy" => l.Pick("签收人", "Signed by"),
        "receivedOn" => l.Pick("签收日期", "Received on"),
        "accepted" => l.Pick("实收数量", "Quantity accepted"),
        "remarks" => l.Pick("客户意见", "Remarks"),
        _ => field,
    };

    protected override string Done(FormEvent e, Language l) => e.Action switch
    {
        DeliveryEvents.Started => l.Pick("送货单已开，送品管出货检验。", "Delivery Note raised; QC inspects the lot next."),
        DeliveryEvents.Passed => l.Pick("检验合格，仓储可出货。", "Passed; the warehouse may ship."),
        DeliveryEvents.Held => l.Pick("已暂扣，处理后请品管再检验。", "Held; QC inspects again once it is put right."),
        DeliveryEvents.Shipped => l.Pick("出货已记录，生产通知单已更新；请业务记录客户签收。", "Shipment recorded and the Production Notice updated; Sales records the customer's receipt."),
        DeliveryEvents.Received => l.Pick("客户签收已记录。", "The customer's receipt is recorded."),
        DeliveryEvents.Cancelled => l.Pick("送货单已取消。", "The Delivery Note is cancelled."),
        _ => l.Pick("已记录。", "Recorded."),
    };

    protected override string HistoryText(HistoryEntry h, Language l) => (h.Action switch
    {
        DeliveryEvents.Started => l.Pick("开送货单", "raised the Delivery Note"),
        DeliveryEvents.Passed => l.Pick("出货检验合格", "passed the outgoing inspection"),
        DeliveryEvents.Held => l.Pick("出货检验暂扣", "held the lot"),
        DeliveryEvents.Shipped => l.Pick("出货", "shipped"),
        DeliveryEvents.Received => l.Pick("记录客户签收", "recorded the customer's receipt"),
        DeliveryEvents.Cancelled => l.Pick("取消", "cancelled"),
        _ => h.Action,
    }) + (string.IsNullOrWhiteSpace(h.Comment) ? string.Empty : l.Pick("：", ": ") + CardText.Escape(h.Comment, 300));
}
