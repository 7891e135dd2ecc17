using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows;

/// <summary>
/// Runs the outbox dispatcher in the background: right after each step (signalled), at start for
/// whatever a previous process left unsent, and on a periodic sweep that retries what failed.
/// One workflow is dispatched by one consumer at a time.
/// </summary>
internal sealed class OutboxWorker(IServiceProvider services, OutboxPendingIndex pending, IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxWorker> logger) : BackgroundService, IOutboxSignal
{
    private const int Consumers = 4;
    private readonly TimeSpan _sweepEvery = TimeSpan.FromSeconds(options.Value.SweepSeconds);
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>();
    private readonly Lock _gate = new();
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _again = new(StringComparer.Ordinal);

    public void Notify(string workflowId, WorkflowPartition? snapshot = null) => _queue.Writer.TryWrite(new Item(workflowId, snapshot, null));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var consumers = Enumerable.Range(0, Consumers).Select(_ => ConsumeAsync(stoppingToken)).ToList();
        await SweepAsync(stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(_sweepEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        _queue.Writer.TryComplete();
        await Task.WhenAll(consumers).ConfigureAwait(false);
    }

    private sealed record Item(string Id, WorkflowPartition? Snapshot, DateTimeOffset? OlderThan);

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Rows younger than one sweep belong to the instance that wrote them (it is sending them now).
            var olderThan = time.GetUtcNow() - _sweepEvery;
            var marks = await pending.ListAsync(cancellationToken).ConfigureAwait(false);
            logger.LogDebug("Outbox sweep: {Count} forms marked pending.", marks.Count);
            foreach (var mark in marks)
            {
                _queue.Writer.TryWrite(new Item(mark.WorkflowId, null, olderThan));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Outbox sweep failed; it runs again in {Seconds} s.", _sweepEvery.TotalSeconds);
        }
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = item.Id;
                lock (_gate)
                {
                    if (!_running.Add(id))
                    {
                        logger.LogDebug("{Id}: a consumer is dispatching it; it goes round once more.", id);
                        _again.Add(id); // a consumer is on it: it goes round once more
                        continue;
                    }
                }

                try
                {
                    var snapshot = item.Snapshot;
                    var olderThan = item.OlderThan;
                    while (true)
                    {
                        await dispatcher.DispatchAsync(id, cancellationToken, snapshot, olderThan).ConfigureAwait(false);
                        snapshot = null; // a second round reads the partition afresh
                        olderThan = null;
                        lock (_gate)
                        {
                            if (!_again.Remove(id))
                            {
                                _running.Remove(id);
                                break;
                            }
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Dispatching {Id} failed; the sweep retries it.", id);
                    lock (_gate)
                    {
                        _running.Remove(id);
                        _again.Remove(id);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
