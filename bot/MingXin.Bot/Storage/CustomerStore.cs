using Azure;
using Azure.Data.Tables;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Workflows;

namespace MingXin.Bot.Storage;

/// <summary>
/// The customer register in one partition, row = <see cref="Customer.NameKey"/> of the name, so two
/// entries can never carry the same name. Small by nature (a factory's customers), read whole.
/// </summary>
public sealed class CustomerStore(TableStorage storage)
{
    private const string Partition = "customer";

    /// <summary>Adds the entry; false when a customer of that name is registered already.</summary>
    public async Task<bool> AddAsync(Customer customer, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await storage.Customers.AddEntityAsync(new TableEntity(Partition, TableKeys.Escape(Customer.NameKey(customer.Name)))
            {
                ["Id"] = customer.Id,
                ["Json"] = WorkflowJson.Serialize(customer),
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The register entry a user named: by its full name (one point read), else by one of its short names.</summary>
    public async Task<Customer?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var key = Customer.NameKey(name);
        if (key.Length == 0)
        {
            return null;
        }

        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var found = await storage.Customers.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(key), ["Json"], cancellationToken).ConfigureAwait(false);
        return found.HasValue
            ? WorkflowJson.Deserialize<Customer>(found.Value!.GetString("Json")!)
            : (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(c => c.ShortNames.Any(n => Customer.NameKey(n) == key));
    }

    public async Task<IReadOnlyList<Customer>> ListAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Customer>();
        await foreach (var e in storage.Customers.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: ["Json"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(WorkflowJson.Deserialize<Customer>(e.GetString("Json")!));
        }

        return list.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
    }
}
