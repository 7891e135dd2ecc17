using System.Diagnostics;
using System.Globalization;
using System.Net;
using MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// Proactive fan-out against Teams' per-thread limit: the bot, as its own process, on Azurite, with a
/// Connector that answers 429 (Retry-After: 1) to an eighth message within a second in one thread.
/// A burst of Internal Approvals each posts its card to four department channels; measured: how long
/// until every card is delivered, the channels' delivery rate as a share of the limit, 429s, losses
/// and duplicates (both must be 0), and the bot process's peak resident memory.
/// Usage: dotnet run -c Release --project tests/MingXin.Bot.Benchmarks -- fanout [forms]
/// </summary>
internal static class FanOut
{
    private const int Limit = 7;
    private static readonly string[] Channels = ["sales", "production", "qc", "materials"];

    public static async Task<int> RunAsync(int forms)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        await using var connector = await RecordingConnector.StartAsync();
        var prefix = AzuriteFixture.NewTablePrefix();
        await using var bot = await BotProcess.StartAsync(azurite.ConnectionString, prefix, new Dictionary<string, string> { ["Outbox__SweepSeconds"] = "5" });
        try
        {
            foreach (var d in Channels)
            {
                await Activities.PostAsync(bot.Client, Activities.ChannelMessage(connector.ServiceUrl, "register " + d, BotHost.AdminId, channelId: $"19:{d}@thread.tacv2"));
            }

            var rssBefore = PeakRssMegabytes(bot.Id);
            connector.LimitPerThread(Limit);
            connector.Calls.Clear();
            var clock = Stopwatch.StartNew();
            // Like Teams, redeliver the same activity when the bot does not accept it (5xx, or no answer in time).
            var redelivered = 0;
            var statuses = await Task.WhenAll(Enumerable.Range(0, forms).Select(async i =>
            {
                var activity = Activities.PersonalMessage(connector.ServiceUrl, $"request Fan-out {i}", BotHost.SalesId, "en-US");
                for (var attempt = 1; ; attempt++)
                {
                    HttpStatusCode status;
                    try
                    {
                        status = (await Activities.PostAsync(bot.Client, activity)).StatusCode;
                    }
                    catch (TaskCanceledException)
                    {
                        status = HttpStatusCode.RequestTimeout;
                    }

                    if ((int)status < 500 && status != HttpStatusCode.RequestTimeout || attempt == 5)
                    {
                        return status;
                    }

                    Interlocked.Increment(ref redelivered);
                    await Task.Delay(1000); // Teams' redelivery comes after a pause
                }
            }));
            Console.WriteLine($"redeliveries: {redelivered}");
            var accepted = clock.Elapsed;
            Console.WriteLine("answers: " + string.Join(", ", statuses.GroupBy(s => (int)s).Select(g => $"{g.Key} × {g.Count()}")));

            var expected = forms * Channels.Length;
            var until = DateTime.UtcNow.AddMinutes(3);
            while (connector.NewThreads().Count < expected && DateTime.UtcNow < until)
            {
                await Task.Delay(50); // polling the recording Connector until every card is there
            }

            var store = new MingXin.Bot.Storage.WorkflowStore(TestStorage.Open(azurite.ConnectionString, prefix));
            var saved = 0;
            var pendingRows = 0;
            var numbersWithoutForm = new List<int>();
            for (var i = 1; i <= forms + 5; i++)
            {
                if (await store.LoadAsync($"IA-{DateTime.UtcNow.AddHours(8).Year}-{i:D4}", default) is { } record)
                {
                    saved++;
                    pendingRows += record.PendingOutbox.Count();
                }
                else if (i <= forms)
                {
                    numbersWithoutForm.Add(i);
                }
            }

            // One request, one form, one number: a redelivery must make no second form and use up no number.
            Console.WriteLine($"forms saved: {saved} for {forms} requests; numbers 1–{forms} with no form: {numbersWithoutForm.Count}; outbox rows still unsent: {pendingRows}");

            var done = clock.Elapsed;
            var posts = connector.NewThreads();
            var unique = posts.Distinct().Count();
            var throttled = connector.Calls.Count(c => c.Status == 429);
            var perChannel = posts.Count / (double)Channels.Length / done.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{forms} forms × {Channels.Length} channels = {expected} posts; requests answered in {accepted.TotalSeconds:F1} s; all delivered after {done.TotalSeconds:F1} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"delivery rate per channel: {perChannel:F2}/s = {perChannel / Limit:P0} of the {Limit}/s limit; 429 answers: {throttled}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lost: {expected - unique}; duplicated: {posts.Count - unique}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bot process peak RSS: {PeakRssMegabytes(bot.Id):F0} MB (after start-up and channel setup: {rssBefore:F0} MB)"));
            if (expected != unique)
            {
                var missing = Enumerable.Range(1, forms).Select(i => $"IA-{DateTime.UtcNow.AddHours(8).Year}-{i:D4}").Except(posts.Select(p => p.Form)).ToList();
                Console.WriteLine("forms with a card missing: " + string.Join(", ", missing.Take(20)));
                Console.WriteLine("bot log (warnings and errors, last 60 lines):");
                Console.WriteLine(string.Join('\n', bot.Output.Split('\n').TakeLast(60)));
            }

            var valid = expected == unique && posts.Count == unique && saved == forms && numbersWithoutForm.Count == 0 && pendingRows == 0;
            Console.WriteLine(valid ? "exit 0: the figures above may be reported" : "exit 1: something was lost, doubled or numbered wrongly — these figures are not a result");
            return valid ? 0 : 1;
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }


    /// <summary>VmHWM of /proc/{pid}/status: the most resident memory the process has had.</summary>
    internal static double PeakRssMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
