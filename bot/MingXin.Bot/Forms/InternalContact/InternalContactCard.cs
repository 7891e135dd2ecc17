using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>What the Internal Contact Form shows: its cards and their texts, in both languages.</summary>
public sealed partial class InternalContactRunner
{
    /// <summary>The inputs Production fills in (on the new-form card, and on the notice's own card).</summary>
    internal static List<FormInput> Inputs(Language l, IReadOnlyDictionary<string, string> typed) =>
    [
        new FormInput("proposedDate", l.Pick("建议交期", "Proposed delivery date"), InputKind.Date, QuotationInput.Get(typed, "proposedDate")),
        new FormInput("contactReason", l.Pick("不能按期交货的原因", "Why the date cannot be met"), InputKind.MultilineText, QuotationInput.Get(typed, "contactReason")),
    ];

    protected override FormCard NewFormCard(object parent, Language l, string draft, IReadOnlyDictionary<string, string> typed)
    {
        var notice = (ContactNotice)parent;
        return new FormCard(
            string.Empty,
            0,
            $"{InternalContact.Name(l)} · {ProductionNotice.Name(l)} {notice.Id}",
            $"{CardText.Escape(notice.CustomerName, 100)} · {CardText.Escape(notice.Product, 100)}",
            l.Pick("生产部：不能按期交货时通知业务部；客户许可前交期不变。", "Production: tell Sales the date cannot be met; the date stays until the customer agrees."),
            "Warning",
            [(l.Pick("现交期", "Delivery now"), notice.DeliveryDate is { } d ? FormCardView.Date(d) : "—")],
            [],
            [],
            h => h.Action,
            [new FormPanel(InternalContact.Name(l), Inputs(l, typed), [new FormButton(ContactVerbs.Start, l.Pick("发内部联络单给业务部", "Send the Internal Contact Form to Sales"), "destructive")])],
            Draft: draft,
            Parent: notice.Id);
    }

    protected override FormCard Card(InternalContact form, Language l, IReadOnlySet<string> verbs, IReadOnlyDictionary<string, string> typed)
    {
        var s = form.State;
        var panels = new List<FormPanel>();
        if (verbs.Contains(ContactVerbs.Permission))
        {
            panels.Add(new FormPanel(
                l.Pick("业务跟单员：客户对新交期的答复（4.2.3）", "Follow-up clerk: the customer's answer on the new date (4.2.3)"),
                [.. PermissionInputs(l, typed, FormCardView.Date(s.ProposedDate)), .. RefusalInputs(l, typed)],
                [
                    new FormButton(ContactVerbs.Permission, l.Pick("客户同意：记录许可，更新交期", "The customer agreed: record it, move the date")),
                    new FormButton(ContactVerbs.Refused, l.Pick("客户不同意：转总经理决定", "The customer refused: to the general manager"), "destructive"),
                ]));
        }

        var lines = new List<string>();
        if (s.Permission is { } p)
        {
            lines.Add($"✅ {l.Pick("客户许可新交期", "New date agreed by the customer")}：{FormCardView.Date(p.AgreedDate)}，{CardText.Escape(p.AgreedBy, 100)}（{FormCardView.Via(p.Via, l)}），{CardText.Escape(p.RecordedBy.Name, 60)} {FormCardView.Time(p.At, full: false)}");
        }

        if (s.Refusal is { } r)
        {
            lines.Add($"❌ {l.Pick("客户不同意", "The customer refused")}：{CardText.Escape(r.RefusedBy, 100)}（{FormCardView.Via(r.Via, l)}）{CardText.Escape(r.Note, 300)}，{CardText.Escape(r.RecordedBy.Name, 60)} {FormCardView.Time(r.At, full: false)}");
            lines.Add(l.Pick("生产通知单维持原交期，列为交期风险，由总经理决定（赶工、分批出货或取消）。", "The notice keeps its date and is at risk; the general manager decides (expedite, ship in part, or cancel)."));
        }

        return new FormCard(
            s.Id,
            s.Version,
            $"{InternalContact.Name(l)} {s.Id} · {ProductionNotice.Name(l)} {s.Notice.Id}",
            $"{CardText.Escape(s.Notice.CustomerName, 100)} · {CardText.Escape(s.Notice.Product, 100)}",
            s.Status switch
            {
                ContactStatus.AwaitingCustomer => l.Pick("待业务跟单员与客户协商交期（交期未变）", "Waiting for the follow-up clerk to agree a date with the customer (the date has not moved)"),
                ContactStatus.DateAgreed => l.Pick("客户已许可新交期，生产通知单已更新", "The customer agreed a new date; the notice carries it"),
                ContactStatus.CustomerRefused => l.Pick("客户不同意新交期：待总经理在生产通知单上决定", "The customer refused the new date: the general manager decides on the notice"),
                _ => l.Pick("已取消：", "Cancelled: ") + CardText.Escape(s.CancelReason, 200),
            },
            s.Status == ContactStatus.DateAgreed ? "Good" : s.Status is ContactStatus.Cancelled or ContactStatus.CustomerRefused ? "Attention" : "Warning",
            [
                (l.Pick("现交期", "Delivery date in force"), s.Notice.DeliveryDate is { } d ? FormCardView.Date(d) : "—"),
                (l.Pick("建议交期", "Proposed date"), FormCardView.Date(s.ProposedDate)),
                (l.Pick("原因", "Reason"), CardText.Escape(s.Reason, 1000)),
                (l.Pick("生产部", "Production"), CardText.Escape(s.Originator.Name, 80) + (s.Late ? l.Pick("（超过两小时才发出）", " (sent after the two hours)") : string.Empty)),
            ],
            [new FormSection(l.Pick("客户答复", "The customer's answer"), lines)],
            s.History,
            h => Describe(h, l),
            panels,
            CancelVerb: verbs.Contains(ContactVerbs.Cancel) ? ContactVerbs.Cancel : null);
    }

