using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Domain.Quotations;

/// <summary>The stored state of a quotation (serialized as the workflow's state row).</summary>
public sealed class QuotationState : Forms.FormState
{
    public QuotationRequest Request { get; set; } = null!;

    public QuotationStatus Status { get; set; }

    /// <summary>Every cost-sheet version, oldest first; the last is current.</summary>
    public List<CostSheetVersion> Versions { get; set; } = [];

    public List<ReviewRound> ReviewRounds { get; set; } = [];

    public List<GmDecision> GmDecisions { get; set; } = [];

    public QuotationSent? Sent { get; set; }

    public CustomerConfirmation? Confirmation { get; set; }

    public List<CustomerObjection> Objections { get; set; } = [];
}

/// <summary>
/// Quotation 报价单 with its Cost Calculation Sheet 成本核算表 (MX-QM-03 4.1.3–4.1.4), and, on the
/// special path, its Contract Review Form 合同评审表. Guards every transition: each method checks the
/// step and the actor's position and returns what happened or a typed refusal.
/// </summary>
public sealed class Quotation
{
    public const string Kind = "Quotation";
    public const string Prefix = "QT";
    public const int MaxTextLength = 1000;
    public const int HistoryLimit = 12;

    private Quotation(QuotationState state) => State = state;

    public QuotationState State { get; }

    public string Id => State.Id;

    public QuotationStatus Status => State.Status;

    /// <summary>The cost sheet in force; null on the special path until the salesperson fills it in after the contract review.</summary>
    public CostSheetVersion? CurrentVersion => State.Versions.Count > 0 ? State.Versions[^1] : null;

    public ReviewRound? CurrentReview => State.ReviewRounds.Count > 0 ? State.ReviewRounds[^1] : null;

    public bool IsOpen => Status is not (QuotationStatus.Confirmed or QuotationStatus.Declined or QuotationStatus.Cancelled);

    public static string Name(Language l) => l == Language.Chinese ? "报价单" : "Quotation";

    public static Quotation FromState(QuotationState state) => new(state);

    /// <summary>
    /// A salesperson (or sales manager) starts a quotation. An ordinary one carries its first cost sheet
    /// and goes to the GM; on the special path (4.1.3.2) the contract review comes first, and the cost
    /// sheet — left out here — is filled in after it.
    /// </summary>
    public static (Quotation? Quotation, QuotationOutcome Outcome) Start(string id, QuotationRequest request, CostSheet? sheet, Actor originator, DateTimeOffset at)
    {
        if (!IsSales(originator))
        {
            return (null, new QuotationOutcome.Refused(QuotationRefusal.NotSales));
        }

        if (request.Problems().Count > 0)
        {
            throw new ArgumentException("Check the request (Problems()) before starting.", nameof(request));
        }

        var status = request.Path == QuotationPath.SpecialRequirement ? QuotationStatus.InContractReview : QuotationStatus.AwaitingGmApproval;
        if (sheet is null && status != QuotationStatus.InContractReview)
        {
            throw new ArgumentException("An ordinary quotation starts with its cost sheet.", nameof(sheet));
        }

        var state = new QuotationState
        {
            Id = id,
            Request = request.Trimmed(),
            Originator = originator.Person,
            CreatedAt = at,
            Status = status,
            Versions = sheet is null ? [] : [new CostSheetVersion(1, CostSheetData.From(sheet), originator.Person, at, null)],
            Version = 1,
        };
        if (status == QuotationStatus.InContractReview)
        {
            state.ReviewRounds.Add(new ReviewRound { Number = 1, ForVersion = state.Versions.Count });
        }

        var quotation = new Quotation(state);
        IReadOnlyList<QuotationEvent> events = [new QuotationStarted(originator.Person, at, status, request.Path)];
        quotation.Record(events);
        return (quotation, new QuotationOutcome.Accepted(events));
    }

