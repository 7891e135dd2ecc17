using System.Globalization;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>What the SalesOrderReview form shows: its cards and their texts, in both languages.</summary>
public sealed partial class SalesOrderReviewRunner
{
    protected override FormCard NewFormCard(object parent, Language l, string draft, IReadOnlyDictionary<string, string> typed)
    {
        var quoted = (QuotedTerms)parent;
        var values = typed.Count > 0 ? typed : new Dictionary<string, string> { ["product"] = quoted.Product, ["specification"] = quoted.Specification };
        return new FormCard(
            string.Empty,
            0,
            $"{SalesOrderReview.Name(l)} · {Quotation.Name(l)} {quoted.QuotationId}",
            $"{CardText.Escape(quoted.CustomerName, 100)} · {CardText.Escape(quoted.Product, 100)}",
            l.Pick("按客户订单填写，并逐项核对：名称、规格、数量、价格、品质要求、交期。", "Fill in the customer's order and check each point: name, specification, quantity, price, quality requirements, delivery."),
            "Accent",
            [(l.Pick("报价", "Quoted prices"), string.Join("；", quoted.Prices.Select(p => $"{p.Quantity.ToString("N0", CultureInfo.InvariantCulture)} × ¥{p.UnitPrice.ToString("0.0000", CultureInfo.InvariantCulture)}")))],
            [],
            [],
            h => h.Action,
            [new FormPanel(SalesOrderReview.Name(l), Inputs(l, values), [new FormButton(OrderReviewVerbs.Start, l.Pick("提交评审", "Submit review"))])],
            Draft: draft,
            Parent: quoted.QuotationId);
    }

