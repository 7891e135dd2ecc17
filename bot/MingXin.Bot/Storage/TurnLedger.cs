using Azure;
using Azure.Data.Tables;

namespace MingXin.Bot.Storage;

/// <summary>
/// Makes "start a form" messages idempotent: the first delivery of an activity claims its id, reserves
/// the number it hands out before saving, and records the form it started; a redelivery finds the claim
/// and gets that form instead of a new one — or, when the first delivery's save was cut off, saves the
/// form under the same reserved number, so a number never belongs to two forms or to none.
/// </summary>
public sealed class TurnLedger(TableStorage storage)
{
    private const string Partition = "started";

    /// <summary>The outcome of a claim: <c>Claimed</c>, or the form an earlier delivery started (null while it is still running).</summary>
    /// <param name="ReservedNumber">The number an earlier delivery reserved for its form and may or may not have saved.</param>
    public sealed record Claim(bool Claimed, string? ExistingWorkflowId, string? ReservedNumber = null);

    /// <summary>A claim that never got its form (its process died between claim and save) may be taken over after this.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    public async Task<Claim> ClaimAsync(string activityId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var key = TableKeys.Escape(activityId);
        var token = Guid.NewGuid().ToString("N");
        try
        {
            await storage.Turns.AddEntityAsync(new TableEntity(Partition, key) { ["WorkflowId"] = string.Empty, ["Claim"] = token }, cancellationToken).ConfigureAwait(false);
            return new Claim(true, null);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = (await storage.Turns.GetEntityAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            var id = existing.GetString("WorkflowId");
            if (!string.IsNullOrEmpty(id))
            {
                return new Claim(false, id);
            }

            // Our own insert, answered too late and retried by the client: the claim is ours.
            if (existing.GetString("Claim") == token)
            {
                return new Claim(true, null);
            }

            if (existing.GetString("Number") is { Length: > 0 } reserved)
            {
                return new Claim(false, null, reserved); // the caller looks for the form under that number
            }

            // A claim whose form never came (its process died before saving): take it over, once. The age is
            // the row's as the storage stamped it, so it is measured on the wall clock, not the injected one.
            if (existing.Timestamp is { } at && DateTimeOffset.UtcNow - at > Abandoned)
            {
                try
                {
                    await storage.Turns.UpdateEntityAsync(new TableEntity(Partition, key) { ["WorkflowId"] = string.Empty, ["Claim"] = token }, existing.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                    return new Claim(true, null);
                }
                catch (RequestFailedException taken) when (taken.Status == 412)
                {
                    return new Claim(false, null);
                }
            }

            return new Claim(false, null);
        }
    }

    public async Task RecordAsync(string activityId, string workflowId, CancellationToken cancellationToken) =>
        await storage.Turns.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Escape(activityId)) { ["WorkflowId"] = workflowId }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    /// <summary>Keeps the number handed out to the claim's form, before the form is saved.</summary>
    public async Task ReserveAsync(string activityId, string number, CancellationToken cancellationToken) =>
        await storage.Turns.UpdateEntityAsync(new TableEntity(Partition, TableKeys.Escape(activityId)) { ["Number"] = number }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);

    /// <summary>The number reserved under the claim, if any.</summary>
    public async Task<string?> ReservedAsync(string activityId, CancellationToken cancellationToken)
    {
        var row = await storage.Turns.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(activityId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value!.GetString("Number") is { Length: > 0 } number ? number : null;
    }

    /// <summary>
    /// Gives the claim up when the start failed before saving anything, so a redelivery can try again. A claim
    /// with a reserved number is kept: its form may have been saved although the save was not answered, and a
    /// redelivery must find it (or save it under that number), not hand out another.
    /// </summary>
    public async Task ReleaseAsync(string activityId, CancellationToken cancellationToken)
    {
        var row = await storage.Turns.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(activityId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value!.GetString("Number") is { Length: > 0 })
        {
            return;
        }

        try
        {
            await storage.Turns.DeleteEntityAsync(Partition, TableKeys.Escape(activityId), row.Value.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
        }
    }
}
