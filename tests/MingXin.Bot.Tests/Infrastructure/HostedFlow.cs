using MingXin.Bot.Storage;
using MingXin.Bot.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// A factory's bot for a flow test: the real host on Azurite, a recording Connector, every
/// department channel registered, and a <see cref="CardDriver"/> to click the cards.
/// </summary>
public abstract class HostedFlow(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    /// <summary>The Azurite all hosts of the test share (a second process on the same storage, say).</summary>
    protected AzuriteFixture Azurite { get; } = azurite;

    protected RecordingConnector Connector { get; private set; } = null!;

    protected BotHost Host { get; private set; } = null!;

    protected CardDriver Cards { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    protected WorkflowStore Store => Host.Services.GetRequiredService<WorkflowStore>();

    /// <summary>Today in the factory, on the host's clock.</summary>
    protected DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Host.Time.GetUtcNow(), MingXin.Bot.Domain.Calendar.BusinessCalendar.FactoryZone).DateTime);

    /// <summary>Settings of the test's host beyond the defaults (none unless a test class says).</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>Services the test class replaces at its edge (none unless it says).</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        Connector = await RecordingConnector.StartAsync();
        Host = new BotHost(Azurite.ConnectionString, extra: Settings, services: ConfigureServices);
        Client = Host.CreateClient();
        await DepartmentChannels.RegisterAllAsync(Client, Connector);
        Cards = new CardDriver(Client, Connector);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
    }

    /// <summary>A quotation (3,000 and 5,000 pieces; 600 plates + 0.35 paper + 200 / 0.12 printing; 25 %) taken to "confirmed by the customer" through its own cards.</summary>
    protected async Task<string> ConfirmedQuotationAsync(bool repeatOrder = false, string customer = "华美礼品")
    {
        var form = (await Cards.SayAsync(BotHost.SalesId, "报价")).Card!;
        var card = await Cards.ClickAsync(BotHost.SalesId, form, "qt-start", new System.Text.Json.Nodes.JsonObject
        {
            ["customer"] = customer, ["product"] = "礼盒", ["specification"] = "250×180×60 mm，四色 + 烫金", ["path"] = "ordinary", ["evaluation"] = "现有工艺可以满足",
            ["repeat"] = repeatOrder ? "true" : "false",
            ["quantities"] = "3000 5000", ["fixed_plates"] = "600", ["unit_material"] = "0.35", ["fixed_printing"] = "200", ["unit_printing"] = "0.12", ["margin"] = "25",
        });
        var id = CardDriver.Id(card);
        await Cards.ActAsync(BotHost.GmId, "qt-approve", id, 1);
        await Cards.ActAsync(BotHost.SalesId, "qt-sent", id, 2, new System.Text.Json.Nodes.JsonObject { ["method"] = "Email" });
        await Cards.ActAsync(BotHost.SalesId, "qt-confirm", id, 3, new System.Text.Json.Nodes.JsonObject { ["signedBy"] = "黄先生", ["signedOn"] = Today.ToString("yyyy-MM-dd") });
        await DrainedAsync(id);
        return id;
    }

    /// <summary>A confirmed quotation, a passed order review and its Production Notice, approved by the GM: it has reached Production.</summary>
    protected async Task<string> NoticeAtProductionAsync(string customer = "华美礼品")
    {
        var pn = await NoticeAtGmAsync(customer);
        await Cards.ActAsync(BotHost.GmId, "pn-approve", pn, 2);
        await DrainedAsync(pn);
        return pn;
    }

    /// <summary>A confirmed quotation, a passed order review and its Production Notice, passed on by the follow-up clerk: waiting for the GM's approval (version 2).</summary>
    protected async Task<string> NoticeAtGmAsync(string customer = "华美礼品")
    {
        var quotation = await ConfirmedQuotationAsync(customer: customer);
        var order = new System.Text.Json.Nodes.JsonObject
        {
            ["po"] = "PO-1", ["product"] = "礼盒", ["specification"] = "250×180×60 mm，四色 + 烫金", ["quantity"] = "5000", ["price"] = "0.7875",
            ["quality"] = "耐磨", ["delivery"] = Today.AddDays(30).ToString("yyyy-MM-dd"), ["confirmed"] = "Name,Specification,Quantity,Price,Quality,Delivery",
        };
        var so = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, (await Cards.SayAsync(BotHost.SalesId, "订单 " + quotation)).Card!, "so-start", order));
        var pn = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, (await Cards.SayAsync(BotHost.SalesId, "生产通知单 " + so)).Card!, "pn-start", new System.Text.Json.Nodes.JsonObject()));
        await Cards.ActAsync(BotHost.ClerkId, "pn-pass-on", pn, 1);
        return pn;
    }

    /// <summary>An Internal Approval asked for in Sales' personal chat (its card goes to the QC channel); its number.</summary>
    protected async Task<string> StartApprovalAsync(string title = "新烫金工艺试产")
    {
        await Activities.PostAsync(Client, Activities.PersonalMessage(Connector.ServiceUrl, $"申请 {title} | 客户要求冷烫金", BotHost.SalesId));
        return CardDriver.Id(Connector.Delivered.Last(c => c.Path.Contains("a:personal-" + BotHost.SalesId, StringComparison.Ordinal)).Card!);
    }

    /// <summary>
    /// Waits until the forms' outboxes are sent, so what a test sees posted follows the steps. A send that
    /// failed (a storage request timed out under the suite's load) is sent again by the outbox's sweep,
    /// which runs on the host's clock: that clock stands still in a test, so after a while it is moved on by
    /// one sweep period, as the real one would be. On a timeout the rows still unsent are named.
    /// </summary>
    protected async Task DrainedAsync(params string[] ids)
    {
        bool Drained() => ids.All(id => !Store.LoadAsync(id, default).Result!.PendingOutbox.Any());
        var sweep = TimeSpan.FromSeconds(Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MingXin.Bot.Workflows.OutboxOptions>>().Value.SweepSeconds);
        for (var round = 0; round < 3 && !Drained(); round++)
        {
            try
            {
                await Eventually.TrueAsync(Drained, "the outboxes to drain", timeoutSeconds: 5);
            }
            catch (TimeoutException)
            {
                Host.Time.Advance(sweep);
            }
        }

        await Eventually.TrueAsync(Drained, $"the outboxes of {string.Join(", ", ids)} to drain", timeoutSeconds: 5, diagnostics: () => string.Join("\n", ids.SelectMany(id => Store.LoadAsync(id, default).Result!.PendingOutbox.Select(o => $"{id} v{o.Version}#{o.Index} {o.Kind} {o.PayloadJson} created {o.CreatedAt:O} result {o.DispatchResult}"))));
    }

    protected async Task<T> StateAsync<T>(string id) => WorkflowJson.Deserialize<T>((await Store.GetStateAsync(id, default))!.StateJson);

    /// <summary>The department channel key of every new thread posted, in order.</summary>
    protected List<string> PostedChannels() => Posts().Select(p => p.Channel).ToList();

    /// <summary>
    /// Which channels each form reached, forms in the order they first appeared. A step posts to all its channels at
    /// once, so within a step the order in which Teams receives them is not fixed.
    /// </summary>
    protected static List<(string Form, string Channels)> Reached(IEnumerable<(string Channel, string Form)> posts) =>
        posts.GroupBy(p => p.Form).Select(g => (g.Key, string.Join(", ", g.Select(p => p.Channel).Order(StringComparer.Ordinal)))).ToList();

    /// <summary>Every new thread posted in a channel: (department channel key, form number), in order.</summary>
    protected List<(string Channel, string Form)> Posts() => Connector.Delivered
        .Where(c => c.Method == "POST" && c.Path == "/v3/conversations" && c.Body?["channelData"]?["channel"] is not null)
        .Select(p => (
            DepartmentChannels.All.Single(kv => kv.Value == p.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>()).Key,
            p.Body!["activity"]!["attachments"]![0]!["content"]!["refresh"]!["action"]!["data"]!["workflow"]!.GetValue<string>()))
        .ToList();
}
