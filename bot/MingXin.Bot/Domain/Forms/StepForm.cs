using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Forms;

/// <summary>
/// When the step <see cref="Step"/> (the form's status) is overdue at each level: 1 = remind whoever
/// it waits on, 2 = escalate to their managers, 3 = escalate to the general manager.
/// </summary>
public sealed record SlaClock(string Step, DateTimeOffset StartedAt, IReadOnlyList<DateTimeOffset> Levels);

/// <summary>A reminder (level 1) or escalation (2: the manager of the position, 3: the GM), and whom it named.</summary>
public sealed record SlaNotice(string Step, int Level, DateTimeOffset At, string Names);

/// <summary>What happened on a step form: one audit row each. <see cref="Detail"/> holds the values the step decided.</summary>
public sealed record FormEvent(PersonRef By, DateTimeOffset At, string Action, string? Comment, string StatusAfter, IReadOnlyDictionary<string, string>? Detail = null) : IFormEvent
{
    /// <summary>Detail key of the people (Entra ids, comma-separated) the event's thread line @mentions.</summary>
    public const string MentionKey = "mention";
}

/// <summary>Events every step form has, as its audit rows name them (stored: never rename one).</summary>
public static class FormEvents
{
    public const string Started = "started";
    public const string Cancelled = "cancelled";
    public const string SlaReminder = "sla-reminder";
    public const string SlaEscalated = "sla-escalated";
    public const string SlaEscalatedToGm = "sla-escalated-gm";
}

/// <summary>Why an action was refused. Nothing changed.</summary>
public enum FormRefusal
{
    /// <summary>The form is not at the step this action belongs to (or it has ended).</summary>
    WrongStep,

    /// <summary>The actor does not hold the position this step needs.</summary>
    NotYourTurn,

    /// <summary>A rejection, an NG, a cancellation needs text.</summary>
    ReasonRequired,

    /// <summary>Text longer than <see cref="StepForm{TState}.MaxTextLength"/>.</summary>
    TextTooLong,

    /// <summary>A new delivery date waits for the customer's permission to be recorded (4.2).</summary>
    CustomerPermissionRequired,
}

/// <summary>The outcome of an action: what happened, why nothing did, or which values are wrong.</summary>
public abstract record FormOutcome : IStepOutcome
{
    private FormOutcome()
    {
    }

    public sealed record Accepted(IReadOnlyList<FormEvent> Events) : FormOutcome;

    public sealed record Refused(FormRefusal Reason) : FormOutcome;

    public sealed record Invalid(IReadOnlyList<FieldProblem> Problems) : FormOutcome;
}