    protected override string FieldName(string field, Language l) => field switch
    {
        "proposedDate" => l.Pick("建议交期", "Proposed date"),
        "contactReason" => l.Pick("原因", "Reason"),
        "notice" => ProductionNotice.Name(l),
        "agreedDate" => l.Pick("客户同意的交期", "Date the customer agreed"),
        "agreedBy" => l.Pick("客户同意人", "Agreed by"),
        "via" or "refusalVia" => l.Pick("方式", "How"),
        "refusedBy" => l.Pick("客户拒绝人", "Refused by"),
        "refusalNote" => l.Pick("客户意见", "What the customer said"),
        _ => field,
    };

    protected override string Done(FormEvent e, Language l) => e.Action switch
    {
        ContactEvents.Started => l.Pick("内部联络单已发业务部，由业务跟单员与客户协商交期。", "The Internal Contact Form is with Sales; the follow-up clerk agrees a date with the customer."),
        ContactEvents.CustomerPermission => l.Pick("客户许可已记录，新交期已通知各部门。", "Permission recorded; the departments are told the new date."),
        ContactEvents.CustomerRefused => l.Pick("客户不同意已记录，生产通知单转总经理决定。", "The refusal is recorded; the notice goes to the general manager."),
        ContactEvents.Cancelled => l.Pick("已取消。", "Cancelled."),
        _ => l.Pick("已完成。", "Done."),
    };

    protected override string HistoryText(HistoryEntry h, Language l) => (h.Action switch
    {
        ContactEvents.Started => l.Pick("发内部联络单", "sent the Internal Contact Form"),
        ContactEvents.CustomerPermission => l.Pick("记录客户许可的新交期", "recorded the customer's permission for a new date"),
        ContactEvents.CustomerRefused => l.Pick("记录客户不同意新交期", "recorded that the customer refused the new date"),
        ContactEvents.Cancelled => l.Pick("取消", "cancelled"),
        _ => h.Action,
    }) + (string.IsNullOrWhiteSpace(h.Comment) ? string.Empty : l.Pick("：", ": ") + CardText.Escape(h.Comment, 300));
}
