using Azure;
using Azure.Data.Tables;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Storage;

/// <summary>
/// "My tasks": one row per (who may act, workflow). Who is a person (<c>p:{aadObjectId}</c>) or a
/// position (<c>pos:{Position}</c>); a person's tasks are a few partition queries, never a table scan.
/// Kept up to date by the outbox dispatcher after every step.
/// </summary>
public sealed class TaskIndex(TableStorage storage)
{
    public sealed record TaskEntry(string WorkflowId, string Kind, string Title, string StepName, DateTimeOffset Since);

    public static string PersonKey(string aadObjectId) => "p:" + aadObjectId.ToLowerInvariant();

    public static string PositionKey(Position position) => "pos:" + position;

    /// <summary>Replaces the index rows of a workflow: <paramref name="previousKeys"/> are removed, <paramref name="keys"/> written.</summary>
    public async Task ReplaceAsync(string workflowId, IReadOnlyCollection<string> previousKeys, IReadOnlyCollection<string> keys, TaskEntry entry, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = TableKeys.Escape(workflowId);
        foreach (var key in keys)
        {
            await storage.Tasks.UpsertEntityAsync(
                new TableEntity(TableKeys.Escape(key), row)
                {
                    ["Kind"] = entry.Kind,
                    ["Title"] = entry.Title,
                    ["StepName"] = entry.StepName,
                    ["Since"] = entry.Since,
                },
                TableUpdateMode.Replace,
                cancellationToken).ConfigureAwait(false);
        }

        foreach (var key in previousKeys.Except(keys, StringComparer.Ordinal))
        {
            try
            {
                await storage.Tasks.DeleteEntityAsync(TableKeys.Escape(key), row, ETag.All, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // already gone
            }
        }
    }

    /// <summary>Everything waiting on a person: their own rows plus those of each position they hold.</summary>
    public async Task<IReadOnlyList<TaskEntry>> ForAsync(Person person, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var keys = new[] { PersonKey(person.AadObjectId) }.Concat(person.Positions.Select(PositionKey));
        var found = new Dictionary<string, TaskEntry>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var partition = TableKeys.Escape(key);
            await foreach (var e in storage.Tasks.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var id = Uri.UnescapeDataString(e.RowKey);
                found.TryAdd(id, new TaskEntry(id, e.GetString("Kind") ?? string.Empty, e.GetString("Title") ?? string.Empty, e.GetString("StepName") ?? string.Empty, e.GetDateTimeOffset("Since") ?? default));
            }
        }

        return found.Values.OrderBy(t => t.Since).ToList();
    }
}
