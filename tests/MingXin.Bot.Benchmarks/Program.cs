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
using MingXin.Bot.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Loopback load driver for one approval step, next to two baselines measured in the same run:
//   echo  — a 'help' message through the same host (one reply to the Connector, no storage);
//   floor — the step's storage work issued directly to Azurite (point read + entity-group batch);
//   floor (query) — the same with the read the step makes: one partition query (state, unsent outbox rows, side rows);
//   step  — an Action.Execute 'comment' invoke: load, authorize, transition, one batch, answer — the click
//           alone: what the outbox would send (card updates and thread replies in 4 channels) is held until
//           the run is over, then sent and measured on its own (outbox);
//   step + outbox — the same click while the outbox sends in the background, as in use;
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

if (args.Length > 0 && args[0] == "documents")
{
    return DocumentCosts.Run();
}

if (args.Length > 0 && args[0] == "fanout")
{
    return await FanOut.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : null);
}

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
var concurrencies = Environment.GetEnvironmentVariable("BENCH_CALLERS") is { Length: > 0 } only ? only.Split(',').Select(int.Parse).ToArray() : new[] { 1, 50 };

var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
await using var connector = await RecordingConnector.StartAsync();
var prefix = AzuriteFixture.NewTablePrefix();
var held = new HeldOutbox();
var app = await StartBotAsync(azurite.ConnectionString, prefix, held);
var botUrl = app.Urls.First();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(botUrl) };

Console.WriteLine($"bot {botUrl}, Azurite 127.0.0.1:{azurite.Port}, Connector {connector.ServiceUrl}, {Environment.ProcessorCount} cores, {seconds} s per run");

// Setup: channels for the four first departments, one workflow per caller.
foreach (var d in new[] { "sales", "production", "qc", "materials", "gm-office" })
{
    await Post(Activities.ChannelMessage(connector.ServiceUrl, "register " + d, BotHost.AdminId, channelId: $"19:{d}@thread.tacv2"));
}

// Each caller acts on its own four forms in turn (a person works on several forms; one form clicked many times a
// second by one person is no workload, and would make each click wait for the sending of the one before).
const int FormsPerCaller = 4;
var workflows = new string[concurrencies.Max() * FormsPerCaller];
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

for (var i = 0; i < concurrencies.Max(); i++)
{
    (await Post(ComplaintMessage(i, "投诉：华美来电，礼盒 300个 烫金脱落，严重"))).EnsureSuccessStatusCode();
}

var storage = app.Services.GetRequiredService<TableStorage>();
var reader = new WorkflowStore(TestStorage.Open(azurite.ConnectionString, prefix)); // not counted with the bot's requests
await Drain();
var versions = new long[workflows.Length];
Array.Fill(versions, 1);

// The floors work in the bot's own workflow table, in partitions of their own: Azurite filters every row of a table
// for a query (a point read uses its index), so a floor in a smaller table of its own would be a floor the step could
// never reach. Their batches replace the same rows each time instead of adding new ones, so the floors do not grow
// the table the step then reads; the step's own rows do grow it while it runs — the ratio is, if anything, low.
var floorTable = new TableServiceClient(azurite.ConnectionString).GetTableClient(prefix + "Workflows");
for (var i = 0; i < workflows.Length; i++)
{
    await floorTable.UpsertEntityAsync(new TableEntity("F" + i, "state") { ["Version"] = 0L, ["State"] = new string('x', 2000) });
}

