using Azure.Data.Tables;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Storage;

/// <summary>
/// Which Teams channel a department works in, with what the bot needs to post there proactively
/// (the conversation reference: service URL, tenant, team and channel ids, the bot's own id).
/// </summary>
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
    DateTimeOffset BoundAt);

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
        };
        await storage.Channels.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes every binding to a channel of <paramref name="teamId"/> (the bot was removed from that team); the departments that lost their channel.</summary>
    public async Task<IReadOnlyList<Department>> RemoveTeamAsync(string teamId, CancellationToken cancellationToken)
    {
        var removed = new List<Department>();
        foreach (var binding in (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(b => string.Equals(b.TeamId, teamId, StringComparison.Ordinal)))
        {
            await storage.Channels.DeleteEntityAsync(Partition, binding.Department.Code(), cancellationToken: cancellationToken).ConfigureAwait(false);
            removed.Add(binding.Department);
        }

        return removed;
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
                e.GetDateTimeOffset("BoundAt") ?? default)
            : null;
}
