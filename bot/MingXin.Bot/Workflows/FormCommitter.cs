using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows;

/// <summary>
/// Saves one step of any form: state, audit rows and outbox rows in ONE batch guarded by the ETag,
/// then hands the committed partition to the outbox worker. A new form is marked pending before its
/// first batch, so whatever a crash leaves unsent, a sweep finds. Rows are keyed by version and
/// index; a commit that keeps the version (a service-level notice) passes <c>rowIndexBase</c> so its
/// rows come after the step's own.
/// </summary>
public sealed class FormCommitter(WorkflowStore store, OutboxPendingIndex pending, IOutboxSignal signal, TimeProvider time)
{
    public async Task<CommitResult> CommitAsync(
        string id,
        string kind,
        long version,
        string stateJson,
        string? etag,
        WorkflowPartition? loaded,
        IReadOnlyList<AuditRecord> audit,
        IReadOnlyList<OutboxMessage> outbox,
        CancellationToken cancellationToken,
        int rowIndexBase = 0)
    {
        var now = time.GetUtcNow();
        var commit = new WorkflowCommit(
            id,
            kind,
            version,
            stateJson,
            etag,
            audit,
            outbox.Select((m, i) => new OutboxRecord(version, rowIndexBase + i, m.Kind, WorkflowJson.Serialize(m), now)).ToList());

        if (etag is null)
        {
            await pending.MarkAsync(id, now, cancellationToken).ConfigureAwait(false);
        }

        var result = await store.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
        if (result is CommitResult.Committed committed)
        {
            // Only this step's rows: rows an earlier step left pending belong to that step's dispatch
            // (or to the sweep); taking them from a copy read before it finished would send them twice.
            var snapshot = new WorkflowPartition(
                new WorkflowState(commit.Id, commit.Kind, commit.Version, commit.StateJson, committed.ETag),
                [],
                commit.Outbox,
                loaded?.SideRows ?? new Dictionary<string, string>());
            signal.Notify(id, new StepSnapshot(snapshot, SideRowsCurrent: etag is null || (loaded is not null && !loaded.PendingOutbox.Any())));
        }

        return result;
    }
}
