namespace MingXin.Bot.Workflows;

/// <summary>Tells the dispatcher that a workflow has something to send.</summary>
public interface IOutboxSignal
{
    void Notify(string workflowId);
}
