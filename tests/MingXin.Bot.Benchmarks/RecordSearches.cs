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
    /// <summary>The largest export (2,000 records of 60 fields and 12 audit lines each): CSV as the baseline, then Excel.</summary>
    private static void Export()
    {
        var state = System.Text.Json.Nodes.JsonNode.Parse(
            "{\"id\":\"QT-2026-0001\",\"request\":{\"customerName\":\"华美礼品\",\"product\":\"礼盒\",\"specification\":\"250×180×60 mm，四色 + 烫金\"},\"originator\":{\"id\":\"a\",\"name\":\"王芳\"},\"createdAt\":\"2026-11-20T01:30:00+00:00\",\"status\":\"Confirmed\",\"versions\":["
            + string.Join(",", Enumerable.Range(1, 3).Select(v => "{\"no\":" + v + ",\"margin\":25,\"lines\":[" + string.Join(",", Enumerable.Range(1, 8).Select(i => "{\"category\":\"Plates\",\"fixed\":600,\"perPiece\":0.35}")) + "]}"))
            + "]}")!.AsObject();
        var audit = Enumerable.Range(0, 12).Select(i => new AuditRecord(i + 1, 0, DateTimeOffset.UnixEpoch.AddDays(20000 + i), "a", "王芳", "gm-approved", "同意，按成本核算表执行", "{\"status\":\"AwaitingCustomer\"}")).ToList();
        var records = Enumerable.Range(0, 2000).Select(i => new MingXin.Bot.Workflows.Records.FullRecord(
            new RecordSummary($"QT-2026-{i:D4}", "Quotation", RecordState.Closed, "Confirmed", "华美礼品", DateTimeOffset.UnixEpoch.AddDays(20000), "王芳", "礼盒"), state, audit)).ToList();
        var fields = RecordFields.Of(state, MingXin.Bot.Domain.Language.Chinese, TimeZoneInfo.Utc).Count;

        double Median(Func<byte[]> make, out int size)
        {
            var times = new List<double>();
            size = 0;
            for (var run = 0; run < 5; run++)
            {
                var watch = Stopwatch.StartNew();
                size = make().Length;
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            return times[2];
        }

        var csv = Median(() => MingXin.Bot.Workflows.Records.RecordExport.Csv(records), out var csvBytes);
        var xlsx = Median(() => MingXin.Bot.Workflows.Records.RecordExport.Xlsx(records), out var xlsxBytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"export of 2,000 records ({fields} fields, 12 audit lines each): CSV {csv:F0} ms ({csvBytes / 1024:N0} KB), Excel {xlsx:F0} ms ({xlsxBytes / 1024:N0} KB): Excel/CSV time {xlsx / csv:F1}×"));
    }

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

        Export();
        return 0;
    }
}
