using System.Diagnostics;
using System.Globalization;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// Record search with 1,000 records indexed, then 10,000 (same run, same Azurite): storage requests
/// and median time of a search by customer, by form and status, and by a one-week date range, next to
/// the baseline of the same customer search as a table scan (what a search without the index would
/// read). The number of requests must follow what is found, not how many records there are. Note:
/// Azurite keeps a table in one in-memory collection and filters all of it for any query, so its
/// times grow with the table even for one partition; Azure Table Storage serves a partition query
/// from the partition alone. The request counts hold for both.
/// Usage: dotnet run -c Release --project tests/MingXin.Bot.Benchmarks -- records
/// </summary>
internal static class RecordSearches
{
    private static readonly string[] Kinds = ["Quotation", "SalesOrderReview", "ProductionNotice", "Complaint", "SampleOrder"];

    public static async Task<int> RunAsync()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var today = new DateOnly(2026, 11, 27);
            var start = new DateTimeOffset(2025, 12, 1, 1, 0, 0, TimeSpan.Zero);
            Console.WriteLine("| records | search | found | storage requests | median ms |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var total in new[] { 1_000, 10_000 })
            {
                var storage = TestStorage.Open(azurite.ConnectionString, AzuriteFixture.NewTablePrefix(), requestTimeoutSeconds: 30);
                var index = new RecordIndex(storage);

                // 200 customers; one of them ("Customer 007") always has 20 records; records spread over the last 12 months.
                var span = (today.ToDateTime(TimeOnly.MinValue) - start.UtcDateTime).TotalMinutes;
                var records = Enumerable.Range(0, total).Select(i => new RecordSummary(
                    $"{Kinds[i % Kinds.Length][..2].ToUpperInvariant()}-2026-{i:D5}",
                    Kinds[i % Kinds.Length],
                    i % 7 == 0 ? RecordState.Open : i % 13 == 0 ? RecordState.Cancelled : RecordState.Closed,
                    "Status",
                    i < 20 ? "Customer 007" : $"Customer {200 + (i % 200):D3}",
                    start.AddMinutes(span * i / total),
                    "王芳",
                    "x")).ToList();
                await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (r, ct) => await index.IndexAsync(r, ct));

                var searches = new (string Name, RecordSearch Search, string[] Customers)[]
                {
                    ("customer", new RecordSearch(null, "Customer 007", null, null, null, null, null), ["Customer 007"]),
                    ("form + status", new RecordSearch(null, null, FormCatalog.ByKind("Complaint"), RecordState.Open, null, new DateOnly(2026, 11, 1), null), []),
                    ("one week", new RecordSearch(null, null, null, null, null, new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22)), []),
                };
                foreach (var (name, search, customers) in searches)
                {
                    var times = new List<double>();
                    long requests = 0;
                    var found = 0;
                    for (var run = 0; run < 21; run++)
                    {
                        var before = storage.RequestCount;
                        var watch = Stopwatch.StartNew();
                        var (result, _) = await index.SearchAsync(search, customers, today, default);
                        times.Add(watch.Elapsed.TotalMilliseconds);
                        requests = storage.RequestCount - before;
                        found = result.Count;
                    }

                    times.Sort();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {total:N0} | {name} | {found} | {requests} | {times[times.Count / 2]:F1} |"));
                }

                // Baseline: the customer search without the index: every record read once (the rows under the kinds) and filtered here.
                var scanTimes = new List<double>();
                long scanRequests = 0;
                var scanned = 0;
                for (var run = 0; run < 5; run++)
                {
                    var before = storage.RequestCount;
                    var watch = Stopwatch.StartNew();
                    scanned = 0;
                    await foreach (var e in storage.Records.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey.CompareTo("f|") >= 0 && e.PartitionKey.CompareTo("f}") < 0, select: ["Customer"]))
                    {
                        scanned += e.GetString("Customer") == "Customer 007" ? 1 : 0;
                    }

                    scanTimes.Add(watch.Elapsed.TotalMilliseconds);
                    scanRequests = storage.RequestCount - before;
                }

                scanTimes.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {total:N0} | baseline: customer by table scan | {scanned} | {scanRequests} | {scanTimes[scanTimes.Count / 2]:F1} |"));
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }

        return 0;
    }
}
