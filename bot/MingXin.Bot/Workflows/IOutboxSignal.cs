namespace MingXin.Bot.Workflows;

/// <summary>Tells the dispatcher that a workflow has something to send.</summary>
public interface IOutboxSignal
{
    /// <param name="snapshot">The partition as just committed, when the caller has it: the dispatcher need not read it back.</param>
    void Notify(string workflowId, MingXin.Bot.Storage.WorkflowPartition? snapshot = null);
}
