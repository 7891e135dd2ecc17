using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace MingXin.Bot.Storage;

/// <summary>
/// Reads and writes workflow partitions. A partition (key = document number) holds the state row
/// <c>state</c>, audit rows <c>audit-{version}-{index}</c> and outbox rows <c>outbox-{version}-{index}</c>.
/// Every step is written by <see cref="CommitAsync"/> as one entity-group transaction.
/// </summary>
public sealed class WorkflowStore(TableStorage storage)
{
    /// <summary>Azure Table Storage allows at most 100 operations in one entity-group transaction.</summary>
    public const int MaxRowsPerCommit = 100;

    private const string StateRowKey = "state";
    private const string AuditPrefix = "audit-";
    private const string OutboxPrefix = "outbox-";
    private const string SidePrefix = "side-";

    public static string AuditRowKey(long version, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{AuditPrefix}{version:D8}-{index:D2}");

    public static string OutboxRowKey(long version, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{OutboxPrefix}{version:D8}-{index:D2}");

    public async Task<WorkflowState?> GetStateAsync(string id, CancellationToken cancellationToken)
    {
        var key = TableKeys.Escape(id);
        var response = await storage.Workflows.GetEntityIfExistsAsync<TableEntity>(key, StateRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToState(response.Value!) : null;
    }

    /// <summary>Every workflow's state row: a scan of the whole table, for one-off maintenance only (e.g. building an index).</summary>
    public async IAsyncEnumerable<(WorkflowState State, DateTimeOffset? SavedAt)> ScanStatesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {StateRowKey}");
        await foreach (var entity in storage.Workflows.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return (ToState(entity), entity.Timestamp);
        }
    }

    /// <summary>Loads the whole partition in one query.</summary>
    public async Task<WorkflowPartition?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var key = TableKeys.Escape(id);
        WorkflowState? state = null;
        var audit = new List<AuditRecord>();
        var outbox = new List<OutboxRecord>();
        var side = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var entity in storage.Workflows.QueryAsync<TableEntity>(e => e.PartitionKey == key, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == StateRowKey)
            {
                state = ToState(entity);
            }
            else if (entity.RowKey.StartsWith(AuditPrefix, StringComparison.Ordinal))
            {
                audit.Add(ToAudit(entity));
            }
            else if (entity.RowKey.StartsWith(OutboxPrefix, StringComparison.Ordinal))
            {
                outbox.Add(ToOutbox(entity));
            }
            else if (entity.RowKey.StartsWith(SidePrefix, StringComparison.Ordinal))
            {
                side[entity.RowKey[SidePrefix.Length..]] = entity.GetString("Value") ?? string.Empty;
            }
        }

        return state is null ? null : new WorkflowPartition(state, audit.OrderBy(a => a.Version).ThenBy(a => a.Index).ToList(), outbox, side);
    }

