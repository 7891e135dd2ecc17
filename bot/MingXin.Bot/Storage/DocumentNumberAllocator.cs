using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MingXin.Bot.Domain.Documents;

namespace MingXin.Bot.Storage;

/// <summary>
/// Hands out document numbers per form prefix and year (<c>QT-2026-0001</c>, <c>QT-2026-0002</c> …).
/// The counter row is advanced with optimistic concurrency (ETag), so parallel callers on any number
/// of bot instances never receive the same number. Contenders back off with jitter. Each write carries
/// the caller's token, so a write that landed but whose answer was lost (the storage client sent it
/// again and got 409/412) is recognised as the caller's own number instead of being skipped.
/// Within one instance the callers for a counter take turns (an async lock per prefix and year): only
/// instances contend. Letting every turn of a burst contend failed requests — under 300 turns at once a
/// caller could lose the race 200 times in a row and its request made no form.
/// </summary>
public sealed class DocumentNumberAllocator
{
    private const int MaxAttempts = 200;
    private readonly TableStorage _storage;
    private readonly Func<double> _random;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);

    public DocumentNumberAllocator(TableStorage storage)
        : this(storage, Random.Shared.NextDouble)
    {
    }

    internal DocumentNumberAllocator(TableStorage storage, Func<double> random)
    {
        _storage = storage;
        _random = random;
    }

    public async Task<DocumentNumber> NextAsync(string prefix, int year, CancellationToken cancellationToken)
    {
        _ = DocumentNumber.Create(prefix, year, 1); // validates prefix and year before any I/O
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var table = _storage.Counters;
        var rowKey = year.ToString("D4", CultureInfo.InvariantCulture);
        var turn = _turns.GetOrAdd(prefix + "|" + rowKey, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await AllocateAsync(table, prefix, rowKey, year, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<DocumentNumber> AllocateAsync(TableClient table, string prefix, string rowKey, int year, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(prefix, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            var token = Guid.NewGuid().ToString("N");
            var next = existing.HasValue ? (existing.Value!.GetInt64("Last") ?? 0) + 1 : 1L;
            try
            {
                if (!existing.HasValue)
                {
                    await table.AddEntityAsync(new TableEntity(prefix, rowKey) { ["Last"] = 1L, ["By"] = token }, cancellationToken).ConfigureAwait(false);
                    return DocumentNumber.Create(prefix, year, 1);
                }

                var entity = existing.Value!;
                entity["Last"] = next;
                entity["By"] = token;
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return DocumentNumber.Create(prefix, year, next);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Our own write, answered too late and sent again by the client: the number is ours.
                var now = await table.GetEntityIfExistsAsync<TableEntity>(prefix, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (now.HasValue && now.Value!.GetString("By") == token && now.Value.GetInt64("Last") == next)
                {
                    return DocumentNumber.Create(prefix, year, next);
                }

                // Another caller took this number first: wait a little (full jitter, capped) and try again.
                var ceilingMs = Math.Min(100, 2 * attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(_random() * ceilingMs), cancellationToken).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"Could not allocate a {prefix} number after {MaxAttempts} attempts.");
    }
}
