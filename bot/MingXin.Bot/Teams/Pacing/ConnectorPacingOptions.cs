using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace MingXin.Bot.Teams.Pacing;

/// <summary>
/// Configuration section <c>Connector:Pacing</c>: Teams' published limits for a bot, known in advance, so sends are
/// spaced to stay inside them instead of meeting 429s (Retry-After stays the safety net). Defaults are Microsoft's
/// values: per bot per thread 7 in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour; about 50 requests a second per app
/// per tenant.
/// </summary>
public sealed class ConnectorPacingOptions : IValidatableObject
{
    public const string SectionName = "Connector:Pacing";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Per conversation (a channel thread; a new thread counts against its channel): <c>count/seconds</c> windows,
    /// comma-separated, each kept at once. One string, not a list: a bound list would add to the defaults, not replace them.
    /// </summary>
    public string ThreadLimits { get; set; } = "7/1, 8/2, 60/30, 1800/3600";

    /// <summary>
    /// Added to every window: two calls sent a window apart may reach Teams a little closer together (the network is
    /// not even), and Teams counts what arrives.
    /// </summary>
    [Range(0, 5000)]
    public int MarginMilliseconds { get; set; } = 200;

    /// <summary>All calls of the bot to the tenant, per second.</summary>
    [Range(1, 10_000)]
    public int TenantPerSecond { get; set; } = 50;

    /// <summary>The windows of <see cref="ThreadLimits"/>, parsed; invalid entries are reported by <see cref="Validate"/>.</summary>
    public IReadOnlyList<(int Count, TimeSpan Window)> Windows() =>
        Entries().Select(Parse).Where(w => w is not null).Select(w => (w!.Value.Count, w.Value.Window + TimeSpan.FromMilliseconds(MarginMilliseconds))).ToList();

    private IEnumerable<string> Entries() => (ThreadLimits ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var limit in Entries().Where(l => Parse(l) is null))
        {
            yield return new ValidationResult($"ThreadLimits: '{limit}' is not count/seconds with both at least 1 (e.g. 7/1).", [nameof(ThreadLimits)]);
        }
    }

    private static (int Count, TimeSpan Window)? Parse(string text)
    {
        var parts = (text ?? string.Empty).Split('/', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 100_000
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 86_400
            ? (count, TimeSpan.FromSeconds(seconds))
            : null;
    }
}