var floorVersions = new long[workflows.Length];
var results = new List<(string Scenario, int Callers, Stats Stats)>();
var outboxLines = new List<string>();
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
    }, "echo")));

    results.Add(("floor", callers, await Run(callers, async i =>
    {
        var state = await floorTable.GetEntityAsync<TableEntity>("F" + i, "state");
        await FloorBatch("F" + i, ++floorVersions[i], state.Value.ETag);
    }, "floor")));

    // The same work with the read the step really makes: one query for the state row, its unsent outbox rows and
    // its side rows (Azurite filters the whole table for a query, so this costs more there than a point read), on the
    // table as the step is about to find it.
    results.Add(("floor (query)", callers, await Run(callers, async i =>
    {
        var key = "F" + i;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key} and (RowKey eq {"state"} or (RowKey ge {"outbox-"} and RowKey lt {"outbox."} and Dispatched eq {false}) or (RowKey ge {"side-"} and RowKey lt {"side."}))");
        ETag? etag = null;
        await foreach (var e in floorTable.QueryAsync<TableEntity>(filter))
        {
            etag = e.RowKey == "state" ? e.ETag : etag;
        }

        await FloorBatch(key, ++floorVersions[i], etag!.Value);
    }, "floor (query)")));

    // The click alone: the outbox holds what the steps leave to send.
    held.Hold();
    var (step, turnRequests, _) = await Requests(() => Run(callers, Steps(callers), "step (outbox held)"));
    var steps = step.Count;
    results.Add(("step", callers, step with { TurnRequestsPerOp = turnRequests / steps }));

    // Then what they left, sent in one go: the background's own cost.
    var calls = connector.Calls.Count;
    var sendWatch = Stopwatch.StartNew();
    var (_, _, backgroundRequests) = await Requests(async () =>
    {
        held.Release();
        await Drain();
        return step;
    });
    outboxLines.Add(string.Create(CultureInfo.InvariantCulture, $"outbox after the {callers}-caller step run: {steps} steps' card updates and thread lines sent in {sendWatch.Elapsed.TotalSeconds:F1} s ({steps / sendWatch.Elapsed.TotalSeconds:F0} steps/s), {backgroundRequests / steps:F2} storage requests and {(connector.Calls.Count - calls) / (double)steps:F1} Connector calls per step"));

    // The click while the outbox sends in the background, as in use.
    var (live, liveTurn, liveBackground) = await Requests(async () =>
    {
        var stats = await Run(callers, Steps(callers), "step + outbox");
        await Drain();
        return stats;
    });
    results.Add(("step + outbox", callers, live with { TurnRequestsPerOp = liveTurn / live.Count, BackgroundRequestsPerOp = liveBackground / live.Count }));

    var before = storage.RequestCount;
    long turns = 0;
    var quantities = new int[concurrencies.Max()];
    var complaint = await Run(callers, async i =>
    {
        var r = await Post(ComplaintMessage(i, $"不是，数量是 {++quantities[i] + 300}"));
        r.EnsureSuccessStatusCode();
        Interlocked.Increment(ref turns);
    }, "complaint");
    results.Add(("complaint", callers, complaint with { TurnRequestsPerOp = (storage.RequestCount - before) / (double)turns }));
}

Console.WriteLine();
Console.WriteLine("| scenario | callers | ops/s | p50 ms | p99 ms | storage requests per op (in the turn + by the outbox) |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var (scenario, callers, s) in results)
{
    var requests = (s.TurnRequestsPerOp, s.BackgroundRequestsPerOp) switch
    {
        ({ } turn, { } background) => string.Create(CultureInfo.InvariantCulture, $"{turn:F1} + {background:F1} = {turn + background:F1}"),
        ({ } turn, null) => turn.ToString("F1", CultureInfo.InvariantCulture),
        _ => "—",
    };
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {scenario} | {callers} | {s.PerSecond:F0} | {s.P50:F2} | {s.P99:F2} | {requests} |"));
}

Stats Get(string scenario, int callers) => results.Single(r => r.Scenario == scenario && r.Callers == callers).Stats;
Console.WriteLine();
outboxLines.ForEach(Console.WriteLine);
foreach (var scenario in concurrencies.Length == 2 ? new[] { "step", "step + outbox" } : [])
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario}: throughput / floor at 50 callers {Get(scenario, 50).PerSecond / Get("floor", 50).PerSecond:P0} (/ floor (query) {Get(scenario, 50).PerSecond / Get("floor (query)", 50).PerSecond:P0}); p50 at 1 caller minus (echo p50 + floor p50) {Get(scenario, 1).P50 - Get("echo", 1).P50 - Get("floor", 1).P50:F2} ms (floor (query) {Get(scenario, 1).P50 - Get("echo", 1).P50 - Get("floor (query)", 1).P50:F2} ms)"));
}

if (concurrencies.Length == 2)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"complaint turn / echo throughput: {Get("complaint", 1).PerSecond / Get("echo", 1).PerSecond:P0} at 1 caller, {Get("complaint", 50).PerSecond / Get("echo", 50).PerSecond:P0} at 50; complaint p50 at 1 caller minus echo p50: {Get("complaint", 1).P50 - Get("echo", 1).P50:F2} ms"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Connector calls recorded: {connector.Calls.Count}; failed steps: 0 (a failed step aborts the run)"));

await app.StopAsync();
await azurite.DisposeAsync();
return 0;

async Task<HttpResponseMessage> Post(JsonNode activity) =>
    await http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));

