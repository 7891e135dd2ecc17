using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Domain.Records;

namespace MingXin.Bot.Storage;

/// <summary>
/// The index that serves record search and the dashboards without a table scan. Every form has one
/// row under its kind (<c>f|Quotation</c>) and one under its customer (<c>c|{name key}</c>); the row
/// key is its creation time in factory time and its number, so a date range is a row-key range
/// inside a partition. A search without customer or form reads the partition of each kind (a dozen).
/// The outbox keeps the rows current after every step that changes them (their state and status
/// change; their keys never do).
/// </summary>
public sealed class RecordIndex(TableStorage storage)
{
    /// <summary>At most this many rows are read for one search (the card and the export say when there were more).</summary>
    public const int MaxResults = 2000;

    public static string FormPartition(string kind) => "f|" + kind;

    public static string CustomerPartition(string customer) => "c|" + Customer.NameKey(customer);

    public static string RowKey(RecordSummary r) =>
        TimeZoneInfo.ConvertTime(r.CreatedAt, BusinessCalendar.FactoryZone).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "|" + r.Id;

    /// <summary>Writes (or rewrites) the index rows of one record.</summary>
    public async Task IndexAsync(RecordSummary record, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var partitions = new List<string> { FormPartition(record.Kind) };
        if (!string.IsNullOrWhiteSpace(record.Customer))
        {
            partitions.Add(CustomerPartition(record.Customer));
        }

        foreach (var partition in partitions)
        {
            await storage.Records.UpsertEntityAsync(ToEntity(TableKeys.Escape(partition), TableKeys.Escape(RowKey(record)), record), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The records a search names, oldest first, read from ONE kind of index partition (customer, else
    /// form, else every kind's); the other keys filter inside it. <paramref name="customerKeys"/>
    /// are the name keys the customer text stands for (a register entry's full name for its short name).
    /// </summary>
    public async Task<(IReadOnlyList<RecordSummary> Records, bool More)> SearchAsync(RecordSearch search, IReadOnlyList<string> customerNames, DateOnly today, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var from = search.From;
        var to = search.To;
        IEnumerable<string> partitions;
        if (search.Customer is not null)
        {
            partitions = customerNames.Select(CustomerPartition).Distinct();
        }
        else if (search.Form is not null)
        {
            partitions = [FormPartition(search.Form.Kind)];
        }
        else
        {
            to ??= today;
            from ??= to.Value.AddMonths(-RecordSearch.DefaultMonths).AddDays(1);
            partitions = FormCatalog.All.Select(f => FormPartition(f.Kind));
        }

        var found = new List<RecordSummary>();
        var more = false;
        foreach (var partition in partitions)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(partition)}");
            if (from is not null)
            {
                filter += " and " + TableClient.CreateQueryFilter($"RowKey ge {from.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}");
            }

            if (to is not null)
            {
                filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {to.Value.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}");
            }

            if (search.Form is not null)
            {
                filter += " and " + TableClient.CreateQueryFilter($"Kind eq {search.Form.Kind}");
            }

            if (search.State is not null)
            {
                filter += " and " + TableClient.CreateQueryFilter($"State eq {search.State.Value.ToString()}");
            }

            if (search.Late)
            {
                filter += " and DaysLate gt 0";
            }

            await foreach (var e in storage.Records.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var record = FromEntity(e);
                if (search.Status is not null && !string.Equals(record.Status, search.Status, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (search.Late && record.Delivery is not { Late: true })
                {
                    continue;
                }

                if (found.Count >= MaxResults)
                {
                    more = true;
                    break;
                }

                found.Add(record);
            }
        }

        return (found.DistinctBy(r => r.Id).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList(), more);
    }

    /// <summary>Every record of a kind made in [from, to] (for the dashboards): one partition, a row-key range.</summary>
    public async Task<IReadOnlyList<RecordSummary>> OfKindAsync(string kind, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (records, _) = await SearchAsync(new RecordSearch(null, null, FormCatalog.ByKind(kind), null, null, from, to), [], to, cancellationToken).ConfigureAwait(false);
        return records;
    }

    /// <summary>Every open record made in the last <see cref="RecordSearch.DefaultMonths"/> months (for "open items by department and age").</summary>
    public async Task<IReadOnlyList<RecordSummary>> OpenAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var (records, _) = await SearchAsync(new RecordSearch(null, null, null, RecordState.Open, null, null, null), [], today, cancellationToken).ConfigureAwait(false);
        return records;
    }

    private static TableEntity ToEntity(string partition, string row, RecordSummary r) => new(partition, row)
    {
        ["Id"] = r.Id,
        ["Kind"] = r.Kind,
        ["State"] = r.State.ToString(),
        ["Status"] = r.Status,
        ["Customer"] = r.Customer,
        ["CreatedAt"] = r.CreatedAt,
        ["Originator"] = r.Originator,
        ["Subject"] = r.Subject,
        ["ClosedAt"] = r.ClosedAt,
        ["TwoHour"] = r.TwoHour.ToString(),
        ["AnswerMinutes"] = r.AnswerMinutes,
        ["Scores"] = r.Scores is null ? null : JsonSerializer.Serialize(r.Scores),
        ["Period"] = r.Period,
        ["WaitingOn"] = r.WaitingOn is null ? null : string.Join(",", r.WaitingOn),
        ["WaitingSince"] = r.WaitingSince,
        ["Readers"] = r.Readers is null ? null : string.Join(",", r.Readers),
        ["AtRisk"] = r.AtRisk,
        ["ShippedOn"] = r.Delivery?.ShippedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["DueOn"] = r.Delivery?.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Shipped"] = r.Delivery?.Quantity,
        ["DaysLate"] = r.Delivery?.DaysLate,
        ["Returned"] = r.Returned,
    };

    private static RecordSummary FromEntity(TableEntity e) => new(
        e.GetString("Id") ?? string.Empty,
        e.GetString("Kind") ?? string.Empty,
        Enum.TryParse<RecordState>(e.GetString("State"), out var state) ? state : RecordState.Open,
        e.GetString("Status") ?? string.Empty,
        e.GetString("Customer"),
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetString("Originator") ?? string.Empty,
        e.GetString("Subject") ?? string.Empty,
        e.GetDateTimeOffset("ClosedAt"),
        Enum.TryParse<TwoHourOutcome>(e.GetString("TwoHour"), out var two) ? two : TwoHourOutcome.None,
        e.GetDouble("AnswerMinutes"),
        e.GetString("Scores") is { Length: > 0 } scores ? JsonSerializer.Deserialize<Dictionary<string, int>>(scores) : null,
        e.GetString("Period"),
        e.GetString("WaitingOn") is { Length: > 0 } waiting ? waiting.Split(',') : [],
        e.GetDateTimeOffset("WaitingSince"),
        e.GetString("Readers") is { Length: > 0 } readers ? readers.Split(',') : null,
        e.GetBoolean("AtRisk") ?? false,
        Domain.Forms.StepValues.ParseDate(e.GetString("ShippedOn") ?? string.Empty) is { } shippedOn ? new DeliveryFacts(shippedOn, Domain.Forms.StepValues.ParseDate(e.GetString("DueOn") ?? string.Empty), e.GetInt32("Shipped") ?? 0, e.GetInt32("DaysLate") ?? 0) : null,
        e.GetInt32("Returned"));
}
