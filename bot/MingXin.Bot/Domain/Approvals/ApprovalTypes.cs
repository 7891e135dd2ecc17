using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Domain.Approvals;

/// <summary>How the seats of a step decide it.</summary>
public enum ApprovalRule
{
    /// <summary>One seat; its decision is the step's.</summary>
    Single,

    /// <summary>Every seat must approve (e.g. contract review: Production AND QC AND Materials Control); one rejection rejects.</summary>
    AllOf,

    /// <summary>The first decision of any seat decides the step (e.g. any QC inspector).</summary>
    FirstOf,
}

public enum ApprovalStatus
{
    InProgress,
    Approved,
    Rejected,
    Cancelled,
}

public enum Verdict
{
    Approved,
    Rejected,
}

/// <summary>A line of history shown on the card.</summary>
public sealed record HistoryEntry(DateTimeOffset At, string ActorName, string Action, string? Comment, string? To = null);

/// <summary>Someone named on a form.</summary>
public sealed record PersonRef(string Id, string Name);

/// <summary>Who is acting, with the positions the directory gives them.</summary>
public sealed record Actor(PersonRef Person, IReadOnlySet<Position> Positions)
{
    public static Actor From(Person person) => new(new PersonRef(person.AadObjectId, person.DisplayName), person.Positions);
}

/// <summary>
/// A place in a step that a decision fills: anyone holding <see cref="Position"/>, or only
/// <see cref="Person"/> when the seat is assigned (by definition or by reassignment).
/// </summary>
public sealed record Seat(string Key, Position Position, PersonRef? Person = null)
{
    public bool CanBeTakenBy(Actor actor) =>
        Person is null ? actor.Positions.Contains(Position) : string.Equals(Person.Id, actor.Person.Id, StringComparison.OrdinalIgnoreCase);
}

public sealed record Decision(string SeatKey, PersonRef By, Verdict Verdict, string? Comment, DateTimeOffset At);

/// <summary>The definition of one step: its names, rule, seats, and the department whose channel shows it.</summary>
public sealed record StepDefinition(string Key, string ChineseName, string EnglishName, ApprovalRule Rule, IReadOnlyList<Seat> Seats, Department Department);

/// <summary>Why an action was refused. Nothing changed.</summary>
public enum Refusal
{
    /// <summary>The form is approved, rejected or cancelled already.</summary>
    NotActive,

    /// <summary>The actor holds no open seat of the current step.</summary>
    NotYourTurn,

    /// <summary>The actor already decided the seat they could take.</summary>
    AlreadyDecided,

    /// <summary>Rejecting and cancelling need a reason.</summary>
    ReasonRequired,

    /// <summary>Only the originator may cancel.</summary>
    NotOriginator,

    /// <summary>A reassignment must go to a colleague holding the seat's position.</summary>
    ColleagueLacksPosition,

    /// <summary>The seat named in the action does not exist in the current step, or is decided.</summary>
    UnknownSeat,

    /// <summary>A comment or reason is longer than <see cref="Approval.MaxTextLength"/>.</summary>
    TextTooLong,

    /// <summary>A reassignment names no colleague the directory knows.</summary>
    ColleagueRequired,
}
