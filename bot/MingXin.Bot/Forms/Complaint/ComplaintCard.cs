using MingXin.Bot.Domain.Quotations;
using System.Globalization;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Surveys;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>What the Complaint form shows: its cards and their texts, in both languages.</summary>
public sealed partial class ComplaintRunner
{
    protected override FormCard NewFormCard(object parent, Language l, string draft, IReadOnlyDictionary<string, string> typed)
    {
        var (key, s) = (IntakeParent)parent;
        string V(string name) => QuotationInput.Get(typed, name);
        return new FormCard(
            string.Empty,
            0,
            Complaint.RegisterName(l),
            l.Pick("请核对后登记", "Check, then register"),
            l.Pick("有误请直接回复更正，例如“不是，数量是 250”；输入“取消”放弃。", "Reply with any correction, e.g. “no, the quantity is 250”; type “cancel” to drop it."),
            "Accent",
            [(l.Pick("收到日期", "Received"), s.ReceivedOn is { } on ? FormCardView.Date(on) : l.Pick("今天", "today")), .. DetailFacts(s.CustomerName, s.Channel, s.Kind ?? ComplaintKind.Product, s.CustomerOrder, s.Reference, s.Product, s.Description, s.Quantity, s.Severity, l)],
            ContactSections(s.Phones, s.Emails, s.Dates, s.Attachments, l),
            [],
            h => h.Action,
            [new FormPanel(
                Complaint.ActionFormName(l),
                [new FormInput("assignTo", l.Pick("改善措施交给", "Corrective action to"), InputKind.Choice, V("assignTo") is { Length: > 0 } a ? a : Department.QualityControl.Code(), Complaint.Assignable.Select(d => (d.Name(l), d.Code())).ToList())],
                [new FormButton(ComplaintVerbs.Start, l.Pick("登记投诉", "Register the complaint"))])],
            Draft: draft,
            Parent: $"{key}.{s.Version.ToString(CultureInfo.InvariantCulture)}");
    }

