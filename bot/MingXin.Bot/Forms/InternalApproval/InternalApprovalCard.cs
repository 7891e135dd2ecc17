using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Cards;

namespace MingXin.Bot.Presentation;

/// <summary>What the person looking at the card may do now (null = read-only base card).</summary>
public sealed record ApprovalViewer(Seat? Seat, bool CanComment, bool CanCancel, IReadOnlyList<PersonRef> Colleagues);

/// <summary>Builds the approval card: every string here, in one language; the template only binds.</summary>
public static class ApprovalCardView
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JsonObject Render(Approval approval, Language l, ApprovalViewer? viewer, Banner? banner, IReadOnlyList<string> refreshUserIds)
    {
        var state = approval.State;
        var active = state.Status == ApprovalStatus.InProgress && viewer is not null;
        var actions = new List<object>();
        if (active && viewer!.Seat is { } seat)
        {
            actions.Add(new { title = l.Pick("同意", "Approve"), verb = InternalApprovalVerbs.Approve, style = "positive", seat = seat.Key });
            actions.Add(new { title = l.Pick("驳回", "Reject"), verb = InternalApprovalVerbs.Reject, style = "destructive", seat = seat.Key });
            if (viewer.Colleagues.Count > 0)
            {
                actions.Add(new { title = l.Pick("转交", "Reassign"), verb = InternalApprovalVerbs.Reassign, style = "default", seat = seat.Key });
            }
        }

        if (active && viewer!.CanComment)
        {
            actions.Add(new { title = l.Pick("评论", "Comment"), verb = InternalApprovalVerbs.Comment, style = "default", seat = "any" });
        }

        if (active && viewer!.CanCancel)
        {
            actions.Add(new { title = l.Pick("取消申请", "Cancel request"), verb = InternalApprovalVerbs.Cancel, style = "destructive", seat = "any" });
        }

        var facts = new List<object>
        {
            new { label = l.Pick("发起人", "Originator"), value = CardText.Escape(state.Originator.Name, 80) },
            new { label = l.Pick("发起时间", "Started"), value = Time(state.CreatedAt, full: true) },
        };
        if (!string.IsNullOrWhiteSpace(state.Details))
        {
            facts.Add(new { label = l.Pick("说明", "Details"), value = CardText.Escape(state.Details, 1000) });
        }

        var model = new
        {
            id = state.Id,
            version = state.Version,
            refreshTitle = l.Pick("刷新", "Refresh"),
            userIds = refreshUserIds.Take(60).ToArray(),
            hasBanner = banner is not null,
            banner = banner?.Text ?? string.Empty,
            bannerColor = banner is { IsError: true } ? "Attention" : "Good",
            formName = $"{InternalApprovalForm.Name(l)} {state.Id}",
            title = CardText.Escape(state.Title, InternalApprovalForm.MaxTitleLength),
            statusText = StatusText(approval, l),
            statusColor = state.Status switch
            {
                ApprovalStatus.Approved => "Good",
                ApprovalStatus.Rejected => "Attention",
                ApprovalStatus.Cancelled => "Warning",
                _ => "Accent",
            },
            facts,
            steps = StepLines(approval, l),
            historyTitle = l.Pick("记录", "History"),
            history = state.History.Where(h => HistoryText(h, l) is not null).TakeLast(Approval.HistoryLimit)
                .Select(h => new { text = $"{Time(h.At, full: false)} {CardText.Escape(h.ActorName, 60)} {HistoryText(h, l)}" }).ToArray(),
            canAct = actions.Count > 0,
            commentLabel = l.Pick("意见 / 原因", "Comment / reason"),
            commentPlaceholder = l.Pick("同意时可选填；驳回、取消时必须填写原因", "Optional when approving; required when rejecting or cancelling"),
            canReassign = active && viewer!.Seat is not null && viewer.Colleagues.Count > 0,
            colleagueLabel = l.Pick("转交给同岗位的同事", "Reassign to a colleague in the same position"),
            colleagues = (viewer?.Colleagues ?? []).Select(c => new { id = c.Id, name = CardText.Escape(c.Name, 60) }).ToArray(),
            actions,
            record = new { show = true, title = l.Pick("📄 记录与 PDF", "📄 Record and PDF") },
        };
        return CardTemplates.Render("approval", JsonSerializer.SerializeToNode(model, Json));
    }

    public static string StatusText(Approval approval, Language l) => approval.State.Status switch
    {
        ApprovalStatus.InProgress => l.Pick("进行中 · ", "In progress · ") + StepName(approval.CurrentStep!.Definition, l),
        ApprovalStatus.Approved => l.Pick("已批准", "Approved"),
        ApprovalStatus.Rejected => l.Pick("已驳回", "Rejected"),
        _ => l.Pick("已取消：", "Cancelled: ") + CardText.Escape(approval.State.CancelReason, 200),
    };

    public static string StepName(StepDefinition step, Language l) => l.Pick(step.ChineseName, step.EnglishName);

    /// <summary>The short line posted in the thread for what happened in a step.</summary>
    public static string? HistoryLine(ApprovalEvent e, Language l) => e switch
    {
        SeatDecided d => $"{CardText.Escape(d.By.Name, 60)} {(d.Verdict == Verdict.Approved ? l.Pick("同意", "approved") : l.Pick("驳回", "rejected"))}{Comment(d.Comment, l)}",
        SeatReassigned r => $"{CardText.Escape(r.By.Name, 60)} {l.Pick("转交给", "reassigned to")} {CardText.Escape(r.To.Name, 60)}{Comment(r.Comment, l)}",
        ApprovalCancelled c => $"{CardText.Escape(c.By.Name, 60)} {l.Pick("取消了申请", "cancelled the request")}{Comment(c.Reason, l)}",
        Commented c => $"{CardText.Escape(c.By.Name, 60)} {l.Pick("评论", "commented")}{Comment(c.Text, l)}",
        ServiceLevelNoticed n => $"{CardText.Escape(n.By.Name, 60)} {ServiceLevelText(n.Action, l)}{Comment(n.Names, l)}",
        ApprovalCompleted { Status: ApprovalStatus.Approved } => l.Pick("✅ 审批完成：已批准", "✅ Completed: approved"),
        ApprovalCompleted { Status: ApprovalStatus.Rejected } => l.Pick("❌ 审批完成：已驳回", "❌ Completed: rejected"),
        _ => null,
    };

    private static List<object> StepLines(Approval approval, Language l)
    {
        var lines = new List<object>();
        var state = approval.State;
        for (var i = 0; i < state.Steps.Count; i++)
        {
            var step = state.Steps[i];
            var marker = step.Outcome switch
            {
                Verdict.Approved => "✅",
                Verdict.Rejected => "❌",
                _ when state.Status == ApprovalStatus.InProgress && i == state.CurrentStep => "▶",
                _ => "○",
            };
            var rule = step.Definition.Rule switch
            {
                ApprovalRule.AllOf => l.Pick("全部同意", "all must approve"),
                ApprovalRule.FirstOf => l.Pick("任一人处理", "first answer decides"),
                _ => l.Pick("一人批准", "one approver"),
            };
            lines.Add(new { text = $"{marker} {StepName(step.Definition, l)} — {rule}", weight = "Bolder" });
            foreach (var seat in step.Seats)
            {
                var who = seat.Position.Name(l) + (seat.Person is null ? string.Empty : $"（{CardText.Escape(seat.Person.Name, 60)}）");
                var decision = step.Decisions.FirstOrDefault(d => d.SeatKey == seat.Key);
                var text = decision is null
                    ? (step.Outcome is null && state.Status == ApprovalStatus.InProgress ? l.Pick("⏳ 等待中", "⏳ waiting") : "—")
                    : $"{(decision.Verdict == Verdict.Approved ? "✅" : "❌")} {CardText.Escape(decision.By.Name, 60)}，{Time(decision.At, full: false)}{Comment(decision.Comment, l)}";
                lines.Add(new { text = $"　{who}：{text}", weight = "Default" });
            }
        }

        return lines;
    }

    private static string? HistoryText(HistoryEntry h, Language l) => h.Action switch
    {
        InternalApprovalEvents.Started => l.Pick("发起", "started"),
        InternalApprovalEvents.Approved => l.Pick("同意", "approved") + Comment(h.Comment, l),
        InternalApprovalEvents.Rejected => l.Pick("驳回", "rejected") + Comment(h.Comment, l),
        InternalApprovalEvents.Reassigned => l.Pick("转交给 ", "reassigned to ") + CardText.Escape(h.To, 60) + Comment(h.Comment, l),
        InternalApprovalEvents.Cancelled => l.Pick("取消", "cancelled") + Comment(h.Comment, l),
        InternalApprovalEvents.Commented => l.Pick("评论", "commented") + Comment(h.Comment, l),
        FormEvents.SlaReminder or FormEvents.SlaEscalated or FormEvents.SlaEscalatedToGm => ServiceLevelText(h.Action, l) + Comment(h.Comment, l),
        _ => null,
    };

    private static string ServiceLevelText(string action, Language l) => action switch
    {
        FormEvents.SlaReminder => l.Pick("⏰ 提醒：此步骤已超过时限，请处理", "⏰ Reminder: this step is past its time limit — please act"),
        FormEvents.SlaEscalated => l.Pick("⏫ 已升级给主管", "⏫ Escalated to the manager"),
        _ => l.Pick("⏫ 已升级给总经理", "⏫ Escalated to the general manager"),
    };

    private static string Comment(string? comment, Language l) =>
        string.IsNullOrWhiteSpace(comment) ? string.Empty : l.Pick("：", ": ") + CardText.Escape(comment, 300);

    private static string Time(DateTimeOffset at, bool full) =>
        TimeZoneInfo.ConvertTime(at, BusinessCalendar.FactoryZone).ToString(full ? "yyyy-MM-dd HH:mm" : "MM-dd HH:mm", CultureInfo.InvariantCulture);
}
