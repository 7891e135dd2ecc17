using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace MingXin.Bot.Storage;

/// <summary>A deadline of a workflow step: what is due when.</summary>
/// <param name="Key">What it is for, unique within the workflow (e.g. <c>answer-2h</c>).</param>
public sealed record Deadline(string WorkflowId, string Key, DateTimeOffset DueAt, string PayloadJson);

/// <summary>
/// Deadlines in partitions of one minute of due time (<c>yyyyMMddHHmm</c>, UTC): a tick reads the
/// partitions from its cursor up to now and nothing else, whatever is pending further ahead. A due
/// deadline is claimed by an ETag-guarded update before it fires, so with several instances sharing
/// the account each fires exactly once. The cursor row remembers the oldest minute that may still
/// hold pending deadlines, so a restart (or a long outage) catches up.
/// </summary>
public sealed class DeadlineStore(TableStorage storage)
{
    private const string CursorPartition = "cursor";
    private const string CursorRow = "tick";
    private const string Pending = "pending";

    /// <summary>The partition of a moment: its minute, UTC.</summary>
    public static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Registers a deadline; idempotent for the same workflow, key and due time. A deadline already due
    /// is filed under <paramref name="now"/>, where the next tick still looks. Returns its partition,
    /// which <see cref="CancelAsync"/> needs.
    /// </summary>
    public async Task<string> RegisterAsync(Deadline deadline, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var bucket = Bucket(deadline.DueAt > now ? deadline.DueAt : now);
        await storage.Deadlines.UpsertEntityAsync(
            new TableEntity(bucket, RowKey(deadline.WorkflowId, deadline.Key))
            {
                ["WorkflowId"] = deadline.WorkflowId,
                ["Key"] = deadline.Key,
                ["DueAt"] = deadline.DueAt,
                ["Payload"] = deadline.PayloadJson,
                ["Status"] = Pending,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
        return bucket;
    }

    /// <summary>Registers many deadlines, 100 per transaction within each minute partition (imports, benchmarks).</summary>
    public async Task RegisterManyAsync(IEnumerable<Deadline> deadlines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var group in deadlines.GroupBy(d => Bucket(d.DueAt > now ? d.DueAt : now)))
        {
            foreach (var chunk in group.Chunk(100))
            {
                var actions = chunk.Select(d => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(group.Key, RowKey(d.WorkflowId, d.Key))
                {
                    ["WorkflowId"] = d.WorkflowId,
                    ["Key"] = d.Key,
                    ["DueAt"] = d.DueAt,
                    ["Payload"] = d.PayloadJson,
                    ["Status"] = Pending,
                }));
                await storage.Deadlines.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Cancels a deadline (the step was answered). Returns false when it had already fired or was unknown.</summary>
    public async Task<bool> CancelAsync(string workflowId, string key, string bucket, CancellationToken cancellationToken)
    {
        var existing = await storage.Deadlines.GetEntityIfExistsAsync<TableEntity>(bucket, RowKey(workflowId, key), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue || existing.Value!.GetString("Status") != Pending)
        {
            return false;
        }

        var entity = existing.Value;
        entity["Status"] = "cancelled";
        try
        {
            await storage.Deadlines.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false; // it fired (or was cancelled) in the meantime
        }
    }

    /// <summary>
    /// Claims every pending deadline due at or before <paramref name="now"/> for <paramref name="instance"/>.
    /// Returns the deadlines this caller won (each deadline is won by exactly one caller) and how many
    /// entities the tick read.
    /// </summary>
    public async Task<(IReadOnlyList<Deadline> Claimed, int EntitiesRead)> ClaimDueAsync(DateTimeOffset now, string instance, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var cursorEntity = await storage.Deadlines.GetEntityIfExistsAsync<TableEntity>(CursorPartition, CursorRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        var nowBucket = Bucket(now);
        var from = cursorEntity.HasValue ? cursorEntity.Value!.GetString("Bucket") ?? nowBucket : await OldestBucketAsync(nowBucket, cancellationToken).ConfigureAwait(false);
        var claimed = new List<Deadline>();
        var read = 0;
        var firstStillPending = (string?)null;

        foreach (var bucket in Buckets(from, nowBucket))
        {
            var partition = bucket;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Status eq {Pending}");
            await foreach (var e in storage.Deadlines.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                read++;
                var due = e.GetDateTimeOffset("DueAt") ?? now;
                if (due > now)
                {
                    firstStillPending ??= bucket; // later in the current minute
                    continue;
                }

                e["Status"] = "fired";
                e["FiredBy"] = instance;
                e["FiredAt"] = now;
                try
                {
                    await storage.Deadlines.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                    claimed.Add(new Deadline(e.GetString("WorkflowId") ?? string.Empty, e.GetString("Key") ?? string.Empty, due, e.GetString("Payload") ?? "{}"));
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                    // another instance claimed (or someone cancelled) it first
                }
            }
        }

        await AdvanceCursorAsync(cursorEntity.HasValue ? cursorEntity.Value : null, firstStillPending ?? nowBucket, cancellationToken).ConfigureAwait(false);
        return (claimed, read);
    }

    private async Task AdvanceCursorAsync(TableEntity? cursor, string bucket, CancellationToken cancellationToken)
    {
        try
        {
            if (cursor is null)
            {
                await storage.Deadlines.AddEntityAsync(new TableEntity(CursorPartition, CursorRow) { ["Bucket"] = bucket }, cancellationToken).ConfigureAwait(false);
            }
            else if (string.CompareOrdinal(cursor.GetString("Bucket"), bucket) < 0)
            {
                cursor["Bucket"] = bucket;
                await storage.Deadlines.UpdateEntityAsync(cursor, cursor.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // another instance moved it: its view is as good as ours
        }
    }

    /// <summary>Without a cursor (first tick ever), start at the oldest partition there is (one cheap query at most once).</summary>
    private async Task<string> OldestBucketAsync(string nowBucket, CancellationToken cancellationToken)
    {
        await foreach (var e in storage.Deadlines.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return e.PartitionKey != CursorPartition && string.CompareOrdinal(e.PartitionKey, nowBucket) < 0 ? e.PartitionKey : nowBucket;
        }

        return nowBucket;
    }

    private static IEnumerable<string> Buckets(string from, string to)
    {
        var t = DateTime.ParseExact(from, "yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var end = DateTime.ParseExact(to, "yyyyMMddHHmm", CultureInfo.InvariantCulture);
        for (; t <= end; t = t.AddMinutes(1))
        {
            yield return t.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        }
    }

    private static string RowKey(string workflowId, string key) => TableKeys.Escape(workflowId) + "|" + TableKeys.Escape(key);
}
