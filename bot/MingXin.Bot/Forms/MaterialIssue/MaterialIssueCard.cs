using MingXin.Bot.Domain.Quotations;
using System.Text.RegularExpressions;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>What the MaterialIssue form shows: its cards and their texts, in both languages.</summary>
public sealed partial class MaterialIssueRunner
{
    protected override FormCard NewFormCard(object parent, Language l, string draft, IReadOnlyDictionary<string, string> typed)
    {
        var affected = (List<AffectedNotice>)parent;
        var ids = affected.Select(n => $"{n.Id}（{CardText.Escape(n.Customer, 60)}）").ToList();
        string V(string key) => QuotationInput.Get(typed, key);
        return new FormCard(
            string.Empty,
            0,
            MaterialIssue.Name(l),
            string.Join("、", ids),
            l.Pick("物控部与供应商确认后填写；提交后通知品管、生产主管。", "Fill in after confirming with the supplier; submitting notifies the QC and Production supervisors."),
            "Warning",
            [],
            [],
            [],
            h => h.Action,
            [new FormPanel(
                MaterialIssue.Name(l),
                [
                    new FormInput("supplier", l.Pick("供应商", "Supplier"), InputKind.Text, V("supplier"), MaxLength: 100),
                    new FormInput("material", l.Pick("物料", "Material"), InputKind.Text, V("material"), MaxLength: 100),
                    new FormInput("problem", l.Pick("问题", "Problem"), InputKind.Choice, V("problem") is { Length: > 0 } p ? p : nameof(MaterialProblem.Late), [(l.Pick("交期延误", "Late"), nameof(MaterialProblem.Late)), (l.Pick("严重品质问题", "Serious quality problem"), nameof(MaterialProblem.Quality))]),
                    new FormInput("description", l.Pick("情况说明", "What happened"), InputKind.MultilineText, V("description")),
                    new FormInput("expectedDate", l.Pick("供应商预计到料日期", "Expected from the supplier on"), InputKind.Date, V("expectedDate")),
                ],
                [new FormButton(MaterialIssueVerbs.Start, l.Pick("提交并通知品管、生产", "Submit; notify QC and Production"))])],
            Draft: draft,
            Parent: string.Join(" ", affected.Select(n => n.Id)));
    }

    protected override FormCard Card(MaterialIssue form, Language l, IReadOnlySet<string> verbs, IReadOnlyDictionary<string, string> typed)
    {
        var s = form.State;
        string V(string key) => QuotationInput.Get(typed, key);
        var panels = new List<FormPanel>();
        if (verbs.Contains(MaterialIssueVerbs.ToSales))
        {
            panels.Add(new FormPanel(l.Pick("生产主管：转业务部", "Production supervisor: pass to Sales"), [new FormInput("note", l.Pick("生产影响说明", "Effect on production"), InputKind.MultilineText, V("note"))], [new FormButton(MaterialIssueVerbs.ToSales, l.Pick("转业务部协商交期", "Pass to Sales to agree a date"))]));
        }

        if (verbs.Contains(MaterialIssueVerbs.Permission))
        {
            // One customer at a time: each answers for its own notices only (4.2.3).
            var pending = form.Unanswered;
            var customer = pending.Count > 0
                ? new FormInput("customer", l.Pick("客户", "Customer"), InputKind.Choice, V("customer") is { Length: > 0 } c ? c : pending[0].Customer, pending.Select(a => ($"{a.Customer}（{string.Join("、", a.Notices)}）", a.Customer)).ToList())
                : new FormInput("customer", l.Pick("客户", "Customer"), InputKind.Text, V("customer"), MaxLength: 100);
            panels.Add(new FormPanel(
                l.Pick("业务跟单员：各客户对新交期的答复", "Follow-up clerk: each customer's answer on a new date"),
                [customer, .. PermissionInputs(l, typed, FormCardView.Date(s.ExpectedDate)), .. RefusalInputs(l, typed)],
                [
                    new FormButton(MaterialIssueVerbs.Permission, l.Pick("客户同意：更新该客户的生产通知单", "The customer agreed: move that customer's notices")),
                    new FormButton(MaterialIssueVerbs.Refused, l.Pick("客户不同意：转总经理决定", "The customer refused: to the general manager"), "destructive"),
                ]));
        }

        var lines = new List<string>();
        if (s.PassedToSalesBy is { } by)
        {
            lines.Add($"{l.Pick("生产主管转业务部", "Passed to Sales by the production supervisor")}：{CardText.Escape(by.Name, 60)}" + (s.SupervisorNote is { } n ? "：" + CardText.Escape(n, 300) : string.Empty));
        }

        if (s.Permission is { } p)
        {
            lines.Add($"{l.Pick("客户许可新交期", "New date agreed by the customer")}：{FormCardView.Date(p.AgreedDate)}，{CardText.Escape(p.AgreedBy, 100)}（{FormCardView.Via(p.Via, l)}），{CardText.Escape(p.RecordedBy.Name, 60)}");
        }

        foreach (var a in s.Customers)
        {
            var notices = string.Join("、", a.Notices);
            lines.Add(a.Permission is { } agreed
                ? $"✅ {CardText.Escape(a.Customer, 100)}（{notices}）：{l.Pick("同意", "agreed")} {FormCardView.Date(agreed.AgreedDate)}，{CardText.Escape(agreed.AgreedBy, 100)}（{FormCardView.Via(agreed.Via, l)}）"
                : a.Refusal is { } refused
                    ? $"❌ {CardText.Escape(a.Customer, 100)}（{notices}）：{l.Pick("不同意", "refused")}，{CardText.Escape(refused.RefusedBy, 100)}（{FormCardView.Via(refused.Via, l)}）{CardText.Escape(refused.Note, 200)} — {l.Pick("总经理决定", "the general manager decides")}"
                    : $"⏳ {CardText.Escape(a.Customer, 100)}（{notices}）：{l.Pick("待客户答复", "waiting for the customer")}");
        }

        return new FormCard(
            s.Id,
            s.Version,
            $"{MaterialIssue.Name(l)} {s.Id}",
            $"{CardText.Escape(s.Material, 100)} · {CardText.Escape(s.Supplier, 100)}",
            s.Status switch
            {
                MaterialIssueStatus.AwaitingProductionSupervisor => l.Pick("已通知品管、生产主管：待生产主管转业务部", "QC and Production notified: waiting for the production supervisor"),
                MaterialIssueStatus.AwaitingCustomerPermission => l.Pick("待业务跟单员与各客户协商交期", "Waiting for the follow-up clerk to agree a date with each customer"),
                MaterialIssueStatus.Resolved => l.Pick("各客户均已答复：同意的已更新交期，不同意的转总经理决定", "Every customer has answered: agreed dates are on the notices, refusals are with the general manager"),
                _ => l.Pick("已取消：", "Cancelled: ") + CardText.Escape(s.CancelReason, 200),
            },
            s.Status == MaterialIssueStatus.Resolved ? "Good" : s.Status == MaterialIssueStatus.Cancelled ? "Attention" : "Warning",
            [
                (l.Pick("问题", "Problem"), s.Problem == MaterialProblem.Late ? l.Pick("交期延误", "late") : l.Pick("严重品质问题", "serious quality problem")),
                (l.Pick("情况", "What happened"), CardText.Escape(s.Description, 1000)),
                (l.Pick("预计到料", "Expected"), FormCardView.Date(s.ExpectedDate)),
                (l.Pick("受影响的生产通知单", "Production Notices held up"), string.Join("、", s.AffectedNotices)),
                (l.Pick("物控", "Materials Control"), CardText.Escape(s.Originator.Name, 80)),
            ],
            [new FormSection(l.Pick("处理", "Handling"), lines)],
            s.History,
            h => Describe(h, l),
            panels,
            CancelVerb: verbs.Contains(MaterialIssueVerbs.Cancel) ? MaterialIssueVerbs.Cancel : null);
    }