// Until no form has an unsent outbox row (a form's pending mark stays while it is open, so the marks do not say).
async Task Drain()
{
    var until = DateTime.UtcNow.AddSeconds(120);
    foreach (var id in workflows)
    {
        while ((await reader.LoadForStepAsync(id, default))!.PendingOutbox.Any())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{id}: the outbox did not drain within 120 s.");
            }

            await Task.Delay(20); // polling until the outbox has drained
        }
    }
}

// A floor's batch: the state row under its ETag, an audit row and three outbox rows (replaced each time: see above).
async Task FloorBatch(string key, long version, ETag etag) => await floorTable.SubmitTransactionAsync(new List<TableTransactionAction>
{
    new(TableTransactionActionType.UpdateReplace, new TableEntity(key, "state") { ["Version"] = version, ["State"] = new string('x', 2000) }, etag),
    new(TableTransactionActionType.UpsertReplace, new TableEntity(key, "audit-00000000-00") { ["Action"] = "commented", ["Comment"] = "c" + version }),
    new(TableTransactionActionType.UpsertReplace, new TableEntity(key, "outbox-00000000-00") { ["Kind"] = "update", ["Dispatched"] = true }),
    new(TableTransactionActionType.UpsertReplace, new TableEntity(key, "outbox-00000000-01") { ["Kind"] = "reply", ["Dispatched"] = true }),
    new(TableTransactionActionType.UpsertReplace, new TableEntity(key, "outbox-00000000-02") { ["Kind"] = "tasks", ["Dispatched"] = true }),
});

// Caller i's forms are i, i + callers, i + 2 × callers …, taken in turn.
Func<int, Task> Steps(int callers)
{
    var turns = new int[callers];
    return caller => Step(caller + (turns[caller]++ % (workflows.Length / callers)) * callers);
}

async Task Step(int i)
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
}

// What the work sent to storage: in the turns, and by the outbox.
async Task<(Stats Stats, double Turn, double Background)> Requests(Func<Task<Stats>> work)
{
    var (total, background) = (storage.RequestCount, storage.BackgroundRequestCount);
    var stats = await work();
    var backgroundNow = storage.BackgroundRequestCount;
    return (stats, storage.RequestCount - total - (backgroundNow - background), backgroundNow - background);
}

async Task<Stats> Run(int callers, Func<int, Task> op, string scenario = "probe")
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {scenario}, {callers} caller(s)"));
    // Warm-up, then a timed run; every caller loops on its own workflow / partition.
    var (warm, _) = await Loop(callers, op, TimeSpan.FromSeconds(2));
    var (latencies, elapsed) = await Loop(callers, op, TimeSpan.FromSeconds(seconds));
    latencies.Sort();
    return new Stats(latencies.Count / elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Count + warm.Count);
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

static async Task<WebApplication> StartBotAsync(string connectionString, string prefix, HeldOutbox held)
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
        // This Connector keeps no limits, and each form here takes steps far faster than a Teams thread takes
        // messages (7 a second): paced, the outbox would fall behind by design. The fan-out driver measures pacing.
        ["Connector:Pacing:Enabled"] = "false",
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
    var signal = builder.Services.Last(d => d.ServiceType == typeof(IOutboxSignal));
    builder.Services.AddSingleton<IOutboxSignal>(sp => held.Over((IOutboxSignal)signal.ImplementationFactory!(sp)));
    var app = builder.Build();
    app.MapMingXinBot();
    await app.StartAsync();
    return app;
}

internal sealed record Stats(double PerSecond, double P50, double P99, long Count, double? TurnRequestsPerOp = null, double? BackgroundRequestsPerOp = null);

/// <summary>Passes the steps' signals to the outbox, or holds them until released (to measure a click apart from what it sends).</summary>
internal sealed class HeldOutbox : IOutboxSignal
{
    private readonly Lock _gate = new();
    private readonly List<(string Id, StepSnapshot? Snapshot)> _held = [];
    private IOutboxSignal? _inner;
    private bool _holding;

    public HeldOutbox Over(IOutboxSignal inner)
    {
        _inner = inner;
        return this;
    }

    public void Hold()
    {
        lock (_gate)
        {
            _holding = true;
        }
    }

    public void Release()
    {
        List<(string Id, StepSnapshot? Snapshot)> held;
        lock (_gate)
        {
            _holding = false;
            held = [.. _held];
            _held.Clear();
        }

        held.ForEach(h => _inner!.Notify(h.Id, h.Snapshot));
    }

    public void Notify(string workflowId, StepSnapshot? snapshot = null)
    {
        lock (_gate)
        {
            if (_holding)
            {
                _held.Add((workflowId, snapshot));
                return;
            }
        }

        _inner!.Notify(workflowId, snapshot);
    }
}
