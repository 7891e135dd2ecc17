using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Samples;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>What the OrderAmendment form shows: its cards and their texts, in both languages.</summary>
public sealed partial class OrderAmendmentRunner
{
    protected override FormCard NewFormCard(object parent, Language l, string draft, IReadOnlyDictionary<string, string> typed)
    {
        var notice = (NoticeRef)parent;
        string V(string key) => QuotationInput.Get(typed, key);
        return new FormCard(
            string.Empty,
            0,
            $"{OrderAmendment.Name(l)} · {ProductionNotice.Name(l)} {notice.Id}",
            $"{CardText.Escape(notice.CustomerName, 100)} · {CardText.Escape(notice.Product, 100)}",
            l.Pick("写明修正原因和内容；业务经理、生产经理确认后由生管执行。", "State the reason and the change; the sales manager and the production manager confirm, the production planner acts on it."),
            "Accent",
            [(l.Pick("现数量", "Quantity now"), notice.Quantity.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)), (l.Pick("现交期", "Delivery now"), notice.DeliveryDate is { } d ? FormCardView.Date(d) : "—"), (l.Pick("现规格", "Specification now"), CardText.Escape(notice.Specification, 500))],
            [],
            [],
            h => h.Action,
            [new FormPanel(
                OrderAmendment.Name(l),
                [
                    new FormInput("field", l.Pick("修正项目", "What changes"), InputKind.Choice, V("field") is { Length: > 0 } f ? f : nameof(AmendedField.Quantity), Enum.GetValues<AmendedField>().Select(x => (ProductionNoticeRunner.FieldName(x, l), x.ToString())).ToList()),
                    new FormInput("value", l.Pick("新内容（数量填数字，交期填 yyyy-MM-dd）", "New value (a number for quantity, yyyy-MM-dd for a date)"), InputKind.MultilineText, V("value"), MaxLength: 500),
                    new FormInput("reason", l.Pick("修正原因", "Reason"), InputKind.MultilineText, V("reason")),
                    new FormInput("agreedBy", l.Pick("改交期：客户同意人（须先得到客户许可）", "New delivery date: who at the customer agreed (their permission comes first)"), InputKind.Text, V("agreedBy"), MaxLength: 100),
                    new FormInput("via", l.Pick("改交期：客户同意的方式", "New delivery date: how the customer agreed"), InputKind.Choice, V("via") is { Length: > 0 } via ? via : nameof(ContactChannel.Phone), FormCardView.ViaChoices(l)),
                ],
                [new FormButton(AmendmentVerbs.Start, l.Pick("提交订单修正", "Submit the amendment"))])],
            Draft: draft,
            Parent: notice.Id);
    }

    protected override FormCard Card(OrderAmendment form, Language l, IReadOnlySet<string> verbs, IReadOnlyDictionary<string, string> typed)
    {
        var s = form.State;
        var chain = new[]
        {
            Sign(l.Pick("业务经理确认", "Sales manager confirms"), s.SalesManager),
            Sign(l.Pick("生产经理确认", "Production manager confirms"), s.ProductionManager),
            Sign(l.Pick("生管执行", "Production planner acts on it"), s.Planner),
        }.ToList();
        if (s.RejectReason is { } rejected)
        {
            chain.Add("❌ " + CardText.Escape(rejected, 300));
        }

        if (s.Permission is { } permission)
        {
            chain.Insert(0, $"✅ {l.Pick("客户许可新交期", "The customer's permission for the new date")}：{CardText.Escape(permission.AgreedBy, 100)}（{FormCardView.Via(permission.Via, l)}），{CardText.Escape(permission.RecordedBy.Name, 60)} {FormCardView.Time(permission.At, full: false)}");
        }
        else if (form.PermissionMissing)
        {
            chain.Insert(0, $"⏳ {l.Pick("客户许可新交期（须先记录，才能确认）", "The customer's permission for the new date (to be recorded before anyone confirms)")}");
        }

        var panels = new List<FormPanel>();
        if (verbs.Contains(AmendmentVerbs.Permission))
        {
            panels.Add(new FormPanel(
                l.Pick("业务：客户对新交期的许可（4.2）", "Sales: the customer's permission for the new date (4.2)"),
                PermissionInputs(l, typed, string.Empty).Where(i => i.Id != "agreedDate").ToList(), // the date is the amendment's own
                [new FormButton(AmendmentVerbs.Permission, l.Pick("记录客户许可", "Record the permission"))]));
        }

        if (verbs.Contains(AmendmentVerbs.Confirm) && !form.PermissionMissing)
        {
            var title = s.Status == AmendmentStatus.AwaitingPlanner ? l.Pick("生管：确认执行", "Planner: acknowledge and act") : l.Pick("确认订单修正", "Confirm the amendment");
            var inputs = verbs.Contains(AmendmentVerbs.Reject) ? new List<FormInput> { new("comment", l.Pick("意见（不同意时必填）", "Comment (required to refuse)"), InputKind.MultilineText, QuotationInput.Get(typed, "comment")) } : [];
            var buttons = new List<FormButton> { new(AmendmentVerbs.Confirm, s.Status == AmendmentStatus.AwaitingPlanner ? l.Pick("已执行", "Acted on") : l.Pick("确认", "Confirm")) };
            if (verbs.Contains(AmendmentVerbs.Reject))
            {
                buttons.Add(new FormButton(AmendmentVerbs.Reject, l.Pick("不同意", "Refuse"), "destructive"));
            }

            panels.Add(new FormPanel(title, inputs, buttons));
        }

        return new FormCard(
            s.Id,
            s.Version,
            $"{OrderAmendment.Name(l)} {s.Id} · {ProductionNotice.Name(l)} {s.Notice.Id}",
            $"{CardText.Escape(s.Notice.CustomerName, 100)} · {CardText.Escape(s.Notice.Product, 100)}",
            s.Status switch
            {
                AmendmentStatus.AwaitingSalesManager => l.Pick("待业务经理确认", "Waiting for the sales manager"),
                AmendmentStatus.AwaitingProductionManager => l.Pick("待生产经理确认", "Waiting for the production manager"),
                AmendmentStatus.AwaitingPlanner => l.Pick("待生管执行", "Waiting for the production planner"),
                AmendmentStatus.Applied => l.Pick("已执行：生产通知单已修正", "Acted on: the Production Notice is amended"),
                AmendmentStatus.Rejected => l.Pick("不同意修正", "Refused"),
                _ => l.Pick("已取消：", "Cancelled: ") + CardText.Escape(s.CancelReason, 200),
            },
            s.Status == AmendmentStatus.Applied ? "Good" : s.Status is AmendmentStatus.Rejected or AmendmentStatus.Cancelled ? "Attention" : "Accent",
            [
                (l.Pick("修正项目", "Changes"), ProductionNoticeRunner.FieldName(s.Field, l)),
                (l.Pick("原内容", "From"), CardText.Escape(s.OldValue, 500)),
                (l.Pick("新内容", "To"), CardText.Escape(s.NewValue, 500)),
                (l.Pick("原因", "Reason"), CardText.Escape(s.Reason, 1000)),
                (l.Pick("业务员", "Salesperson"), CardText.Escape(s.Originator.Name, 80)),
            ],
            [new FormSection(l.Pick("确认", "Sign-offs"), chain)],
            s.History,
            h => Describe(h, l),
            panels,
            CancelVerb: verbs.Contains(AmendmentVerbs.Cancel) ? AmendmentVerbs.Cancel : null);
    }

    protected override string FieldName(string field, Language l) => field switch
    {
        "field" => l.Pick("修正项目", "What changes"),
        "value" => l.Pick("新内容", "New value"),
        "reason" => l.Pick("修正原因", "Reason"),
        "notice" => ProductionNotice.Name(l),
        "agreedBy" => l.Pick("客户同意人", "Agreed by"),
        "via" => l.Pick("客户同意的方式", "How the customer agreed"),
        _ => field,
    };

    protected override string Done(FormEvent e, Language l) => e.Action switch
    {
        AmendmentEvents.Started => l.Pick("订单修正已提交，待业务经理确认。", "Amendment submitted to the sales manager."),
        AmendmentEvents.SalesManagerConfirmed => l.Pick("已确认，送生产经理。", "Confirmed; to the production manager."),
        AmendmentEvents.ProductionManagerConfirmed => l.Pick("已确认，送生管执行。", "Confirmed; to the production planner."),
        AmendmentEvents.PlannerAcknowledged => l.Pick("已执行，生产通知单随即修正。", "Acted on; the Production Notice is being amended."),
        AmendmentEvents.Rejected => l.Pick("已不同意修正。", "Refused."),
        AmendmentEvents.CustomerPermission => l.Pick("客户许可已记录，可以确认了。", "Permission recorded; it can be confirmed now."),
        AmendmentEvents.Cancelled => l.Pick("订单修正已取消。", "The amendment is cancelled."),
        _ => l.Pick("已完成。", "Done."),
    };

    protected override string HistoryText(HistoryEntry h, Language l) => (h.Action switch
    {
        AmendmentEvents.Started => l.Pick("提交订单修正", "submitted the amendment"),
        AmendmentEvents.SalesManagerConfirmed => l.Pick("业务经理确认", "confirmed (sales manager)"),
        AmendmentEvents.ProductionManagerConfirmed => l.Pick("生产经理确认", "confirmed (production manager)"),
        AmendmentEvents.PlannerAcknowledged => l.Pick("生管执行", "acted on it (planner)"),
        AmendmentEvents.Rejected => l.Pick("不同意", "refused"),
        AmendmentEvents.CustomerPermission => l.Pick("记录客户对新交期的许可", "recorded the customer's permission for the new date"),
        AmendmentEvents.Cancelled => l.Pick("取消", "cancelled"),
        _ => h.Action,
    }) + (string.IsNullOrWhiteSpace(h.Comment) ? string.Empty : l.Pick("：", ": ") + CardText.Escape(h.Comment, 300));
}
