using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Domain.Approvals;

/// <summary>The stored state of an approval (serialized as the workflow's state row).</summary>
public sealed class ApprovalState : Forms.FormState
{
    public string FormKind { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string? Details { get; set; }

    public List<StepState> Steps { get; set; } = [];

    public int CurrentStep { get; set; }

    public ApprovalStatus Status { get; set; }
}

public sealed class StepState
{
    public StepDefinition Definition { get; set; } = null!;

    /// <summary>The seats as they are now (reassignments name a person).</summary>
    public List<Seat> Seats { get; set; } = [];

    public List<Decision> Decisions { get; set; } = [];

    public Verdict? Outcome { get; set; }
}

/// <summary>
/// A multi-step approval — the engine every MX-QM-03 sign-off rides on. It guards its own
/// transitions: each method checks state and the actor's positions, and returns what happened
/// (<see cref="ActionOutcome.Accepted"/>) or a typed refusal, never a silent no-op.
/// </summary>
public sealed class Approval
{
    public const int MaxTextLength = 1000;
    public const int HistoryLimit = 12;

    private Approval(ApprovalState state) => State = state;

    public ApprovalState State { get; }

    public string Id => State.Id;

    public ApprovalStatus Status => State.Status;

    public StepState? CurrentStep => State.Status == ApprovalStatus.InProgress ? State.Steps[State.CurrentStep] : null;

    /// <summary>Whether <paramref name="actor"/> has decided a seat of the current step already (for another position).</summary>
    public bool HasDecidedThisStep(Actor actor) =>
        CurrentStep?.Decisions.Any(d => string.Equals(d.By.Id, actor.Person.Id, StringComparison.OrdinalIgnoreCase)) ?? false;

    public static Approval FromState(ApprovalState state) => new(state);

    public static (Approval Approval, IReadOnlyList<ApprovalEvent> Events) Start(
        string id, string formKind, string title, string? details, PersonRef originator, IReadOnlyList<StepDefinition> steps, DateTimeOffset at)
    {
        if (steps.Count == 0 || steps.Any(s => s.Seats.Count == 0 || (s.Rule == ApprovalRule.Single && s.Seats.Count != 1)))
        {
            throw new ArgumentException("An approval needs steps, each with seats; a Single step has exactly one seat.", nameof(steps));
        }

        if (steps.Any(s => s.Seats.Select(x => x.Key).Distinct(StringComparer.Ordinal).Count() != s.Seats.Count))
        {
            throw new ArgumentException("Seat keys must be distinct within a step.", nameof(steps));
        }

        var state = new ApprovalState
        {
            Id = id,
            FormKind = formKind,
            Title = title,
            Details = details,
            Originator = originator,
            CreatedAt = at,
            Steps = steps.Select(s => new StepState { Definition = s, Seats = s.Seats.ToList() }).ToList(),
            Status = ApprovalStatus.InProgress,
            Version = 1,
        };
        var approval = new Approval(state);
        IReadOnlyList<ApprovalEvent> events = [new ApprovalStarted(originator, at, title), new StepStarted(originator, at, steps[0].Key)];
        approval.Record(events);
        return (approval, events);
    }

    /// <summary>The seats of the current step that still wait for a decision.</summary>
    public IReadOnlyList<Seat> OpenSeats() =>
        CurrentStep is { } step ? step.Seats.Where(seat => step.Decisions.All(d => d.SeatKey != seat.Key)).ToList() : [];

    /// <summary>Whether <paramref name="actor"/> can decide now, and for which seat.</summary>
    public Seat? SeatFor(Actor actor, string? seatKey = null) =>
        OpenSeats().FirstOrDefault(s => (seatKey is null || s.Key == seatKey) && s.CanBeTakenBy(actor));

    public ActionOutcome Approve(Actor actor, string? seatKey, string? comment, DateTimeOffset at) =>
        Decide(actor, seatKey, Verdict.Approved, comment, at);