    protected override FormCard Card(SalesOrderReview form, Language l, IReadOnlySet<string> verbs, IReadOnlyDictionary<string, string> typed)
    {
        var s = form.State;
        var explained = s.DifferenceNote is not null;

        // A price that differs is settled only by the GM's acceptance (reviews passed before that rule: by the note, as then).
        var passedByNote = s.Status == OrderReviewStatus.Passed && !s.ReturnExpected && s.PriceDecision is null;
        bool Settled(PointCheck p) => p.Point == OrderPoint.Price && !p.Matches && !passedByNote
            ? p.Confirmed && s.PriceDecision?.Accepted == true
            : p.Passes(explained);
        var points = s.Points.Select(p =>
            $"{(Settled(p) ? "✅" : "⚠️")} {PointName(p.Point, l)}：{l.Pick("报价", "quoted")} {CardText.Escape(p.Quoted, 200)} ｜ {l.Pick("订单", "ordered")} {CardText.Escape(p.Ordered, 200)}"
            + (p.Matches ? string.Empty : l.Pick("（不一致）", " (differs)"))
            + (p.Confirmed ? string.Empty : l.Pick("（未确认）", " (not confirmed)"))).ToList();
        if (s.DifferenceNote is { } note)
        {
            points.Add(l.Pick("差异说明：", "Differences settled: ") + CardText.Escape(note, 500));
        }

        if (s.PriceDecision is { } decision)
        {
            points.Add((decision.Accepted ? l.Pick("总经理同意订单单价", "The GM accepted the ordered price") : l.Pick("总经理不同意订单单价", "The GM did not accept the ordered price"))
                + $" — {CardText.Escape(decision.By.Name, 60)} {FormCardView.Time(decision.At, full: true)}"
                + (decision.Comment is { } c ? l.Pick("：", ": ") + CardText.Escape(c, 300) : string.Empty));
        }

        var sections = new List<FormSection> { new(l.Pick("六项核对（报价 ｜ 订单）", "Six points (quoted | ordered)"), points) };
        if (s.Returned is { } returned)
        {
            sections.Add(new FormSection(l.Pick("盖章回传客户", "Stamped and returned to the customer"), [$"{FormCardView.Date(returned.On)} · {FormCardView.Via(returned.Via, l)} · {CardText.Escape(returned.To, 100)} — {CardText.Escape(returned.By.Name, 60)}"]));
        }

        var panels = new List<FormPanel>();
        if (verbs.Contains(OrderReviewVerbs.Resubmit))
        {
            var values = typed.Count > 0 ? typed : Values(s.Order, s.Points.Where(p => p.Confirmed).Select(p => p.Point), s.DifferenceNote);
            panels.Add(new FormPanel(l.Pick("修改并重新核对", "Correct and check again"), Inputs(l, values), [new FormButton(OrderReviewVerbs.Resubmit, l.Pick("重新提交", "Submit again"))]));
        }

        if (verbs.Contains(OrderReviewVerbs.AcceptPrice))
        {
            panels.Add(new FormPanel(
                l.Pick("总经理：订单单价与报价不一致", "General manager: the ordered price differs from the quotation"),
                [new FormInput("gmComment", l.Pick("意见（不同意时必填）", "Comment (required to send it back)"), InputKind.MultilineText, QuotationInput.Get(typed, "gmComment"))],
                [new FormButton(OrderReviewVerbs.AcceptPrice, l.Pick("同意订单单价", "Accept the ordered price")), new FormButton(OrderReviewVerbs.RefusePrice, l.Pick("不同意，退回业务", "Do not accept: back to Sales"))]));
        }

        if (verbs.Contains(OrderReviewVerbs.Returned))
        {
            string V(string key) => QuotationInput.Get(typed, key);
            panels.Add(new FormPanel(
                l.Pick("订单已盖业务章回传客户", "The stamped order was returned to the customer"),
                [
                    new FormInput("returnedTo", l.Pick("客户方接收人", "Received by (at the customer)"), InputKind.Text, V("returnedTo"), MaxLength: 100),
                    new FormInput("returnedOn", l.Pick("回传日期", "Date returned"), InputKind.Date, V("returnedOn")),
                    new FormInput("via", l.Pick("方式", "How"), InputKind.Choice, V("via") is { Length: > 0 } via ? via : nameof(ContactChannel.Fax), FormCardView.ViaChoices(l)),
                ],
                [new FormButton(OrderReviewVerbs.Returned, l.Pick("记录回传", "Record the return"))]));
        }

        return new FormCard(
            s.Id,
            s.Version,
            $"{SalesOrderReview.Name(l)} {s.Id} · {Quotation.Name(l)} {s.Quoted.QuotationId}",
            $"{CardText.Escape(s.Quoted.CustomerName, 100)} · {l.Pick("客户订单", "customer order")} {CardText.Escape(s.Order.CustomerOrderNumber, 50)}",
            s.Status switch
            {
                OrderReviewStatus.Passed when form.ReturnPending => l.Pick("六项已确认：请盖业务章回传客户并记录", "All six confirmed: stamp the order, return it to the customer and record it"),
                OrderReviewStatus.Passed => l.Pick("六项已确认：订单已盖业务章回传客户", "All six confirmed: order stamped and returned to the customer"),
                OrderReviewStatus.AwaitingGmPriceDecision => l.Pick("待总经理决定：订单单价与报价不一致", "Awaiting the GM: the ordered price differs from the quotation"),
                OrderReviewStatus.NeedsClarification => l.Pick("待澄清：有未确认或与报价不一致的项目", "Needs clarification: a point is unconfirmed or differs from the quotation"),
                _ => l.Pick("已取消：", "Cancelled: ") + CardText.Escape(s.CancelReason, 200),
            },
            s.Status == OrderReviewStatus.Passed ? "Good" : s.Status == OrderReviewStatus.Cancelled ? "Attention" : "Warning",
            [
                (l.Pick("数量", "Quantity"), s.Order.Quantity.ToString("N0", CultureInfo.InvariantCulture)),
                (l.Pick("单价", "Unit price"), "¥" + s.Order.UnitPrice.ToString("0.0000", CultureInfo.InvariantCulture)),
                (l.Pick("金额", "Total"), "¥" + CostSheet.Round(s.Order.UnitPrice * s.Order.Quantity, CostSheet.MoneyDecimals).ToString("N2", CultureInfo.InvariantCulture)),
                (l.Pick("业务员", "Salesperson"), CardText.Escape(s.Originator.Name, 80)),
            ],
            sections,
            s.History,
            h => Describe(h, l),
            panels,
            CancelVerb: verbs.Contains(OrderReviewVerbs.Cancel) ? OrderReviewVerbs.Cancel : null);
    }

    protected override string FieldName(string field, Language l) => field switch
    {
        "po" => l.Pick("客户订单号", "Customer order number"),
        "product" => l.Pick("名称", "Name"),
        "specification" => l.Pick("规格", "Specification"),
        "quantity" => l.Pick("数量", "Quantity"),
        "price" => l.Pick("单价", "Unit price"),
        "quality" => l.Pick("品质要求", "Quality requirements"),
        "delivery" => l.Pick("交期", "Delivery date"),
        "schedule" => l.Pick("客户交货计划", "Customer's schedule"),
        "confirmed" => l.Pick("已核对的项目", "Points checked"),
        "returnedTo" => l.Pick("客户方接收人", "Received by"),
        "returnedOn" => l.Pick("回传日期", "Date returned"),
        "via" => l.Pick("方式", "How"),
        "gmComment" => l.Pick("意见", "Comment"),
        _ => field,
    };

