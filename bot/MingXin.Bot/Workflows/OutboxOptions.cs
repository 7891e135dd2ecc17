namespace MingXin.Bot.Workflows;

/// <summary>Configuration section <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>
    /// How often unsent rows are looked for (also at start). A sweep only takes rows older than this,
    /// so the instance that wrote them has that long to send them itself.
    /// </summary>
    public int SweepSeconds { get; set; } = 30;
}
