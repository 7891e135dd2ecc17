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
        var points = s.Points.Select(p =>
            $"{(p.Passes(explained) ? "✅" : "⚠️")} {PointName(p.Point, l)}：{l.Pick("报价", "quoted")} {CardText.Escape(p.Quoted, 200)} ｜ {l.Pick("订单", "ordered")} {CardText.Escape(p.Ordered, 200)}"
            + (p.Matches ? string.Empty : l.Pick("（不一致）", " (differs)"))
            + (p.Confirmed ? string.Empty : l.Pick("（未确认）", " (not confirmed)"))).ToList();
        if (s.DifferenceNote is { } note)
        {
            points.Add(l.Pick("差异说明：", "Differences settled: ") + CardText.Escape(note, 500));
        }

        var panels = new List<FormPanel>();
        if (verbs.Contains(OrderReviewVerbs.Resubmit))
        {
            var values = typed.Count > 0 ? typed : Values(s.Order, s.Points.Where(p => p.Confirmed).Select(p => p.Point), s.DifferenceNote);
            panels.Add(new FormPanel(l.Pick("修改并重新核对", "Correct and check again"), Inputs(l, values), [new FormButton(OrderReviewVerbs.Resubmit, l.Pick("重新提交", "Submit again"))]));
        }

        return new FormCard(
            s.Id,
            s.Version,
            $"{SalesOrderReview.Name(l)} {s.Id} · {Quotation.Name(l)} {s.Quoted.QuotationId}",
            $"{CardText.Escape(s.Quoted.CustomerName, 100)} · {l.Pick("客户订单", "customer order")} {CardText.Escape(s.Order.CustomerOrderNumber, 50)}",
            s.Status switch
            {
                OrderReviewStatus.Passed => l.Pick("六项已确认：订单已盖业务章回传客户", "All six confirmed: order stamped and returned to the customer"),
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
            [new FormSection(l.Pick("六项核对（报价 ｜ 订单）", "Six points (quoted | ordered)"), points)],
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
        _ => field,
    };

    protected override string Done(FormEvent e, Language l) => e.StatusAfter == nameof(OrderReviewStatus.Passed)
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
