namespace MingXin.Bot.Workflows;

/// <summary>
/// Carries a step's consequence over to another form: its own partition, its own ONE-batch commit.
/// It is called from the outbox, so it may run more than once for the same message and must be
/// idempotent. Returns what it did, for the outbox row.
/// </summary>
public interface IOutboxRelay
{
    string Name { get; }

    Task<string> RelayAsync(string payloadJson, CancellationToken cancellationToken);
}
