using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Storage;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Workflows.Records;

/// <summary>
/// Export links: the search, the person who ran it, the language, an expiry and a one-time id, signed
/// (HMAC-SHA256) with a key the bot keeps in storage. A link works for
/// <see cref="RecordOptions.ExportLinkMinutes"/> and downloads once: the browser that opens it carries no
/// Teams identity, so a link that leaks (a forwarded message, a browser history) must be worth nothing
/// after the person who asked has used it. A changed, expired or used link is refused. Teams opens it in
/// the browser, which downloads the file; what it contains follows the person's own visibility.
/// </summary>
public sealed class ExportLinks(SecretStore secrets, TurnLedger ledger, IOptions<RecordOptions> options, TimeProvider time)
{
    private const string KeyName = "export-links";

    public sealed record Link(RecordSearch Search, string UserId, Language Language, DateTimeOffset Expires, string Once);

    public async Task<string> CreateAsync(RecordSearch search, string userId, Language l, string format, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow().AddMinutes(options.Value.ExportLinkMinutes).ToUnixTimeSeconds();
        var payload = string.Join("\u001f", search.ToQuery(), userId, l.ToString(), expires.ToString(CultureInfo.InvariantCulture), Guid.NewGuid().ToString("N"));
        var bytes = Encoding.UTF8.GetBytes(payload);
        var signature = HMACSHA256.HashData(await secrets.GetOrCreateAsync(KeyName, cancellationToken).ConfigureAwait(false), bytes);
        var token = Base64Url(bytes) + "." + Base64Url(signature);
        return $"{options.Value.PublicBaseUrl.TrimEnd('/')}/records/export?format={format}&t={token}";
    }

    /// <summary>The link's content when its signature holds and it has not expired; null otherwise.</summary>
    public async Task<Link?> ReadAsync(string? token, CancellationToken cancellationToken)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 2 || FromBase64Url(parts[0]) is not { } bytes || FromBase64Url(parts[1]) is not { } signature)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(await secrets.GetOrCreateAsync(KeyName, cancellationToken).ConfigureAwait(false), bytes);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return null;
        }

        var fields = Encoding.UTF8.GetString(bytes).Split('\u001f');
        if (fields.Length != 5 || RecordSearch.FromQuery(fields[0]) is not { } search || !Enum.TryParse<Language>(fields[2], out var l)
            || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        var until = DateTimeOffset.FromUnixTimeSeconds(expires);
        return until < time.GetUtcNow() ? null : new Link(search, fields[1], l, until, fields[4]);
    }

    /// <summary>Uses the link up: true the first time, false for every later download of the same link.</summary>
    public async Task<bool> UseAsync(Link link, CancellationToken cancellationToken) =>
        (await ledger.ClaimAsync("export-" + link.Once, cancellationToken).ConfigureAwait(false)).Claimed;

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static byte[]? FromBase64Url(string text)
    {
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
