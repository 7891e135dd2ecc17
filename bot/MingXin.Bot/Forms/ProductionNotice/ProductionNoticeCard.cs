using System.Globalization;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>What the ProductionNotice form shows: its cards and their texts, in both languages.</summary>
public sealed partial class ProductionNoticeRunner
{
    protected override FormCard NewFormCard(object parent, Language l, string draft, IReadOnlyDictionary<string, string> typed)
    {
        var (order, property, _, _) = (NoticeParent)parent;
        var inputs = Inputs(l, typed);
        if (property.Count > 0)
        {
            // 4.1.8.2: materials the customer supplied are chosen from its register entries; free text only for the rest.
            inputs.Insert(0, new FormInput("registered", l.Pick("客供料（客供品登记表）", "Customer-supplied materials (Customer Property Register)"), InputKind.MultiChoice, QuotationInput.Get(typed, "registered"), property.Select(p => ($"{p.Id} · {CardText.Escape(p.Item, 80)}", p.Id)).ToList()));
            inputs[1] = inputs[1] with { Label = l.Pick("其他客供料（未登记的，每行一项）", "Other customer-supplied materials, not registered (one per line)") };
        }

        return new FormCard(
            string.Empty,
            0,
            $"{ProductionNotice.Name(l)} · {SalesOrderReview.Name(l)} {order.ReviewId}",
            $"{CardText.Escape(order.CustomerName, 100)} · {CardText.Escape(order.Product, 100)} · {order.Quantity.ToString("N0", CultureInfo.InvariantCulture)}",
            order.IsRepeatOrder
                ? l.Pick("交业务跟单员：返单先由仓储查库存卡、品管确认良品，再送总经理批准。", "To the follow-up clerk: for a repeat order the warehouse checks the stock card and QC the good stock before the general manager.")
                : l.Pick("交业务跟单员，转总经理批准，批准后发生产部。", "To the follow-up clerk, who passes it to the general manager; then to Production."),
            "Accent",
            [],
            [],
            [],
            h => h.Action,
            [new FormPanel(ProductionNotice.Name(l), inputs, [new FormButton(NoticeVerbs.Start, l.Pick("下生产通知单", "Issue the Production Notice"))])],
            Draft: draft,
            Parent: order.ReviewId);
    }

