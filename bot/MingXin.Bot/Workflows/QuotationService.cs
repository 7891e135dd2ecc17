using System.Globalization;
using MingXin.Bot.Conversations;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Documents;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Presentation;
using MingXin.Bot.Scheduling;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows;

/// <summary>
/// Runs quotations (MX-QM-03 4.1.3–4.1.4): the new-quotation form, then every step on the card.
/// Load → authorize and transition (domain) → save state, audit and outbox in ONE batch guarded by
/// the ETag → answer with the refreshed card → the outbox posts and updates the channel cards.
/// </summary>
public sealed class QuotationService(
    WorkflowStore store,
    DocumentNumberAllocator numbers,
    FormCommitter committer,
    IPeopleDirectory directory,
    QuotationCards cards,
    TurnLedger ledger,
    StepServiceLevels levels,
    TimeProvider time,
    ILogger<QuotationService> logger) : IDeadlineHandler
{
    public const string VerbPrefix = QuotationVerbs.Prefix;

    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "refresh", QuotationVerbs.Start, QuotationVerbs.Review, QuotationVerbs.Approve, QuotationVerbs.Reject, QuotationVerbs.Revise, QuotationVerbs.Sent, QuotationVerbs.Confirm, QuotationVerbs.Object, QuotationVerbs.Decide, QuotationVerbs.Cancel,
    };

    private const int MaxProblemsShown = 8;

    /// <summary>The blank form (command <c>quote</c> / <c>报价</c>); only sales may start a quotation.</summary>
    public async Task<ChatReply> NewFormAsync(string actorId, Language l, CancellationToken cancellationToken)
    {
        var person = await directory.FindAsync(actorId, cancellationToken).ConfigureAwait(false);
        if (person is null || !(person.Positions.Contains(Position.Salesperson) || person.Positions.Contains(Position.SalesManager)))
        {
            return ChatReply.Message(NotSalesText(l));
        }

        return ChatReply.AdaptiveCard(QuotationCardView.NewForm(l, Guid.NewGuid().ToString("N"), null, null));
    }

    /// <summary>Handles a quotation card action. Never throws for bad input: the answer says what is wrong.</summary>
    public async Task<ActionAnswer> ActAsync(CardClick action, CancellationToken cancellationToken)
    {
        var l = action.Language;
        if (action.Verb is null || !Verbs.Contains(action.Verb))
        {
            return new ActionAnswer.BadRequest($"Unknown verb '{action.Verb}'. Known verbs: {string.Join(", ", Verbs)}.");
        }

        var person = await directory.FindAsync(action.ActorId, cancellationToken).ConfigureAwait(false) ?? Person.Unknown(action.ActorId, action.ActorName);
        if (action.Verb == QuotationVerbs.Start)
        {
            return await StartAsync(action, person, cancellationToken).ConfigureAwait(false);
        }

        if (!DocumentNumber.TryParse(action.WorkflowId, out var number))
        {
            return Notice(l, l.Pick("找不到这张表单。", "This form does not exist."), l.Pick("卡片上的表单编号无效。", "The card carries no valid form number."));
        }

        var partition = await store.LoadForStepAsync(number.ToString(), cancellationToken).ConfigureAwait(false);
        if (partition is null || partition.State.Kind != Quotation.Kind)
        {
            return Notice(l, l.Pick("找不到这张表单。", "This form does not exist."), l.Pick($"没有编号为 {number} 的报价单。", $"There is no quotation numbered {number}."));
        }

        var q = Load(partition);
        if (action.Verb == "refresh" || (action.ActivityId is not null && q.State.RecentActivityIds.Contains(action.ActivityId)))
        {
            // A refresh, or Teams redelivering an action already applied: the current card, nothing changed.
            return new ActionAnswer.Card(await cards.CardForAsync(q, person, l, null, cancellationToken).ConfigureAwait(false), Changed: false);
        }

        if (action.Version != q.State.Version)
        {
            return new ActionAnswer.Card(await cards.CardForAsync(q, person, l, Stale(q, l), cancellationToken).ConfigureAwait(false), Changed: false);
        }

        var actor = Actor.From(person);
        var now = time.GetUtcNow();
        var values = action.Values;
        string V(string key) => QuotationInput.Get(values, key);
        QuotationOutcome outcome;
        switch (action.Verb)
        {
            case QuotationVerbs.Review:
                if (!Enum.TryParse<Feasibility>(V("feasibility"), ignoreCase: false, out var feasibility) || !Enum.IsDefined(feasibility))
                {
                    return await Problem(l.Pick("请选择评审结论。", "Choose your department's conclusion."));
                }

                outcome = q.Review(actor, feasibility, V("reviewNote"), now);
                break;
            case QuotationVerbs.Approve:
                outcome = q.GmApprove(actor, V("gmComment"), now);
                break;
            case QuotationVerbs.Reject:
                outcome = q.GmReject(actor, V("gmComment"), now);
                break;
            case QuotationVerbs.Revise:
                var (sheet, problems) = QuotationInput.ParseCostSheet(values);
                if (sheet is null)
                {
                    return await Problem(ProblemsText(problems, l));
                }

                outcome = q.Revise(actor, sheet, V(QuotationInput.Note), now);
                break;
            case QuotationVerbs.Sent:
                if (!Enum.TryParse<SendMethod>(V("method"), ignoreCase: false, out var method) || !Enum.IsDefined(method))
                {
                    return await Problem(l.Pick("请选择发送方式（传真或电子邮件）。", "Choose how it was sent (fax or e-mail)."));
                }

                outcome = q.RecordSent(actor, method, now);
                break;
            case QuotationVerbs.Confirm:
                if (!DateOnly.TryParseExact(V("signedOn"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var signedOn))
                {
                    return await Problem(l.Pick("请填写客户签回的日期。", "Fill in the date the customer signed."));
                }

                outcome = q.RecordConfirmation(actor, V("signedBy"), signedOn, FactoryToday(now), now);
                break;
            case QuotationVerbs.Object:
                outcome = q.RecordObjection(actor, V("objection"), now);
                break;
            case QuotationVerbs.Decide:
                if (!Enum.TryParse<ObjectionDecision>(V("decision"), ignoreCase: false, out var decision) || !Enum.IsDefined(decision))
                {
                    return await Problem(l.Pick("请选择处理方式。", "Choose a decision."));
                }

                outcome = q.DecideObjection(actor, decision, V("decisionNote"), now);
                break;
            default:
                outcome = q.Cancel(actor, V("cancelReason"), now);
                break;
        }

        if (outcome is QuotationOutcome.Refused refused)
        {
            logger.LogInformation("{Id}: {Verb} by {User} refused: {Reason}.", q.Id, action.Verb, action.ActorId, refused.Reason);
            return await Problem(RefusalText(refused.Reason, l));
        }

        var events = ((QuotationOutcome.Accepted)outcome).Events;
        q.RememberActivity(action.ActivityId);
        var result = await CommitAsync(q, partition.State.ETag, partition, events, OutboxFor(events, q), action.ActivityId, cancellationToken).ConfigureAwait(false);
        if (result is CommitResult.Conflict)
        {
            // Someone else acted between our read and our write: nothing of ours was saved.
            var fresh = Load((await store.LoadForStepAsync(q.Id, cancellationToken).ConfigureAwait(false))!);
            return new ActionAnswer.Card(await cards.CardForAsync(fresh, person, l, Stale(fresh, l), cancellationToken).ConfigureAwait(false), Changed: false);
        }

        return new ActionAnswer.Card(await cards.CardForAsync(q, person, l, new Banner(Done(events[0], l), IsError: false), cancellationToken).ConfigureAwait(false), Changed: true);

        // The card again, with the user's typing kept and the reason on top; nothing saved.
        async Task<ActionAnswer> Problem(string text) =>
            new ActionAnswer.Card(await cards.CardForAsync(q, person, l, new Banner(text, IsError: true), cancellationToken, values).ConfigureAwait(false), Changed: false);
    }

    internal static Quotation Load(WorkflowPartition partition) => Quotation.FromState(WorkflowJson.Deserialize<QuotationState>(partition.State.StateJson));

    private async Task<ActionAnswer> StartAsync(CardClick action, Person person, CancellationToken cancellationToken)
    {
        var l = action.Language;
        var values = action.Values;
        var draft = QuotationInput.Get(values, QuotationInput.Draft);
        if (!Guid.TryParseExact(draft, "N", out _))
        {
            return new ActionAnswer.BadRequest("The new-quotation form carries no valid draft id.");
        }

        var (request, requestProblems) = QuotationInput.ParseRequest(values);
        var (sheet, sheetProblems) = QuotationInput.ParseCostSheet(values);
        var problems = requestProblems.Concat(sheetProblems).ToList();
        if (problems.Count > 0 || sheet is null)
        {
            return new ActionAnswer.Card(QuotationCardView.NewForm(l, draft, values, new Banner(ProblemsText(problems, l), IsError: true)), Changed: false);
        }

        // One form, one quotation: a double click or a redelivery gets the quotation the first submit started.
        var claim = await ledger.ClaimAsync("qt-draft-" + draft, cancellationToken).ConfigureAwait(false);
        if (!claim.Claimed)
        {
            var earlier = claim.ExistingWorkflowId is null ? null : await store.LoadForStepAsync(claim.ExistingWorkflowId, cancellationToken).ConfigureAwait(false);
            return earlier is null
                ? new ActionAnswer.Card(QuotationCardView.NewForm(l, draft, values, new Banner(l.Pick("这张报价正在提交中。", "This quotation is being submitted."), IsError: false)), Changed: false)
                : new ActionAnswer.Card(await cards.CardForAsync(Load(earlier), person, l, null, cancellationToken).ConfigureAwait(false), Changed: false);
        }

        try
        {
            var now = time.GetUtcNow();
            var number = await numbers.NextAsync(Quotation.Prefix, TimeZoneInfo.ConvertTime(now, BusinessCalendar.FactoryZone).Year, cancellationToken).ConfigureAwait(false);
            var (q, outcome) = Quotation.Start(number.ToString(), request, sheet, Actor.From(person), now);
            if (q is null)
            {
                await ledger.ReleaseAsync("qt-draft-" + draft, CancellationToken.None).ConfigureAwait(false);
                return new ActionAnswer.Card(QuotationCardView.NewForm(l, draft, values, new Banner(NotSalesText(l), IsError: true)), Changed: false);
            }

            var events = ((QuotationOutcome.Accepted)outcome).Events;
            var result = await CommitAsync(q, null, null, events, OutboxFor(events, q), action.ActivityId, cancellationToken).ConfigureAwait(false);
            if (result is not CommitResult.Committed)
            {
                throw new InvalidOperationException($"The new number {number} already had a workflow.");
            }

            await ledger.RecordAsync("qt-draft-" + draft, q.Id, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("{Id} started by {User} ({Path}).", q.Id, person.AadObjectId, request.Path);
            var sentTo = q.Status == QuotationStatus.InContractReview
                ? l.Pick("已送 生产部、品管部、物控部 合同评审。", "sent to Production, QC and Materials Control for contract review.")
                : l.Pick("已送总经理批准。", "sent to the general manager for approval.");
            return new ActionAnswer.Card(await cards.CardForAsync(q, person, l, new Banner($"{q.Id} {sentTo}", IsError: false), cancellationToken).ConfigureAwait(false), Changed: true);
        }
        catch
        {
            await ledger.ReleaseAsync("qt-draft-" + draft, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private Task<CommitResult> CommitAsync(Quotation q, string? etag, WorkflowPartition? loaded, IReadOnlyList<QuotationEvent> events, IReadOnlyList<OutboxMessage> outbox, string? activityId, CancellationToken cancellationToken, int rowIndexBase = 0)
    {
        // The service-level clock follows the step the quotation waits at; its deadlines go through this step's outbox.
        var slaChange = levels.Move(Quotation.Kind, q.State.Sla, q.WaitingStep, clock => q.State.Sla = clock);
        var allOutbox = slaChange is null ? outbox : [.. outbox, new OutboxMessage(OutboxMessage.Deadlines, Payload: WorkflowJson.Serialize(slaChange))];
        return committer.CommitAsync(q.Id, Quotation.Kind, q.State.Version, WorkflowJson.Serialize(q.State), etag, loaded, AuditFor(q, events, activityId, rowIndexBase), allOutbox, cancellationToken, rowIndexBase);
    }

    public bool Handles(Deadline deadline) =>
        deadline.WorkflowId.StartsWith(Quotation.Prefix + "-", StringComparison.Ordinal) && StepServiceLevels.IsServiceLevel(deadline);

    /// <summary>A step waited past its service level: remind, then escalate — each once, recorded, the version kept.</summary>
    public async Task OnDueAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var (step, level) = StepServiceLevels.Parse(deadline.Key);
        await StepServiceLevels.RecordWithRetriesAsync(async () =>
        {
            var partition = await store.LoadForStepAsync(deadline.WorkflowId, cancellationToken).ConfigureAwait(false);
            if (partition is null || partition.State.Kind != Quotation.Kind)
            {
                return null;
            }

            var q = Load(partition);
            var (names, ids) = await levels.RecipientsAsync(level, q.PositionsWaitedOn(), q.WaitsOnOriginator ? [q.State.Originator.Id] : [], cancellationToken).ConfigureAwait(false);
            if (q.RecordSla(step, level, names, time.GetUtcNow()) is not { } e)
            {
                return null;
            }

            var outbox = OutboxFor([e], q).Select(m => m.Kind == OutboxMessage.Reply ? m with { MentionIds = ids } : m).ToList();
            return await CommitAsync(q, partition.State.ETag, partition, [e], outbox, null, cancellationToken, StepServiceLevels.RowIndexBase(q.State.SlaNotices, step, q.State.Sla)).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Audit rows: who, what, when, the comment, and the values the step decided (a new cost sheet in full).</summary>
    private static List<AuditRecord> AuditFor(Quotation q, IReadOnlyList<QuotationEvent> events, string? activityId, int rowIndexBase = 0) =>
        events.Select((e, i) => new AuditRecord(
            q.State.Version,
            rowIndexBase + i,
            e.At,
            e.By.Id,
            e.By.Name,
            e.Action,
            e switch
            {
                ContractReviewed r => r.Note,
                GmDecided g => g.Comment,
                CostSheetRevised v => v.Note,
                CustomerObjected o => o.Text,
                ObjectionDecided d => d.Note,
                QuotationCancelled c => c.Reason,
                Domain.Quotations.ServiceLevelNoticed n => n.Names,
                _ => null,
            },
            e switch
            {
                QuotationStarted s => WorkflowJson.Serialize(new { status = s.StatusAfter.ToString(), path = s.Path.ToString(), request = q.State.Request, costSheet = q.State.Versions[0].Data }),
                ContractReviewed r => WorkflowJson.Serialize(new { status = r.StatusAfter.ToString(), round = r.Round, seat = r.SeatKey, feasibility = r.Feasibility.ToString() }),
                GmDecided g => WorkflowJson.Serialize(new { status = g.StatusAfter.ToString(), version = g.ForVersion, approved = g.Approved }),
                CostSheetRevised v => WorkflowJson.Serialize(new { status = v.StatusAfter.ToString(), version = v.Version, costSheet = q.State.Versions.Single(x => x.Number == v.Version).Data }),
                QuotationSentToCustomer t => WorkflowJson.Serialize(new { status = t.StatusAfter.ToString(), method = t.Method.ToString() }),
                CustomerConfirmed c => WorkflowJson.Serialize(new { status = c.StatusAfter.ToString(), signedBy = c.SignedBy, signedOn = c.SignedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
                ObjectionDecided d => WorkflowJson.Serialize(new { status = d.StatusAfter.ToString(), decision = d.Decision.ToString() }),
                _ => WorkflowJson.Serialize(new { status = e.StatusAfter.ToString() }),
            },
            activityId)).ToList();

    /// <summary>What the step leaves to send: the first posts, card updates, a line in each thread, the task index.</summary>
    private static List<OutboxMessage> OutboxFor(IReadOnlyList<QuotationEvent> events, Quotation q)
    {
        var outbox = new List<OutboxMessage>();
        if (events.OfType<QuotationStarted>().Any())
        {
            outbox.Add(new OutboxMessage(OutboxMessage.Post, Department.Sales));
        }
        else
        {
            outbox.Add(new OutboxMessage(OutboxMessage.Update));
            outbox.Add(new OutboxMessage(
                OutboxMessage.Reply,
                null,
                $"{q.Id} · " + string.Join("；", events.Select(e => QuotationCardView.HistoryLine(e, Language.Chinese))),
                $"{q.Id} · " + string.Join("; ", events.Select(e => QuotationCardView.HistoryLine(e, Language.English)))));
        }

        // Posting is once per department (the dispatcher skips departments that have the card already).
        var status = events[^1].StatusAfter;
        if (status == QuotationStatus.InContractReview)
        {
            outbox.AddRange(ContractReview.Seats.Select(s => new OutboxMessage(OutboxMessage.Post, s.Position.HomeDepartment())));
        }
        else if (status is QuotationStatus.AwaitingGmApproval or QuotationStatus.ObjectionRaised)
        {
            outbox.Add(new OutboxMessage(OutboxMessage.Post, Department.GeneralManagerOffice));
        }

        outbox.Add(new OutboxMessage(OutboxMessage.Tasks));
        return outbox;
    }

    private static DateOnly FactoryToday(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, BusinessCalendar.FactoryZone).DateTime);

    private static string ProblemsText(IReadOnlyList<FieldProblem> problems, Language l) =>
        FieldProblems.Banner(problems, l, field => QuotationCardView.FieldName(field, l), MaxProblemsShown);

    private static string NotSalesText(Language l) =>
        l.Pick("只有业务员或业务经理可以发起报价。", "Only a salesperson or sales manager can start a quotation.");

    private static ActionAnswer.Card Notice(Language l, string title, string text) => new(CardViews.Notice(l, title, text), Changed: false);

    private static Banner Stale(Quotation q, Language l)
    {
        var last = q.State.History.LastOrDefault();
        var when = last is null ? string.Empty : TimeZoneInfo.ConvertTime(last.At, BusinessCalendar.FactoryZone).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new Banner(
            l.Pick($"这张卡片已过期：{CardText.Escape(last?.ActorName, 60)} 已先处理（{when}）。下面是最新状态，你的操作没有执行。", $"This card was out of date: {CardText.Escape(last?.ActorName, 60)} acted first ({when}). This is the current state; your action was not applied."),
            IsError: true);
    }

    private static string Done(QuotationEvent e, Language l) => e switch
    {
        ContractReviewed => l.Pick("评审已提交。", "Review submitted."),
        GmDecided { Approved: true } => l.Pick("已批准，业务员可以发给客户。", "Approved; the salesperson can send it to the customer."),
        GmDecided => l.Pick("已驳回，退回业务员修改。", "Rejected; returned to the salesperson for revision."),
        CostSheetRevised v => l.Pick($"第 {v.Version} 版已提交。", $"Version {v.Version} submitted."),
        QuotationSentToCustomer => l.Pick("已记录发送，等待客户签回。", "Recorded as sent; waiting for the customer."),
        CustomerConfirmed => l.Pick("客户已确认，价格确定。", "The customer confirmed; the price is agreed."),
        CustomerObjected => l.Pick("客户异议已记录，交总经理处理。", "Objection recorded and passed to the general manager."),
        ObjectionDecided => l.Pick("已决定。", "Decided."),
        QuotationCancelled => l.Pick("报价已取消。", "The quotation is cancelled."),
        _ => l.Pick("已完成。", "Done."),
    };

    private static string RefusalText(QuotationRefusal reason, Language l) => reason switch
    {
        QuotationRefusal.WrongStep => l.Pick("报价单不在这一步，不能这样操作。", "The quotation is not at this step; that cannot be done now."),
        QuotationRefusal.NotYourTurn => l.Pick("你没有这一步所需的岗位，或者这一步不在等你处理。", "You do not hold the position this step needs, or it is not waiting on you."),
        QuotationRefusal.AlreadyAnswered => l.Pick("你的部门在这一轮已经评审过了。", "Your department has already answered this review round."),
        QuotationRefusal.ReasonRequired => l.Pick("请写明原因或内容。", "Write the reason or text first."),
        QuotationRefusal.TextTooLong => l.Pick($"文字最多 {Quotation.MaxTextLength} 个字。", $"Text may have at most {Quotation.MaxTextLength} characters."),
        QuotationRefusal.DateInFuture => l.Pick("签回日期不能晚于今天。", "The signing date cannot be after today."),
        QuotationRefusal.NotSales => NotSalesText(l),
        _ => reason.ToString(),
    };
}
