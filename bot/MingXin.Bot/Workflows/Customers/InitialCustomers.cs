using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Storage;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Workflows.Customers;

/// <summary>Configuration section <c>Customers</c>: customers to load into the register at start (e.g. an initial import, or the demo's).</summary>
public sealed class CustomerOptions
{
    public const string SectionName = "Customers";

    public List<InitialCustomer> Initial { get; set; } = [];
}

/// <summary>One customer to load; lists are comma-separated, as on the register's card.</summary>
public sealed class InitialCustomer
{
    public string Name { get; set; } = string.Empty;

    public string? ShortNames { get; set; }

    public string? Phones { get; set; }

    public string? Emails { get; set; }

    public string? Products { get; set; }

    /// <summary>Delivery addresses, one per line (an address has commas of its own).</summary>
    public string? Addresses { get; set; }

    /// <summary>The language of the customer's documents: Chinese (the default), English or Both.</summary>
    public string? Documents { get; set; }
}

/// <summary>
/// Adds the configured customers the register does not have yet (by name), once per start; an entry
/// that does not validate is logged and left out. A storage outage at start is logged, not fatal.
/// </summary>
internal sealed class InitialCustomers(CustomerStore customers, DocumentNumberAllocator numbers, IOptions<CustomerOptions> options, TimeProvider time, ILogger<InitialCustomers> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Initial.Count == 0)
        {
            return;
        }

        try
        {
            var known = (await customers.ListAsync(cancellationToken).ConfigureAwait(false)).Select(c => Customer.NameKey(c.Name)).ToHashSet(StringComparer.Ordinal);
            var by = new PersonRef("configuration", "Customers:Initial");
            foreach (var c in options.Value.Initial.Where(c => !known.Contains(Customer.NameKey(c.Name ?? string.Empty))))
            {
                var now = time.GetUtcNow();
                var (candidate, problems) = Customer.Create("CU-0000-0000", c.Name, c.ShortNames, c.Phones, c.Emails, c.Products, by, now, c.Addresses, c.Documents);
                if (candidate is null)
                {
                    logger.LogWarning("Customers:Initial entry {Name} left out: {Problems}", c.Name, string.Join(", ", problems.Select(p => $"{p.Field} {p.Kind}")));
                    continue;
                }

                var number = await numbers.NextAsync(Customer.Prefix, TimeZoneInfo.ConvertTime(now, BusinessCalendar.FactoryZone).Year, cancellationToken).ConfigureAwait(false);
                if (await customers.AddAsync(candidate with { Id = number.ToString() }, cancellationToken).ConfigureAwait(false))
                {
                    logger.LogInformation("Customer {Id} {Name} loaded from configuration.", number, candidate.Name);
                }
            }
        }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex))
        {
            logger.LogError(ex, "Table Storage is not reachable at start; Customers:Initial was not loaded.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
