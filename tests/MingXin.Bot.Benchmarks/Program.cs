using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using MingXin.Bot.Hosting;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Loopback load driver for one approval step, next to two baselines measured in the same run:
//   echo  — a 'help' message through the same host (one reply to the Connector, no storage);
//   floor — the step's storage work issued directly to Azurite (point read + entity-group batch);
//   step  — an Action.Execute 'comment' invoke: load, authorize, transition, one batch, answer; the
//           outbox (card updates and thread replies in 4 channels) is sent in the background;
//   complaint — a message in an open complaint conversation (a correction of the quantity): read the
//           conversation and the customer register, update the conversation under its ETag, answer
//           with the confirmation card.
// Usage: dotnet run -c Release --project tests/MingXin.Bot.Benchmarks [seconds-per-run]
if (args.Length > 0 && args[0] == "deadlines")
{
    return await DeadlineTicks.RunAsync();
}

if (args.Length > 0 && args[0] == "records")
{
    return await RecordSearches.RunAsync();
}

if (args.Length > 0 && args[0] == "outage")
{
    return await Outage.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30);
}

if (args.Length > 0 && args[0] == "bodies")
{
    return await OversizeBodies.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32);
}

if (args.Length > 0 && args[0] == "probes")
{
    return await Probes.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20);
}

if (args.Length > 0 && args[0] == "fanout")
{
    return await FanOut.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50);
}

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
var concurrencies = new[] { 1, 50 };

var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
await using var connector = await RecordingConnector.StartAsync();
var prefix = AzuriteFixture.NewTablePrefix();
var app = await StartBotAsync(azurite.ConnectionString, prefix);
var botUrl = app.Urls.First();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(botUrl) };

Console.WriteLine($"bot {botUrl}, Azurite 127.0.0.1:{azurite.Port}, Connector {connector.ServiceUrl}, {Environment.ProcessorCount} cores, {seconds} s per run");

// Setup: channels for the four first departments, one workflow per caller.
foreach (var d in new[] { "sales", "production", "qc", "materials", "gm-office" })
{
    await Post(Activities.ChannelMessage(connector.ServiceUrl, "register " + d, BotHost.AdminId, channelId: $"19:{d}@thread.tacv2"));
}

var workflows = new string[concurrencies.Max()];
for (var i = 0; i < workflows.Length; i++)
{
    var msg = Activities.PersonalMessage(connector.ServiceUrl, $"request Load test {i}", BotHost.SalesId);
    await Post(msg);
    workflows[i] = $"IA-{DateTime.UtcNow.AddHours(8).Year}-{i + 1:D4}";
}

// One open complaint conversation per caller, each in its own chat, at the confirmation card.
JsonNode ComplaintMessage(int caller, string text)
{
    var message = Activities.PersonalMessage(connector.ServiceUrl, text, BotHost.SalesId);
    message["conversation"]!["id"] = "a:personal-complaint-" + caller;
    return message;
}

for (var i = 0; i < workflows.Length; i++)
{
    (await Post(ComplaintMessage(i, "投诉：华美来电，礼盒 300个 烫金脱落，严重"))).EnsureSuccessStatusCode();
}

var storage = app.Services.GetRequiredService<TableStorage>();
var pendingIndex = app.Services.GetRequiredService<OutboxPendingIndex>();
await Drain();
var versions = new long[workflows.Length];
Array.Fill(versions, 1);

var floorTable = new TableServiceClient(azurite.ConnectionString).GetTableClient(prefix + "Floor");
await floorTable.CreateIfNotExistsAsync();
var floorEtags = new ETag[workflows.Length];
for (var i = 0; i < workflows.Length; i++)
{
    floorEtags[i] = (await floorTable.UpsertEntityAsync(new TableEntity("F" + i, "state") { ["Version"] = 0L, ["State"] = new string('x', 2000) })).Headers.ETag!.Value;
}

