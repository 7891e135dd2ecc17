using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Domain.Forms;

/// <summary>
/// What every form stores besides its own fields — its number, who started it, its version, the latest
/// history lines, the Teams activities that changed it, and its service-level clock. The one pipeline
/// reads and writes only this part; each form's own fields stay its own (stored as one JSON row, so a
/// form saved before still loads: these are the names every form has always used).
/// </summary>
public abstract class FormState
{
    public string Id { get; set; } = string.Empty;

    public PersonRef Originator { get; set; } = new(string.Empty, string.Empty);

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Counts the changes; a card carries the version it was drawn at, so a stale card is recognised.</summary>
    public long Version { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>The latest lines of history, for the card (the audit rows keep all of it).</summary>
    public List<HistoryEntry> History { get; set; } = [];

    /// <summary>Ids of the latest Teams activities that changed the form: a redelivered one is recognised.</summary>
    public List<string> RecentActivityIds { get; set; } = [];

    /// <summary>The service-level clock of the step the form waits at now (null when it waits on nobody).</summary>
    public SlaClock? Sla { get; set; }

    /// <summary>Every reminder and escalation the form got, oldest first.</summary>
    public List<SlaNotice> SlaNotices { get; set; } = [];
}

/// <summary>Something that happened on a form: one audit row, named by <see cref="Action"/> (stored: never rename one).</summary>
public interface IFormEvent
{
    PersonRef By { get; }

    DateTimeOffset At { get; }

    string Action { get; }
}

/// <summary>How a step ends, as the form's domain says it: applied with its events, or a typed refusal (nothing changed).</summary>
public interface IStepOutcome;

/// <summary>What every form remembers the same way.</summary>
public static class FormMemory
{
    /// <summary>How many of the latest changing activities a form keeps to recognise a redelivery.</summary>
    public const int RecentActivityLimit = 20;

    /// <summary>Records the Teams activity that caused the last change, so a redelivery is recognised.</summary>
    public static void Remember(FormState state, string? activityId)
    {
        if (string.IsNullOrEmpty(activityId))
        {
            return;
        }

        state.RecentActivityIds.Add(activityId);
        if (state.RecentActivityIds.Count > RecentActivityLimit)
        {
            state.RecentActivityIds.RemoveRange(0, state.RecentActivityIds.Count - RecentActivityLimit);
        }
    }
}

/// <summary>
/// Who may see a form and which of its parts, in one place. Everyone must be known to the directory (hold a
/// position). A form is seen by its originator, by the people named on it, by holders of a position it
/// involves (its steps, their managers, the departments its card is posted to), by the general manager
/// (every late step escalates to the GM in the end) and by administrators. Nobody else gets anything of it.
/// </summary>
public static class FormVisibility
{
    public static bool MaySee(Actor actor, IReadOnlySet<Position> involved, PersonRef originator, IEnumerable<string> named) =>
        actor.Positions.Count > 0
        && (string.Equals(actor.Person.Id, originator.Id, StringComparison.OrdinalIgnoreCase)
            || named.Contains(actor.Person.Id, StringComparer.OrdinalIgnoreCase)
            || actor.Positions.Contains(Position.Administrator)
            || actor.Positions.Contains(Position.GeneralManager)
            || actor.Positions.Overlaps(involved));

    /// <summary>The cost sheet and the margin of a quotation: Sales and the general manager only (not the contract reviewers).</summary>
    public static bool MaySeeCosts(Actor? actor) =>
        actor is not null && (actor.Positions.Contains(Position.Salesperson) || actor.Positions.Contains(Position.SalesManager) || actor.Positions.Contains(Position.GeneralManager));
}
