using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Workflows;

/// <summary>What a step leaves to be sent after it is saved. Cards are rendered from the state at send time.</summary>
public sealed record OutboxMessage(string Kind, Department? Department = null, string? ChineseText = null, string? EnglishText = null, string? Relay = null, string? Payload = null, IReadOnlyList<string>? MentionIds = null)
{
    /// <summary>Post the form's card as a new thread in the department's channel (once).</summary>
    public const string Post = "post";

    /// <summary>Update every posted card in place.</summary>
    public const string Update = "update";

    /// <summary>A history line in every posted thread (@mentioning <see cref="MentionIds"/>, Entra object ids, when given).</summary>
    public const string Reply = "reply";

    /// <summary>Recompute the "my tasks" index rows of the form.</summary>
    public const string Tasks = "tasks";

    /// <summary>Register or cancel the form's deadlines (<see cref="Payload"/>: a <see cref="DeadlineChange"/>).</summary>
    public const string Deadlines = "deadlines";

    /// <summary>A change to another form, carried out by the <see cref="IOutboxRelay"/> named <see cref="Relay"/> (idempotently).</summary>
    public const string ToOtherForm = "relay";
}

/// <summary>Deadlines a step sets (key → due) and cancels (key → the due time it was set for).</summary>
public sealed record DeadlineChange(IReadOnlyDictionary<string, DateTimeOffset> Register, IReadOnlyDictionary<string, DateTimeOffset> Cancel);
