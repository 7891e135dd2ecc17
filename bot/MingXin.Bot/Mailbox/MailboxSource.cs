using MingXin.Bot.Domain.Complaints;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;

namespace MingXin.Bot.Mailbox;

/// <summary>One page of the inbox's changes: its messages, and either the link to the next page or, on the last, the delta link to start from next time.</summary>
public sealed record MailPage(IReadOnlyList<MailMessage> Messages, string? NextLink, string? DeltaLink);

/// <summary>Graph said to wait (429 or 503 with Retry-After): nothing of the page was read.</summary>
public sealed class MailboxThrottledException(TimeSpan retryAfter, Exception inner) : Exception($"The mailbox read was throttled; retry after {retryAfter.TotalSeconds:0} s.", inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The inbox of the complaints mailbox, read by delta query.</summary>
public interface IMailboxSource
{
    /// <summary>The first page (<paramref name="link"/> null: from now on, or a saved delta link) or the page a link names.</summary>
    Task<MailPage> ReadAsync(string mailbox, string? link, int pageSize, CancellationToken cancellationToken);
}

/// <summary>
/// Reads with Microsoft Graph's delta query on the inbox (<c>/users/{mailbox}/mailFolders/inbox/messages/delta</c>):
/// each read returns what arrived since the last one and a new delta link, so a stopped bot catches up where it left
/// off. Bodies come as text (<c>Prefer: outlook.body-content-type="text"</c>); attachments are listed, not downloaded.
/// </summary>
internal sealed class GraphMailboxSource(GraphServiceClient graph) : IMailboxSource
{
    private static readonly string[] Fields = ["id", "internetMessageId", "from", "subject", "receivedDateTime", "body", "hasAttachments", "webLink"];

    public async Task<MailPage> ReadAsync(string mailbox, string? link, int pageSize, CancellationToken cancellationToken)
    {
        var delta = graph.Users[mailbox].MailFolders["inbox"].Messages.Delta;
        try
        {
            var page = link is null
                ? await delta.GetAsDeltaGetResponseAsync(
                    r =>
                    {
                        r.QueryParameters.Select = Fields;
                        r.Headers.Add("Prefer", $"odata.maxpagesize={pageSize}");
                        r.Headers.Add("Prefer", "outlook.body-content-type=\"text\"");
                    },
                    cancellationToken).ConfigureAwait(false)
                : await delta.WithUrl(link).GetAsDeltaGetResponseAsync(
                    r =>
                    {
                        r.Headers.Add("Prefer", $"odata.maxpagesize={pageSize}");
                        r.Headers.Add("Prefer", "outlook.body-content-type=\"text\"");
                    },
                    cancellationToken).ConfigureAwait(false);
            var messages = new List<MailMessage>();
            foreach (var m in page?.Value ?? [])
            {
                // Removed messages come back as stubs (@removed): nothing to register.
                if (m.Id is null || m.From?.EmailAddress?.Address is not { Length: > 0 } from || (m.AdditionalData?.ContainsKey("@removed") ?? false))
                {
                    continue;
                }

                var attachments = new List<MailAttachment>();
                if (m.HasAttachments == true)
                {
                    var listed = await graph.Users[mailbox].Messages[m.Id].Attachments.GetAsync(r => r.QueryParameters.Select = ["id", "name", "contentType", "size"], cancellationToken).ConfigureAwait(false);
                    attachments.AddRange((listed?.Value ?? []).Where(a => a.Id is not null).Select(a => new MailAttachment(a.Id!, a.Name ?? "attachment", a.ContentType, a.Size)));
                }

                messages.Add(new MailMessage(m.Id, m.InternetMessageId, m.From.EmailAddress.Name, from, m.Subject, m.ReceivedDateTime ?? DateTimeOffset.MinValue, m.Body?.Content ?? string.Empty, attachments, m.WebLink));
            }

            return new MailPage(messages, page?.OdataNextLink, page?.OdataDeltaLink);
        }
        catch (ApiException ex) when (ex.ResponseStatusCode is 429 or 503)
        {
            throw new MailboxThrottledException(RetryAfter(ex), ex);
        }
    }

    private static TimeSpan RetryAfter(ApiException ex)
    {
        if (ex.ResponseHeaders.TryGetValue("Retry-After", out var values) && values.FirstOrDefault() is { } value
            && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 3600));
        }

        return TimeSpan.FromSeconds(30);
    }
}