    protected override FormCard Card(Complaint form, Language l, IReadOnlySet<string> verbs, IReadOnlyDictionary<string, string> typed)
    {
        var s = form.State;
        var d = s.Details;
        string V(string key) => QuotationInput.Get(typed, key);
        var facts = new List<(string, string)>
        {
            (l.Pick("收到日期", "Received"), FormCardView.Date(s.ReceivedOn)),
        };
        if (s.Source is { } source)
        {
            facts.Add((l.Pick("来源", "Source"), $"{SatisfactionSurvey.Name(l)} {source}"));
        }

        facts.AddRange(DetailFacts(d.CustomerName, d.Channel, s.Source is null ? d.Kind : null, d.CustomerOrder, d.Reference, d.Product, d.Description, s.Source is null ? d.QuantityAffected : null, s.Source is null ? d.Severity : null, l));
        facts.Add((l.Pick("改善措施交给", "Corrective action to"), s.AssignedTo.Name(l)));
        facts.Add((l.Pick("登记人", "Registered by"), CardText.Escape(s.Originator.Name, 80)));
        if (s.Reopened > 0)
        {
            facts.Add((l.Pick("验证无效次数", "Found ineffective"), s.Reopened.ToString(CultureInfo.InvariantCulture)));
        }

        var sections = ContactSections(d.Phones, d.Emails, d.DatesMentioned, d.Attachments, l).ToList();
        var investigation = new List<string>();
        if (s.Acknowledged is { } ack)
        {
            investigation.Add(l.Pick("接收：", "Taken on: ") + $"{CardText.Escape(ack.By.Name, 60)}，{FormCardView.Time(ack.At, full: false)}");
        }

        if (s.Containment is { } containment)
        {
            investigation.Add(l.Pick("围堵措施：", "Containment: ") + CardText.Escape(containment, 500));
        }

        foreach (var a in s.Analyses)
        {
            investigation.Add(l.Pick($"第 {a.Round} 轮原因（{CategoryName(a.Category, l)}）：", $"Round {a.Round} root cause ({CategoryName(a.Category, l)}): ") + CardText.Escape(a.RootCause, 500));
            investigation.AddRange(a.Whys.Select((w, i) => $"　{l.Pick("为什么", "Why")} {i + 1}: {CardText.Escape(w, 300)}"));
        }

        sections.Add(new FormSection(l.Pick("调查与原因", "Investigation and root cause"), investigation));
        sections.Add(new FormSection(
            l.Pick("纠正与预防措施", "Corrective and preventive actions"),
            s.Actions.Select(a => $"{(a.Done is null ? "⏳" : "✅")} {(a.Round < form.Round ? l.Pick($"（第 {a.Round} 轮）", $"(round {a.Round}) ") : string.Empty)}{(a.Kind == ActionKind.Corrective ? l.Pick("纠正措施", "Corrective action") : l.Pick("预防措施", "Preventive action"))} {s.Actions.Where(x => x.Kind == a.Kind && x.Round == a.Round).ToList().IndexOf(a) + 1}{l.Pick("：", ": ")}{CardText.Escape(a.Text, 300)} — {a.Owner.Name(l)}, {l.Pick("期限", "due")} {FormCardView.Date(a.Due)}"
                + (a.Done is { } done ? l.Pick($"，{CardText.Escape(done.By.Name, 60)} 已完成", $", done by {CardText.Escape(done.By.Name, 60)}") + (a.DoneNote is { } n ? ": " + CardText.Escape(n, 200) : string.Empty) : string.Empty)).ToList()));
        sections.Add(new FormSection(
            l.Pick("效果验证", "Verification"),
            s.Verifications.Select(v => $"{(v.Effective ? "✅" : "❌")} {l.Pick($"第 {v.Round} 轮", $"Round {v.Round}")}: {(v.Effective ? l.Pick("有效", "effective") : l.Pick("无效", "not effective"))} — {CardText.Escape(v.By.Name, 60)}{(v.Comment is { } c ? ": " + CardText.Escape(c, 300) : string.Empty)}").ToList()));
        if (s.Reply is { } reply)
        {
            sections.Add(new FormSection(l.Pick("回复客户", "Reply to the customer"), [$"{FormCardView.Date(reply.RepliedOn)} · {FormCardView.Via(reply.Via, l)} · {CardText.Escape(reply.RepliedTo, 100)}: {CardText.Escape(reply.Content, 1000)} — {CardText.Escape(reply.By.Name, 60)}"]));
        }

        return new FormCard(
            s.Id,
            s.Version,
            $"{Complaint.RegisterName(l)} {s.Id} · {Complaint.ActionFormName(l)}",
            $"{CardText.Escape(d.CustomerName, 100)} · {CardText.Escape(d.Reference ?? d.Product, 100)}",
            StatusText(form, l),
            s.Status == ComplaintStatus.Closed ? "Good" : s.Status == ComplaintStatus.Cancelled || d.Severity == Severity.Critical ? "Attention" : "Accent",
            facts,
            sections,
            s.History,
            h => Describe(h, l),
            Panels(form, l, verbs, V),
            CancelVerb: verbs.Contains(ComplaintVerbs.Cancel) ? ComplaintVerbs.Cancel : null);
    }

