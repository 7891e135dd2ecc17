using System.Text.Json.Nodes;
using MingXin.Bot.Conversations;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>
/// The Internal Approval 内部审批单 on the one pipeline: started from chat (<c>申请 标题 | 说明</c>), its
/// seats decided on its card. Its card shows each seat and who decided it, and offers a seat holder
/// the colleagues they may hand it to.
/// </summary>
public sealed partial class InternalApprovalRunner(StepFormServices services) : FormRunner<Approval, ApprovalEvent>(services)
{
    public override string Kind => InternalApprovalForm.Kind;

    public override string Prefix => InternalApprovalForm.Prefix;

    public override StepTable<Approval, InternalApprovalStage> Steps => InternalApprovalSteps.Table;

    /// <summary>Starts an Internal Approval for the person who asked; a message Teams delivers twice starts one form.</summary>
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

        var person = await Services.Directory.FindAsync(actorId, cancellationToken).ConfigureAwait(false);
        if (person is null || person.Positions.Count == 0)
        {
            return ChatReply.Message(l.Pick("目录中没有你的岗位，不能发起申请。请联系系统管理员。", "The directory lists no position for you, so you cannot start a request. Ask an administrator."));
        }

        var actor = Actor.From(person);
        if (activityId is not null)
        {
            var (claimed, earlier) = await ClaimAsync(activityId, cancellationToken).ConfigureAwait(false);
            if (!claimed)
            {
                // Teams delivered this message again: answer with the form the first delivery started.
                return earlier is null
                    ? ChatReply.Message(l.Pick("这条申请正在处理中。", "This request is being processed."))
                    : ChatReply.AdaptiveCard(((ActionAnswer.Card)await AnswerAsync(earlier, actor, l, null, null, changed: false, cancellationToken).ConfigureAwait(false)).Value);
            }
        }

