using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows;

/// <summary>
/// Runs the outbox dispatcher in the background: right after each step (signalled), at start for
/// whatever a previous process left unsent, and on a periodic sweep that retries what failed.
/// One workflow is dispatched by one consumer at a time.
/// </summary>
/// <remarks>
/// The sweep leaves alone what this instance is about to send anyway: a form with a step waiting in the queue
/// or being dispatched (under a backlog every open form would otherwise be queued again each period, behind
/// the new forms' sends, and read once more), and a form this instance has sent everything of and not
/// committed to since. Those last are looked at again by every <see cref="FullSweepEvery"/>th
/// sweep (and at start), which finds what another instance saved and could not send. With many forms open the
/// sweep then costs one read per form every few minutes instead of every period.
/// </remarks>
internal sealed class OutboxWorker(IServiceProvider services, OutboxPendingIndex pending, IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxWorker> logger) : BackgroundService, IOutboxSignal
{
    private const int Consumers = 4;

    /// <summary>Every how many sweeps also forms this instance knows to be sent are read again.</summary>
    internal const int FullSweepEvery = 10;

    private readonly TimeSpan _sweepEvery = TimeSpan.FromSeconds(options.Value.SweepSeconds);
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _again = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sent = new(StringComparer.Ordinal);
    private long _sweeps;
    private long _sweepsDone;

    /// <summary>Sweeps that have queued what they found (diagnostics and tests).</summary>
    internal long SweepsDone => Interlocked.Read(ref _sweepsDone);

    /// <summary>Nothing queued and nothing being dispatched.</summary>
    internal bool Idle
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count == 0 && _running.Count == 0;
            }
        }
    }

    public void Notify(string workflowId, StepSnapshot? snapshot = null)
    {
        lock (_gate)
        {
            _sent.Remove(workflowId);
            Enqueued(workflowId);
        }

        _queue.Writer.TryWrite(new Item(workflowId, snapshot, null));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TableStorage.CountAsBackground(); // flows to the consumers and the sweeps started here
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

    private sealed record Item(string Id, StepSnapshot? Snapshot, DateTimeOffset? OlderThan);

    private void Enqueued(string id) => _queued[id] = _queued.GetValueOrDefault(id) + 1;

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Rows younger than one sweep belong to the instance that wrote them (it is sending them now).
            var olderThan = time.GetUtcNow() - _sweepEvery;
            var marks = await pending.ListAsync(cancellationToken).ConfigureAwait(false);
            var full = _sweeps++ % FullSweepEvery == 0;
            var taken = 0;
            foreach (var mark in marks)
            {
                lock (_gate)
                {
                    if (_queued.ContainsKey(mark.WorkflowId) || _running.Contains(mark.WorkflowId) || (!full && _sent.Contains(mark.WorkflowId)))
                    {
                        continue;
                    }

                    Enqueued(mark.WorkflowId);
                }

                taken++;
                _queue.Writer.TryWrite(new Item(mark.WorkflowId, null, olderThan));
            }

            if (full)
            {
                lock (_gate)
                {
                    _sent.Clear(); // known again after this sweep's reads; forms that closed meanwhile are forgotten
                }
            }

            Interlocked.Increment(ref _sweepsDone);
            logger.LogDebug("Outbox sweep{Full}: {Count} forms marked pending, {Taken} read.", full ? " (full)" : string.Empty, marks.Count, taken);
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
                    if (_queued[id] == 1)
                    {
                        _queued.Remove(id);
                    }
                    else
                    {
                        _queued[id]--;
                    }

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
                        var outcome = await dispatcher.DispatchAsync(id, cancellationToken, snapshot, olderThan).ConfigureAwait(false);
                        snapshot = null; // a second round reads the partition afresh
                        olderThan = null;
                        lock (_gate)
                        {
                            if (!_again.Remove(id))
                            {
                                _running.Remove(id);
                                if (outcome.AllSent && !_queued.ContainsKey(id))
                                {
                                    _sent.Add(id);
                                }

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