    public ActionOutcome Reject(Actor actor, string? seatKey, string? reason, DateTimeOffset at) =>
        string.IsNullOrWhiteSpace(reason) ? new ActionOutcome.Refused(Refusal.ReasonRequired) : Decide(actor, seatKey, Verdict.Rejected, reason, at);

    /// <summary>Hands an open seat to a colleague who holds the same position.</summary>
    public ActionOutcome Reassign(Actor actor, string seatKey, Actor colleague, string? comment, DateTimeOffset at)
    {
        if (State.Status != ApprovalStatus.InProgress)
        {
            return new ActionOutcome.Refused(Refusal.NotActive);
        }

        if (TooLong(comment))
        {
            return new ActionOutcome.Refused(Refusal.TextTooLong);
        }

        var seat = OpenSeats().FirstOrDefault(s => s.Key == seatKey);
        if (seat is null)
        {
            return new ActionOutcome.Refused(Refusal.UnknownSeat);
        }

        var mayReassign = seat.CanBeTakenBy(actor) || IsOriginator(actor);
        if (!mayReassign)
        {
            return new ActionOutcome.Refused(Refusal.NotYourTurn);
        }

        if (!colleague.Positions.Contains(seat.Position))
        {
            return new ActionOutcome.Refused(Refusal.ColleagueLacksPosition);
        }

        var step = CurrentStep!;
        step.Seats[step.Seats.FindIndex(s => s.Key == seatKey)] = seat with { Person = colleague.Person };
        return Accept([new SeatReassigned(actor.Person, at, step.Definition.Key, seatKey, seat.Person, colleague.Person, Clean(comment))]);
    }

    /// <summary>The originator withdraws the form, with a reason.</summary>
    public ActionOutcome Cancel(Actor actor, string? reason, DateTimeOffset at)
    {
        if (State.Status != ApprovalStatus.InProgress)
        {
            return new ActionOutcome.Refused(Refusal.NotActive);
        }

        if (!IsOriginator(actor))
        {
            return new ActionOutcome.Refused(Refusal.NotOriginator);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new ActionOutcome.Refused(Refusal.ReasonRequired);
        }

        if (TooLong(reason))
        {
            return new ActionOutcome.Refused(Refusal.TextTooLong);
        }

        State.Status = ApprovalStatus.Cancelled;
        State.CancelReason = Clean(reason);
        return Accept([new ApprovalCancelled(actor.Person, at, State.CancelReason!), new ApprovalCompleted(actor.Person, at, ApprovalStatus.Cancelled)]);
    }

    /// <summary>Anyone taking part (originator or holder of a seat's position) may add a comment while the form is open.</summary>
    public ActionOutcome Comment(Actor actor, string? text, DateTimeOffset at)
    {
        if (State.Status != ApprovalStatus.InProgress)
        {
            return new ActionOutcome.Refused(Refusal.NotActive);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new ActionOutcome.Refused(Refusal.ReasonRequired);
        }

        if (TooLong(text))
        {
            return new ActionOutcome.Refused(Refusal.TextTooLong);
        }

        var takesPart = IsOriginator(actor) || State.Steps.SelectMany(s => s.Seats).Any(s => s.CanBeTakenBy(actor));
        return takesPart ? Accept([new Commented(actor.Person, at, Clean(text)!)]) : new ActionOutcome.Refused(Refusal.NotYourTurn);
    }

    public bool IsOriginator(Actor actor) => string.Equals(actor.Person.Id, State.Originator.Id, StringComparison.OrdinalIgnoreCase);

    /// <summary>The step the approval waits at, for its service level; null when it is closed.</summary>
    public string? WaitingStep => CurrentStep?.Definition.Key;

    /// <summary>
    /// Records a reminder (level 1) or escalation (2, 3) of the step it waits at, once per step and
    /// level; the version stays, so nobody's card goes out of date. Null when there is nothing to record.
    /// </summary>
    public ServiceLevelNoticed? RecordSla(string step, int level, string names, DateTimeOffset at)
    {
        if (WaitingStep != step || State.SlaNotices.Any(n => n.Step == step && n.Level == level && n.At >= (State.Sla?.StartedAt ?? DateTimeOffset.MinValue)))
        {
            return null;
        }

        State.SlaNotices.Add(new Forms.SlaNotice(step, level, at, names));
        var e = new ServiceLevelNoticed(new PersonRef("mingxin-bot", "明新客服助手 MingXin"), at, step, level, names);
        Record([e]);
        return e;
    }