    /// <summary>The contract-review seats still unanswered in the current round.</summary>
    public IReadOnlyList<Seat> OpenReviewSeats() =>
        Status == QuotationStatus.InContractReview
            ? ContractReview.Seats.Where(s => CurrentReview!.Answers.All(a => a.SeatKey != s.Key)).ToList()
            : [];

    /// <summary>Positions that can act now (the originator is named separately by <see cref="WaitsOnOriginator"/>).</summary>
    public IReadOnlyList<Position> PositionsWaitedOn() => Status switch
    {
        QuotationStatus.InContractReview => OpenReviewSeats().Select(s => s.Position).ToList(),
        QuotationStatus.AwaitingGmApproval or QuotationStatus.ObjectionRaised or QuotationStatus.OnHold => [Position.GeneralManager],
        _ => [],
    };

    /// <summary>Whether the next move is the salesperson's.</summary>
    public bool WaitsOnOriginator => Status is QuotationStatus.ReturnedForRevision or QuotationStatus.AwaitingCostSheet or QuotationStatus.ApprovedToSend or QuotationStatus.AwaitingCustomer;

    /// <summary>What <paramref name="actor"/> may do on the quotation now (what their card offers).</summary>
    public IReadOnlySet<QuotationAction> ActionsFor(Actor actor)
    {
        var actions = new HashSet<QuotationAction>();
        var gm = actor.Positions.Contains(Position.GeneralManager);
        switch (Status)
        {
            case QuotationStatus.InContractReview when OpenReviewSeats().Any(s => s.CanBeTakenBy(actor)):
                actions.Add(QuotationAction.Review);
                break;
            case QuotationStatus.AwaitingGmApproval when gm:
                actions.Add(QuotationAction.GmDecide);
                break;
            case QuotationStatus.ReturnedForRevision or QuotationStatus.AwaitingCostSheet when IsSalesSide(actor):
                actions.Add(QuotationAction.Revise);
                break;
            case QuotationStatus.ApprovedToSend when IsSalesSide(actor):
                actions.Add(QuotationAction.RecordSent);
                break;
            case QuotationStatus.AwaitingCustomer when IsSalesSide(actor):
                actions.Add(QuotationAction.RecordCustomerAnswer);
                break;
            case QuotationStatus.ObjectionRaised or QuotationStatus.OnHold when gm:
                actions.Add(QuotationAction.DecideObjection);
                break;
        }

        if (IsOpen && IsOriginator(actor))
        {
            actions.Add(QuotationAction.Cancel);
        }

        return actions;
    }

    /// <summary>A reviewer answers the Contract Review Form for their department.</summary>
    public QuotationOutcome Review(Actor actor, Feasibility feasibility, string? note, DateTimeOffset at)
    {
        if (Status != QuotationStatus.InContractReview)
        {
            return Refuse(QuotationRefusal.WrongStep);
        }

        if (feasibility != Feasibility.Feasible && string.IsNullOrWhiteSpace(note))
        {
            return Refuse(QuotationRefusal.ReasonRequired);
        }

        if (TooLong(note))
        {
            return Refuse(QuotationRefusal.TextTooLong);
        }

        var seat = OpenReviewSeats().FirstOrDefault(s => s.CanBeTakenBy(actor));
        if (seat is null)
        {
            var answered = ContractReview.Seats.Any(s => s.CanBeTakenBy(actor));
            return Refuse(answered ? QuotationRefusal.AlreadyAnswered : QuotationRefusal.NotYourTurn);
        }

        var round = CurrentReview!;
        round.Answers.Add(new ReviewAnswer(seat.Key, actor.Person, feasibility, Clean(note), at));
        if (OpenReviewSeats().Count == 0)
        {
            // 4.1.3.2: the salesperson prices what the review found — no cost sheet yet, or conditions to
            // price — before the GM; a review that found everything feasible as costed goes straight on.
            State.Status = round.Answers.Any(a => a.Feasibility == Feasibility.NotFeasible) ? QuotationStatus.ReturnedForRevision
                : CurrentVersion is null || round.Answers.Any(a => a.Feasibility == Feasibility.FeasibleWithConditions) ? QuotationStatus.AwaitingCostSheet
                : QuotationStatus.AwaitingGmApproval;
        }

        return Accept(new ContractReviewed(actor.Person, at, Status, round.Number, seat.Key, feasibility, Clean(note)));
    }

