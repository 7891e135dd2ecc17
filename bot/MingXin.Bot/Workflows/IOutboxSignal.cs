using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows;

/// <summary>Tells the dispatcher that a workflow has something to send.</summary>
public interface IOutboxSignal
{
    /// <param name="snapshot">What the step that just committed knows of the partition, when the caller has it: the dispatcher need not read it back.</param>
    void Notify(string workflowId, StepSnapshot? snapshot = null);
}

/// <summary>
/// A committed step as its dispatch needs it: the new state, the step's own outbox rows and the side rows
/// (posted cards, the index fingerprints) as the step read them.
/// </summary>
/// <param name="SideRowsCurrent">
/// True when nothing of the form was waiting to be sent when the step read it (or the form is new): then no
/// dispatch can have written a side row since, since a dispatch writes them only for rows it sends, and the
/// copy can be used as it is. Otherwise an earlier step's dispatch may have posted meanwhile, and the side
/// rows are read again before cards are updated or replied to.
/// </param>
public sealed record StepSnapshot(WorkflowPartition Partition, bool SideRowsCurrent);