    /// <summary>
    /// Loads what a step needs in ONE request, however old the form is: the state row, the unsent
    /// outbox rows and the side rows (no audit rows: the full trail is read by <see cref="LoadAsync"/>).
    /// </summary>
    public async Task<WorkflowPartition?> LoadForStepAsync(string id, CancellationToken cancellationToken)
    {
        var key = TableKeys.Escape(id);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {key} and (RowKey eq {StateRowKey} or (RowKey ge {OutboxPrefix} and RowKey lt {"outbox."} and Dispatched eq {false}) or (RowKey ge {SidePrefix} and RowKey lt {"side."}))");
        WorkflowState? state = null;
        var outbox = new List<OutboxRecord>();
        var side = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var entity in storage.Workflows.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == StateRowKey)
            {
                state = ToState(entity);
            }
            else if (entity.RowKey.StartsWith(OutboxPrefix, StringComparison.Ordinal))
            {
                outbox.Add(ToOutbox(entity));
            }
            else if (entity.RowKey.StartsWith(SidePrefix, StringComparison.Ordinal))
            {
                side[entity.RowKey[SidePrefix.Length..]] = entity.GetString("Value") ?? string.Empty;
            }
        }

        return state is null ? null : new WorkflowPartition(state, [], outbox, side);
    }

    /// <summary>
    /// Writes state + audit + outbox as ONE transaction. Returns <see cref="CommitResult.Conflict"/>
    /// when the state row's ETag no longer matches (or the workflow already exists on create); then
    /// nothing at all was written.
    /// </summary>
    public async Task<CommitResult> CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var rows = 1 + commit.Audit.Count + commit.Outbox.Count;
        if (rows > MaxRowsPerCommit)
        {
            throw new ArgumentException($"A step may write at most {MaxRowsPerCommit} rows; this one writes {rows}.", nameof(commit));
        }

        var key = TableKeys.Escape(commit.Id);
        var stateEntity = new TableEntity(key, StateRowKey)
        {
            ["Kind"] = commit.Kind,
            ["Version"] = commit.Version,
            ["State"] = commit.StateJson,
        };

        var actions = new List<TableTransactionAction>(rows)
        {
            commit.ExpectedETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, stateEntity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, stateEntity, new ETag(commit.ExpectedETag)),
        };

        foreach (var a in commit.Audit)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(key, AuditRowKey(a.Version, a.Index))
            {
                ["At"] = a.At,
                ["ActorId"] = a.ActorId,
                ["ActorName"] = a.ActorName,
                ["Action"] = a.Action,
                ["Comment"] = a.Comment,
                ["Detail"] = a.DetailJson,
                ["ActivityId"] = a.ActivityId,
            }));
        }

        foreach (var o in commit.Outbox)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(key, o.RowKey)
            {
                ["Kind"] = o.Kind,
                ["Payload"] = o.PayloadJson,
                ["CreatedAt"] = o.CreatedAt,
                ["Dispatched"] = false,
            }));
        }

        try
        {
            await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            var response = await storage.Workflows.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return new CommitResult.Committed(response.Value[0].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The service returned no ETag."));
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && ex.FailedTransactionActionIndex is 0)
        {
            return new CommitResult.Conflict(commit.Id);
        }
    }

    /// <summary>Records that an outbox row was sent (idempotent; does not touch the state row).</summary>
    public async Task MarkDispatchedAsync(string id, OutboxRecord record, DateTimeOffset at, string? result, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(id), record.RowKey)
        {
            ["Dispatched"] = true,
            ["DispatchedAt"] = at,
            ["DispatchResult"] = result,
        };
        await storage.Workflows.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records several outbox rows as sent, in one transaction.</summary>
    public async Task MarkDispatchedAsync(string id, IReadOnlyList<(OutboxRecord Record, string? Result)> rows, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var key = TableKeys.Escape(id);
        foreach (var chunk in rows.Chunk(MaxRowsPerCommit))
        {
            var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(key, r.Record.RowKey)
            {
                ["Dispatched"] = true,
                ["DispatchedAt"] = at,
                ["DispatchResult"] = r.Result,
            }, ETag.All));
            await storage.Workflows.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes a side row of the partition (not guarded by the state's ETag): what the dispatcher
    /// learned while sending, e.g. the id of the message it posted in a channel.
    /// </summary>
    public async Task SetSideRowAsync(string id, string name, string value, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(id), SidePrefix + TableKeys.Escape(name)) { ["Value"] = value };
        await storage.Workflows.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes the lease <paramref name="name"/> (a side row) for <paramref name="leaseFor"/>: true when it
    /// was free or its holder's time ran out; false while another holder has it. Two instances that
    /// would do the same thing (post the same card) let only one do it.
    /// </summary>
    public async Task<bool> TryLeaseAsync(string id, string name, string holder, DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(id);
        var row = SidePrefix + TableKeys.Escape(name);
        var lease = new TableEntity(partition, row) { ["Value"] = holder, ["Until"] = now + leaseFor };
        try
        {
            await storage.Workflows.AddEntityAsync(lease, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = (await storage.Workflows.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (existing.GetString("Value") == holder)
            {
                return true; // our own insert, retried by the client after a late answer
            }

            if (existing.GetDateTimeOffset("Until") is { } until && until > now)
            {
                return false;
            }

            try
            {
                await storage.Workflows.UpdateEntityAsync(lease, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException taken) when (taken.Status == 412)
            {
                return false; // someone else took the expired lease first
            }
        }
    }

    /// <summary>Gives up a lease this holder has (after its work failed), so the next try need not wait it out.</summary>
    public async Task ReleaseLeaseAsync(string id, string name, string holder, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(id);
        var row = SidePrefix + TableKeys.Escape(name);
        var found = await storage.Workflows.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (found.HasValue && found.Value!.GetString("Value") == holder)
        {
            try
            {
                await storage.Workflows.DeleteEntityAsync(partition, row, found.Value.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
            }
        }
    }

    /// <summary>Reads the side rows as they are now (one query).</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetSideRowsAsync(string id, CancellationToken cancellationToken)
    {
        var key = TableKeys.Escape(id);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key} and RowKey ge {SidePrefix} and RowKey lt {"side."}");
        var side = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var entity in storage.Workflows.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            side[entity.RowKey[SidePrefix.Length..]] = entity.GetString("Value") ?? string.Empty;
        }

        return side;
    }

    /// <summary>Reads one side row as it is now; null when there is none.</summary>
    public async Task<string?> GetSideRowAsync(string id, string name, CancellationToken cancellationToken)
    {
        var found = await storage.Workflows.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(id), SidePrefix + TableKeys.Escape(name), ["Value"], cancellationToken).ConfigureAwait(false);
        return found.HasValue ? found.Value!.GetString("Value") : null;
    }

    private static WorkflowState ToState(TableEntity e) =>
        new(Unescape(e.PartitionKey), e.GetString("Kind") ?? string.Empty, e.GetInt64("Version") ?? 0, e.GetString("State") ?? "{}", e.ETag.ToString());

    private static AuditRecord ToAudit(TableEntity e)
    {
        var (version, index) = ParseSuffix(e.RowKey, AuditPrefix);
        return new AuditRecord(version, index, e.GetDateTimeOffset("At") ?? default, e.GetString("ActorId") ?? string.Empty, e.GetString("ActorName") ?? string.Empty, e.GetString("Action") ?? string.Empty, e.GetString("Comment"), e.GetString("Detail"), e.GetString("ActivityId"));
    }

    private static OutboxRecord ToOutbox(TableEntity e)
    {
        var (version, index) = ParseSuffix(e.RowKey, OutboxPrefix);
        return new OutboxRecord(version, index, e.GetString("Kind") ?? string.Empty, e.GetString("Payload") ?? "{}", e.GetDateTimeOffset("CreatedAt") ?? default, e.GetBoolean("Dispatched") == true ? e.GetDateTimeOffset("DispatchedAt") : null, e.GetString("DispatchResult"));
    }

    private static (long Version, int Index) ParseSuffix(string rowKey, string prefix)
    {
        var parts = rowKey[prefix.Length..].Split('-');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static string Unescape(string key) => Uri.UnescapeDataString(key);
}
