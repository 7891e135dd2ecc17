using Azure;
using Azure.Data.Tables;

namespace MingXin.Bot.Storage;

/// <summary>
/// Marks workflows whose outbox may hold unsent rows. A mark is written BEFORE the step's batch, so
/// a crash after the batch always leaves one; the dispatcher removes it (guarded by its ETag, so a
/// newer mark survives) once everything is sent. A mark without unsent rows is harmless.
/// </summary>
public sealed class OutboxPendingIndex(TableStorage storage)
{
    private const string Partition = "pending";

    public sealed record Mark(string WorkflowId, string ETag, DateTimeOffset? MarkedAt);

    public async Task<Mark> MarkAsync(string workflowId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await storage.OutboxPending.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Escape(workflowId)) { ["MarkedAt"] = at }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return new Mark(workflowId, response.Headers.ETag?.ToString() ?? string.Empty, at);
    }

    public async Task<IReadOnlyList<Mark>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<Mark>();
        await foreach (var e in storage.OutboxPending.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(new Mark(Uri.UnescapeDataString(e.RowKey), e.ETag.ToString(), e.GetDateTimeOffset("MarkedAt")));
        }

        return list;
    }

    public async Task<Mark?> GetAsync(string workflowId, CancellationToken cancellationToken)
    {
        var e = await storage.OutboxPending.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(workflowId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return e.HasValue ? new Mark(workflowId, e.Value!.ETag.ToString(), e.Value.GetDateTimeOffset("MarkedAt")) : null;
    }

    /// <summary>Removes the mark unless it was renewed since <paramref name="mark"/> was read.</summary>
    public async Task<bool> ClearAsync(Mark mark, CancellationToken cancellationToken)
    {
        try
        {
            await storage.OutboxPending.DeleteEntityAsync(Partition, TableKeys.Escape(mark.WorkflowId), new ETag(mark.ETag), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }
}
