using Azure;
using Azure.Data.Tables;

namespace MingXin.Bot.Storage;

/// <summary>
/// Makes "start a form" messages idempotent: the first delivery of an activity claims its id, and
/// records the form it started; a redelivery finds the claim and gets that form instead of a new one.
/// </summary>
public sealed class TurnLedger(TableStorage storage)
{
    private const string Partition = "started";

    /// <summary>The outcome of a claim: <c>Claimed</c>, or the form an earlier delivery started (null while it is still running).</summary>
    public sealed record Claim(bool Claimed, string? ExistingWorkflowId);

    public async Task<Claim> ClaimAsync(string activityId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await storage.Turns.AddEntityAsync(new TableEntity(Partition, TableKeys.Escape(activityId)) { ["WorkflowId"] = string.Empty }, cancellationToken).ConfigureAwait(false);
            return new Claim(true, null);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await storage.Turns.GetEntityAsync<TableEntity>(Partition, TableKeys.Escape(activityId), cancellationToken: cancellationToken).ConfigureAwait(false);
            var id = existing.Value.GetString("WorkflowId");
            return new Claim(false, string.IsNullOrEmpty(id) ? null : id);
        }
    }

    public async Task RecordAsync(string activityId, string workflowId, CancellationToken cancellationToken) =>
        await storage.Turns.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Escape(activityId)) { ["WorkflowId"] = workflowId }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    /// <summary>Gives the claim up when the start failed before saving anything, so a redelivery can try again.</summary>
    public async Task ReleaseAsync(string activityId, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Turns.DeleteEntityAsync(Partition, TableKeys.Escape(activityId), ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }
}