/// <summary>
/// The base of the procedure's step forms: version, history and redelivery memory, and the helpers
/// each transition uses. Subclasses guard their own steps and positions.
/// </summary>
public abstract class StepForm<TState>(TState state)
    where TState : FormState
{
    public const int MaxTextLength = 1000;
    public const int HistoryLimit = 12;

    public TState State { get; } = state;

    public string Id => State.Id;

    public abstract bool IsOpen { get; }

    /// <summary>The form's status, as stored on audit rows.</summary>
    public abstract string StatusName { get; }

    /// <summary>The originator withdraws the form while it is open, with a reason.</summary>
    public virtual FormOutcome Cancel(Actor actor, string? reason, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!IsOriginator(actor))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (CheckText(reason, required: true) is { } refused)
        {
            return refused;
        }

        State.CancelReason = Clean(reason);
        MarkCancelled();
        return Accept(new FormEvent(actor.Person, at, FormEvents.Cancelled, State.CancelReason, StatusName));
    }

    public bool IsOriginator(Actor actor) => string.Equals(actor.Person.Id, State.Originator.Id, StringComparison.OrdinalIgnoreCase);

    /// <summary>Records the Teams activity that caused the last change, so a redelivery is recognised.</summary>
    public void RememberActivity(string? activityId) => FormMemory.Remember(State, activityId);

    /// <summary>
    /// Records a reminder or escalation of the step the form waits at, once per step and level.
    /// It changes what the card shows, not where the form is: the version stays, so nobody's card goes out of date.
    /// </summary>
    public FormEvent? RecordSla(string step, int level, string names, DateTimeOffset at, IReadOnlyList<string>? mention = null)
    {
        if (!IsOpen || StatusName != step || State.SlaNotices.Any(n => n.Step == step && n.Level == level && n.At >= (State.Sla?.StartedAt ?? DateTimeOffset.MinValue)))
        {
            return null;
        }

        State.SlaNotices.Add(new SlaNotice(step, level, at, names));
        var e = new FormEvent(new PersonRef("mingxin-bot", "明新客服助手 MingXin"), at, level switch { 1 => FormEvents.SlaReminder, 2 => FormEvents.SlaEscalated, _ => FormEvents.SlaEscalatedToGm }, names, StatusName, new Dictionary<string, string> { ["step"] = step, ["level"] = level.ToString(System.Globalization.CultureInfo.InvariantCulture), [FormEvent.MentionKey] = string.Join(",", mention ?? []) });
        Record([e]);
        return e;
    }

    /// <summary>Sets the form's own "cancelled" status.</summary>
    protected abstract void MarkCancelled();

    protected static FormOutcome.Refused Refuse(FormRefusal reason) => new(reason);

    protected static FormOutcome.Invalid Invalid(params FieldProblem[] problems) => new(problems);

    /// <summary>Checks optional or required text; null when it is acceptable.</summary>
    protected static FormOutcome.Refused? CheckText(string? text, bool required) =>
        required && string.IsNullOrWhiteSpace(text) ? Refuse(FormRefusal.ReasonRequired)
        : text is not null && text.Trim().Length > MaxTextLength ? Refuse(FormRefusal.TextTooLong)
        : null;

    /// <summary>Adds a problem when text is missing (and required) or longer than <paramref name="max"/>.</summary>
    protected static void CheckField(List<FieldProblem> problems, string field, string? value, bool required, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                problems.Add(new FieldProblem(field, ProblemKind.Required));
            }
        }
        else if (value.Trim().Length > max)
        {
            problems.Add(new FieldProblem(field, ProblemKind.TooLong, max));
        }
    }

    /// <summary>Adds a problem when a quantity is missing, not above zero, or above <paramref name="limit"/>.</summary>
    protected static void CheckQuantity(List<FieldProblem> problems, int? quantity, int limit)
    {
        if (quantity is null)
        {
            problems.Add(new FieldProblem("quantity", ProblemKind.Required));
        }
        else if (quantity <= 0)
        {
            problems.Add(new FieldProblem("quantity", ProblemKind.MustBePositive));
        }
        else if (quantity > limit)
        {
            problems.Add(new FieldProblem("quantity", ProblemKind.TooLarge, limit));
        }
    }

    /// <summary>Adds a problem when a day is missing or after <paramref name="today"/>.</summary>
    protected static void CheckDay(List<FieldProblem> problems, string field, DateOnly? day, DateOnly today)
    {
        if (day is null)
        {
            problems.Add(new FieldProblem(field, ProblemKind.Required));
        }
        else if (day > today)
        {
            problems.Add(new FieldProblem(field, ProblemKind.DateInFuture));
        }
    }

    protected static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Counts the change and records it in the history.</summary>
    protected FormOutcome.Accepted Accept(params FormEvent[] events)
    {
        State.Version++;
        Record(events);
        return new FormOutcome.Accepted(events);
    }

    protected void Record(IEnumerable<FormEvent> events)
    {
        foreach (var e in events)
        {
            State.History.Add(new HistoryEntry(e.At, e.By.Name, e.Action, e.Comment));
        }

        if (State.History.Count > HistoryLimit)
        {
            State.History.RemoveRange(0, State.History.Count - HistoryLimit);
        }
    }
}
