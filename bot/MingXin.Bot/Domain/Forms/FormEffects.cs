namespace MingXin.Bot.Domain.Forms;

/// <summary>
/// What a step sets off besides its own state, declared by the form's step table and carried out
/// through the outbox of the step's own batch: nothing here happens unless the step is saved, and
/// everything here happens (at least once, idempotently) once it is.
/// </summary>
public abstract record FormEffect
{
    private FormEffect()
    {
    }

    /// <summary>Deadlines to register (key → when it is due) on the form's own number.</summary>
    public sealed record StartDeadlines(IReadOnlyDictionary<string, DateTimeOffset> Due) : FormEffect;

    /// <summary>Deadlines to cancel (key → the due time they were set for).</summary>
    public sealed record StopDeadlines(IReadOnlyDictionary<string, DateTimeOffset> Due) : FormEffect;

    /// <summary>A change to another form: one handler applies it to that form in that form's own batch.</summary>
    public sealed record Change(IFormChange What) : FormEffect;
}

/// <summary>
/// A change one form asks of another (e.g. a confirmed amendment for its Production Notice). Each kind
/// of change has exactly one handler, found by <see cref="ChangeName"/>, which is stored on outbox rows:
/// never rename one.
/// </summary>
public interface IFormChange
{
    string ChangeName { get; }
}
