using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows;

/// <summary>The Internal Approval 内部审批单 for the shared machinery.</summary>
public sealed class InternalApprovalWorkflowForm(ApprovalCards cards) : IWorkflowForm
{
    public string Kind => InternalApprovalForm.Kind;

    public bool IsOpen(WorkflowPartition partition) => ApprovalService.Load(partition).Status == ApprovalStatus.InProgress;

    public Domain.Records.RecordFacts Facts(WorkflowPartition partition)
    {
        var s = ApprovalService.Load(partition).State;
        return new(s.Status.ToString(), s.CancelReason is not null || s.Status == ApprovalStatus.Cancelled, s.CreatedAt, s.Originator.Name, Customer: null, s.Title);
    }

    public IReadOnlyList<string> TaskKeys(WorkflowPartition partition) =>
        ApprovalService.Load(partition).OpenSeats()
            .Select(s => s.Person is null ? TaskIndex.PositionKey(s.Position) : TaskIndex.PersonKey(s.Person.Id))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();

    public TaskIndex.TaskEntry TaskEntry(WorkflowPartition partition, Language language, DateTimeOffset now)
    {
        var approval = ApprovalService.Load(partition);
        var step = approval.CurrentStep is { } current ? ApprovalCardView.StepName(current.Definition, language) : string.Empty;
        return new TaskIndex.TaskEntry(approval.Id, approval.State.FormKind, approval.State.Title, step, now);
    }

    public Task<JsonObject> BaseCardAsync(WorkflowPartition partition, Language language, CancellationToken cancellationToken) =>
        cards.BaseCardAsync(ApprovalService.Load(partition), language, cancellationToken);

    public async Task<JsonObject?> CardIfWaitingOnAsync(WorkflowPartition partition, Person person, Language language, CancellationToken cancellationToken)
    {
        var approval = ApprovalService.Load(partition);
        return approval.SeatFor(Actor.From(person)) is null
            ? null // the index lags a step behind, or a colleague holds the seat now
            : await cards.CardForAsync(approval, person, language, null, cancellationToken).ConfigureAwait(false);
    }
}