    public QuotationOutcome GmApprove(Actor actor, string? comment, DateTimeOffset at) => GmDecide(actor, approved: true, comment, at);

    public QuotationOutcome GmReject(Actor actor, string? reason, DateTimeOffset at) =>
        string.IsNullOrWhiteSpace(reason) ? Refuse(QuotationRefusal.ReasonRequired) : GmDecide(actor, approved: false, reason, at);

    /// <summary>
    /// The salesperson submits a new cost-sheet version (the old ones are kept) — or, on the special
    /// path after the review, the cost sheet itself. After a review that found it not feasible, the
    /// revision goes to a new review round; otherwise to the GM.
    /// </summary>
    public QuotationOutcome Revise(Actor actor, CostSheet sheet, string? note, DateTimeOffset at)
    {
        if (Status is not (QuotationStatus.ReturnedForRevision or QuotationStatus.AwaitingCostSheet))
        {
            return Refuse(QuotationRefusal.WrongStep);
        }

        if (!IsSalesSide(actor))
        {
            return Refuse(QuotationRefusal.NotYourTurn);
        }

        if (TooLong(note))
        {
            return Refuse(QuotationRefusal.TextTooLong);
        }

        var number = (CurrentVersion?.Number ?? 0) + 1;
        State.Versions.Add(new CostSheetVersion(number, CostSheetData.From(sheet), actor.Person, at, Clean(note)));
        var reviewAgain = Status == QuotationStatus.ReturnedForRevision && CurrentReview is { } last && last.Answers.Any(a => a.Feasibility == Feasibility.NotFeasible);
        if (reviewAgain)
        {
            State.ReviewRounds.Add(new ReviewRound { Number = CurrentReview!.Number + 1, ForVersion = number });
            State.Status = QuotationStatus.InContractReview;
        }
        else
        {
            State.Status = QuotationStatus.AwaitingGmApproval;
        }

        return Accept(new CostSheetRevised(actor.Person, at, Status, number, Clean(note)));
    }

    /// <summary>4.1.4: the salesperson records that the approved quotation went to the customer.</summary>
    public QuotationOutcome RecordSent(Actor actor, SendMethod method, DateTimeOffset at)
    {
        if (Status != QuotationStatus.ApprovedToSend)
        {
            return Refuse(QuotationRefusal.WrongStep);
        }

        if (!IsSalesSide(actor))
        {
            return Refuse(QuotationRefusal.NotYourTurn);
        }

        State.Sent = new QuotationSent(method, actor.Person, at);
        State.Status = QuotationStatus.AwaitingCustomer;
        return Accept(new QuotationSentToCustomer(actor.Person, at, Status, method));
    }

    /// <summary>The customer confirmed and signed: who signed, and on which day (not in the future, in the factory's calendar).</summary>
    public QuotationOutcome RecordConfirmation(Actor actor, string? signedBy, DateOnly signedOn, DateOnly today, DateTimeOffset at)
    {
        if (Status != QuotationStatus.AwaitingCustomer)
        {
            return Refuse(QuotationRefusal.WrongStep);
        }

        if (!IsSalesSide(actor))
        {
            return Refuse(QuotationRefusal.NotYourTurn);
        }

        if (string.IsNullOrWhiteSpace(signedBy))
        {
            return Refuse(QuotationRefusal.ReasonRequired);
        }

        if (signedBy.Trim().Length > QuotationRequest.MaxNameLength)
        {
            return Refuse(QuotationRefusal.TextTooLong);
        }

        if (signedOn > today)
        {
            return Refuse(QuotationRefusal.DateInFuture);
        }

        State.Confirmation = new CustomerConfirmation(signedBy.Trim(), signedOn, actor.Person, at);
        State.Status = QuotationStatus.Confirmed;
        return Accept(new CustomerConfirmed(actor.Person, at, Status, signedBy.Trim(), signedOn));
    }

