using System.Diagnostics;
using System.Globalization;
using System.Net;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// Table Storage away for a while under a steady stream of new forms: the bot (its own process) on an
/// Azurite that keeps its data on disk; Azurite is stopped for <c>seconds</c> and started again
/// mid-run. Measured: answers while it is down (must be errors, so Teams redelivers), forms saved
/// against requests accepted (no partial form, none lost), cards delivered once, the time from
/// restart to the first accepted request.
/// Usage: dotnet run -c Release --project tests/MingXin.Bot.Benchmarks -- outage [seconds]
/// </summary>
internal static class Outage
{
    private static readonly string[] Channels = ["sales", "production", "qc", "materials"];

    public static async Task<int> RunAsync(int seconds)
    {
        var location = Directory.CreateTempSubdirectory("mingxin-outage").FullName;
        var azurite = await AzuriteFixture.StartOnDiskAsync(location);
        await using var connector = await RecordingConnector.StartAsync();
        var prefix = AzuriteFixture.NewTablePrefix();
        await using var bot = await BotProcess.StartAsync(azurite.ConnectionString, prefix, new Dictionary<string, string> { ["Outbox__SweepSeconds"] = "2" });
        try
        {
            foreach (var d in Channels)
            {
                await Activities.PostAsync(bot.Client, Activities.ChannelMessage(connector.ServiceUrl, "register " + d, BotHost.AdminId, channelId: $"19:{d}@thread.tacv2"));
            }

            var answers = new List<(TimeSpan At, HttpStatusCode Status, string Phase)>();
            var clock = Stopwatch.StartNew();
            var phase = "before";
            TimeSpan? restartedAt = null;
            var sender = Task.Run(async () =>
            {
                for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(seconds + 20); i++)
                {
                    var p = phase;
                    HttpStatusCode status;
                    try
                    {
                        status = (await Activities.PostAsync(bot.Client, Activities.PersonalMessage(connector.ServiceUrl, $"request Outage {i}", BotHost.SalesId, "en-US"))).StatusCode;
                    }
                    catch (TaskCanceledException)
                    {
                        status = HttpStatusCode.RequestTimeout;
                    }

                    lock (answers)
                    {
                        answers.Add((clock.Elapsed, status, p));
                    }

                    await Task.Delay(100); // a steady stream: ten messages a second
                }
            });

            await Task.Delay(TimeSpan.FromSeconds(10)); // the run's phases, not a deadline
            phase = "down";
            await azurite.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            await azurite.RestartAsync();
            restartedAt = clock.Elapsed;
            phase = "after";
            await sender;

            var accepted = answers.Count(a => a.Status == HttpStatusCode.OK);
            var firstAfter = answers.Where(a => a.At > restartedAt && a.Status == HttpStatusCode.OK).Select(a => a.At).DefaultIfEmpty(TimeSpan.MaxValue).Min();
            var store = new WorkflowStore(TestStorage.Open(azurite.ConnectionString, prefix));
            var saved = 0;
            for (var i = 1; i <= answers.Count + 5; i++)
            {
                if (await store.GetStateAsync($"IA-{DateTime.UtcNow.AddHours(8).Year}-{i:D4}", default) is not null)
                {
                    saved++;
                }
            }

            var until = DateTime.UtcNow.AddMinutes(2);
            while (connector.NewThreads().Count < saved * Channels.Length && DateTime.UtcNow < until)
            {
                await Task.Delay(50); // polling the recording Connector until every card is there
            }

            var posts = connector.NewThreads();
            foreach (var g in answers.GroupBy(a => a.Phase))
            {
                Console.WriteLine($"{g.Key}: " + string.Join(", ", g.GroupBy(a => (int)a.Status).OrderBy(s => s.Key).Select(s => $"{s.Key} × {s.Count()}")));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storage down {seconds} s; first accepted request {(firstAfter - restartedAt!.Value).TotalSeconds:F2} s after the restart"));
            Console.WriteLine($"requests accepted (200): {accepted}; forms saved: {saved}; cards expected {saved * Channels.Length}, delivered {posts.Count}, distinct {posts.Distinct().Count()}");
            var ok = accepted <= saved && posts.Count == saved * Channels.Length && posts.Distinct().Count() == posts.Count;
            Console.WriteLine(ok ? "nothing lost, nothing doubled" : "MISMATCH");
            return ok ? 0 : 1;
        }
        finally
        {
            await azurite.DisposeAsync();
            Directory.Delete(location, recursive: true);
        }
    }

}
