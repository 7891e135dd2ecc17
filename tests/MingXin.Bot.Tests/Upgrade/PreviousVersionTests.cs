using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using MingXin.Bot.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Upgrade;

/// <summary>
/// Forms saved by the previous version still load, show, search, export and act. The fixtures in
/// Upgrade/Fixtures are the Workflows and Customers rows the previous version's own flow tests wrote
/// (state, audit, outbox and side rows, exactly as stored), loaded into fresh tables here; the bot then
/// starts on them as it would after a deployment.
/// </summary>
public sealed partial class PreviousVersionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "tests", "MingXin.Bot.Tests", "Upgrade", "Fixtures");

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in System.IO.Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Every_stored_form_shows_its_card_opens_as_a_record_and_exports(string fixture)
    {
        await using var bot = await UpgradedBot.StartAsync(azurite, fixture);
        var ids = bot.StateRows.Select(r => r.PartitionKey).ToList();
        Assert.NotEmpty(ids);

        // The record index is built from the stored forms at the first start (in the background).
        await Eventually.TrueAsync(
            () => ids.All(id => CardDriver.Text(bot.Cards.SayAsync(BotHost.AdminId, "records " + id, "en-US").Result.Card!).Contains("Audit trail", StringComparison.Ordinal)),
            $"the forms of {fixture} to be indexed");

        var forms = bot.Host.Services.GetRequiredService<WorkflowForms>();
        var store = bot.Host.Services.GetRequiredService<WorkflowStore>();
        var cards = new List<JsonObject>();
        foreach (var id in ids)
        {
            var partition = (await store.LoadAsync(id, default))!;
            var form = forms.For(partition.State.Kind);
            Assert.True(form is not null, $"{id}: no form of kind {partition.State.Kind}");
            foreach (var l in new[] { Language.Chinese, Language.English })
            {
                var card = await form.BaseCardAsync(partition, l, default);
                Assert.Contains(id, card.ToJsonString(), StringComparison.Ordinal);
                cards.Add(card);
            }

            var record = (await bot.Cards.SayAsync(BotHost.AdminId, "记录 " + id)).Card!;
            Assert.Contains(id, CardDriver.Text(record), StringComparison.Ordinal);
            cards.Add(record);

            var csv = await bot.Client.GetStringAsync(CsvLink(record));
            Assert.Contains(id, csv, StringComparison.Ordinal);
        }

        Assert.All(await ReferenceCards.ValidateAsync(cards), events => Assert.Empty(events));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task What_each_form_tells_the_records_matches_what_the_previous_version_read_from_its_stored_state(string fixture)
    {
        await using var bot = await UpgradedBot.StartAsync(azurite, fixture);
        var forms = bot.Host.Services.GetRequiredService<WorkflowForms>();
        var store = bot.Host.Services.GetRequiredService<WorkflowStore>();
        foreach (var id in bot.StateRows.Select(r => r.PartitionKey))
        {
            var partition = (await store.LoadAsync(id, default))!;
            var form = forms.For(partition.State.Kind)!;
            var now = RecordSummary.From(id, partition.State.Kind, form.Facts(partition), form.IsOpen(partition));
            var before = PreviousReading.From(id, partition.State.Kind, JsonNode.Parse(partition.State.StateJson)!.AsObject(), form.IsOpen(partition));

            // The previous version found no subject for a sample order or a material issue; the typed facts name their product and material.
            // A notice in production was "Released" to it; the record now says how far shipping has got (nothing shipped yet).
            var status = partition.State.Kind == "ProductionNotice" && before.Status == "Released" ? "InProduction" : before.Status;
            Assert.Equal(before with { Subject = now.Subject, Scores = null, Status = status }, now with { Scores = null });
            Assert.Equal(before.Scores?.OrderBy(kv => kv.Key), now.Scores?.OrderBy(kv => kv.Key));
            Assert.True(before.Subject == now.Subject || before.Subject.Length == 0, $"{id}: subject {before.Subject} became {now.Subject}");
        }
    }

    [Fact]
    public async Task A_notice_saved_at_the_general_manager_is_approved_and_reaches_production()
    {
        await using var bot = await UpgradedBot.StartAsync(azurite, "notice-at-gm");
        var version = await bot.VersionAsync("PN-2026-0001");
        var (status, card) = await bot.Cards.ActAsync(BotHost.GmId, NoticeVerbs.Approve, "PN-2026-0001", version);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("两小时", CardDriver.Banner(card), StringComparison.Ordinal);
        Assert.Equal(NoticeStatus.AwaitingProductionTicket, (await bot.StateAsync<ProductionNoticeState>("PN-2026-0001")).Status);
        await Eventually.TrueAsync(() => bot.PostedTo("production", "PN-2026-0001"), "the notice to be posted to Production");
    }

    [Fact]
    public async Task A_released_notice_saved_before_takes_a_new_amendment_through_to_its_quantity()
    {
        await using var bot = await UpgradedBot.StartAsync(azurite, "amendment-applied");
        var before = await bot.StateAsync<ProductionNoticeState>("PN-2026-0001");
        Assert.Equal(NoticeStatus.Released, before.Status);

        var form = (await bot.Cards.SayAsync(BotHost.SalesId, "修正 PN-2026-0001")).Card!;
        var oa = CardDriver.Id(await bot.Cards.ClickAsync(BotHost.SalesId, form, AmendmentVerbs.Start, new JsonObject { ["field"] = "Quantity", ["value"] = "7000", ["reason"] = "客户再加 1000 个" }));
        Assert.Equal("OA-2026-0002", oa); // the counter of the previous version goes on
        await bot.Cards.ActAsync(BotHost.SalesManagerId, AmendmentVerbs.Confirm, oa, 1);
        await bot.Cards.ActAsync(BotHost.ProductionManagerId, AmendmentVerbs.Confirm, oa, 2);
        await bot.Cards.ActAsync(BotHost.PlannerId, AmendmentVerbs.Confirm, oa, 3);

        await Eventually.TrueAsync(() => bot.StateAsync<ProductionNoticeState>("PN-2026-0001").Result.Quantity == 7000, "the notice to take the amendment");
        var after = await bot.StateAsync<ProductionNoticeState>("PN-2026-0001");
        Assert.Equal(["OA-2026-0001", "OA-2026-0002"], after.Amendments.Select(a => a.AmendmentId));
        Assert.Equal(before.Amendments[0], after.Amendments[0]); // the earlier amendment is kept as it was
    }

    [Fact]
    public async Task A_released_notice_saved_before_ships_on_a_delivery_note_and_closes_when_all_is_shipped()
    {
        await using var bot = await UpgradedBot.StartAsync(azurite, "amendment-applied");
        var before = await bot.StateAsync<ProductionNoticeState>("PN-2026-0001");
        Assert.Equal((NoticeStatus.Released, 6_000), (before.Status, before.Quantity)); // saved as "closed" by the previous version, while in production

        var form = (await bot.Cards.SayAsync(BotHost.ClerkId, "送货单 PN-2026-0001")).Card!;
        Assert.Equal("6000", CardDriver.InputValue(form, "quantity"));
        var dn = CardDriver.Id(await bot.Cards.ClickAsync(BotHost.ClerkId, form, "dn-start", new JsonObject { ["quantity"] = "6000", ["address"] = "深圳市宝安区凤凰工业区 8 栋" }));
        await bot.Cards.ActAsync(BotHost.QcId, "dn-pass", dn, 1);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(bot.Host.Time.GetUtcNow(), MingXin.Bot.Domain.Calendar.BusinessCalendar.FactoryZone).DateTime);
        await bot.Cards.ActAsync(BotHost.WarehouseId, "dn-ship", dn, 2, new JsonObject { ["quantity"] = "6000", ["shippedOn"] = today.ToString("yyyy-MM-dd"), ["carrier"] = "顺丰", ["address"] = "深圳市宝安区凤凰工业区 8 栋" });

        await Eventually.TrueAsync(() => bot.StateAsync<ProductionNoticeState>("PN-2026-0001").Result.Status == NoticeStatus.Shipped, "the notice to close when everything is shipped");
        var after = await bot.StateAsync<ProductionNoticeState>("PN-2026-0001");
        Assert.Equal((dn, 6_000), (after.Shipments.Single().DeliveryNote, after.Shipments[0].Quantity));
        Assert.Equal(before.Amendments, after.Amendments); // what the previous version recorded stays
    }

    [Fact]
    public async Task Changes_to_other_forms_in_the_previous_versions_outbox_rows_are_read_by_their_handlers()
    {
        foreach (var fixture in new[] { "amendment-applied", "material-issue-resolved" })
        {
            await using var bot = await UpgradedBot.StartAsync(azurite, fixture);
            var relays = bot.Host.Services.GetServices<IOutboxRelay>().ToDictionary(r => r.Name);
            var rows = bot.Rows.Where(r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal) && r.GetString("Kind") == OutboxMessage.ToOtherForm).ToList();
            Assert.NotEmpty(rows);
            foreach (var row in rows)
            {
                var message = WorkflowJson.Deserialize<OutboxMessage>(row.GetString("Payload"));
                Assert.True(relays.ContainsKey(message.Relay!), $"{fixture}: no handler for {message.Relay}");

                // Delivered again (as the outbox may): the handler reads the old payload and changes nothing twice.
                Assert.StartsWith("already applied to PN-", await relays[message.Relay!].RelayAsync(message.Payload!, default), StringComparison.Ordinal);
            }
        }
    }

    private static string CsvLink(JsonObject card)
    {
        static IEnumerable<JsonObject> All(JsonNode? node) => node switch
        {
            JsonObject o => new[] { o }.Concat(o.SelectMany(p => All(p.Value))),
            JsonArray a => a.SelectMany(All),
            _ => [],
        };

        var url = All(card["body"]).Concat(All(card["actions"])).First(o => o["type"]?.GetValue<string>() == "Action.OpenUrl" && o["url"]!.GetValue<string>().Contains("format=", StringComparison.Ordinal))["url"]!.GetValue<string>();
        var query = new Uri(url).PathAndQuery;
        return System.Text.RegularExpressions.Regex.Replace(query, "format=[a-z]+", "format=csv");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial System.Text.RegularExpressions.Regex OldConnector();

    /// <summary>The bot started on tables that hold a fixture's rows, as after a deployment over the previous version's data.</summary>
    private sealed class UpgradedBot : IAsyncDisposable
    {
        private UpgradedBot(BotHost host, RecordingConnector connector, IReadOnlyList<TableEntity> rows)
        {
            Host = host;
            Connector = connector;
            Rows = rows;
            Client = host.CreateClient();
            Cards = new CardDriver(Client, connector);
        }

        public BotHost Host { get; }

        public RecordingConnector Connector { get; }

        public HttpClient Client { get; }

        public CardDriver Cards { get; }

        /// <summary>The Workflows rows as the previous version stored them.</summary>
        public IReadOnlyList<TableEntity> Rows { get; }

        public IEnumerable<TableEntity> StateRows => Rows.Where(r => r.RowKey == "state");

        /// <param name="patch">Edits a stored form's state (id, JSON as the previous version wrote it), to stand it at an earlier step of the same version.</param>
        public static async Task<UpgradedBot> StartAsync(AzuriteFixture azurite, string fixture, Func<string, JsonObject, JsonObject>? patch = null)
        {
            var connector = await RecordingConnector.StartAsync();
            var prefix = AzuriteFixture.NewTablePrefix();
            var tables = TestStorage.Open(azurite.ConnectionString, prefix);
            await tables.EnsureCreatedAsync(default);
            var workflows = new List<TableEntity>();
            foreach (var row in JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, fixture + ".json")))!.AsArray())
            {
                var entity = new TableEntity(row!["pk"]!.GetValue<string>(), row["rk"]!.GetValue<string>());
                foreach (var (name, typed) in row["p"]!.AsObject())
                {
                    var (type, value) = typed!.AsObject().Single();
                    entity[name] = type switch
                    {
                        // The same Teams, reached at this run's recording Connector: posted cards keep their conversation and activity ids.
                        "String" => OldConnector().Replace(value!.GetValue<string>(), connector.ServiceUrl),
                        "Int64" => value!.GetValue<long>(),
                        "Int32" => value!.GetValue<int>(),
                        "Boolean" => value!.GetValue<bool>(),
                        "Double" => value!.GetValue<double>(),
                        "DateTime" => DateTimeOffset.Parse(value!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                        _ => throw new InvalidOperationException($"{fixture}: a property of type {type}"),
                    };
                }

                if (patch is not null && entity.RowKey == "state" && entity.GetString("State") is { } stored)
                {
                    entity["State"] = patch(entity.PartitionKey, JsonNode.Parse(stored)!.AsObject()).ToJsonString();
                }

                var table = row["table"]!.GetValue<string>() == "Customers" ? tables.Customers : tables.Workflows;
                await table.AddEntityAsync(entity);
                if (table == tables.Workflows)
                {
                    workflows.Add(entity);
                }
            }

            // The counters of the document numbers, as the previous version left them (the fixtures hold the forms, not the counters).
            foreach (var group in workflows.Where(r => r.RowKey == "state").GroupBy(r => (Prefix: r.PartitionKey[..2], Year: r.PartitionKey[3..7])))
            {
                var last = group.Max(r => int.Parse(r.PartitionKey[8..], System.Globalization.CultureInfo.InvariantCulture));
                await tables.Counters.UpsertEntityAsync(new TableEntity(group.Key.Prefix, group.Key.Year) { ["Last"] = (long)last });
            }

            // Every stored form is exported in turn, faster than a person would (five a minute by default).
            var host = new BotHost(azurite.ConnectionString, tablePrefix: prefix, extra: new Dictionary<string, string?> { ["Records:ExportsPerMinute"] = "1000" });
            var bot = new UpgradedBot(host, connector, workflows);
            await DepartmentChannels.RegisterAllAsync(bot.Client, connector);
            return bot;
        }

        public async Task<long> VersionAsync(string id) => (await Host.Services.GetRequiredService<WorkflowStore>().GetStateAsync(id, default))!.Version;

        public async Task<T> StateAsync<T>(string id) => WorkflowJson.Deserialize<T>((await Host.Services.GetRequiredService<WorkflowStore>().GetStateAsync(id, default))!.StateJson);

        public bool PostedTo(string channel, string id) => Connector.Delivered.Any(c =>
            c.Method == "POST" && c.Path == "/v3/conversations"
            && c.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>() == DepartmentChannels.All[channel]
            && c.Body["activity"]!["attachments"]![0]!["content"]!.ToJsonString().Contains(id, StringComparison.Ordinal));

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Host.DisposeAsync();
            await Connector.DisposeAsync();
        }
    }
}