    /// <summary>The customer objected; it goes to the general manager (4.1.4).</summary>
    public QuotationOutcome RecordObjection(Actor actor, string? text, DateTimeOffset at)
    {
        if (Status != QuotationStatus.AwaitingCustomer)
        {
            return Refuse(QuotationRefusal.WrongStep);
        }

        if (!IsSalesSide(actor))
        {
            return Refuse(QuotationRefusal.NotYourTurn);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Refuse(QuotationRefusal.ReasonRequired);
        }

        if (TooLong(text))
        {
            return Refuse(QuotationRefusal.TextTooLong);
        }

        State.Objections.Add(new CustomerObjection(text.Trim(), actor.Person, at));
        State.Status = QuotationStatus.ObjectionRaised;
        return Accept(new CustomerObjected(actor.Person, at, Status, text.Trim()));
    }

    /// <summary>The general manager settles an objection: revise, hold (then decide again later) or decline.</summary>
    public QuotationOutcome DecideObjection(Actor actor, ObjectionDecision decision, string? note, DateTimeOffset at)
    {
        var allowed = Status == QuotationStatus.ObjectionRaised || (Status == QuotationStatus.OnHold && decision != ObjectionDecision.Hold);
        if (!allowed)
        {
            return Refuse(QuotationRefusal.WrongStep);
        }

        if (!actor.Positions.Contains(Position.GeneralManager))
        {
            return Refuse(QuotationRefusal.NotYourTurn);
        }

        if (decision == ObjectionDecision.Decline && string.IsNullOrWhiteSpace(note))
        {
            return Refuse(QuotationRefusal.ReasonRequired);
        }

        if (TooLong(note))
        {
            return Refuse(QuotationRefusal.TextTooLong);
        }

        State.Objections[^1] = State.Objections[^1] with { Decision = decision, DecidedBy = actor.Person, DecisionNote = Clean(note), DecidedAt = at };
        State.Status = decision switch
        {
            ObjectionDecision.Revise => QuotationStatus.ReturnedForRevision,
            ObjectionDecision.Hold => QuotationStatus.OnHold,
            _ => QuotationStatus.Declined,
        };
        return Accept(new ObjectionDecided(actor.Person, at, Status, decision, Clean(note)));
    }

    /// <summary>The originator withdraws the quotation, with a reason.</summary>
    public QuotationOutcome Cancel(Actor actor, string? reason, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return Refuse(QuotationRefusal.WrongStep);
        }

        if (!IsOriginator(actor))
        {
            return Refuse(QuotationRefusal.NotYourTurn);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refuse(QuotationRefusal.ReasonRequired);
        }

        if (TooLong(reason))
        {
            return Refuse(QuotationRefusal.TextTooLong);
        }