    private static List<FormPanel> Panels(Complaint form, Language l, IReadOnlySet<string> verbs, Func<string, string> V)
    {
        var s = form.State;
        var panels = new List<FormPanel>();
        if (verbs.Contains(ComplaintVerbs.Acknowledge))
        {
            panels.Add(new FormPanel(
                l.Pick("接收投诉", "Take the complaint on"),
                [new FormInput("containment", l.Pick("围堵措施（可稍后填写）", "Containment (may follow later)"), InputKind.MultilineText, V("containment"))],
                [new FormButton(ComplaintVerbs.Acknowledge, l.Pick("接收", "Take it on"))]));
        }

        if (verbs.Contains(ComplaintVerbs.RootCause))
        {
            var inputs = new List<FormInput>
            {
                new("containment", l.Pick("围堵措施", "Containment"), InputKind.MultilineText, V("containment") is { Length: > 0 } c ? c : s.Containment ?? string.Empty),
            };
            inputs.AddRange(Enumerable.Range(1, Complaint.MaxWhys).Select(i => new FormInput($"why{i}", l.Pick($"为什么 {i}", $"Why {i}") + (i == 1 ? string.Empty : l.Pick("（可选）", " (optional)")), InputKind.Text, V($"why{i}"), MaxLength: 1000)));
            inputs.Add(new FormInput("category", l.Pick("原因类别", "Cause category"), InputKind.Choice, V("category"), Enum.GetValues<CauseCategory>().Select(x => (CategoryName(x, l), x.ToString())).ToList()));
            inputs.Add(new FormInput("rootCause", l.Pick("根本原因", "Root cause"), InputKind.MultilineText, V("rootCause")));
            panels.Add(new FormPanel(form.Round > 1 ? l.Pick($"重新分析原因（第 {form.Round} 轮）", $"Root cause again (round {form.Round})") : l.Pick("原因分析（5 个为什么）", "Root cause (5 whys)"), inputs, [new FormButton(ComplaintVerbs.RootCause, l.Pick("提交原因", "Submit the root cause"))]));
        }

        if (verbs.Contains(ComplaintVerbs.Actions))
        {
            var owners = Positions.List.Where(p => p != Position.Administrator).Select(p => (p.Name(l), p.ToString())).ToList();
            var inputs = new List<FormInput>();
            void Row(string field, string label)
            {
                inputs.Add(new FormInput(field, label, InputKind.Text, V(field), MaxLength: 1000));
                inputs.Add(new FormInput(field + "Owner", l.Pick("负责岗位", "Owner"), InputKind.Choice, V(field + "Owner"), owners));
                inputs.Add(new FormInput(field + "Due", l.Pick("完成期限", "Due"), InputKind.Date, V(field + "Due")));
            }

            for (var i = 1; i <= ComplaintSteps.CorrectiveRows; i++)
            {
                Row($"ca{i}", l.Pick($"纠正措施 {i}", $"Corrective action {i}") + (i == 1 ? string.Empty : l.Pick("（可选）", " (optional)")));
            }

            for (var i = 1; i <= ComplaintSteps.PreventiveRows; i++)
            {
                Row($"pa{i}", l.Pick($"预防措施 {i}（可选）", $"Preventive action {i} (optional)"));
            }

            panels.Add(new FormPanel(l.Pick("纠正与预防措施", "Corrective and preventive actions"), inputs, [new FormButton(ComplaintVerbs.Actions, l.Pick("提交措施", "Submit the actions"))]));
        }

        if (verbs.Contains(ComplaintVerbs.Done))
        {
            panels.Add(new FormPanel(
                l.Pick("确认措施已完成", "Confirm your actions are done"),
                [new FormInput("doneNote", l.Pick("完成情况（可选）", "What was done (optional)"), InputKind.MultilineText, V("doneNote"))],
                [new FormButton(ComplaintVerbs.Done, l.Pick("已完成", "Done"))]));
        }

        if (verbs.Contains(ComplaintVerbs.Effective))
        {
            panels.Add(new FormPanel(
                l.Pick("效果验证", "Verify effectiveness"),
                [new FormInput("comment", l.Pick("验证说明（无效时必填）", "Verification note (required when not effective)"), InputKind.MultilineText, V("comment"))],
                [new FormButton(ComplaintVerbs.Effective, l.Pick("有效", "Effective")), new FormButton(ComplaintVerbs.Ineffective, l.Pick("无效，重新分析", "Not effective: back to the root cause"), "destructive")]));
        }

        if (verbs.Contains(ComplaintVerbs.Reply))
        {
            panels.Add(new FormPanel(
                l.Pick("回复客户并结案", "Reply to the customer and close"),
                [
                    new FormInput("repliedOn", l.Pick("回复日期", "Replied on"), InputKind.Date, V("repliedOn")),
                    new FormInput("via", l.Pick("方式", "How"), InputKind.Choice, V("via") is { Length: > 0 } via ? via : nameof(ContactChannel.Email), FormCardView.ViaChoices(l)),
                    new FormInput("repliedTo", l.Pick("回复给（客户联系人）", "Replied to (customer contact)"), InputKind.Text, V("repliedTo"), MaxLength: 100),
                    new FormInput("reply", l.Pick("回复内容", "What the customer was told"), InputKind.MultilineText, V("reply")),
                ],
                [new FormButton(ComplaintVerbs.Reply, l.Pick("记录回复并结案", "Record the reply and close"))]));
        }

        return panels;
    }

