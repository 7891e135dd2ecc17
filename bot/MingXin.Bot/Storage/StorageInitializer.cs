namespace MingXin.Bot.Storage;

/// <summary>Creates the tables at start. A storage outage at start does not stop the host:
/// <c>/healthz</c> reports it and the next use retries.</summary>
internal sealed class StorageInitializer(TableStorage storage, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex))
        {
            logger.LogError(ex, "Table Storage is not reachable at start; the tables will be created on first use.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
