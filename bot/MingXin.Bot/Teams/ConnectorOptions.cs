using System.ComponentModel.DataAnnotations;
namespace MingXin.Bot.Teams;

/// <summary>Configuration section <c>Connector</c>: how calls to the Bot Connector (Teams) are retried.</summary>
public sealed class ConnectorOptions
{
    public const string SectionName = "Connector";

    /// <summary>Retries after the first attempt (429, 5xx, timeouts, connection failures).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay; doubles each retry, with jitter. A 429's Retry-After overrides it.</summary>
    [Range(1, 60000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>Longest wait between two attempts, Retry-After included.</summary>
    [Range(1, 600)]
    public int MaxRetryDelaySeconds { get; set; } = 20;

    /// <summary>Time limit of one attempt.</summary>
    [Range(1, 300)]
    public int AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>Time limit of the whole call, retries included.</summary>
    [Range(1, 3600)]
    public int TotalTimeoutSeconds { get; set; } = 60;
}