    protected override FormCard Card(ProductionNotice form, Language l, IReadOnlySet<string> verbs, IReadOnlyDictionary<string, string> typed)
    {
        var s = form.State;
        string V(string key) => QuotationInput.Get(typed, key);
        string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
        var facts = new List<(string, string)>
        {
            (SalesOrderReview.Name(l), $"{s.Order.ReviewId} · {Quotation.Name(l)} {s.Order.QuotationId}"),
            (l.Pick("订单数量", "Ordered"), N(s.Quantity) + (s.Quantity != s.Order.Quantity ? l.Pick($"（原 {N(s.Order.Quantity)}，已修正）", $" (was {N(s.Order.Quantity)}, amended)") : string.Empty)),
            (l.Pick("生产数量", "To make"), N(form.QuantityToMake)),
            (l.Pick("交期", "Delivery"), (s.DeliveryDate is { } d ? FormCardView.Date(d) : CardText.Escape(s.Order.CustomerSchedule, 200)) + (s.DeliveryDate != s.Order.DeliveryDate ? l.Pick("（已修正）", " (amended)") : string.Empty)),
            (l.Pick("规格", "Specification"), CardText.Escape(s.Specification, 500)),
            (l.Pick("业务员", "Salesperson"), CardText.Escape(s.Originator.Name, 80)),
        };
        if (s.ProductionTicket is { } ticket)
        {
            facts.Add((ProductionNotice.TicketName(l), CardText.Escape(ticket, 30)));
            facts.Add((l.Pick("出货", "Shipping"), l.Pick($"已出货 {N(form.Shipped)} / 订单 {N(s.Quantity)} · 未交 {N(form.Outstanding)}", $"shipped {N(form.Shipped)} of {N(s.Quantity)} · {N(form.Outstanding)} still due")
                + (form.Shipped > s.Quantity ? l.Pick($" · ⚠️ 多出货 {N(form.Shipped - s.Quantity)}", $" · ⚠️ {N(form.Shipped - s.Quantity)} more than ordered") : string.Empty)
                + (s.RestCancelled is { } rest ? l.Pick($" · 余数 {N(rest.Quantity)} 已取消：{CardText.Escape(rest.Reason, 200)}", $" · the rest ({N(rest.Quantity)}) cancelled: {CardText.Escape(rest.Reason, 200)}") : string.Empty)));
        }

        if (s.AnswerClock is { } clock)
        {
            facts.Add((l.Pick("生产答复（两小时）", "Production's answer (two hours)"), AnswerText(form, clock, l)));
        }

        if (s.Notes is { } notes)
        {
            facts.Add((l.Pick("备注", "Notes"), CardText.Escape(notes, 500)));
        }

        var stock = new List<string>();
        if (s.Order.IsRepeatOrder)
        {
            stock.AddRange(s.ReturnedStock.Select(r => l.Pick($"退货良品已入库：{r.ReturnId} · {N(r.Quantity)}（请一并计入库存卡）", $"Returned goods restocked: {r.ReturnId} · {N(r.Quantity)} (count them on the stock card)")));
            stock.Add(s.StockOnHand is { } onHand ? $"{l.Pick("库存卡", "Stock card")}：{N(onHand)}（{CardText.Escape(s.StockBy?.Name, 60)}）" : $"⏳ {l.Pick("库存卡（仓储）", "Stock card (warehouse)")}");
            if (s.GoodStock is { } good)
            {
                stock.Add($"{l.Pick("良品", "Good stock")}：{N(good)}" + (s.StockCheckedBy is { } by ? $"（{CardText.Escape(by.Name, 60)}）" : string.Empty) + (s.StockCheckNote is { } n ? "：" + CardText.Escape(n, 300) : string.Empty));
                stock.Add(l.Pick($"生产数量 = 订单 {N(s.Quantity)} − 良品 {N(good)} = {N(form.QuantityToMake)}", $"To make = ordered {N(s.Quantity)} − good stock {N(good)} = {N(form.QuantityToMake)}"));
            }
            else if (s.StockOnHand is > 0)
            {
                stock.Add($"⏳ {l.Pick("品管确认良品", "QC to confirm the good stock")}");
            }
        }

        var amendments = s.Amendments.Select(a => $"{a.AmendmentId}：{FieldName(a.Field, l)} {CardText.Escape(a.OldValue, 100)} → {CardText.Escape(a.NewValue, 100)}（{CardText.Escape(a.Reason, 200)}，{FormCardView.Time(a.At, full: false)}）").ToList();

        var panels = new List<FormPanel>();
        if (verbs.Contains(NoticeVerbs.PassOn))
        {
            panels.Add(new FormPanel(
                l.Pick("业务跟单员：接单", "Follow-up clerk: take the notice on"),
                [new FormInput("clerkNote", l.Pick("说明（可选）", "Note (optional)"), InputKind.MultilineText, V("clerkNote"))],
                [new FormButton(NoticeVerbs.PassOn, s.Order.IsRepeatOrder ? l.Pick("请仓储查库存、品管确认良品", "Ask the warehouse and QC for the stock") : l.Pick("转总经理批准", "Pass to the general manager"))]));
        }

        if (verbs.Contains(NoticeVerbs.Stock))
        {
            panels.Add(new FormPanel(l.Pick("仓储：库存卡", "Warehouse: stock card"), [new FormInput("stock", l.Pick("库存数量（件）", "Pieces in stock"), InputKind.Text, V("stock"), MaxLength: 12)], [new FormButton(NoticeVerbs.Stock, l.Pick("提交库存", "Submit stock"))]));
        }

        if (verbs.Contains(NoticeVerbs.Check))
        {
            panels.Add(new FormPanel(
                l.Pick("品管：库存良品确认", "QC: good stock"),
                [
                    new FormInput("good", l.Pick($"良品数量（库存 {N(s.StockOnHand ?? 0)}）", $"Good pieces (of {N(s.StockOnHand ?? 0)} in stock)"), InputKind.Text, V("good"), MaxLength: 12),
                    new FormInput("note", l.Pick("说明（少于库存时必填）", "Note (required when less than the stock)"), InputKind.MultilineText, V("note")),
                ],
                [new FormButton(NoticeVerbs.Check, l.Pick("提交", "Submit"))]));
        }

        if (verbs.Contains(NoticeVerbs.Approve))
        {
            panels.Add(new FormPanel(
                l.Pick("总经理批准", "General manager's approval"),
                [new FormInput("comment", l.Pick("意见（驳回时必填）", "Comment (required to reject)"), InputKind.MultilineText, V("comment"))],
                [new FormButton(NoticeVerbs.Approve, l.Pick("批准，发生产部", "Approve; send to Production")), new FormButton(NoticeVerbs.Reject, l.Pick("驳回", "Reject"), "destructive")]));
        }

        if (verbs.Contains(NoticeVerbs.Ticket))
        {
            panels.Add(new FormPanel(l.Pick("生管：开生产传票", "Planner: Production Ticket"), [new FormInput("ticket", l.Pick("生产传票号", "Production Ticket number"), InputKind.Text, V("ticket"), MaxLength: 30)], [new FormButton(NoticeVerbs.Ticket, l.Pick("记录传票", "Record the ticket"))]));
        }

        if (verbs.Contains(NoticeVerbs.CanMeet) || verbs.Contains(ContactVerbs.Start))
        {
            // Within the two hours: can meet, or an Internal Contact Form; any time in production after that: the form.
            var buttons = new List<FormButton>();
            if (verbs.Contains(NoticeVerbs.CanMeet))
            {
                buttons.Add(new FormButton(NoticeVerbs.CanMeet, l.Pick("能满足交期", "We can meet the date")));
            }

            if (verbs.Contains(ContactVerbs.Start))
            {
                buttons.Add(new FormButton(ContactVerbs.Start, l.Pick("发内部联络单", "Send an Internal Contact Form"), "destructive"));
            }

            panels.Add(new FormPanel(
                verbs.Contains(NoticeVerbs.CanMeet)
                    ? l.Pick("生产部答复交期", "Production: answer on the delivery date")
                    : l.Pick("生产部：不能按期交货时发内部联络单", "Production: an Internal Contact Form when the date cannot be met"),
                verbs.Contains(ContactVerbs.Start) ? InternalContactRunner.Inputs(l, typed) : [],
                buttons));
        }

        if (verbs.Contains(NoticeVerbs.KeepDate))
        {
            panels.Add(new FormPanel(
                l.Pick("总经理：客户不同意新交期，如何处理", "General manager: the customer refused a new date — what now"),
                [
                    new FormInput("decision", l.Pick("决定", "Decision"), InputKind.Choice, V("decision") is { Length: > 0 } decision ? decision : nameof(RiskDecision.Expedite), [(l.Pick("赶工 / 加班，按原交期交货", "Expedite / overtime: keep the date"), nameof(RiskDecision.Expedite)), (l.Pick("分批出货", "Ship in part by the date"), nameof(RiskDecision.PartialShipment))]),
                    new FormInput("comment", l.Pick("说明（取消时必填）", "Comment (required to cancel)"), InputKind.MultilineText, V("comment")),
                ],
                [new FormButton(NoticeVerbs.KeepDate, l.Pick("按此执行", "Decide")), new FormButton(NoticeVerbs.CancelAtRisk, l.Pick("取消生产通知单", "Cancel the notice"), "destructive")]));
        }

        if (verbs.Contains(NoticeVerbs.Permission))
        {
            panels.Add(new FormPanel(
                l.Pick("业务跟单员：客户对新交期的许可（4.2.3）", "Follow-up clerk: the customer's permission for a new date (4.2.3)"),
                PermissionInputs(l, typed, s.Answer?.ProposedDate is { } p ? FormCardView.Date(p) : string.Empty),
                [new FormButton(NoticeVerbs.Permission, l.Pick("记录客户许可，通知各部门", "Record the permission; tell the departments"))]));
        }

        if (verbs.Contains(Domain.Shipments.DeliveryVerbs.Start))
        {
            // A Delivery Note for what is still due, raised from the notice (its own runner checks it again).
            panels.Add(new FormPanel(
                l.Pick($"开送货单（未交 {N(form.Outstanding)}）", $"Raise a Delivery Note ({N(form.Outstanding)} still due)"),
                [
                    new FormInput("quantity", l.Pick("本次出货数量", "Quantity to ship"), InputKind.Text, V("quantity") is { Length: > 0 } q ? q : form.Outstanding.ToString(CultureInfo.InvariantCulture), MaxLength: 12),
                    new FormInput("address", l.Pick("送货地址", "Delivery address"), InputKind.MultilineText, V("address") is { Length: > 0 } a ? a : s.DeliveryAddress ?? string.Empty, MaxLength: Domain.Shipments.DeliveryNote.MaxAddressLength),
                ],
                [new FormButton(Domain.Shipments.DeliveryVerbs.Start, l.Pick("开送货单，送品管出货检验", "Raise it; QC inspects"))]));
        }

        if (verbs.Contains(NoticeVerbs.CancelRest))
        {
            panels.Add(new FormPanel(
                l.Pick($"业务：取消未交的 {N(form.Outstanding)}（客户不再要）", $"Sales: cancel the {N(form.Outstanding)} still due (the customer no longer wants it)"),
                [new FormInput("restReason", l.Pick("原因", "Reason"), InputKind.MultilineText, V("restReason"))],
                [new FormButton(NoticeVerbs.CancelRest, l.Pick("取消余数，结案", "Cancel the rest; close"), "destructive")]));
        }

        if (verbs.Contains(NoticeVerbs.Revise))
        {
            var values = typed.Count > 0 ? typed : new Dictionary<string, string> { ["materials"] = string.Join("\n", s.CustomerMaterials), ["notes"] = s.Notes ?? string.Empty };
            panels.Add(new FormPanel(l.Pick("修改后重新送批", "Revise and resubmit"), Inputs(l, values), [new FormButton(NoticeVerbs.Revise, l.Pick("重新提交", "Resubmit"))]));
        }

        return new FormCard(
            s.Id,
            s.Version,
            $"{ProductionNotice.Name(l)} {s.Id}",
            $"{CardText.Escape(s.Order.CustomerName, 100)} · {CardText.Escape(s.Order.Product, 100)}",
            StatusText(form, l),
            form.AtRisk ? "Attention" : s.Status switch
            {
                NoticeStatus.Released or NoticeStatus.Shipped => "Good",
                NoticeStatus.Cancelled => "Attention",
                NoticeStatus.ReturnedForRevision => "Warning",
                _ => "Accent",
            },
            facts,
            [
                new FormSection(l.Pick("客供料", "Customer-supplied materials"), s.RegisteredMaterials.Select(r => $"• {r.Id} · {CardText.Escape(r.Item, 200)}").Concat(s.CustomerMaterials.Select(m => "• " + CardText.Escape(m, 500))).ToList()),
                new FormSection(l.Pick("返单库存", "Repeat order: stock"), stock),
                new FormSection(l.Pick("订单修正", "Amendments"), amendments),
                new FormSection(l.Pick("交期变更（客户许可）", "Delivery date changes (customer's permission)"), s.Permissions.Select(p => $"{CardText.Escape(p.Source, 20)}：{(p.OldDate is { } o ? FormCardView.Date(o) : "—")} → {FormCardView.Date(p.AgreedDate)}，{l.Pick("客户", "customer")} {CardText.Escape(p.AgreedBy, 100)}（{FormCardView.Via(p.Via, l)}），{CardText.Escape(p.RecordedBy.Name, 60)} {FormCardView.Time(p.At, full: false)}").ToList()),
                new FormSection(InternalContact.Name(l), s.Contacts.Select(c => $"{c.Id}：{l.Pick("建议交期", "proposed")} {FormCardView.Date(c.ProposedDate)}，{CardText.Escape(c.Reason, 200)}（{CardText.Escape(c.By.Name, 60)} {FormCardView.Time(c.At, full: false)}{(c.Late ? l.Pick("，超过两小时", ", after the two hours") : string.Empty)}）").ToList()),
                new FormSection(l.Pick("交期风险（客户不同意新交期）", "At risk (the customer refused a new date)"), s.Risks.Select(r => RiskLine(r, l)).ToList()),
                new FormSection(
                    l.Pick("出货（送货单）", "Shipments (Delivery Notes)"),
                    s.Shipments.Select(x => $"{x.DeliveryNote}：{N(x.Quantity)} · {FormCardView.Date(x.ShippedOn)}" + (x.DueOn is null ? string.Empty : x.DaysLate > 0 ? l.Pick($" · ⚠️ 逾期 {x.DaysLate} 天", $" · ⚠️ {x.DaysLate} day(s) late") : l.Pick(" · 准时", " · on time"))).ToList()),
            ],
            s.History,
            h => Describe(h, l),
            panels,
            CancelVerb: verbs.Contains(NoticeVerbs.Cancel) ? NoticeVerbs.Cancel : null,
            Draft: verbs.Contains(ContactVerbs.Start) || verbs.Contains(Domain.Shipments.DeliveryVerbs.Start) ? Guid.NewGuid().ToString("N") : string.Empty, // one click, one Internal Contact Form or Delivery Note
            Parent: verbs.Contains(ContactVerbs.Start) || verbs.Contains(Domain.Shipments.DeliveryVerbs.Start) ? s.Id : string.Empty);
    }