    protected override string FieldName(string field, Language l) => field switch
    {
        "supplier" => l.Pick("供应商", "Supplier"),
        "material" => l.Pick("物料", "Material"),
        "problem" => l.Pick("问题", "Problem"),
        "description" => l.Pick("情况说明", "What happened"),
        "expectedDate" => l.Pick("预计到料日期", "Expected on"),
        "notices" => l.Pick("受影响的生产通知单", "Production Notices"),
        "agreedDate" => l.Pick("客户同意的交期", "Date the customer agreed"),
        "agreedBy" => l.Pick("客户同意人", "Agreed by"),
        "via" or "refusalVia" => l.Pick("方式", "How"),
        "customer" => l.Pick("客户", "Customer"),
        "refusedBy" => l.Pick("客户拒绝人", "Refused by"),
        "refusalNote" => l.Pick("客户意见", "What the customer said"),
        _ => field,
    };

    protected override string Done(FormEvent e, Language l) => e.Action switch
    {
        MaterialIssueEvents.Started => l.Pick("已通知品管、生产主管。", "QC and the production supervisor are notified."),
        MaterialIssueEvents.PassedToSales => l.Pick("已转业务部。", "Passed to Sales."),
        MaterialIssueEvents.CustomerPermission => l.Pick("客户许可已记录，该客户的生产通知单随即更新。", "Permission recorded; that customer's notices are being updated."),
        MaterialIssueEvents.CustomerRefused => l.Pick("客户不同意已记录，该客户的生产通知单转总经理决定。", "The refusal is recorded; that customer's notices go to the general manager."),
        MaterialIssueEvents.Cancelled => l.Pick("已取消。", "Cancelled."),
        _ => l.Pick("已完成。", "Done."),
    };

    protected override string HistoryText(HistoryEntry h, Language l) => (h.Action switch
    {
        MaterialIssueEvents.Started => l.Pick("报告物料异常", "reported the material issue"),
        MaterialIssueEvents.PassedToSales => l.Pick("转业务部", "passed it to Sales"),
        MaterialIssueEvents.CustomerPermission => l.Pick("记录客户许可的新交期", "recorded the customer's permission for a new date"),
        MaterialIssueEvents.CustomerRefused => l.Pick("记录客户不同意新交期", "recorded that the customer refused a new date"),
        MaterialIssueEvents.Cancelled => l.Pick("取消", "cancelled"),
        _ => h.Action,
    }) + (string.IsNullOrWhiteSpace(h.Comment) ? string.Empty : l.Pick("：", ": ") + CardText.Escape(h.Comment, 300));
}