    private static string StatusText(Complaint form, Language l) => form.Status switch
    {
        ComplaintStatus.AwaitingAcknowledgement => l.Pick($"待{form.State.AssignedTo.Name(l)}接收", $"Waiting for {form.State.AssignedTo.Name(l)} to take it on"),
        ComplaintStatus.RootCause => form.Round > 1 ? l.Pick($"验证无效，重新分析原因（第 {form.Round} 轮）", $"Not effective: root cause again (round {form.Round})") : l.Pick("待分析原因", "Waiting for the root cause"),
        ComplaintStatus.Actions => l.Pick("待制定纠正与预防措施", "Waiting for corrective and preventive actions"),
        ComplaintStatus.Implementation => l.Pick("措施执行中：", "Actions under way: ") + string.Join("、", form.OpenActions().Select(a => a.Owner.Name(l)).Distinct()),
        ComplaintStatus.Verification => l.Pick("待品管验证效果", "Waiting for QC to verify"),
        ComplaintStatus.AwaitingReply => l.Pick("待业务回复客户", "Waiting for Sales to reply to the customer"),
        ComplaintStatus.Closed => l.Pick("已结案", "Closed"),
        _ => l.Pick("已取消：", "Cancelled: ") + CardText.Escape(form.State.CancelReason, 200),
    };

    /// <param name="kind">Null for a corrective action opened from a survey (it has no kind of its own).</param>
    private static List<(string Label, string Value)> DetailFacts(string? customer, ContactChannel? channel, ComplaintKind? kind, string? customerOrder, string? reference, string? product, string? description, int? quantity, Severity? severity, Language l)
    {
        var facts = new List<(string Label, string Value)>
        {
            (l.Pick("客户", "Customer"), CardText.Escape(customer, 100)),
            (l.Pick("投诉方式", "Received by"), channel is { } c ? FormCardView.Via(c, l) : "—"),
        };
        if (kind is { } k)
        {
            facts.Add((l.Pick("投诉类型", "About"), KindName(k, l)));
        }

        if (customerOrder is { Length: > 0 })
        {
            facts.Add((l.Pick("客户订单号", "Customer PO"), CardText.Escape(customerOrder, 40)));
        }

        facts.Add((l.Pick("订单/单号", "Order / form"), reference ?? "—"));
        facts.Add((l.Pick("产品", "Product"), CardText.Escape(product ?? "—", 100)));
        facts.Add((l.Pick("问题描述", "Complaint"), CardText.Escape(description, ComplaintIntake.MaxDescriptionLength)));
        if (kind is null or ComplaintKind.Product)
        {
            facts.Add((l.Pick("受影响数量", "Quantity affected"), quantity?.ToString("N0", CultureInfo.InvariantCulture) ?? "—"));
        }

        facts.Add((l.Pick("严重程度", "Severity"), severity is { } s ? SeverityName(s, l) : "—"));
        return facts;
    }

    private static List<FormSection> ContactSections(IReadOnlyList<string> phones, IReadOnlyList<string> emails, IReadOnlyList<DateOnly> dates, IReadOnlyList<ComplaintAttachment> attachments, Language l) =>
    [
        new FormSection(l.Pick("联系方式", "Contact"), phones.Select(p => "☎ " + CardText.Escape(p, 40)).Concat(emails.Select(e => "✉ " + CardText.Escape(e, 120))).ToList()),
        new FormSection(l.Pick("提到的日期", "Dates mentioned"), dates.Select(FormCardView.Date).ToList()),
        new FormSection(l.Pick("附件", "Attachments"), attachments.Select(a => "📎 " + CardText.Link(a.Name, a.Url, 120) + (a.Size is { } size ? $" ({CardText.Bytes(size)})" : string.Empty)).ToList()),
    ];

    protected override string FieldName(string field, Language l) => field switch
    {
        "assignTo" => l.Pick("改善措施交给", "Corrective action to"),
        "containment" => l.Pick("围堵措施", "Containment"),
        "category" => l.Pick("原因类别", "Cause category"),
        "rootCause" => l.Pick("根本原因", "Root cause"),
        "repliedOn" => l.Pick("回复日期", "Replied on"),
        "via" => l.Pick("方式", "How"),
        "repliedTo" => l.Pick("回复给", "Replied to"),
        "reply" => l.Pick("回复内容", "Reply"),
        "customer" => l.Pick("客户", "Customer"),
        "description" => l.Pick("问题描述", "Complaint"),
        "quantity" => l.Pick("受影响数量", "Quantity affected"),
        "receivedOn" => l.Pick("收到日期", "Received"),
        "subject" => l.Pick("订单或产品", "Order or product"),
        _ when field.StartsWith("why", StringComparison.Ordinal) => l.Pick("为什么 ", "Why ") + field[3..],
        _ when field.StartsWith("ca", StringComparison.Ordinal) || field.StartsWith("pa", StringComparison.Ordinal) => ActionFieldName(field, l),
        _ => field,
    };