    private static string RiskLine(DateRisk r, Language l)
    {
        var refused = $"{CardText.Escape(r.Refusal.Source, 20)}：{CardText.Escape(r.Refusal.RefusedBy, 100)}（{FormCardView.Via(r.Refusal.Via, l)}）{CardText.Escape(r.Refusal.Note, 200)}";
        return r.Decision is not { } d
            ? $"⚠️ {refused} — {l.Pick("待总经理决定", "waiting for the general manager")}"
            : $"{refused} — {CardText.Escape(r.DecidedBy?.Name, 60)}：{DecisionName(d, l)}" + (r.Comment is { } c ? "，" + CardText.Escape(c, 200) : string.Empty);
    }

    private static string DecisionName(RiskDecision d, Language l) => d switch
    {
        RiskDecision.Expedite => l.Pick("赶工，按原交期", "expedite, keep the date"),
        RiskDecision.PartialShipment => l.Pick("分批出货", "ship in part"),
        _ => l.Pick("取消", "cancel"),
    };

    protected override string FieldName(string field, Language l) => field switch
    {
        "stock" => l.Pick("库存数量", "Pieces in stock"),
        "good" => l.Pick("良品数量", "Good pieces"),
        NoticeEvents.Ticket => l.Pick("生产传票号", "Production Ticket number"),
        "materials" => l.Pick("客供料", "Customer-supplied materials"),
        "registered" => l.Pick("客供料（客供品登记表）", "Customer-supplied materials (register)"),
        "clerkNote" => l.Pick("说明", "Note"),
        "notes" => l.Pick("备注", "Notes"),
        "proposedDate" => l.Pick("建议交期", "Proposed date"),
        "contactReason" => l.Pick("原因", "Reason"),
        "agreedDate" => l.Pick("客户同意的交期", "Date the customer agreed"),
        "agreedBy" => l.Pick("客户同意人", "Agreed by"),
        "via" => l.Pick("方式", "How"),
        "decision" => l.Pick("决定", "Decision"),
        "comment" => l.Pick("说明", "Comment"),
        "order" => SalesOrderReview.Name(l),
        "restReason" => l.Pick("原因", "Reason"),
        _ => field,
    };

