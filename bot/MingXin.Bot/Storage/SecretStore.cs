using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace MingXin.Bot.Storage;

/// <summary>
/// Keys the bot makes for itself (e.g. the one that signs export links), kept in Table Storage so
/// every instance uses the same one. Made once, at first use: the first instance to insert it wins.
/// </summary>
public sealed class SecretStore(TableStorage storage)
{
    private const string Partition = "secrets";
    private readonly Dictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

    public async Task<byte[]> GetOrCreateAsync(string name, CancellationToken cancellationToken)
    {
        lock (_cache)
        {
            if (_cache.TryGetValue(name, out var cached))
            {
                return cached;
            }
        }

        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var fresh = RandomNumberGenerator.GetBytes(32);
        try
        {
            await storage.Counters.AddEntityAsync(new TableEntity(Partition, name) { ["Value"] = Convert.ToBase64String(fresh) }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = (await storage.Counters.GetEntityAsync<TableEntity>(Partition, name, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            fresh = Convert.FromBase64String(existing.GetString("Value") ?? throw new InvalidOperationException($"Secret {name} is empty."));
        }

        lock (_cache)
        {
            _cache[name] = fresh;
        }

        return fresh;
    }
}