    protected override string Done(FormEvent e, Language l) => e.Action switch
    {
        OrderReviewEvents.Returned => l.Pick("已记录：订单已盖章回传客户。", "Recorded: the stamped order went back to the customer."),
        OrderReviewEvents.PriceAccepted => l.Pick("已同意订单单价：请业务盖章回传客户。", "Ordered price accepted: Sales stamps the order and returns it."),
        OrderReviewEvents.PriceRefused => l.Pick("已退回业务：请与客户重新确认单价。", "Sent back to Sales: settle the price with the customer."),
        _ when e.StatusAfter == nameof(OrderReviewStatus.AwaitingGmPriceDecision) => l.Pick("已保存；订单单价与报价不一致，已送总经理决定。", "Saved; the ordered price differs from the quotation and goes to the general manager."),
        _ => DoneOfReview(e, l),
    };

    private static string DoneOfReview(FormEvent e, Language l) => e.StatusAfter == nameof(OrderReviewStatus.Passed)
        ? l.Pick("六项均已确认：订单盖业务章回传客户。", "All six points confirmed: stamp the order and return it to the customer.")
        : e.Action == OrderReviewEvents.Cancelled
            ? l.Pick("订单评审已取消。", "The order review is cancelled.")
            : l.Pick("已保存；还有项目未确认或与报价不一致，请与客户澄清。", "Saved; some points are unconfirmed or differ from the quotation: clarify them with the customer.");

    protected override string HistoryText(HistoryEntry h, Language l) => (h.Action switch
    {
        OrderReviewEvents.Passed or OrderReviewEvents.ResubmittedPassed => l.Pick("核对六项，全部确认", "checked the six points: all confirmed"),
        OrderReviewEvents.Started => l.Pick("提交订单评审（待澄清）", "submitted the review (needs clarification)"),
        OrderReviewEvents.Resubmitted => l.Pick("重新提交（待澄清）", "resubmitted (needs clarification)"),
        OrderReviewEvents.Cancelled => l.Pick("取消", "cancelled"),
        OrderReviewEvents.PriceAccepted => l.Pick("同意订单单价", "accepted the ordered price"),
        OrderReviewEvents.PriceRefused => l.Pick("不同意订单单价，退回业务", "did not accept the ordered price; back to Sales"),
        OrderReviewEvents.Returned => l.Pick("记录订单已盖章回传，接收人", "recorded the stamped order's return to"),
        _ => h.Action,
    }) + (string.IsNullOrWhiteSpace(h.Comment) ? string.Empty : l.Pick("：", ": ") + CardText.Escape(h.Comment, 300));

    private static List<FormInput> Inputs(Language l, IReadOnlyDictionary<string, string> values)
    {
        string V(string key) => QuotationInput.Get(values, key);
        return
        [
            new FormInput("po", l.Pick("客户订单号", "Customer order number"), InputKind.Text, V("po"), MaxLength: 50),
            new FormInput("product", l.Pick("(1) 名称", "(1) Name"), InputKind.Text, V("product"), MaxLength: 100),
            new FormInput("specification", l.Pick("(2) 规格", "(2) Specification"), InputKind.MultilineText, V("specification"), MaxLength: 500),
            new FormInput("quantity", l.Pick("(3) 数量（件）", "(3) Quantity (pieces)"), InputKind.Text, V("quantity"), MaxLength: 12),
            new FormInput("price", l.Pick("(4) 单价（元）", "(4) Unit price (CNY)"), InputKind.Text, V("price"), MaxLength: 12),
            new FormInput("quality", l.Pick("(5) 品质要求", "(5) Quality requirements"), InputKind.MultilineText, V("quality"), MaxLength: 500),
            new FormInput("delivery", l.Pick("(6) 交期", "(6) Delivery date"), InputKind.Date, V("delivery")),
            new FormInput("schedule", l.Pick("或：客户的交货计划", "or: the customer's delivery schedule"), InputKind.MultilineText, V("schedule"), MaxLength: 500),
            new FormInput("confirmed", l.Pick("已与客户核对确认的项目", "Points checked and confirmed"), InputKind.MultiChoice, V("confirmed"), Enum.GetValues<OrderPoint>().Select(p => (PointName(p, l), p.ToString())).ToList()),
            new FormInput("note", l.Pick("与报价不一致之处如何与客户确认（有差异时必填）", "How differences from the quotation were settled (required when any)"), InputKind.MultilineText, V("note")),
        ];
    }
}