    protected override string Done(FormEvent e, Language l) => e.Action switch
    {
        NoticeEvents.Started => l.Pick("生产通知单已下，交业务跟单员。", "Production Notice issued to the follow-up clerk."),
        NoticeEvents.PassedOn when e.StatusAfter == nameof(NoticeStatus.AwaitingStockCard) => l.Pick("已请仓储查库存卡、品管确认良品，之后送总经理批准。", "Sent to the warehouse for the stock card and QC for the good stock, then to the general manager."),
        NoticeEvents.PassedOn => l.Pick("已转总经理批准。", "Passed to the general manager."),
        NoticeEvents.StockCard => l.Pick("库存已记录。", "Stock recorded."),
        NoticeEvents.StockChecked => l.Pick("良品已确认，送总经理批准。", "Good stock confirmed; to the general manager."),
        NoticeEvents.GmApproved => l.Pick("已批准，发生产部。生产部须在两小时内答复能否满足交期。", "Approved and sent to Production, which must answer within two hours whether it can meet the date."),
        NoticeEvents.GmRejected => l.Pick("已驳回，退回业务员。", "Rejected; back to the salesperson."),
        NoticeEvents.Revised => l.Pick("已重新送批。", "Resubmitted."),
        NoticeEvents.Ticket => l.Pick("生产传票已记录，开始生产。", "Production Ticket recorded; in production."),
        NoticeEvents.CanMeet => l.Pick("已答复：能满足交期。", "Answered: the date can be met."),
        NoticeEvents.CustomerPermission => l.Pick("客户许可已记录，新交期已通知各部门。", "Permission recorded; the departments are told the new date."),
        NoticeEvents.InternalContact => l.Pick("内部联络单已发业务部，由业务跟单员与客户协商交期。", "Internal Contact Form sent to Sales; the follow-up clerk agrees a date with the customer."),
        NoticeEvents.RiskDecided when e.StatusAfter == nameof(NoticeStatus.Cancelled) => l.Pick("已决定取消生产通知单。", "Decided: the Production Notice is cancelled."),
        NoticeEvents.RiskDecided => l.Pick("已决定，维持原交期。", "Decided: the date in force stands."),
        NoticeEvents.Cancelled => l.Pick("生产通知单已取消。", "The Production Notice is cancelled."),
        NoticeEvents.RestCancelled => l.Pick("余数已取消，生产通知单结案。", "The rest is cancelled; the notice is closed."),
        _ => l.Pick("已完成。", "Done."),
    };

