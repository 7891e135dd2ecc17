using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// The read-side attacks of an insider and an outsider with the bot's URL, against the bot as its own process:
/// enumerating form numbers by card refresh and by the Action.Submit fallback (a person the directory does not
/// know, and a warehouse keeper who has no part in an Internal Approval), reading records by number, and
/// abusing export links (used twice, someone else's, tampered, more than the per-minute limit). Measured: how
/// many attempts were refused, how many leaked anything of a form (its title), and whether the refusal for an
/// existing form can be told from the one for a number never used. Exits non-zero on any leak.
/// Usage: dotnet run -c Release --project tests/MingXin.Bot.Benchmarks -- probes [forms]
/// </summary>
internal static class Probes
{
    private const string Stranger = "aad-stranger";
    private const string Title = "Probe secret";

    public static async Task<int> RunAsync(int forms)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        await using var connector = await RecordingConnector.StartAsync();
        var warehouse = new Dictionary<string, string>
        {
            ["Directory__People__6__AadObjectId"] = BotHost.WarehouseId,
            ["Directory__People__6__Name"] = "Wu Warehouse",
            ["Directory__People__6__Positions__0"] = "WarehouseKeeper",
            ["Records__ExportsPerMinute"] = "5",
        };
        await using var bot = await BotProcess.StartAsync(azurite.ConnectionString, AzuriteFixture.NewTablePrefix(), warehouse);
        try
        {
            await Activities.PostAsync(bot.Client, Activities.ChannelMessage(connector.ServiceUrl, "register qc", BotHost.AdminId));
            var ids = new List<string>();
            for (var i = 0; i < forms; i++)
            {
                await Activities.PostAsync(bot.Client, Activities.PersonalMessage(connector.ServiceUrl, $"request {Title} {i} | cost 1.23", BotHost.SalesId, "en-US"));
                ids.Add(connector.Delivered.Last(c => c.Path.Contains("a:personal-" + BotHost.SalesId, StringComparison.Ordinal)).Card!["refresh"]!["action"]!["data"]!["workflow"]!.GetValue<string>());
            }

            // Every number used, and as many never used after them.
            var prefix = ids[0][..^4];
            var numbers = Enumerable.Range(1, forms * 2).Select(n => prefix + n.ToString("D4", CultureInfo.InvariantCulture)).ToList();
            var rows = new List<(string Probe, int Attempts, int Refused, int Leaked, bool SameAnswer)>();
            foreach (var (who, user) in new[] { ("unknown person", Stranger), ("warehouse keeper", BotHost.WarehouseId) })
            {
                rows.Add(await ProbeAsync($"card refresh, {who}", numbers, ids, n => RefreshAsync(bot.Client, connector, user, n)));
                rows.Add(await ProbeAsync($"Submit fallback, {who}", numbers, ids, n => SubmitAsync(bot.Client, connector, user, n)));
                rows.Add(await ProbeAsync($"`records IA-…`, {who}", numbers, ids, n => SayAsync(bot.Client, connector, user, "records " + n)));
            }

            Console.WriteLine($"Read-side probes: {forms} Internal Approvals by Sales (title \"{Title} …\"), numbers {numbers[0]} … {numbers[^1]} ({forms} used, {forms} never used).");
            Console.WriteLine();
            Console.WriteLine("| probe | attempts | refused (with the one answer) | leaked anything | existing and unused numbers answered alike |");
            Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
            foreach (var r in rows)
            {
                Console.WriteLine($"| {r.Probe} | {r.Attempts} | {r.Refused} | {r.Leaked} | {(r.SameAnswer ? "yes" : "**no**")} |");
            }

            // Exports: Sales' own link, used twice; the warehouse keeper's link to the same search; a tampered link; the limit.
            var sales = await ExportLinkAsync(bot.Client, connector, BotHost.SalesId);
            var first = await bot.Client.GetAsync(sales!);
            var second = await bot.Client.GetAsync(sales!);
            var theirLink = await ExportLinkAsync(bot.Client, connector, BotHost.WarehouseId);
            var theirs = theirLink is null ? null : await bot.Client.GetAsync(theirLink);
            var theirsHolds = theirs is not null && (await theirs.Content.ReadAsStringAsync()).Contains(Title, StringComparison.Ordinal);
            var tampered = await bot.Client.GetAsync(sales![..^3] + (sales[^3] == 'A' ? "B" : "A") + sales[^2..]);
            var burst = new List<HttpStatusCode>();
            for (var i = 0; i < 10; i++)
            {
                burst.Add((await bot.Client.GetAsync((await ExportLinkAsync(bot.Client, connector, BotHost.SalesId))!)).StatusCode);
            }

            Console.WriteLine();
            Console.WriteLine("| export probe | answer |");
            Console.WriteLine("| --- | --- |");
            Console.WriteLine($"| Sales' link, first use | {(int)first.StatusCode}, {(await first.Content.ReadAsByteArrayAsync()).Length:N0} bytes |");
            Console.WriteLine($"| the same link again | {(int)second.StatusCode} |");
            Console.WriteLine($"| the warehouse keeper's same search | {(theirs is null ? "no link offered (0 records found)" : $"{(int)theirs.StatusCode}, holds the forms: {(theirsHolds ? "**yes**" : "no")}")} |");
            Console.WriteLine($"| Sales' link with one character changed | {(int)tampered.StatusCode} |");
            Console.WriteLine($"| 10 more exports by Sales within the minute (limit 5) | {string.Join(", ", burst.GroupBy(s => (int)s).Select(g => $"{g.Count()} × {g.Key}"))} |");

            var leaked = rows.Sum(r => r.Leaked) + (theirsHolds ? 1 : 0);
            var failed = leaked > 0 || rows.Any(r => !r.SameAnswer || r.Refused != r.Attempts) || first.StatusCode != HttpStatusCode.OK || second.StatusCode != HttpStatusCode.Forbidden
                || tampered.StatusCode != HttpStatusCode.Forbidden || burst.Count(s => s == HttpStatusCode.TooManyRequests) == 0;
            Console.WriteLine();
            Console.WriteLine(failed ? $"FAILED: {leaked} leaks, or an answer that tells existing numbers apart, or an export not refused." : "No attempt leaked anything; existing and unused numbers got the same answer.");
            return failed ? 1 : 0;
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task<(string Probe, int Attempts, int Refused, int Leaked, bool SameAnswer)> ProbeAsync(string probe, List<string> numbers, List<string> used, Func<string, Task<string>> attempt)
    {
        var answers = new Dictionary<string, string>();
        foreach (var number in numbers)
        {
            answers[number] = await attempt(number);
        }

        var leaked = answers.Values.Count(a => a.Contains(Title, StringComparison.Ordinal) || a.Contains("Sam Sales", StringComparison.Ordinal));
        var refused = answers.Values.Count(a => a.Contains("or it is not yours to see", StringComparison.Ordinal) || a.Contains("The directory lists no position for you", StringComparison.Ordinal));
        var shapes = answers.Select(kv => kv.Value.Replace(kv.Key, "#", StringComparison.Ordinal)).ToList();
        var same = shapes.Distinct(StringComparer.Ordinal).Count() == 1;
        return (probe, numbers.Count, refused, leaked, same);
    }

    private static async Task<string> RefreshAsync(HttpClient client, RecordingConnector connector, string user, string number)
    {
        var response = await Activities.PostAsync(client, Activities.CardClick(connector.ServiceUrl, user, "refresh", new JsonObject { ["workflow"] = number, ["version"] = 1 }, "en-US"));
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> SubmitAsync(HttpClient client, RecordingConnector connector, string user, string number)
    {
        var submit = Activities.PersonalMessage(connector.ServiceUrl, string.Empty, user, "en-US");
        submit.Remove("text");
        submit["value"] = new JsonObject { ["verb"] = "refresh", ["workflow"] = number, ["version"] = 1 };
        await Activities.PostAsync(client, submit);
        return Last(connector, user);
    }

    private static async Task<string> SayAsync(HttpClient client, RecordingConnector connector, string user, string text)
    {
        await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, text, user, "en-US"));
        return Last(connector, user);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What the person was last sent in their personal chat: its text and cards (not the message's own ids).</summary>
    private static string Last(RecordingConnector connector, string user)
    {
        var body = connector.Delivered.Last(c => c.Path.Contains("a:personal-" + user, StringComparison.Ordinal)).Body!;
        return (body["text"]?.GetValue<string>() ?? string.Empty) + (body["attachments"]?.ToJsonString(Unescaped) ?? string.Empty);
    }

    /// <summary>The person searches every Internal Approval in their personal chat; the Excel link of the answer, as a path (null when none is offered).</summary>
    private static async Task<string?> ExportLinkAsync(HttpClient client, RecordingConnector connector, string user)
    {
        await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "records form approval", user, "en-US"));
        var card = connector.Delivered.Last(c => c.Path.Contains("a:personal-" + user, StringComparison.Ordinal)).Card!;
        var url = card.ToJsonString(Unescaped).Split('"').FirstOrDefault(s => s.Contains("/records/export?format=xlsx", StringComparison.Ordinal));
        return url is null ? null : new Uri(url).PathAndQuery;
    }
}
