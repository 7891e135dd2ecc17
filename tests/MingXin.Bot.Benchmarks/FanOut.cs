using System.Diagnostics;
using System.Globalization;
using System.Net;
using MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// Proactive fan-out against Teams' per-thread limits: the bot, as its own process, on Azurite, with a Connector
/// that keeps Teams' published windows per thread (7 in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour; a new thread
/// counts against its channel) and answers 429 with Retry-After to a message that does not fit. A burst of Internal
/// Approvals each posts its card to four department channels. Run twice in one go, on fresh storage each: the bot
/// without pacing (the baseline: sends until Teams says 429, then waits Retry-After) and with it (Connector:Pacing).
/// Measured per run: how long until every card is delivered; when a perfect sender would have been done — each card
/// posted as soon as its form exists and as fast as the same windows allow — so that the ratio is the share of the
/// limit used; 429s; losses and duplicates (both must be 0); the bot process's peak resident memory.
/// Usage: dotnet run -c Release --project tests/MingXin.Bot.Benchmarks -- fanout [forms [more forms, paced only]]
/// </summary>
internal static class FanOut
{
    private static readonly (int Count, TimeSpan Window)[] Limits = [(7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30)), (1800, TimeSpan.FromHours(1))];
    private static readonly string[] Channels = ["sales", "production", "qc", "materials"];

    private const int MaxInFlight = 300;

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }

    private sealed record Run(bool Valid, double DeliveredSeconds, double IdealSeconds, int Throttled, int Posts, double PeakRss);

    /// <param name="larger">When given, a third run, paced, with that many forms: does memory stay flat as forms grow?</param>
    public static async Task<int> RunAsync(int forms, int? larger = null)
    {
        if (Environment.GetEnvironmentVariable("FANOUT_PACED_ONLY") == "1")
        {
            var only = await RunOnceAsync(forms, paced: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"paced only: peak RSS {only.PeakRss:F0} MB, share {only.IdealSeconds / only.DeliveredSeconds:P0}, valid {only.Valid}"));
            return only.Valid ? 0 : 1;
        }

        Console.WriteLine($"== without pacing (baseline), {forms} forms");
        var baseline = await RunOnceAsync(forms, paced: false);
        Console.WriteLine($"== with pacing (Connector:Pacing, Teams' published windows), {forms} forms");
        var paced = await RunOnceAsync(forms, paced: true);
        var runs = new List<(string Name, int Forms, Run Run)> { ("without pacing", forms, baseline), ("with pacing", forms, paced) };
        if (larger is { } more)
        {
            Console.WriteLine($"== with pacing, {more} forms");
            runs.Add(("with pacing", more, await RunOnceAsync(more, paced: true)));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| run | forms | delivered after | share of the limit | 429s to the fan-out | per post | peak RSS |"));
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (name, count, run) in runs)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {count} | {run.DeliveredSeconds:F1} s | {run.IdealSeconds / run.DeliveredSeconds:P0} | {run.Throttled} | {run.Throttled / (double)run.Posts:P1} | {run.PeakRss:F0} MB |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"paced / baseline: delivery time {paced.DeliveredSeconds / baseline.DeliveredSeconds:F2}×, 429s {paced.Throttled}/{baseline.Throttled}"));
        var valid = runs.All(r => r.Run.Valid);
        Console.WriteLine(valid ? "exit 0: the figures above may be reported" : "exit 1: something was lost, doubled or numbered wrongly — these figures are not a result");
        return valid ? 0 : 1;
    }

    /// <summary>
    /// When a perfect sender would have delivered the last of these posts to one thread: each no earlier than its form
    /// existed (<paramref name="ready"/>, seconds from the start) and as early as every window allows.
    /// </summary>
    internal static double IdealSeconds(IEnumerable<double> ready) => IdealSchedule(ready) is { Count: > 0 } times ? times[^1] : 0;

    /// <summary>The moment of each post of a perfect sender (see <see cref="IdealSeconds"/>), in order.</summary>
    internal static List<double> IdealSchedule(IEnumerable<double> ready)
    {
        var times = new List<double>();
        foreach (var release in ready.Order())
        {
            var at = Math.Max(release, times.Count > 0 ? times[^1] : 0);
            foreach (var (count, window) in Limits)
            {
                if (times.Count >= count)
                {
                    at = Math.Max(at, times[^count] + window.TotalSeconds);
                }
            }

            times.Add(at);
        }

        return times;
    }

    private static async Task<Run> RunOnceAsync(int forms, bool paced)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        await using var connector = await RecordingConnector.StartAsync();
        var prefix = AzuriteFixture.NewTablePrefix();
        await using var bot = await BotProcess.StartAsync(azurite.ConnectionString, prefix, new Dictionary<string, string> { ["Outbox__SweepSeconds"] = "5", ["Connector__Pacing__Enabled"] = paced ? "true" : "false" });
        try
        {
            foreach (var d in Channels)
            {
                await Activities.PostAsync(bot.Client, Activities.ChannelMessage(connector.ServiceUrl, "register " + d, BotHost.AdminId, channelId: $"19:{d}@thread.tacv2"));
            }

            var rssBefore = PeakRssMegabytes(bot.Id);
            connector.LimitPerThread(Limits);
            connector.Calls.Clear();
            var clock = Stopwatch.StartNew();
            var started = DateTimeOffset.UtcNow;
            // Like Teams, redeliver the same activity when the bot does not accept it (5xx, or no answer in time).
            // At most 300 requests in flight: a larger run grows the backlog of forms to send, not the burst.
            var redelivered = 0;
            using var inFlight = new SemaphoreSlim(MaxInFlight);
            var statuses = await Task.WhenAll(Enumerable.Range(0, forms).Select(async i =>
            {
                var activity = Activities.PersonalMessage(connector.ServiceUrl, $"request Fan-out {i}", BotHost.SalesId, "en-US");
                await inFlight.WaitAsync();
                using var slot = new Releaser(inFlight);
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
            var until = DateTime.UtcNow.AddMinutes(20);
            while (connector.NewThreads().Count < expected && DateTime.UtcNow < until)
            {
                await Task.Delay(50); // polling the recording Connector until every card is there
            }

            var store = new MingXin.Bot.Storage.WorkflowStore(TestStorage.Open(azurite.ConnectionString, prefix));
            var saved = 0;
            var pendingRows = 0;
            var ready = new List<double>();
            var numbersWithoutForm = new List<int>();
            for (var i = 1; i <= forms + 5; i++)
            {
                if (await store.LoadAsync($"IA-{DateTime.UtcNow.AddHours(8).Year}-{i:D4}", default) is { } record)
                {
                    saved++;
                    pendingRows += record.PendingOutbox.Count();
                    ready.Add(Math.Max(0, (record.Audit.Min(a => a.At) - started).TotalSeconds));
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
            var throttled = connector.Calls.Count(c => c.Status == 429 && !c.Path.Contains("personal", StringComparison.Ordinal));
            var answersThrottled = connector.Calls.Count(c => c.Status == 429 && c.Path.Contains("personal", StringComparison.Ordinal));
            var answered = connector.Delivered.Where(c => c.Path.Contains("personal", StringComparison.Ordinal) && c.Card?["refresh"] is not null)
                .Select(c => c.Card!["refresh"]!["action"]!["data"]!["workflow"]!.GetValue<string>()).Distinct().Count();
            var perChannel = posts.Count / (double)Channels.Length / done.TotalSeconds;
            var ideal = IdealSeconds(ready);

            // Where the time is lost: how far each channel's k-th post comes after a perfect sender's k-th.
            var schedule = IdealSchedule(ready);
            var marks = new[] { 8, 60, 120, 180, 240, forms }.Where(k => k <= forms).Distinct().ToList();
            var postsAt = connector.Delivered
                .Where(c => c.Method == "POST" && c.Path == "/v3/conversations" && c.Body?["channelData"]?["channel"] is not null)
                .GroupBy(c => c.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>())
                .Select(g => g.Select(c => (c.At - started).TotalSeconds).Order().ToList())
                .ToList();
            Console.WriteLine("behind a perfect sender at post " + string.Join(", ", marks.Select(k => string.Create(CultureInfo.InvariantCulture,
                $"{k}: {postsAt.Where(p => p.Count >= k).Select(p => p[k - 1] - schedule[k - 1]).DefaultIfEmpty().Max():F1} s"))));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{forms} forms × {Channels.Length} channels = {expected} posts; requests answered in {accepted.TotalSeconds:F1} s; all delivered after {done.TotalSeconds:F1} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"delivery rate per channel: {perChannel:F2}/s; a perfect sender, posting each form's card as soon as the form exists and as fast as Teams' windows allow, would be done after {ideal:F1} s = {ideal / done.TotalSeconds:P0} of the limit used; 429 answers to the fan-out (channel posts, thread lines, card updates): {throttled} ({throttled / (double)expected:P1} of the posts); to the replies in the requester's own chat: {answersThrottled}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"forms whose card reached the requester's chat: {answered} of {forms}"));
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
            Console.WriteLine(valid ? "this run: nothing lost, doubled or numbered wrongly" : "this run: something was lost, doubled or numbered wrongly");
            return new Run(valid, done.TotalSeconds, ideal, throttled, expected, PeakRssMegabytes(bot.Id));
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