var floorVersions = new long[workflows.Length];
var results = new List<(string Scenario, int Callers, Stats Stats)>();
var probe = Environment.GetEnvironmentVariable("BENCH_PROBE") == "1";
if (probe)
{
    var root = await Run(1, async _ => (await http.GetAsync("/")).EnsureSuccessStatusCode());
    var empty = await Run(1, async _ =>
    {
        var update = Activities.BotAddedToTeam(connector.ServiceUrl);
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:someone" });
        (await Post(update)).EnsureSuccessStatusCode();
    });
    var text = await Run(1, async _ => (await Post(Activities.PersonalMessage(connector.ServiceUrl, "register qc", BotHost.SalesId, "en-US"))).EnsureSuccessStatusCode());
    var direct = await Run(1, async _ => (await http.PostAsync(connector.ServiceUrl + "v3/conversations/x/activities/y", new StringContent("{\"type\":\"message\"}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode());
    var messenger = app.Services.GetRequiredService<MingXin.Bot.Messaging.IChannelMessenger>();
    var thread = new MingXin.Bot.Messaging.PostedMessage(connector.ServiceUrl, "t", "28:bot", "c;messageid=1", "1");
    var proactive = await Run(1, async _ => await messenger.ReplyInThreadAsync(thread, MingXin.Bot.Conversations.ChatReply.Message("hi"), default));
    var factory = app.Services.GetRequiredService<IHttpClientFactory>();
    var raw = await Run(1, async _ =>
    {
        using var client = new Microsoft.Bot.Connector.ConnectorClient(new Uri(connector.ServiceUrl), Microsoft.Bot.Connector.Authentication.MicrosoftAppCredentials.Empty, factory.CreateClient("BotConnector"), disposeHttpClient: false);
        await Microsoft.Bot.Connector.ConversationsExtensions.SendToConversationAsync(client.Conversations, "c", new Microsoft.Bot.Schema.Activity { Type = "message", Text = "hi" });
    });
    using var shared = new Microsoft.Bot.Connector.ConnectorClient(new Uri(connector.ServiceUrl), Microsoft.Bot.Connector.Authentication.MicrosoftAppCredentials.Empty, factory.CreateClient("BotConnector"), disposeHttpClient: false);
    var reused = await Run(1, async _ => await Microsoft.Bot.Connector.ConversationsExtensions.SendToConversationAsync(shared.Conversations, "c", new Microsoft.Bot.Schema.Activity { Type = "message", Text = "hi" }));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probe: reused ConnectorClient p50 {reused.P50:F2} ms"));
    var plain = await Run(1, async _ =>
    {
        using var client = new Microsoft.Bot.Connector.ConnectorClient(new Uri(connector.ServiceUrl), Microsoft.Bot.Connector.Authentication.MicrosoftAppCredentials.Empty, new HttpClient(), disposeHttpClient: true);
        await Microsoft.Bot.Connector.ConversationsExtensions.SendToConversationAsync(client.Conversations, "c", new Microsoft.Bot.Schema.Activity { Type = "message", Text = "hi" });
    });
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probe: proactive reply p50 {proactive.P50:F2} ms; raw ConnectorClient (resilient HttpClient) p50 {raw.P50:F2} ms; raw ConnectorClient (plain HttpClient) p50 {plain.P50:F2} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probe: GET / {root.PerSecond:F0}/s p50 {root.P50:F2} ms; empty turn {empty.PerSecond:F0}/s p50 {empty.P50:F2} ms; text reply {text.PerSecond:F0}/s p50 {text.P50:F2} ms; direct connector POST {direct.PerSecond:F0}/s p50 {direct.P50:F2} ms"));
}

foreach (var callers in concurrencies)
{
    results.Add(("echo", callers, await Run(callers, async i =>
    {
        var r = await Post(Activities.PersonalMessage(connector.ServiceUrl, "help", BotHost.SalesId, "en-US"));
        r.EnsureSuccessStatusCode();
    })));

    results.Add(("floor", callers, await Run(callers, async i =>
    {
        var state = await floorTable.GetEntityAsync<TableEntity>("F" + i, "state");
        var v = ++floorVersions[i];
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, new TableEntity("F" + i, "state") { ["Version"] = v, ["State"] = new string('x', 2000) }, state.Value.ETag),
            new(TableTransactionActionType.Add, new TableEntity("F" + i, $"audit-{v:D8}-00") { ["Action"] = "commented", ["Comment"] = "c" }),
            new(TableTransactionActionType.Add, new TableEntity("F" + i, $"outbox-{v:D8}-00") { ["Kind"] = "update" }),
            new(TableTransactionActionType.Add, new TableEntity("F" + i, $"outbox-{v:D8}-01") { ["Kind"] = "reply" }),
            new(TableTransactionActionType.Add, new TableEntity("F" + i, $"outbox-{v:D8}-02") { ["Kind"] = "tasks" }),
        };
        await floorTable.SubmitTransactionAsync(actions);
    })));

    var before = storage.RequestCount;
    long steps = 0;
    var stats = await Run(callers, async i =>
    {
        var data = new JsonObject { ["workflow"] = workflows[i], ["version"] = versions[i], ["comment"] = "load " + versions[i] };
        var r = await Post(Activities.CardClick(connector.ServiceUrl, BotHost.SalesId, "comment", data));
        var body = (await r.Content.ReadFromJsonAsync<JsonObject>())!;
        var card = body["value"]!.AsObject();
        var version = card["refresh"]!["action"]!["data"]!["version"]!.GetValue<long>();
        if (version != versions[i] + 1)
        {
            throw new InvalidOperationException($"{workflows[i]}: expected version {versions[i] + 1}, got {version}: {card["body"]![0]!["text"]}");
        }

        versions[i] = version;
        Interlocked.Increment(ref steps);
    });
    await Drain();
    results.Add(("step", callers, stats with { StorageRequestsPerOp = (storage.RequestCount - before) / (double)steps }));

    before = storage.RequestCount;
    long turns = 0;
    var quantities = new int[workflows.Length];
    var complaint = await Run(callers, async i =>
    {
        var r = await Post(ComplaintMessage(i, $"不是，数量是 {++quantities[i] + 300}"));
        r.EnsureSuccessStatusCode();
        Interlocked.Increment(ref turns);
    });
    results.Add(("complaint", callers, complaint with { StorageRequestsPerOp = (storage.RequestCount - before) / (double)turns }));
}

Console.WriteLine();
Console.WriteLine("| scenario | callers | ops/s | p50 ms | p99 ms | storage requests per op |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var (scenario, callers, s) in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {scenario} | {callers} | {s.PerSecond:F0} | {s.P50:F2} | {s.P99:F2} | {(s.StorageRequestsPerOp is { } q ? q.ToString("F1", CultureInfo.InvariantCulture) : "—")} |"));
}

