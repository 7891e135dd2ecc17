using System.Globalization;
using System.Text.Json.Nodes;
using MingXin.Bot.Conversations;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>
/// The Quotation 报价单 on the one pipeline: the new-quotation form (sales only), then every step on its
/// card. Its card is the quotation's own (cost lines, price breaks, the contract review's answers).
/// </summary>
public sealed class QuotationRunner(StepFormServices services) : FormRunner<Quotation, QuotationEvent>(services)
{
    public override string Kind => Quotation.Kind;

    public override string Prefix => Quotation.Prefix;

    public override StepTable<Quotation, QuotationStatus> Steps => QuotationSteps.Table;

    protected override string StartVerb => QuotationVerbs.Start;

    /// <summary>The blank form (command <c>quote</c> / <c>报价</c>); only sales may start a quotation.</summary>
    public async Task<ChatReply> NewFormAsync(string actorId, Language l, CancellationToken cancellationToken)
    {
        var person = await Services.Directory.FindAsync(actorId, cancellationToken).ConfigureAwait(false);
        return person is null || !Quotation.MayStart(Actor.From(person))
            ? ChatReply.Message(NotSalesText(l))
            : ChatReply.AdaptiveCard(QuotationCardView.NewForm(l, Guid.NewGuid().ToString("N"), null, null));
    }

