using System.Text.Json.Nodes;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Records;

/// <summary>Computes a form's record-index summary from its stored partition (used by the outbox after every step, and by the backfill).</summary>
public sealed class RecordSummaries(IPeopleDirectory directory)
{
    /// <summary>The record's index summary: what it is, and for an open one the departments it waits on and since when.</summary>
    public async Task<RecordSummary> ForAsync(string workflowId, WorkflowPartition partition, IWorkflowForm form, IReadOnlyList<string> taskKeys, DateTimeOffset stepAt, CancellationToken cancellationToken)
    {
        var state = JsonNode.Parse(partition.State.StateJson)!.AsObject();
        var summary = RecordSummary.From(workflowId, partition.State.Kind, form.Facts(partition), form.IsOpen(partition), stepAt) with { Readers = form.Readers(partition) };
        if (summary.State != RecordState.Open)
        {
            return summary;
        }

        var departments = new HashSet<Department>();
        foreach (var key in taskKeys)
        {
            if (key.StartsWith("pos:", StringComparison.Ordinal) && Positions.TryParse(key[4..], out var position) && position.HomeDepartment() is { } home)
            {
                departments.Add(home);
            }
            else if (key.StartsWith("p:", StringComparison.Ordinal) && await directory.FindAsync(key[2..], cancellationToken).ConfigureAwait(false) is { } person)
            {
                departments.UnionWith(person.Positions.Select(p => p.HomeDepartment()).OfType<Department>());
            }
        }

        var since = state["sla"]?["startedAt"] is JsonValue started && started.TryGetValue<DateTimeOffset>(out var at) ? at : stepAt;
        return summary.Waiting(departments.Order().Select(d => d.Code()).ToList(), since);
    }
}
