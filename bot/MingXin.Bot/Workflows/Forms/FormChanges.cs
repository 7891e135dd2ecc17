using MingXin.Bot.Domain.Forms;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>Applies one kind of <see cref="IFormChange"/> to its form, idempotently (the outbox may deliver it twice). Returns what it did.</summary>
public interface IFormChangeHandler<in TChange>
    where TChange : IFormChange
{
    Task<string> ApplyAsync(TChange change, CancellationToken cancellationToken);
}

/// <summary>The outbox's side of a change: reads the row's payload as <typeparamref name="TChange"/> and hands it to its one handler.</summary>
public sealed class FormChangeRelay<TChange>(string name, IFormChangeHandler<TChange> handler) : IOutboxRelay
    where TChange : IFormChange
{
    public string Name => name;

    public Task<string> RelayAsync(string payloadJson, CancellationToken cancellationToken) =>
        handler.ApplyAsync(WorkflowJson.Deserialize<TChange>(payloadJson), cancellationToken);
}