    protected override async Task<ActionAnswer> StartFromCardAsync(CardClick action, Person person, CancellationToken cancellationToken)
    {
        var l = action.Language;
        var values = action.Values;
        var draft = QuotationInput.Get(values, QuotationInput.Draft);
        if (!Guid.TryParseExact(draft, "N", out _))
        {
            return new ActionAnswer.BadRequest("The new-quotation form carries no valid draft id.");
        }

        ActionAnswer.Card NewForm(Banner banner) => new(QuotationCardView.NewForm(l, draft, values, banner), Changed: false);

        var (request, requestProblems) = QuotationInput.ParseRequest(values);
        // 4.1.3.2: on the special path the contract review comes first; the cost sheet may be left for after it.
        var reviewFirst = request.Path == QuotationPath.SpecialRequirement && QuotationInput.CostSheetLeftEmpty(values);
        var (sheet, sheetProblems) = reviewFirst ? (null, []) : QuotationInput.ParseCostSheet(values);
        var problems = requestProblems.Concat(sheetProblems).ToList();
        if (problems.Count > 0 || (sheet is null && !reviewFirst))
        {
            return NewForm(ProblemBanner(problems, l));
        }

        var actor = Actor.From(person);
        if (!Quotation.MayStart(actor))
        {
            return NewForm(new Banner(NotSalesText(l), IsError: true));
        }

        // One form, one quotation: a double click or a redelivery gets the quotation the first submit started.
        var claimKey = "qt-draft-" + draft;
        var (claimed, earlier) = await ClaimAsync(claimKey, cancellationToken).ConfigureAwait(false);
        if (!claimed)
        {
            return earlier is null
                ? NewForm(new Banner(l.Pick("这张报价正在提交中。", "This quotation is being submitted."), IsError: false))
                : await AnswerAsync(earlier, actor, l, null, null, changed: false, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // Valid and allowed: only now is a number handed out, so bad input never uses one up.
            var (q, _) = await SaveNewAsync(
                (id, now, _) =>
                {
                    var (made, outcome) = Quotation.Start(id, request, sheet, actor, now);
                    return (made!, ((QuotationOutcome.Accepted)outcome).Events);
                },
                action.ActivityId,
                cancellationToken,
                claimKey).ConfigureAwait(false);
            await Services.Ledger.RecordAsync(claimKey, q.Id, CancellationToken.None).ConfigureAwait(false);
            Logger.LogInformation("{Id} started by {User} ({Path}).", q.Id, person.AadObjectId, request.Path);
            var sentTo = q.Status == QuotationStatus.InContractReview
                ? l.Pick("已送 生产部、品管部、物控部 合同评审。", "sent to Production, QC and Materials Control for contract review.")
                : l.Pick("已送总经理批准。", "sent to the general manager for approval.");
            return await AnswerAsync(q, actor, l, new Banner($"{q.Id} {sentTo}", IsError: false), null, changed: true, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await Services.Ledger.ReleaseAsync(claimKey, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The cost sheets (every version) and the audit rows' copies of them: Sales and the GM only.</summary>
    public override IReadOnlySet<string> Withheld(Person person) =>
        FormVisibility.MaySeeCosts(Actor.From(person)) ? new HashSet<string>() : new HashSet<string> { "versions", "costSheet" };

    protected override Quotation Load(WorkflowPartition partition) => Quotation.FromState(WorkflowJson.Deserialize<QuotationState>(partition.State.StateJson));

    protected override FormState StateOf(Quotation form) => form.State;

    protected override bool IsOpen(Quotation form) => form.IsOpen;

    protected override string StepName(Quotation form) => form.Status.ToString();

    protected override StepEnd<QuotationEvent> EndOf(IStepOutcome outcome, string verb, Language l) => outcome switch
    {
        QuotationOutcome.Accepted a => new StepEnd<QuotationEvent>.Applied(a.Events),
        QuotationOutcome.Refused r => Refused(r.Reason, l),
        FormOutcome.Invalid i => new StepEnd<QuotationEvent>.Invalid(i.Problems),

        // The table's own guard: the quotation is not at a step this verb belongs to, or it is not this person's step.
        FormOutcome.Refused { Reason: FormRefusal.WrongStep } => Refused(QuotationRefusal.WrongStep, l),
        FormOutcome.Refused => Refused(QuotationRefusal.NotYourTurn, l),
        _ => throw new InvalidOperationException($"A quotation step does not end as {outcome.GetType().Name}."),
    };

    protected override Task<JsonObject> RenderAsync(Quotation form, Actor? viewer, Language l, Banner? banner, IReadOnlyDictionary<string, string>? typed, IReadOnlyList<string> refreshUsers, CancellationToken cancellationToken)
    {
        var actions = viewer is null ? [] : Steps.VerbsFor(form, viewer).Select(QuotationSteps.ActionOf).OfType<QuotationAction>().ToHashSet();
        return Task.FromResult(QuotationCardView.Render(form, l, actions, banner, refreshUsers, typed, showCosts: FormVisibility.MaySeeCosts(viewer)));
    }

    protected override (string Title, string Status) TaskLine(Quotation form, Language l) =>
        ($"{form.State.Request.CustomerName} · {form.State.Request.Product}", QuotationCardView.StatusText(form, l));

    protected override RecordFacts Facts(Quotation form)
    {
        var s = form.State;
        return new(s.Status.ToString(), s.CancelReason is not null || s.Status == QuotationStatus.Cancelled, s.CreatedAt, s.Originator.Name, string.IsNullOrWhiteSpace(s.Request.CustomerName) ? null : s.Request.CustomerName, s.Request.Product);
    }

    /// <summary>Audit rows: the comment, and the values the step decided (a new cost sheet in full).</summary>
    protected override (string? Comment, string? Detail) AuditOf(Quotation q, QuotationEvent e) => (
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
            QuotationStarted s => WorkflowJson.Serialize(new { status = s.StatusAfter.ToString(), path = s.Path.ToString(), request = q.State.Request, costSheet = q.State.Versions.FirstOrDefault()?.Data }),
            ContractReviewed r => WorkflowJson.Serialize(new { status = r.StatusAfter.ToString(), round = r.Round, seat = r.SeatKey, feasibility = r.Feasibility.ToString() }),
            GmDecided g => WorkflowJson.Serialize(new { status = g.StatusAfter.ToString(), version = g.ForVersion, approved = g.Approved }),
            CostSheetRevised v => WorkflowJson.Serialize(new { status = v.StatusAfter.ToString(), version = v.Version, costSheet = q.State.Versions.Single(x => x.Number == v.Version).Data }),
            QuotationSentToCustomer t => WorkflowJson.Serialize(new { status = t.StatusAfter.ToString(), method = t.Method.ToString() }),
            CustomerConfirmed c => WorkflowJson.Serialize(new { status = c.StatusAfter.ToString(), signedBy = c.SignedBy, signedOn = c.SignedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
            ObjectionDecided d => WorkflowJson.Serialize(new { status = d.StatusAfter.ToString(), decision = d.Decision.ToString() }),
            _ => WorkflowJson.Serialize(new { status = e.StatusAfter.ToString() }),
        });

    protected override string? ThreadLine(Quotation form, QuotationEvent e, Language l) => QuotationCardView.HistoryLine(e, l);

    protected override string Done(QuotationEvent e, Language l) => e switch
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

    protected override QuotationEvent? RecordSla(Quotation form, string step, int level, string names, DateTimeOffset at, IReadOnlyList<string> mention) =>
        form.RecordSla(step, level, names, at);

    protected override string FieldName(string field, Language l) => QuotationCardView.FieldName(field, l);

    private static StepEnd<QuotationEvent>.Refused Refused(QuotationRefusal reason, Language l) => new(reason.ToString(), reason switch
    {
        QuotationRefusal.WrongStep => l.Pick("报价单不在这一步，不能这样操作。", "The quotation is not at this step; that cannot be done now."),
        QuotationRefusal.NotYourTurn => l.Pick("你没有这一步所需的岗位，或者这一步不在等你处理。", "You do not hold the position this step needs, or it is not waiting on you."),
        QuotationRefusal.AlreadyAnswered => l.Pick("你的部门在这一轮已经评审过了。", "Your department has already answered this review round."),
        QuotationRefusal.ReasonRequired => l.Pick("请写明原因或内容。", "Write the reason or text first."),
        QuotationRefusal.TextTooLong => l.Pick($"文字最多 {Quotation.MaxTextLength} 个字。", $"Text may have at most {Quotation.MaxTextLength} characters."),
        QuotationRefusal.DateInFuture => l.Pick("签回日期不能晚于今天。", "The signing date cannot be after today."),
        QuotationRefusal.NotSales => NotSalesText(l),
        _ => reason.ToString(),
    });

    private static string NotSalesText(Language l) =>
        l.Pick("只有业务员或业务经理可以发起报价。", "Only a salesperson or sales manager can start a quotation.");
}