        State.CancelReason = reason.Trim();
        State.Status = QuotationStatus.Cancelled;
        return Accept(new QuotationCancelled(actor.Person, at, Status, State.CancelReason));
    }

    /// <summary>Whether <paramref name="actor"/> has answered a seat of this review round already (for another position).</summary>
    public bool HasAnsweredThisRound(Actor actor) =>
        CurrentReview?.Answers.Any(a => string.Equals(a.By.Id, actor.Person.Id, StringComparison.OrdinalIgnoreCase)) ?? false;

    public bool IsOriginator(Actor actor) => string.Equals(actor.Person.Id, State.Originator.Id, StringComparison.OrdinalIgnoreCase);

    /// <summary>The step the quotation waits at, for its service level; null when it waits on nobody.</summary>
    public string? WaitingStep => IsOpen && (PositionsWaitedOn().Count > 0 || WaitsOnOriginator) ? Status.ToString() : null;

    /// <summary>
    /// Records a reminder (level 1) or escalation (2, 3) of the step it waits at, once per step and
    /// level; the version stays, so nobody's card goes out of date. Null when there is nothing to record.
    /// </summary>
    public QuotationEvent? RecordSla(string step, int level, string names, DateTimeOffset at)
    {
        if (WaitingStep != step || State.SlaNotices.Any(n => n.Step == step && n.Level == level && n.At >= (State.Sla?.StartedAt ?? DateTimeOffset.MinValue)))
        {
            return null;
        }

        State.SlaNotices.Add(new Forms.SlaNotice(step, level, at, names));
        var e = new ServiceLevelNoticed(new PersonRef("mingxin-bot", "明新客服助手 MingXin"), at, Status, step, level, names);
        Record([e]);
        return e;
    }

    /// <summary>The originator, or a sales manager standing in for them.</summary>
    public bool IsSalesSide(Actor actor) => IsOriginator(actor) || actor.Positions.Contains(Position.SalesManager);

    /// <summary>Records the Teams activity that caused the last change, so a redelivery is recognised.</summary>
    public void RememberActivity(string? activityId) => Forms.FormMemory.Remember(State, activityId);

    /// <summary>Whether <paramref name="actor"/> may start a quotation (a salesperson or the sales manager).</summary>
    public static bool MayStart(Actor actor) => IsSales(actor);

    private static bool IsSales(Actor actor) => actor.Positions.Contains(Position.Salesperson) || actor.Positions.Contains(Position.SalesManager);

    private QuotationOutcome GmDecide(Actor actor, bool approved, string? comment, DateTimeOffset at)
    {
        if (Status != QuotationStatus.AwaitingGmApproval)
        {
            return Refuse(QuotationRefusal.WrongStep);
        }

        if (!actor.Positions.Contains(Position.GeneralManager))
        {
            return Refuse(QuotationRefusal.NotYourTurn);
        }

        if (TooLong(comment))
        {
            return Refuse(QuotationRefusal.TextTooLong);
        }

        State.GmDecisions.Add(new GmDecision(CurrentVersion!.Number, actor.Person, approved, Clean(comment), at));
        State.Status = approved ? QuotationStatus.ApprovedToSend : QuotationStatus.ReturnedForRevision;
        return Accept(new GmDecided(actor.Person, at, Status, CurrentVersion.Number, approved, Clean(comment)));
    }

    private static QuotationOutcome.Refused Refuse(QuotationRefusal reason) => new(reason);

    private QuotationOutcome.Accepted Accept(QuotationEvent e)
    {
        State.Version++;
        Record([e]);
        return new QuotationOutcome.Accepted([e]);
    }

    private void Record(IReadOnlyList<QuotationEvent> events)
    {
        foreach (var e in events)
        {
            var comment = e switch
            {
                ContractReviewed r => $"[{r.SeatKey}] {r.Feasibility}" + (r.Note is null ? string.Empty : " — " + r.Note), // the card names the department and the conclusion in the reader's words
                GmDecided g => g.Comment,
                CostSheetRevised v => v.Note,
                CustomerConfirmed c => c.SignedBy,
                CustomerObjected o => o.Text,
                ObjectionDecided d => d.Note,
                QuotationCancelled c => c.Reason,
                ServiceLevelNoticed n => n.Names,
                _ => null,
            };
            State.History.Add(new HistoryEntry(e.At, e.By.Name, e.Action, comment));
        }

        if (State.History.Count > HistoryLimit)
        {
            State.History.RemoveRange(0, State.History.Count - HistoryLimit);
        }
    }

    private static bool TooLong(string? text) => text is not null && text.Trim().Length > MaxTextLength;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
