using System.Globalization;
using MingXin.Bot.Conversations;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Documents;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Presentation;
using MingXin.Bot.Scheduling;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows;

/// <summary>
/// Runs approval workflows: load → authorize → transition (domain) → save state, audit and outbox
/// in ONE batch guarded by the ETag → answer → let the outbox dispatcher send the rest.
/// </summary>
public sealed class ApprovalService(
    WorkflowStore store,
    DocumentNumberAllocator numbers,
    FormCommitter committer,
    IPeopleDirectory directory,
    ApprovalCards cards,
    TurnLedger ledger,
    StepServiceLevels levels,
    TimeProvider time,
    ILogger<ApprovalService> logger) : IDeadlineHandler
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>(StringComparer.Ordinal) { "refresh", "approve", "reject", "reassign", "cancel", "comment" };


    /// <summary>Starts an Internal Approval 内部审批单 for the person who asked.</summary>
    public async Task<ChatReply> StartAsync(string actorId, string title, string? details, Language l, string? activityId, CancellationToken cancellationToken)
    {
        title = title.Trim();
        if (title.Length == 0)
        {
            return ChatReply.Message(l.Pick("请写上申请的标题，例如：申请 新烫金工艺试产 | 客户要求在礼盒上使用冷烫金。", "Give the request a title, e.g. request Trial run of the new foil process | The customer wants cold foil on the gift box."));
        }

        if (title.Length > InternalApprovalForm.MaxTitleLength || (details?.Length ?? 0) > InternalApprovalForm.MaxDetailsLength)
        {
            return ChatReply.Message(l.Pick($"标题最多 {InternalApprovalForm.MaxTitleLength} 个字，说明最多 {InternalApprovalForm.MaxDetailsLength} 个字。", $"A title may have at most {InternalApprovalForm.MaxTitleLength} characters and the details {InternalApprovalForm.MaxDetailsLength}."));
        }

        var person = await directory.FindAsync(actorId, cancellationToken).ConfigureAwait(false);
        if (person is null || person.Positions.Count == 0)
        {
            return ChatReply.Message(l.Pick("目录中没有你的岗位，不能发起申请。请联系系统管理员。", "The directory lists no position for you, so you cannot start a request. Ask an administrator."));
        }

        if (activityId is not null)
        {
            var claim = await ledger.ClaimAsync(activityId, cancellationToken).ConfigureAwait(false);
            if (!claim.Claimed)
            {
                // Teams delivered this message again: answer with the form the first delivery started.
                var earlier = claim.ExistingWorkflowId is null ? null : await store.LoadForStepAsync(claim.ExistingWorkflowId, cancellationToken).ConfigureAwait(false);
                return earlier is null
                    ? ChatReply.Message(l.Pick("这条申请正在处理中。", "This request is being processed."))
                    : ChatReply.AdaptiveCard(await cards.CardForAsync(Load(earlier), person, l, null, cancellationToken).ConfigureAwait(false));
            }
        }

        try
        {
            return await StartClaimedAsync(person, title, details, l, activityId, cancellationToken).ConfigureAwait(false);
        }
        catch when (activityId is not null)
        {
            await ledger.ReleaseAsync(activityId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<ChatReply> StartClaimedAsync(Person person, string title, string? details, Language l, string? activityId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var number = await numbers.NextAsync(InternalApprovalForm.Prefix, TimeZoneInfo.ConvertTime(now, BusinessCalendar.FactoryZone).Year, cancellationToken).ConfigureAwait(false);
        var actor = Actor.From(person);
        var (approval, events) = Approval.Start(number.ToString(), InternalApprovalForm.Kind, title, string.IsNullOrWhiteSpace(details) ? null : details.Trim(), actor.Person, InternalApprovalForm.Route, now);

        var outbox = new List<OutboxMessage> { new(OutboxMessage.Post, InternalApprovalForm.OriginDepartment) };
        outbox.AddRange(InternalApprovalForm.DepartmentsOf(InternalApprovalForm.Route[0]).Select(d => new OutboxMessage(OutboxMessage.Post, d)));
        outbox.Add(new OutboxMessage(OutboxMessage.Tasks));

        var result = await CommitAsync(approval, null, null, events, outbox, activityId: null, cancellationToken).ConfigureAwait(false);
        if (result is not CommitResult.Committed)
        {
            throw new InvalidOperationException($"The new number {number} already had a workflow.");
        }

        if (activityId is not null)
        {
            await ledger.RecordAsync(activityId, approval.Id, cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation("{Id} started by {User}.", approval.Id, person.AadObjectId);
        var banner = new Banner(l.Pick($"已发起 {approval.Id}，已送 生产部、品管部、物控部 会签。", $"{approval.Id} started and sent to Production, QC and Materials Control for review."), IsError: false);
        return ChatReply.AdaptiveCard(await cards.CardForAsync(approval, person, l, banner, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Handles a card action. Never throws for bad input: the answer says what is wrong.</summary>
    public async Task<ActionAnswer> ActAsync(CardClick action, CancellationToken cancellationToken)
    {
        var l = action.Language;
        if (action.Verb is null || !Verbs.Contains(action.Verb))
        {
            return new ActionAnswer.BadRequest($"Unknown verb '{action.Verb}'. Known verbs: {string.Join(", ", Verbs)}.");
        }

        if (!DocumentNumber.TryParse(action.WorkflowId, out var number))
        {
            return Notice(l, l.Pick("找不到这张表单。", "This form does not exist."), l.Pick("卡片上的表单编号无效。", "The card carries no valid form number."));
        }

        var partition = await store.LoadForStepAsync(number.ToString(), cancellationToken).ConfigureAwait(false);
        if (partition is null || partition.State.Kind != InternalApprovalForm.Kind)
        {
            return Notice(l, l.Pick("找不到这张表单。", "This form does not exist."), l.Pick($"没有编号为 {number} 的表单。", $"There is no form numbered {number}."));
        }

        var person = await directory.FindAsync(action.ActorId, cancellationToken).ConfigureAwait(false) ?? Person.Unknown(action.ActorId, action.ActorName);
        var approval = Load(partition);

        if (action.Verb == "refresh")
        {
            return new ActionAnswer.Card(await cards.CardForAsync(approval, person, l, null, cancellationToken).ConfigureAwait(false), Changed: false);
        }

        if (action.ActivityId is not null && approval.State.RecentActivityIds.Contains(action.ActivityId))
        {
            // Teams redelivered an action that was already applied: answer with the current card, change nothing.
            return new ActionAnswer.Card(await cards.CardForAsync(approval, person, l, null, cancellationToken).ConfigureAwait(false), Changed: false);
        }

        if (action.Version != approval.State.Version)
        {
            return new ActionAnswer.Card(await cards.CardForAsync(approval, person, l, Stale(approval, l), cancellationToken).ConfigureAwait(false), Changed: false);
        }

        var actor = Actor.From(person);
        var now = time.GetUtcNow();
        ActionOutcome outcome;
        switch (action.Verb)
        {
            case "approve":
                outcome = approval.Approve(actor, SeatKey(action.Seat), action.Comment, now);
                break;
            case "reject":
                outcome = approval.Reject(actor, SeatKey(action.Seat), action.Comment, now);
                break;
            case "cancel":
                outcome = approval.Cancel(actor, action.Comment, now);
                break;
            case "comment":
                outcome = approval.Comment(actor, action.Comment, now);
                break;
            default:
                var colleague = string.IsNullOrWhiteSpace(action.ColleagueId) ? null : await directory.FindAsync(action.ColleagueId, cancellationToken).ConfigureAwait(false);
                if (colleague is null)
                {
                    return new ActionAnswer.Card(await cards.CardForAsync(approval, person, l, new Banner(l.Pick("请先选择要转交的同事。", "Choose the colleague to reassign to first."), IsError: true), cancellationToken).ConfigureAwait(false), Changed: false);
                }

                outcome = approval.Reassign(actor, SeatKey(action.Seat) ?? string.Empty, Actor.From(colleague), action.Comment, now);
                break;
        }

        if (outcome is ActionOutcome.Refused refused)
        {
            logger.LogInformation("{Id}: {Verb} by {User} refused: {Reason}.", approval.Id, action.Verb, action.ActorId, refused.Reason);
            return new ActionAnswer.Card(await cards.CardForAsync(approval, person, l, new Banner(RefusalText(refused.Reason, l), IsError: true), cancellationToken).ConfigureAwait(false), Changed: false);
        }

        var events = ((ActionOutcome.Accepted)outcome).Events;
        approval.RememberActivity(action.ActivityId);
        var result = await CommitAsync(approval, partition.State.ETag, partition, events, OutboxFor(events, approval), action.ActivityId, cancellationToken).ConfigureAwait(false);
        if (result is CommitResult.Conflict)
        {
            // Someone else acted between our read and our write: nothing of ours was saved.
            var current = (await store.LoadForStepAsync(approval.Id, cancellationToken).ConfigureAwait(false))!;
            var fresh = Load(current);
            return new ActionAnswer.Card(await cards.CardForAsync(fresh, person, l, Stale(fresh, l), cancellationToken).ConfigureAwait(false), Changed: false);
        }

        var done = new Banner(Done(events, l), IsError: false);
        return new ActionAnswer.Card(await cards.CardForAsync(approval, person, l, done, cancellationToken).ConfigureAwait(false), Changed: true);
    }

    internal static Approval Load(WorkflowPartition partition) => Approval.FromState(WorkflowJson.Deserialize<ApprovalState>(partition.State.StateJson));

    private Task<CommitResult> CommitAsync(Approval approval, string? etag, WorkflowPartition? loaded, IReadOnlyList<ApprovalEvent> events, IReadOnlyList<OutboxMessage> outbox, string? activityId, CancellationToken cancellationToken, int rowIndexBase = 0)
    {
        // The service-level clock follows the step the approval waits at; its deadlines go through this step's outbox.
        var slaChange = levels.Move(approval.State.FormKind, approval.State.Sla, approval.WaitingStep, clock => approval.State.Sla = clock);
        var allOutbox = slaChange is null ? outbox : [.. outbox, new OutboxMessage(OutboxMessage.Deadlines, Payload: WorkflowJson.Serialize(slaChange))];
        return committer.CommitAsync(approval.Id, approval.State.FormKind, approval.State.Version, WorkflowJson.Serialize(approval.State), etag, loaded, AuditFor(approval.State.Version, events, activityId, rowIndexBase), allOutbox, cancellationToken, rowIndexBase);
    }

    public bool Handles(Deadline deadline) =>
        deadline.WorkflowId.StartsWith(InternalApprovalForm.Prefix + "-", StringComparison.Ordinal) && StepServiceLevels.IsServiceLevel(deadline);

    /// <summary>A step waited past its service level: remind the open seats, then escalate — each once, recorded, the version kept.</summary>
    public async Task OnDueAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var (step, level) = StepServiceLevels.Parse(deadline.Key);
        await StepServiceLevels.RecordWithRetriesAsync(async () =>
        {
            var partition = await store.LoadForStepAsync(deadline.WorkflowId, cancellationToken).ConfigureAwait(false);
            if (partition is null)
            {
                return null;
            }

            var approval = Load(partition);
            var seats = approval.OpenSeats();
            var (names, ids) = await levels.RecipientsAsync(level, seats.Where(s => s.Person is null).Select(s => s.Position).Distinct().ToList(), seats.Where(s => s.Person is not null).Select(s => s.Person!.Id).ToList(), cancellationToken).ConfigureAwait(false);
            if (approval.RecordSla(step, level, names, time.GetUtcNow()) is not { } e)
            {
                return null;
            }

            var outbox = OutboxFor([e], approval).Select(m => m.Kind == OutboxMessage.Reply ? m with { MentionIds = ids } : m).ToList();
            return await CommitAsync(approval, partition.State.ETag, partition, [e], outbox, null, cancellationToken, StepServiceLevels.RowIndexBase(approval.State.SlaNotices, step, approval.State.Sla)).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static List<AuditRecord> AuditFor(long version, IReadOnlyList<ApprovalEvent> events, string? activityId, int rowIndexBase = 0) =>
        events.Select((e, i) => new AuditRecord(
            version,
            rowIndexBase + i,
            e.At,
            e.By.Id,
            e.By.Name,
            e.Action,
            e switch
            {
                SeatDecided d => d.Comment,
                SeatReassigned r => r.Comment,
                ApprovalCancelled c => c.Reason,
                Commented c => c.Text,
                ServiceLevelNoticed n => n.Names,
                ApprovalStarted s => s.Title,
                _ => null,
            },
            e switch
            {
                SeatDecided d => WorkflowJson.Serialize(new { step = d.StepKey, seat = d.SeatKey }),
                SeatReassigned r => WorkflowJson.Serialize(new { step = r.StepKey, seat = r.SeatKey, from = r.From?.Name, fromId = r.From?.Id, to = r.To.Name, toId = r.To.Id }),
                StepStarted s => WorkflowJson.Serialize(new { step = s.StepKey }),
                StepCompleted s => WorkflowJson.Serialize(new { step = s.StepKey, verdict = s.Verdict.ToString() }),
                ApprovalCompleted c => WorkflowJson.Serialize(new { status = c.Status.ToString() }),
                _ => null,
            },
            activityId)).ToList();

    private static List<OutboxMessage> OutboxFor(IReadOnlyList<ApprovalEvent> events, Approval approval)
    {
        var outbox = new List<OutboxMessage> { new(OutboxMessage.Update) };
        var lines = events.Select(e => (Zh: ApprovalCardView.HistoryLine(e, Language.Chinese), En: ApprovalCardView.HistoryLine(e, Language.English))).Where(x => x.Zh is not null).ToList();
        if (lines.Count > 0)
        {
            outbox.Add(new OutboxMessage(OutboxMessage.Reply, null, $"{approval.Id} · " + string.Join("；", lines.Select(x => x.Zh)), $"{approval.Id} · " + string.Join("; ", lines.Select(x => x.En))));
        }

        foreach (var started in events.OfType<StepStarted>())
        {
            var step = approval.State.Steps.First(s => s.Definition.Key == started.StepKey).Definition;
            outbox.AddRange(InternalApprovalForm.DepartmentsOf(step).Select(d => new OutboxMessage(OutboxMessage.Post, d)));
        }

        outbox.Add(new OutboxMessage(OutboxMessage.Tasks));
        return outbox;
    }

    private static string? SeatKey(string? seat) => string.IsNullOrWhiteSpace(seat) || seat == "any" ? null : seat;

    private static ActionAnswer.Card Notice(Language l, string title, string text) =>
        new(CardViews.Notice(l, title, text), Changed: false);

    private static Banner Stale(Approval approval, Language l)
    {
        var last = approval.State.History.LastOrDefault();
        var when = last is null ? string.Empty : TimeZoneInfo.ConvertTime(last.At, BusinessCalendar.FactoryZone).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
        var what = last?.Action switch
        {
            "approved" => l.Pick("同意", "approved"),
            "rejected" => l.Pick("驳回", "rejected"),
            "reassigned" => l.Pick("转交", "reassigned"),
            "cancelled" => l.Pick("取消", "cancelled"),
            "commented" => l.Pick("评论", "commented"),
            _ => l.Pick("发起", "started"),
        };
        return new Banner(
            l.Pick($"这张卡片已过期：{CardText.Escape(last?.ActorName, 60)} 已{what}（{when}）。下面是最新状态，你的操作没有执行。", $"This card was out of date: {CardText.Escape(last?.ActorName, 60)} {what} it first ({when}). This is the current state; your action was not applied."),
            IsError: true);
    }

    private static string Done(IReadOnlyList<ApprovalEvent> events, Language l) => events[0] switch
    {
        SeatDecided { Verdict: Verdict.Approved } => l.Pick("已同意。", "Approved."),
        SeatDecided => l.Pick("已驳回。", "Rejected."),
        SeatReassigned r => l.Pick($"已转交给 {CardText.Escape(r.To.Name, 60)}。", $"Reassigned to {CardText.Escape(r.To.Name, 60)}."),
        ApprovalCancelled => l.Pick("申请已取消。", "The request is cancelled."),
        Commented => l.Pick("评论已记录。", "Comment recorded."),
        _ => l.Pick("已完成。", "Done."),
    };

    private static string RefusalText(Refusal reason, Language l) => reason switch
    {
        Refusal.NotActive => l.Pick("这张表单已经结束，不能再操作。", "This form is closed; nothing more can be done on it."),
        Refusal.NotYourTurn => l.Pick("你没有这一步所需的岗位，或者这一步不在等你处理。", "You do not hold the position this step needs, or it is not waiting on you."),
        Refusal.AlreadyDecided => l.Pick("你已经处理过这一步了。", "You have already decided this step."),
        Refusal.ReasonRequired => l.Pick("请在“意见 / 原因”里写明原因。", "Write the reason in the comment box first."),
        Refusal.NotOriginator => l.Pick("只有发起人可以取消申请。", "Only the originator can cancel the request."),
        Refusal.ColleagueLacksPosition => l.Pick("只能转交给同岗位的同事。", "You can only reassign to a colleague in the same position."),
        Refusal.UnknownSeat => l.Pick("卡片上的审批位置不存在或已处理。", "The place on the card does not exist or is already decided."),
        Refusal.TextTooLong => l.Pick($"意见最多 {Approval.MaxTextLength} 个字。", $"A comment may have at most {Approval.MaxTextLength} characters."),
        _ => reason.ToString(),
    };
}
