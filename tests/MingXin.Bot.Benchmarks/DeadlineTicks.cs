using System.Diagnostics;
using System.Globalization;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// One deadline tick with 100 due among 1,000 pending, then among 100,000 pending (same run, same
/// Azurite): entities read, storage requests and time per tick. The cost must follow what is due.
/// Usage: dotnet run -c Release --project tests/MingXin.Bot.Benchmarks -- deadlines
/// </summary>
internal static class DeadlineTicks
{
    public static async Task<int> RunAsync()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var now = new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
            Console.WriteLine("| pending | due | claimed | entities read | storage requests | tick ms |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var pending in new[] { 1_000, 100_000 })
            {
                var storage = TestStorage.Open(azurite.ConnectionString, AzuriteFixture.NewTablePrefix());
                var store = new DeadlineStore(storage);
                await store.ClaimDueAsync(now, "bench", default);
                // The not-yet-due ones spread over the next 70 days, one a minute or denser; 100 fall due in the next minute.
                var later = Enumerable.Range(0, pending - 100).Select(i => new Deadline($"PN-2026-{i:D6}", "answer-2h", now.AddMinutes(2 + (i % 100_000)), "{}"));
                var soon = Enumerable.Range(0, 100).Select(i => new Deadline($"DUE-{i:D4}", "answer-2h", now.AddSeconds(10 + (i % 40)), "{}"));
                await store.RegisterManyAsync(later.Concat(soon), now, default);

                var before = storage.RequestCount;
                var watch = Stopwatch.StartNew();
                var (claimed, read) = await store.ClaimDueAsync(now.AddSeconds(59), "bench", default);
                watch.Stop();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {pending:N0} | 100 | {claimed.Count} | {read} | {storage.RequestCount - before} | {watch.Elapsed.TotalMilliseconds:F1} |"));
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }

        return 0;
    }
}