    private static string ActionFieldName(string field, Language l)
    {
        var corrective = field.StartsWith("ca", StringComparison.Ordinal);
        var number = new string(field.Skip(2).TakeWhile(char.IsAsciiDigit).ToArray());
        var part = field.EndsWith("Owner", StringComparison.Ordinal) ? l.Pick("的负责岗位", " owner") : field.EndsWith("Due", StringComparison.Ordinal) ? l.Pick("的完成期限", " due date") : string.Empty;
        return (corrective ? l.Pick($"纠正措施 {number}", $"Corrective action {number}") : l.Pick($"预防措施 {number}", $"Preventive action {number}")) + part;
    }

    protected override string Done(FormEvent e, Language l) => e.Action switch
    {
        ComplaintEvents.Registered => l.Pick("投诉已登记，改善措施表已发出。", "The complaint is registered and its corrective action issued."),
        ComplaintEvents.Acknowledged => l.Pick("已接收，请分析原因。", "Taken on; the root cause is next."),
        ComplaintEvents.RootCause => l.Pick("原因已记录，请制定措施。", "Root cause recorded; the actions are next."),
        ComplaintEvents.ActionsPlanned => l.Pick("措施已发给负责岗位。", "The actions went to their owners."),
        ComplaintEvents.ActionDone => e.StatusAfter == nameof(ComplaintStatus.Verification) ? l.Pick("全部措施已完成，待品管验证。", "All actions done; QC verifies next.") : l.Pick("已确认完成。", "Confirmed done."),
        ComplaintEvents.VerifiedEffective => l.Pick("验证有效，待业务回复客户。", "Effective; Sales replies to the customer next."),
        ComplaintEvents.VerifiedIneffective => l.Pick("验证无效，退回重新分析原因。", "Not effective; back to the root cause."),
        ComplaintEvents.Closed => l.Pick("已回复客户，投诉结案。", "Reply recorded; the complaint is closed."),
        ComplaintEvents.Cancelled => l.Pick("投诉已取消。", "The complaint is cancelled."),
        _ => l.Pick("已完成。", "Done."),
    };

    protected override string HistoryText(HistoryEntry h, Language l) => (h.Action switch
    {
        ComplaintEvents.Registered => l.Pick("登记投诉", "registered the complaint"),
        ComplaintEvents.OpenedFromSurvey => l.Pick("满意度调查低于标准，开出改善措施表", "opened the corrective action: a satisfaction survey scored below the threshold"),
        ComplaintEvents.OpenedFromReturn => l.Pick("客户退货，开出改善措施表", "opened the corrective action: the customer returned goods"),
        ComplaintEvents.Acknowledged => l.Pick("接收", "took it on"),
        ComplaintEvents.RootCause => l.Pick("提交原因", "recorded the root cause"),
        ComplaintEvents.ActionsPlanned => l.Pick("制定措施，负责", "planned the actions; owners"),
        ComplaintEvents.ActionDone => l.Pick("确认措施完成", "confirmed actions done"),
        ComplaintEvents.VerifiedEffective => l.Pick("验证有效", "verified: effective"),
        ComplaintEvents.VerifiedIneffective => l.Pick("验证无效", "verified: not effective"),
        ComplaintEvents.Closed => l.Pick("回复客户并结案", "replied to the customer and closed it"),
        ComplaintEvents.Cancelled => l.Pick("取消", "cancelled"),
        _ => h.Action,
    }) + (string.IsNullOrWhiteSpace(h.Comment) ? string.Empty : l.Pick("：", ": ") + CardText.Escape(h.Action == ComplaintEvents.ActionsPlanned ? Owners(h.Comment, l) : h.Comment, 300));

    /// <summary>The owners of the planned actions are stored as "生产经理 Production manager、…": each in the reader's language.</summary>
    private static string Owners(string stored, Language l) =>
        string.Join(l.Pick("、", ", "), stored.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? l.Pick(o[..space], o[(space + 1)..]) : o));
}