        try
        {
            var (approval, _) = await SaveNewAsync(
                (id, now, _) =>
                {
                    var (made, events) = Approval.Start(id, InternalApprovalForm.Kind, title, string.IsNullOrWhiteSpace(details) ? null : details.Trim(), actor.Person, InternalApprovalForm.Route, now);
                    return (made, events);
                },
                activityId: null,
                cancellationToken,
                activityId).ConfigureAwait(false);
            if (activityId is not null)
            {
                await Services.Ledger.RecordAsync(activityId, approval.Id, CancellationToken.None).ConfigureAwait(false);
            }

            Logger.LogInformation("{Id} started by {User}.", approval.Id, person.AadObjectId);
            var banner = new Banner(l.Pick($"已发起 {approval.Id}，已送 生产部、品管部、物控部 会签。", $"{approval.Id} started and sent to Production, QC and Materials Control for review."), IsError: false);
            return ChatReply.AdaptiveCard(((ActionAnswer.Card)await AnswerAsync(approval, actor, l, banner, null, changed: true, cancellationToken).ConfigureAwait(false)).Value);
        }
        catch when (activityId is not null)
        {
            await Services.Ledger.ReleaseAsync(activityId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    protected override Approval Load(WorkflowPartition partition) => Approval.FromState(WorkflowJson.Deserialize<ApprovalState>(partition.State.StateJson));

    protected override FormState StateOf(Approval form) => form.State;

    protected override bool IsOpen(Approval form) => form.Status == ApprovalStatus.InProgress;

    /// <summary>The route step's key (review, gm), as the service levels are keyed.</summary>
    protected override string StepName(Approval form) => form.WaitingStep ?? form.Status.ToString();

    /// <summary>The colleague a seat is handed to, as the directory knows them.</summary>
    protected override async Task<StepContext> ContextAsync(Approval form, CardClick action, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var colleague = action.Verb == InternalApprovalVerbs.Reassign && !string.IsNullOrWhiteSpace(action.ColleagueId)
            ? await Services.Directory.FindAsync(action.ColleagueId, cancellationToken).ConfigureAwait(false)
            : null;
        return new StepContext(actor, new StepValues(action.Values), now, FactoryToday(now), colleague is null ? null : Actor.From(colleague));
    }

    protected override StepEnd<ApprovalEvent> EndOf(IStepOutcome outcome, string verb, Language l) => outcome switch
    {
        ActionOutcome.Accepted a => new StepEnd<ApprovalEvent>.Applied(a.Events),
        ActionOutcome.Refused r => Refused(r.Reason, l),

        // The table's own guard: no step open (the form has ended), or not this person's step.
        FormOutcome.Refused { Reason: FormRefusal.WrongStep } => Refused(Refusal.NotActive, l),
        FormOutcome.Refused when verb == InternalApprovalVerbs.Cancel => Refused(Refusal.NotOriginator, l),
        FormOutcome.Refused => Refused(Refusal.NotYourTurn, l),
        _ => throw new InvalidOperationException($"An Internal Approval step does not end as {outcome.GetType().Name}."),
    };

    protected override async Task<JsonObject> RenderAsync(Approval form, Actor? viewer, Language l, Banner? banner, IReadOnlyDictionary<string, string>? typed, IReadOnlyList<string> refreshUsers, CancellationToken cancellationToken)
    {
        if (viewer is null)
        {
            return ApprovalCardView.Render(form, l, null, banner, refreshUsers);
        }

        var seat = form.SeatFor(viewer);
        var colleagues = new List<PersonRef>();
        if (seat is not null)
        {
            colleagues.AddRange((await Services.Directory.HoldersAsync(seat.Position, cancellationToken).ConfigureAwait(false))
                .Where(p => !string.Equals(p.AadObjectId, viewer.Person.Id, StringComparison.OrdinalIgnoreCase))
                .Select(p => new PersonRef(p.AadObjectId, p.DisplayName)));
        }

        var verbs = Steps.VerbsFor(form, viewer);
        var takesPart = verbs.Contains(InternalApprovalVerbs.Comment) && (form.IsOriginator(viewer) || form.State.Steps.SelectMany(s => s.Seats).Any(s => s.CanBeTakenBy(viewer)));
        return ApprovalCardView.Render(form, l, new ApprovalViewer(seat, takesPart, verbs.Contains(InternalApprovalVerbs.Cancel), colleagues), banner, refreshUsers);
    }

    /// <summary>Waiting on the person when they hold an open seat (by position, or handed to them).</summary>
    protected override bool IsWaitingOn(Approval form, Actor actor) => form.SeatFor(actor) is not null;

    protected override (string Title, string Status) TaskLine(Approval form, Language l) =>
        (form.State.Title, form.CurrentStep is { } current ? ApprovalCardView.StepName(current.Definition, l) : string.Empty);

    protected override RecordFacts Facts(Approval form)
    {
        var s = form.State;
        return new(s.Status.ToString(), s.CancelReason is not null || s.Status == ApprovalStatus.Cancelled, s.CreatedAt, s.Originator.Name, Customer: null, s.Title);
    }

    protected override (string? Comment, string? Detail) AuditOf(Approval form, ApprovalEvent e) => (
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
        });

    protected override string? ThreadLine(Approval form, ApprovalEvent e, Language l) => ApprovalCardView.HistoryLine(e, l);

    protected override string Done(ApprovalEvent e, Language l) => e switch
    {
        SeatDecided { Verdict: Verdict.Approved } => l.Pick("已同意。", "Approved."),
        SeatDecided => l.Pick("已驳回。", "Rejected."),
        SeatReassigned r => l.Pick($"已转交给 {CardText.Escape(r.To.Name, 60)}。", $"Reassigned to {CardText.Escape(r.To.Name, 60)}."),
        ApprovalCancelled => l.Pick("申请已取消。", "The request is cancelled."),
        Commented => l.Pick("评论已记录。", "Comment recorded."),
        _ => l.Pick("已完成。", "Done."),
    };

    protected override ApprovalEvent? RecordSla(Approval form, string step, int level, string names, DateTimeOffset at, IReadOnlyList<string> mention) =>
        form.RecordSla(step, level, names, at);

    protected override string FieldName(string field, Language l) => field switch
    {
        "comment" => l.Pick("意见 / 原因", "Comment / reason"),
        _ => field,
    };

    /// <summary>Names what the other person did first (approved, rejected, …).</summary>
    protected override Banner Stale(Approval form, Language l)
    {
        var last = form.State.History.LastOrDefault();
        var what = last?.Action switch
        {
            InternalApprovalEvents.Approved => l.Pick("同意", "approved"),
            InternalApprovalEvents.Rejected => l.Pick("驳回", "rejected"),
            InternalApprovalEvents.Reassigned => l.Pick("转交", "reassigned"),
            InternalApprovalEvents.Cancelled => l.Pick("取消", "cancelled"),
            InternalApprovalEvents.Commented => l.Pick("评论", "commented"),
            _ => l.Pick("发起", "started"),
        };
        return new Banner(
            l.Pick($"这张卡片已过期：{CardText.Escape(last?.ActorName, 60)} 已{what}（{When(last)}）。下面是最新状态，你的操作没有执行。", $"This card was out of date: {CardText.Escape(last?.ActorName, 60)} {what} it first ({When(last)}). This is the current state; your action was not applied."),
            IsError: true);
    }

    private static StepEnd<ApprovalEvent>.Refused Refused(Refusal reason, Language l) => new(reason.ToString(), reason switch
    {
        Refusal.NotActive => l.Pick("这张表单已经结束，不能再操作。", "This form is closed; nothing more can be done on it."),
        Refusal.NotYourTurn => l.Pick("你没有这一步所需的岗位，或者这一步不在等你处理。", "You do not hold the position this step needs, or it is not waiting on you."),
        Refusal.AlreadyDecided => l.Pick("你已经处理过这一步了。", "You have already decided this step."),
        Refusal.ReasonRequired => l.Pick("请在“意见 / 原因”里写明原因。", "Write the reason in the comment box first."),
        Refusal.NotOriginator => l.Pick("只有发起人可以取消申请。", "Only the originator can cancel the request."),
        Refusal.ColleagueLacksPosition => l.Pick("只能转交给同岗位的同事。", "You can only reassign to a colleague in the same position."),
        Refusal.UnknownSeat => l.Pick("卡片上的审批位置不存在或已处理。", "The place on the card does not exist or is already decided."),
        Refusal.TextTooLong => l.Pick($"意见最多 {Approval.MaxTextLength} 个字。", $"A comment may have at most {Approval.MaxTextLength} characters."),
        Refusal.ColleagueRequired => l.Pick("请先选择要转交的同事。", "Choose the colleague to reassign to first."),
        _ => reason.ToString(),
    });
}
