using System.Net;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using MingXin.Bot.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Reliability;

/// <summary>
/// Table Storage goes away mid-run and comes back (Azurite killed and restarted on the same port and
/// data folder): while it is down the bot answers errors and changes nothing; afterwards it carries
/// on with everything saved before, and what it could not send is sent once.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private readonly string _location = System.IO.Directory.CreateTempSubdirectory("mingxin-azurite").FullName;
    private AzuriteFixture _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteFixture.StartOnDiskAsync(_location);

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        System.IO.Directory.Delete(_location, recursive: true);
    }

    [Fact]
    public async Task While_storage_is_down_the_bot_answers_errors_and_afterwards_nothing_is_lost_or_doubled()
    {
        await using var connector = await RecordingConnector.StartAsync();
        await using var host = new BotHost(_azurite.ConnectionString, extra: new Dictionary<string, string?> { ["Outbox:SweepSeconds"] = "1" }, fakeTime: false);
        var client = host.CreateClient();
        foreach (var d in new[] { "sales", "production", "qc", "materials" })
        {
            await Activities.PostAsync(client, Activities.ChannelMessage(connector.ServiceUrl, "register " + d, BotHost.AdminId, channelId: $"19:{d}@thread.tacv2"));
        }

        await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "request Before the outage", BotHost.SalesId, "en-US"));
        var id = connector.Delivered.Last(c => c.Card is not null && c.Path.Contains("a:personal-", StringComparison.Ordinal)).Card!["refresh"]!["action"]!["data"]!["workflow"]!.GetValue<string>();
        var store = host.Services.GetRequiredService<WorkflowStore>();
        await Eventually.TrueAsync(() => !store.LoadAsync(id, default).Result!.PendingOutbox.Any(), "the first form's cards");
        var callsBefore = connector.Calls.Count;

        await _azurite.StopAsync();

        // Down: a new form and a click are refused with 503 (Teams redelivers), health says so, nothing is sent.
        var during = await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "request During the outage", BotHost.SalesId, "en-US"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        var click = await Activities.PostAsync(client, Activities.CardClick(connector.ServiceUrl, BotHost.ProductionManagerId, "approve", new System.Text.Json.Nodes.JsonObject { ["workflow"] = id, ["version"] = 1, ["seat"] = "production" }, "en-US"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, click.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(callsBefore, connector.Calls.Count);

        await _azurite.RestartAsync();

        // Back: the data from before is there, the redelivered click is one step, and its cards go out once.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(1, (await store.GetStateAsync(id, default))!.Version);
        var again = await Activities.PostAsync(client, Activities.CardClick(connector.ServiceUrl, BotHost.ProductionManagerId, "approve", new System.Text.Json.Nodes.JsonObject { ["workflow"] = id, ["version"] = 1, ["seat"] = "production" }, "en-US"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await Eventually.TrueAsync(() => !store.LoadAsync(id, default).Result!.PendingOutbox.Any(), "the step's updates");
        var record = (await store.LoadAsync(id, default))!;
        Assert.Equal(2, record.State.Version);
        Assert.Single(record.Audit, a => a.Action == "approved");
        Assert.Equal(4, connector.NewThreads().Count); // the first form's four posts, never again
        Assert.Equal(HttpStatusCode.OK, (await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "request After the outage", BotHost.SalesId, "en-US"))).StatusCode);
    }
}
