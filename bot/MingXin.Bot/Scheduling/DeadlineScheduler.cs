using System.ComponentModel.DataAnnotations;
using MingXin.Bot.Storage;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Scheduling;

/// <summary>What to do when a deadline falls due (remind, escalate, record a breach…).</summary>
public interface IDeadlineHandler
{
    /// <summary>Whether this handler acts on deadlines with this key prefix (e.g. <c>answer-</c>).</summary>
    bool Handles(Deadline deadline);

    Task OnDueAsync(Deadline deadline, CancellationToken cancellationToken);
}

/// <summary>Configuration section <c>Deadlines</c>.</summary>
public sealed class DeadlineOptions
{
    public const string SectionName = "Deadlines";

    /// <summary>How often the scheduler looks for due deadlines.</summary>
    [Range(1, 3600)]
    public int TickSeconds { get; set; } = 15;
}

/// <summary>
/// Ticks on the injected clock, claims what is due (exactly once across instances, see
/// <see cref="DeadlineStore"/>) and hands each deadline to the handler that takes it. A handler
/// that fails is logged; the deadline stays fired (a handler must itself be safe to have run once).
/// </summary>
internal sealed class DeadlineScheduler(
    DeadlineStore store,
    IEnumerable<IDeadlineHandler> handlers,
    IOptions<DeadlineOptions> options,
    TimeProvider time,
    ILogger<DeadlineScheduler> logger) : BackgroundService
{
    private readonly string _instance = Environment.MachineName + "/" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>One tick: claim and handle everything due now. Returns how many deadlines this instance fired.</summary>
    public async Task<int> TickAsync(CancellationToken cancellationToken)
    {
        var (claimed, _) = await store.ClaimDueAsync(time.GetUtcNow(), _instance, cancellationToken).ConfigureAwait(false);
        foreach (var deadline in claimed)
        {
            var handler = handlers.FirstOrDefault(h => h.Handles(deadline));
            if (handler is null)
            {
                logger.LogError("No handler for deadline {Key} of {Workflow}.", deadline.Key, deadline.WorkflowId);
                continue;
            }

            try
            {
                await handler.OnDueAsync(deadline, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Handling deadline {Key} of {Workflow} failed.", deadline.Key, deadline.WorkflowId);
            }
        }

        return claimed.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TickSeconds), time);
        try
        {
            do
            {
                try
                {
                    await TickAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Deadline tick failed; the next tick retries.");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
