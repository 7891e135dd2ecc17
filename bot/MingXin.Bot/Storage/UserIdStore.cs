using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace MingXin.Bot.Storage;

/// <summary>
/// The Teams user id (<c>29:…</c>, what a card's <c>refresh.userIds</c> lists) of each person, by Entra
/// object id, learned from the activities they send. The memory cache only saves writes; the table is the truth.
/// </summary>
public sealed class UserIdStore(TableStorage storage)
{
    private const string Partition = "user";
    private static readonly TimeSpan RecheckUnknownAfter = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, long> _unknownUntil = new(StringComparer.OrdinalIgnoreCase);

    public async Task RememberAsync(string aadObjectId, string teamsUserId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(aadObjectId) || string.IsNullOrWhiteSpace(teamsUserId) || aadObjectId == teamsUserId)
        {
            return;
        }

        if (_known.TryGetValue(aadObjectId, out var cached) && cached == teamsUserId)
        {
            return;
        }

        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await storage.Users.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Escape(aadObjectId.ToLowerInvariant())) { ["TeamsUserId"] = teamsUserId }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        _known[aadObjectId] = teamsUserId;
        _unknownUntil.TryRemove(aadObjectId, out _);
    }

    /// <summary>The Teams user ids of those people that are known, in the given order, at most <paramref name="limit"/>.</summary>
    /// <param name="lookup">Asked for people not seen yet (e.g. the team roster); what it finds is remembered.</param>
    public async Task<IReadOnlyList<string>> ResolveAsync(IEnumerable<string> aadObjectIds, int limit, CancellationToken cancellationToken, Func<string, CancellationToken, Task<string?>>? lookup = null)
    {
        var result = new List<string>();
        foreach (var aad in aadObjectIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (result.Count >= limit)
            {
                break;
            }

            if (!_known.TryGetValue(aad, out var id)
                && !(_unknownUntil.TryGetValue(aad, out var until) && Environment.TickCount64 < until))
            {
                await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
                var e = await storage.Users.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(aad.ToLowerInvariant()), cancellationToken: cancellationToken).ConfigureAwait(false);
                id = e.HasValue ? e.Value!.GetString("TeamsUserId") : null;
                if (id is not null)
                {
                    _known[aad] = id;
                }
                else if (lookup is not null && await lookup(aad, cancellationToken).ConfigureAwait(false) is { Length: > 0 } found)
                {
                    await RememberAsync(aad, found, cancellationToken).ConfigureAwait(false);
                    id = found;
                }
                else
                {
                    // Not seen yet: ask the table again in a minute, not on every card.
                    _unknownUntil[aad] = Environment.TickCount64 + (long)RecheckUnknownAfter.TotalMilliseconds;
                }
            }

            if (id is not null)
            {
                result.Add(id);
            }
        }

        return result;
    }
}
