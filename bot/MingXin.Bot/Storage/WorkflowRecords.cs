namespace MingXin.Bot.Storage;

/// <summary>The state row of a workflow partition, as last saved.</summary>
/// <param name="Id">The document number; the partition key.</param>
/// <param name="Kind">The form type, e.g. <c>Quotation</c>.</param>
/// <param name="Version">Incremented by every transition.</param>
/// <param name="StateJson">The domain state, serialized by the workflow layer.</param>
/// <param name="ETag">Concurrency token of the state row; pass it back to commit the next step.</param>
public sealed record WorkflowState(string Id, string Kind, long Version, string StateJson, string ETag);

/// <summary>One immutable line of a form's audit trail.</summary>
public sealed record AuditRecord(
    long Version,
    int Index,
    DateTimeOffset At,
    string ActorId,
    string ActorName,
    string Action,
    string? Comment,
    string? DetailJson,
    string? ActivityId = null);

/// <summary>Something to send after the step is saved (a card, a thread reply, a deadline).</summary>
public sealed record OutboxRecord(
    long Version,
    int Index,
    string Kind,
    string PayloadJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DispatchedAt = null,
    string? DispatchResult = null)
{
    public string RowKey => WorkflowStore.OutboxRowKey(Version, Index);
}

/// <summary>
/// A whole workflow partition: state, audit trail, outbox, and side rows written by the dispatcher
/// (e.g. <c>post-qc</c>: the message posted in a department channel), by row key.
/// </summary>
public sealed record WorkflowPartition(WorkflowState State, IReadOnlyList<AuditRecord> Audit, IReadOnlyList<OutboxRecord> Outbox, IReadOnlyDictionary<string, string> SideRows)
{
    public IEnumerable<OutboxRecord> PendingOutbox => Outbox.Where(o => o.DispatchedAt is null).OrderBy(o => o.Version).ThenBy(o => o.Index);
}

/// <summary>
/// One step to save: the new state plus the audit and outbox rows it produced. Saved as ONE
/// entity-group transaction, guarded by <see cref="ExpectedETag"/>.
/// </summary>
/// <param name="ExpectedETag"><c>null</c> to create the workflow (fails if it exists).</param>
public sealed record WorkflowCommit(
    string Id,
    string Kind,
    long Version,
    string StateJson,
    string? ExpectedETag,
    IReadOnlyList<AuditRecord> Audit,
    IReadOnlyList<OutboxRecord> Outbox);

/// <summary>What happened to a <see cref="WorkflowCommit"/>.</summary>
public abstract record CommitResult
{
    private CommitResult()
    {
    }

    /// <summary>Everything was written; <paramref name="ETag"/> guards the next step.</summary>
    public sealed record Committed(string ETag) : CommitResult;

    /// <summary>Someone else changed (or created) the workflow first; nothing was written. Reload and answer with the current state.</summary>
    public sealed record Conflict(string Id) : CommitResult;
}
