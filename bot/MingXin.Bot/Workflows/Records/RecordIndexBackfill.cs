using Azure;
using Azure.Data.Tables;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Records;

/// <summary>
/// Puts forms made before the record index existed into it — or indexed by a version that read less from
/// them — once per storage account and version of the index: at start, when the marker row is missing,
/// every form's state row is read (the one table scan the bot makes, in
/// the background) and indexed; then the marker is written. Indexing twice is harmless (the rows are
/// rewritten whole), so several instances starting together need no coordination; a form changed
/// since the backfill began is left to the outbox, which indexes it with its newest state.
/// </summary>
internal sealed class RecordIndexBackfill(TableStorage storage, WorkflowStore store, WorkflowForms forms, RecordSummaries summaries, RecordIndex index, TimeProvider time, ILogger<RecordIndexBackfill> logger) : BackgroundService
{
    private const string Partition = "migrations";
    /// <summary>
    /// The version of what the index holds of a form. v2: a Production Notice in production is open and says
    /// how far its shipping has got (it was "closed · Released"), and records carry shipments and returns —
    /// every form is indexed again once, with what this version reads from it.
    /// </summary>
    private const string Marker = "record-index-v2";

    /// <summary>Indexes every form not yet marked done; returns how many were indexed (0 when the marker was there).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // Forms written after this moment are indexed by the outbox of this version; only older ones are
        // left to do (the storage stamps rows on its own clock, so this is the wall clock too).
        var startedAt = DateTimeOffset.UtcNow;
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if ((await storage.Counters.GetEntityIfExistsAsync<TableEntity>(Partition, Marker, cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue)
        {
            return 0;
        }

        var count = 0;
        await foreach (var (state, savedAt) in store.ScanStatesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (forms.For(state.Kind) is not { } form || savedAt >= startedAt)
            {
                continue;
            }

            var partition = new WorkflowPartition(state, [], [], new Dictionary<string, string>());
            var changed = savedAt ?? time.GetUtcNow();
            await index.IndexAsync(await summaries.ForAsync(state.Id, partition, form, form.TaskKeys(partition), changed, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            count++;
        }

        try
        {
            await storage.Counters.AddEntityAsync(new TableEntity(Partition, Marker) { ["At"] = time.GetUtcNow(), ["Indexed"] = count }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // another instance finished first
        }

        logger.LogInformation("Record index: {Count} existing forms indexed.", count);
        return count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Indexing the existing forms failed; the next start tries again.");
        }
    }
}