    /// <summary>Records the Teams activity that caused the last change, so a redelivery is recognised.</summary>
    public void RememberActivity(string? activityId) => Forms.FormMemory.Remember(State, activityId);

    private ActionOutcome Decide(Actor actor, string? seatKey, Verdict verdict, string? comment, DateTimeOffset at)
    {
        if (State.Status != ApprovalStatus.InProgress)
        {
            return new ActionOutcome.Refused(Refusal.NotActive);
        }

        if (TooLong(comment))
        {
            return new ActionOutcome.Refused(Refusal.TextTooLong);
        }

        var step = CurrentStep!;
        var seat = SeatFor(actor, seatKey);
        if (seat is null)
        {
            if (seatKey is not null && step.Seats.All(s => s.Key != seatKey))
            {
                return new ActionOutcome.Refused(Refusal.UnknownSeat);
            }

            var decidedBefore = step.Decisions.Any(d => string.Equals(d.By.Id, actor.Person.Id, StringComparison.OrdinalIgnoreCase));
            return new ActionOutcome.Refused(decidedBefore ? Refusal.AlreadyDecided : Refusal.NotYourTurn);
        }

        var events = new List<ApprovalEvent>();
        step.Decisions.Add(new Decision(seat.Key, actor.Person, verdict, Clean(comment), at));
        events.Add(new SeatDecided(actor.Person, at, step.Definition.Key, seat.Key, verdict, Clean(comment)));

        var stepDone = verdict == Verdict.Rejected || step.Definition.Rule != ApprovalRule.AllOf || OpenSeats().Count == 0;
        if (!stepDone)
        {
            return Accept(events);
        }

        step.Outcome = verdict;
        events.Add(new StepCompleted(actor.Person, at, step.Definition.Key, verdict));
        if (verdict == Verdict.Rejected)
        {
            State.Status = ApprovalStatus.Rejected;
            events.Add(new ApprovalCompleted(actor.Person, at, ApprovalStatus.Rejected));
        }
        else if (State.CurrentStep + 1 < State.Steps.Count)
        {
            State.CurrentStep++;
            events.Add(new StepStarted(actor.Person, at, State.Steps[State.CurrentStep].Definition.Key));
        }
        else
        {
            State.Status = ApprovalStatus.Approved;
            events.Add(new ApprovalCompleted(actor.Person, at, ApprovalStatus.Approved));
        }

        return Accept(events);
    }

    private ActionOutcome.Accepted Accept(IReadOnlyList<ApprovalEvent> events)
    {
        State.Version++;
        Record(events);
        return new ActionOutcome.Accepted(events);
    }

    private void Record(IReadOnlyList<ApprovalEvent> events)
    {
        foreach (var e in events)
        {
            HistoryEntry? line = e switch
            {
                ApprovalStarted s => new HistoryEntry(s.At, s.By.Name, s.Action, null),
                SeatDecided d => new HistoryEntry(d.At, d.By.Name, d.Action, d.Comment),
                SeatReassigned r => new HistoryEntry(r.At, r.By.Name, r.Action, r.Comment, r.To.Name),
                ApprovalCancelled c => new HistoryEntry(c.At, c.By.Name, c.Action, c.Reason),
                Commented c => new HistoryEntry(c.At, c.By.Name, c.Action, c.Text),
                ServiceLevelNoticed n => new HistoryEntry(n.At, n.By.Name, n.Action, n.Names),
                _ => null,
            };
            if (line is not null)
            {
                State.History.Add(line);
            }
        }

        if (State.History.Count > HistoryLimit)
        {
            State.History.RemoveRange(0, State.History.Count - HistoryLimit);
        }
    }

    private static bool TooLong(string? text) => text is not null && text.Length > MaxTextLength;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
