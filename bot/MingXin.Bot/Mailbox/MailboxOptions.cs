using System.ComponentModel.DataAnnotations;

namespace MingXin.Bot.Mailbox;

/// <summary>
/// Configuration section <c>Mailbox</c>: the shared complaints mailbox, read through Microsoft Graph with the
/// application permission <c>Mail.Read</c>, limited to this one mailbox by an Exchange application access
/// policy (see the README). Off unless <see cref="Address"/> is set.
/// </summary>
public sealed class MailboxOptions : IValidatableObject
{
    public const string SectionName = "Mailbox";

    /// <summary>The mailbox, e.g. <c>complaints@mingxin.example</c>; empty: nothing is read.</summary>
    public string? Address { get; set; }

    /// <summary>How often the inbox is read (Graph's delta query: only what changed since the last read).</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>Messages asked for per page.</summary>
    public int PageSize { get; set; } = 25;

    /// <summary>App registration with <c>Mail.Read</c> (defaults to the directory's Graph registration, then <c>MicrosoftAppId</c>).</summary>
    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Empty: the managed identity.</summary>
    public string? ClientSecret { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Address);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && !Address!.Contains('@', StringComparison.Ordinal))
        {
            yield return new ValidationResult($"Address must be a mailbox address (it is '{Address}').", [nameof(Address)]);
        }

        if (PollSeconds is < 10 or > 3600)
        {
            yield return new ValidationResult($"PollSeconds must be between 10 and 3600 (it is {PollSeconds}).", [nameof(PollSeconds)]);
        }

        if (PageSize is < 1 or > 100)
        {
            yield return new ValidationResult($"PageSize must be between 1 and 100 (it is {PageSize}).", [nameof(PageSize)]);
        }
    }
}
