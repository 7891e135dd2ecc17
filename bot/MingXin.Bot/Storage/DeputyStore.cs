using System.Globalization;
using Azure.Data.Tables;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Storage;

/// <summary>
/// Deputyships (代理), one row each in the Users table's <c>deputy</c> partition, kept as the record of
/// who stood in for whom and when (an ended one is marked, never deleted). The directory asks on every
/// turn, so the rows are read at most every <see cref="CacheFor"/> (a write by this instance is seen at once).
/// </summary>
public sealed class DeputyStore(TableStorage storage, TimeProvider time)
{
    private const string Partition = "deputy";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<Deputyship>? _cached;
    private DateTimeOffset _readAt;

    /// <summary>Every deputyship ever recorded, oldest first.</summary>
    public async Task<IReadOnlyList<Deputyship>> ListAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && time.GetUtcNow() - _readAt < CacheFor)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } again && time.GetUtcNow() - _readAt < CacheFor)
            {
                return again;
            }

            await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<Deputyship>();
            await foreach (var e in storage.Users.QueryAsync<TableEntity>(r => r.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(FromEntity(e));
            }

            _cached = rows.OrderBy(d => d.RecordedAt).ToList();
            _readAt = time.GetUtcNow();
            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task AddAsync(Deputyship deputyship, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await storage.Users.AddEntityAsync(ToEntity(deputyship), cancellationToken).ConfigureAwait(false);
        _cached = null;
    }

    /// <summary>Marks the principal's current deputyships ended at <paramref name="at"/>; how many there were.</summary>
    public async Task<int> EndAsync(string principalId, DateOnly today, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var ended = 0;
        foreach (var d in (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(d => string.Equals(d.PrincipalId, principalId, StringComparison.OrdinalIgnoreCase) && d.Current(today)))
        {
            await storage.Users.UpsertEntityAsync(ToEntity(d with { EndedAt = at }), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            ended++;
        }

        _cached = null;
        return ended;
    }

    private static string RowKey(Deputyship d) =>
        $"{TableKeys.Escape(d.PrincipalId.ToLowerInvariant())}|{d.RecordedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}";

    private static TableEntity ToEntity(Deputyship d) => new(Partition, RowKey(d))
    {
        ["PrincipalId"] = d.PrincipalId,
        ["PrincipalName"] = d.PrincipalName,
        ["DeputyId"] = d.DeputyId,
        ["DeputyName"] = d.DeputyName,
        ["From"] = d.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["To"] = d.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["RecordedById"] = d.RecordedBy.Id,
        ["RecordedByName"] = d.RecordedBy.Name,
        ["RecordedAt"] = d.RecordedAt,
        ["EndedAt"] = d.EndedAt,
    };

    private static Deputyship FromEntity(TableEntity e) => new(
        e.GetString("PrincipalId") ?? string.Empty,
        e.GetString("PrincipalName") ?? string.Empty,
        e.GetString("DeputyId") ?? string.Empty,
        e.GetString("DeputyName") ?? string.Empty,
        DateOnly.ParseExact(e.GetString("From") ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly.ParseExact(e.GetString("To") ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
        new PersonRef(e.GetString("RecordedById") ?? string.Empty, e.GetString("RecordedByName") ?? string.Empty),
        e.GetDateTimeOffset("RecordedAt") ?? default,
        e.GetDateTimeOffset("EndedAt"));
}