Stats Get(string scenario, int callers) => results.Single(r => r.Scenario == scenario && r.Callers == callers).Stats;
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step/floor throughput at 50 callers: {Get("step", 50).PerSecond / Get("floor", 50).PerSecond:P0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step p50 at 1 caller minus (echo p50 + floor p50): {Get("step", 1).P50 - Get("echo", 1).P50 - Get("floor", 1).P50:F2} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"complaint turn / echo throughput: {Get("complaint", 1).PerSecond / Get("echo", 1).PerSecond:P0} at 1 caller, {Get("complaint", 50).PerSecond / Get("echo", 50).PerSecond:P0} at 50; complaint p50 at 1 caller minus echo p50: {Get("complaint", 1).P50 - Get("echo", 1).P50:F2} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Connector calls recorded: {connector.Calls.Count}; failed steps: 0 (a failed step aborts the run)"));

await app.StopAsync();
await azurite.DisposeAsync();
return 0;

async Task<HttpResponseMessage> Post(JsonNode activity) =>
    await http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));

async Task Drain()
{
    var until = DateTime.UtcNow.AddSeconds(120);
    while ((await pendingIndex.ListAsync(default)).Count > 0 && DateTime.UtcNow < until)
    {
        await Task.Delay(50); // polling until the outbox has drained
    }
}

async Task<Stats> Run(int callers, Func<int, Task> op)
{
    // Warm-up, then a timed run; every caller loops on its own workflow / partition.
    await Loop(callers, op, TimeSpan.FromSeconds(2));
    var (latencies, elapsed) = await Loop(callers, op, TimeSpan.FromSeconds(seconds));
    latencies.Sort();
    return new Stats(latencies.Count / elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), null);
}

static async Task<(List<double> Latencies, TimeSpan Elapsed)> Loop(int callers, Func<int, Task> op, TimeSpan duration)
{
    var all = new List<double>();
    var watch = Stopwatch.StartNew();
    var tasks = Enumerable.Range(0, callers).Select(async i =>
    {
        var mine = new List<double>();
        while (watch.Elapsed < duration)
        {
            var t = Stopwatch.GetTimestamp();
            await op(i);
            mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        return mine;
    }).ToList();
    foreach (var list in await Task.WhenAll(tasks))
    {
        all.AddRange(list);
    }

    return (all, watch.Elapsed);
}

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static async Task<WebApplication> StartBotAsync(string connectionString, string prefix)
{
    var contentRoot = Directory.CreateTempSubdirectory("mingxin-bench").FullName; // no appsettings files: only what is set here
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = contentRoot });
    var people = new (string Id, string Name, string Position)[]
    {
        (BotHost.AdminId, "Admin", "Administrator"), (BotHost.SalesId, "Sales", "Salesperson"), (BotHost.ProductionManagerId, "Prod", "ProductionManager"),
        (BotHost.QcManagerId, "Qc", "QcManager"), (BotHost.MaterialsId, "Mat", "MaterialsController"), (BotHost.GmId, "Gm", "GeneralManager"),
    };
    var settings = new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = connectionString,
        ["Storage:TablePrefix"] = prefix,
        ["MicrosoftAppId"] = string.Empty,
        ["Customers:Initial:0:Name"] = "华美礼品",
        ["Customers:Initial:0:ShortNames"] = "华美",
        ["Customers:Initial:0:Products"] = "礼盒, 手提袋",
        ["Customers:Initial:1:Name"] = "Acme Printing Ltd",
        ["Customers:Initial:1:ShortNames"] = "ACME",
    };
    for (var i = 0; i < people.Length; i++)
    {
        settings[$"Directory:People:{i}:AadObjectId"] = people[i].Id;
        settings[$"Directory:People:{i}:Name"] = people[i].Name;
        settings[$"Directory:People:{i}:Positions:0"] = people[i].Position;
    }

    builder.Configuration.AddInMemoryCollection(settings);
    builder.Logging.ClearProviders();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.AddMingXinBot();
    var app = builder.Build();
    app.MapMingXinBot();
    await app.StartAsync();
    return app;
}

internal sealed record Stats(double PerSecond, double P50, double P99, double? StorageRequestsPerOp);
