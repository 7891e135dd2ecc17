using Azure.Data.Tables;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Storage;

/// <summary>
/// Which Teams channel a department works in, with what the bot needs to post there proactively
/// (the conversation reference: service URL, tenant, team and channel ids, the bot's own id).
/// </summary>
/// <param name="BrokenAt">When Teams refused a post to the channel (403: the bot is not in the team any more; 404: the
/// channel is gone): nothing is posted there until an administrator registers a channel again or the bot is added back.</param>
/// <param name="BrokenReason">What Teams answered, for the <c>departments</c> card.</param>
public sealed record ChannelBinding(
    Department Department,
    string ServiceUrl,
    string TenantId,
    string TeamId,
    string ChannelId,
    string? ChannelName,
    string? TeamName,
    string BotId,
    string BoundById,
    string BoundByName,
    DateTimeOffset BoundAt,
    DateTimeOffset? BrokenAt = null,
    string? BrokenReason = null)
{
    public bool IsBroken => BrokenAt is not null;
}

/// <summary>Stores one binding per department (partition <c>department</c>, row = department code).</summary>
public sealed class ChannelBindingStore(TableStorage storage)
{
    private const string Partition = "department";

    public async Task SaveAsync(ChannelBinding binding, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Partition, binding.Department.Code())
        {
            ["ServiceUrl"] = binding.ServiceUrl,
            ["TenantId"] = binding.TenantId,
            ["TeamId"] = binding.TeamId,
            ["ChannelId"] = binding.ChannelId,
            ["ChannelName"] = binding.ChannelName,
            ["TeamName"] = binding.TeamName,
            ["BotId"] = binding.BotId,
            ["BoundById"] = binding.BoundById,
            ["BoundByName"] = binding.BoundByName,
            ["BoundAt"] = binding.BoundAt,
            ["BrokenAt"] = binding.BrokenAt,
            ["BrokenReason"] = binding.BrokenReason,
        };
        await storage.Channels.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes every binding to a channel of <paramref name="teamId"/> (the bot was removed from that team); the bindings removed.</summary>
    public async Task<IReadOnlyList<ChannelBinding>> RemoveTeamAsync(string teamId, CancellationToken cancellationToken)
    {
        var removed = new List<ChannelBinding>();
        foreach (var binding in (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(b => string.Equals(b.TeamId, teamId, StringComparison.Ordinal)))
        {
            await storage.Channels.DeleteEntityAsync(Partition, binding.Department.Code(), cancellationToken: cancellationToken).ConfigureAwait(false);
            removed.Add(binding);
        }

        return removed;
    }

    /// <summary>
    /// Marks the department's binding broken, if it still points at the channel Teams refused (an administrator
    /// may have registered another one meanwhile) and is not marked yet. True when this call marked it: the
    /// administrators are told once, not at every refused post.
    /// </summary>
    public async Task<bool> MarkBrokenAsync(ChannelBinding refused, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var response = await storage.Channels.GetEntityIfExistsAsync<TableEntity>(Partition, refused.Department.Code(), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || response.Value!.GetString("ChannelId") != refused.ChannelId || response.Value.GetDateTimeOffset("BrokenAt") is not null)
        {
            return false;
        }

        try
        {
            var mark = new TableEntity(Partition, refused.Department.Code()) { ["BrokenAt"] = at, ["BrokenReason"] = reason };
            await storage.Channels.UpdateEntityAsync(mark, response.Value.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 412)
        {
            return false; // re-registered or marked by another instance in between
        }
    }

    /// <summary>The bot was added to <paramref name="teamId"/> again: its channels can be posted to again. The bindings repaired.</summary>
    public async Task<IReadOnlyList<ChannelBinding>> RepairTeamAsync(string teamId, CancellationToken cancellationToken)
    {
        var repaired = new List<ChannelBinding>();
        foreach (var binding in (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(b => b.IsBroken && string.Equals(b.TeamId, teamId, StringComparison.Ordinal)))
        {
            await SaveAsync(binding with { BrokenAt = null, BrokenReason = null }, cancellationToken).ConfigureAwait(false);
            repaired.Add(binding);
        }

        return repaired;
    }

    public async Task<ChannelBinding?> GetAsync(Department department, CancellationToken cancellationToken)
    {
        var response = await storage.Channels.GetEntityIfExistsAsync<TableEntity>(Partition, department.Code(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToBinding(response.Value!) : null;
    }

    public async Task<IReadOnlyList<ChannelBinding>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<ChannelBinding>();
        await foreach (var entity in storage.Channels.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (ToBinding(entity) is { } binding)
            {
                list.Add(binding);
            }
        }

        return list.OrderBy(b => b.Department).ToList();
    }

    private static ChannelBinding? ToBinding(TableEntity e) =>
        Departments.TryFromCode(e.RowKey, out var department)
            ? new ChannelBinding(
                department,
                e.GetString("ServiceUrl") ?? string.Empty,
                e.GetString("TenantId") ?? string.Empty,
                e.GetString("TeamId") ?? string.Empty,
                e.GetString("ChannelId") ?? string.Empty,
                e.GetString("ChannelName"),
                e.GetString("TeamName"),
                e.GetString("BotId") ?? string.Empty,
                e.GetString("BoundById") ?? string.Empty,
                e.GetString("BoundByName") ?? string.Empty,
                e.GetDateTimeOffset("BoundAt") ?? default,
                e.GetDateTimeOffset("BrokenAt"),
                e.GetString("BrokenReason"))
            : null;
}