    protected override string HistoryText(HistoryEntry h, Language l) => (h.Action switch
    {
        NoticeEvents.Started => l.Pick("下生产通知单", "issued the notice"),
        NoticeEvents.PassedOn => l.Pick("业务跟单员接单并转出", "took the notice on and passed it on (follow-up clerk)"),
        NoticeEvents.StockCard => l.Pick("提交库存卡", "gave the stock card"),
        NoticeEvents.StockChecked => l.Pick("确认良品", "confirmed the good stock"),
        NoticeEvents.GmApproved => l.Pick("批准，发生产部", "approved; sent to Production"),
        NoticeEvents.GmRejected => l.Pick("驳回", "rejected"),
        NoticeEvents.Revised => l.Pick("修改后重新送批", "revised and resubmitted"),
        NoticeEvents.Ticket => l.Pick("开生产传票", "recorded the Production Ticket"),
        NoticeEvents.Amended => l.Pick("订单修正", "amended"),
        NoticeEvents.CanMeet => l.Pick("生产部答复：能满足交期", "Production: can meet the date"),
        NoticeEvents.CustomerPermission => l.Pick("客户许可新交期，各部门请按新交期执行", "the customer agreed a new delivery date; all departments work to it"),
        NoticeEvents.InternalContact => l.Pick("生产部发内部联络单", "Production sent an Internal Contact Form"),
        NoticeEvents.DateStands => l.Pick("两小时内未发内部联络单：交期维持", "no Internal Contact Form within two hours: the date stands"),
        NoticeEvents.DateAtRisk => l.Pick("⚠️ 客户不同意新交期：维持原交期，待总经理决定（赶工、分批出货或取消）", "⚠️ the customer refused a new date: the date stands, the general manager decides (expedite, ship in part, or cancel)"),
        NoticeEvents.RiskDecided => l.Pick("总经理决定", "the general manager decided"),
        NoticeEvents.AnswerReminder => l.Pick("⏰ 提醒：生产部尚未答复交期，请生管、生产经理处理", "⏰ Reminder: Production has not answered yet — production planner and manager, please act"),
        NoticeEvents.AnswerOverdue => l.Pick("⚠️ 超时：生产部未在两小时内答复，已记录；请生产经理、业务跟单员跟进", "⚠️ Overdue: no answer within two hours, recorded on the notice — production manager and follow-up clerk, please follow up"),
        NoticeEvents.Cancelled => l.Pick("取消", "cancelled"),
        NoticeEvents.Shipment => l.Pick("出货（送货单）", "shipped (Delivery Note)"),
        NoticeEvents.AllShipped => l.Pick("已全部出货，结案", "shipped in full; closed"),
        NoticeEvents.RestCancelled => l.Pick("取消未交数量，结案", "cancelled what was still due; closed"),
        _ => h.Action,
    }) + (string.IsNullOrWhiteSpace(h.Comment) ? string.Empty : l.Pick("：", ": ") + CardText.Escape(h.Action == NoticeEvents.Amended ? AmendedText(h.Comment, l) : h.Comment, 300));

