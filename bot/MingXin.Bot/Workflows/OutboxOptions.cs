using System.ComponentModel.DataAnnotations;
namespace MingXin.Bot.Workflows;

/// <summary>Configuration section <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>
    /// How often unsent rows are looked for (also at start). A sweep only takes rows older than this,
    /// so the instance that wrote them has that long to send them itself.
    /// </summary>
    [Range(1, 3600)]
    public int SweepSeconds { get; set; } = 30;

    /// <summary>
    /// How long an instance holds the right to post a card (so two instances never post it twice). Longer
    /// than a post may take with all its retries (Connector:TotalTimeoutSeconds); after a crash the card
    /// waits at most this long for the next sweep.
    /// </summary>
    [Range(1, 3600)]
    public int PostLeaseSeconds { get; set; } = 120;
}