    /// <summary>An amendment's line is stored as "OA-…: DeliveryDate old → new": the field in the reader's words.</summary>
    private static string AmendedText(string stored, Language l) =>
        Enum.GetValues<AmendedField>().Aggregate(stored, (text, f) => text.Replace($": {f} ", $"{l.Pick("：", ": ")}{FieldName(f, l)} ", StringComparison.Ordinal));

    public static string FieldName(AmendedField field, Language l) => field switch
    {
        AmendedField.Quantity => l.Pick("数量", "quantity"),
        AmendedField.DeliveryDate => l.Pick("交期", "delivery date"),
        AmendedField.Specification => l.Pick("规格", "specification"),
        _ => l.Pick("其他", "other"),
    };

    private static string StatusText(ProductionNotice form, Language l) => (form.AtRisk ? l.Pick("⚠️ 交期风险，待总经理决定 · ", "⚠️ At risk, waiting for the general manager · ") : string.Empty) + form.Status switch
    {
        NoticeStatus.AwaitingFollowUpClerk => l.Pick("待业务跟单员接单", "Waiting for the follow-up clerk"),
        NoticeStatus.AwaitingStockCard => l.Pick("返单：待仓储提供库存卡", "Repeat order: waiting for the warehouse's stock card"),
        NoticeStatus.AwaitingStockCheck => l.Pick("返单：待品管确认库存良品", "Repeat order: waiting for QC on the stock"),
        NoticeStatus.AwaitingGmApproval => l.Pick("待总经理批准", "Waiting for the general manager"),
        NoticeStatus.ReturnedForRevision => l.Pick("总经理驳回，待业务员修改：", "Rejected by the GM, to be revised: ") + CardText.Escape(form.State.GmComment, 200),
        NoticeStatus.AwaitingProductionTicket => l.Pick("已发生产部：待生管开生产传票", "At Production: waiting for the Production Ticket"),
        NoticeStatus.Released when form.State.Shipments.Count > 0 => l.Pick($"部分出货：已出货 {form.Shipped.ToString("N0", CultureInfo.InvariantCulture)}，未交 {form.Outstanding.ToString("N0", CultureInfo.InvariantCulture)}（生产传票 ", $"Partly shipped: {form.Shipped.ToString("N0", CultureInfo.InvariantCulture)} shipped, {form.Outstanding.ToString("N0", CultureInfo.InvariantCulture)} still due (ticket ") + CardText.Escape(form.State.ProductionTicket, 30) + l.Pick("）", ")"),
        NoticeStatus.Released => l.Pick("生产中（生产传票 ", "In production (ticket ") + CardText.Escape(form.State.ProductionTicket, 30) + l.Pick("）", ")"),
        NoticeStatus.Shipped when form.State.RestCancelled is { } rest => l.Pick($"已结案：出货 {form.Shipped.ToString("N0", CultureInfo.InvariantCulture)}，余数 {rest.Quantity.ToString("N0", CultureInfo.InvariantCulture)} 已取消", $"Closed: {form.Shipped.ToString("N0", CultureInfo.InvariantCulture)} shipped, the rest ({rest.Quantity.ToString("N0", CultureInfo.InvariantCulture)}) cancelled"),
        NoticeStatus.Shipped => l.Pick("已全部出货", "Shipped in full"),
        _ => l.Pick("已取消：", "Cancelled: ") + CardText.Escape(form.State.CancelReason, 200),
    };

    private static List<FormInput> Inputs(Language l, IReadOnlyDictionary<string, string> values) =>
    [
        new FormInput("materials", l.Pick("客供料（每行一项，没有可不填）", "Customer-supplied materials (one per line; leave empty if none)"), InputKind.MultilineText, QuotationInput.Get(values, "materials")),
        new FormInput("notes", l.Pick("备注", "Notes"), InputKind.MultilineText, QuotationInput.Get(values, "notes")),
    ];
}
