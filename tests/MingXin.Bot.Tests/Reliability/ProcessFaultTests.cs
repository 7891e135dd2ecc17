using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Reliability;

/// <summary>
/// The bot as real operating-system processes on one Azurite: killed with SIGKILL between saving a
/// step and sending its cards, and two processes taking the same clicks.
/// </summary>
public sealed class ProcessFaultTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] Departments = ["sales", "production", "qc", "materials", "gm-office"];

    private WorkflowStore Store(string prefix) =>
        new(TestStorage.Open(azurite.ConnectionString, prefix));

    /// <summary>Posts an activity and, like Teams, delivers the same activity again while the bot answers 5xx (e.g. storage slow on a loaded machine; each attempt waits out the bot's own storage timeout).</summary>
    private static async Task<HttpResponseMessage> DeliverAsync(HttpClient client, JsonNode activity)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await Activities.PostAsync(client, activity);
            if ((int)response.StatusCode < 500 || attempt == 5)
            {
                return response;
            }
        }
    }

    private static async Task RegisterChannelsAsync(HttpClient client, RecordingConnector connector)
    {
        foreach (var d in Departments)
        {
            var response = await DeliverAsync(client, Activities.ChannelMessage(connector.ServiceUrl, "register " + d, BotHost.AdminId, channelId: $"19:{d}@thread.tacv2"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Killed_between_saving_a_step_and_sending_its_cards_the_next_process_sends_each_card_exactly_once()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var prefix = AzuriteFixture.NewTablePrefix();
        // The killed process dies holding the lease of its first post: a short lease lets the next one take it over soon.
        var fast = new Dictionary<string, string> { ["Outbox__SweepSeconds"] = "1", ["Outbox__PostLeaseSeconds"] = "3", ["Connector__MaxRetries"] = "0", ["Connector__AttemptTimeoutSeconds"] = "2", ["Connector__TotalTimeoutSeconds"] = "2" };
        string id;
        await using (var first = await BotProcess.StartAsync(azurite.ConnectionString, prefix, fast))
        {
            await RegisterChannelsAsync(first.Client, connector);

            // Teams takes the first new-thread post and never answers: the step is saved, its cards are not sent.
            connector.HoldPosts();
            var response = await DeliverAsync(first.Client, Activities.PersonalMessage(connector.ServiceUrl, "request Trial run", BotHost.SalesId, "en-US"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Eventually.TrueAsync(() => connector.Held > 0, "the bot to be sending its first card");
            id = connector.Delivered.Last(c => c.Path.Contains("a:personal-", StringComparison.Ordinal)).Card!["refresh"]!["action"]!["data"]!["workflow"]!.GetValue<string>();
            first.Kill(); // SIGKILL mid-send
        }

        await Eventually.TrueAsync(() => connector.Held == 0, "the held post to see its caller gone");
        connector.ReleasePosts();
        Assert.Empty(connector.NewThreads().Select(p => p.Channel)); // nothing reached Teams before the kill
        var store = Store(prefix);
        Assert.NotEmpty((await store.LoadAsync(id, default))!.PendingOutbox); // saved, not sent

        // The next process has the default Connector timeouts: on a loaded machine a post may take seconds.
        await using var second = await BotProcess.StartAsync(azurite.ConnectionString, prefix, new Dictionary<string, string> { ["Outbox__SweepSeconds"] = "1", ["Outbox__PostLeaseSeconds"] = "3", ["Logging__LogLevel__MingXin.Bot.Workflows"] = "Debug" });
        await Eventually.TrueAsync(
            () => !store.LoadAsync(id, default).Result!.PendingOutbox.Any(),
            "the next process to send what the first left",
            timeoutSeconds: 90,
            diagnostics: () => "pending: " + string.Join(", ", store.LoadAsync(id, default).Result!.PendingOutbox.Select(r => r.PayloadJson))
                + "\nside rows: " + string.Join(", ", store.LoadAsync(id, default).Result!.SideRows.Select(kv => kv.Key + "=" + kv.Value))
                + "\nconnector: " + string.Join(", ", connector.Calls.Select(c => $"{c.Method} {c.Path} {c.Status}"))
                + $"\nsecond process (exited: {second.HasExited}):\n" + second.Output);

        // Four departments of the joint review + nothing else; each channel got its card once.
        Assert.Equal(new[] { "19:materials@thread.tacv2", "19:production@thread.tacv2", "19:qc@thread.tacv2", "19:sales@thread.tacv2" }, connector.NewThreads().Select(p => p.Channel).Order());
        Assert.Equal(1, (await store.GetStateAsync(id, default))!.Version);
    }

    [Fact]
    public async Task Two_processes_taking_the_same_clicks_make_one_transition_each_and_post_each_card_once()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var prefix = AzuriteFixture.NewTablePrefix();
        var fast = new Dictionary<string, string> { ["Outbox__SweepSeconds"] = "1" };
        await using var a = await BotProcess.StartAsync(azurite.ConnectionString, prefix, fast);
        await using var b = await BotProcess.StartAsync(azurite.ConnectionString, prefix, fast);
        await RegisterChannelsAsync(a.Client, connector);

        const int Forms = 6;
        for (var i = 0; i < Forms; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(i % 2 == 0 ? a.Client : b.Client, Activities.PersonalMessage(connector.ServiceUrl, $"request Trial {i}", BotHost.SalesId, "en-US"))).StatusCode);
        }

        var ids = connector.Delivered.Where(c => c.Path.Contains("a:personal-", StringComparison.Ordinal) && c.Card is not null)
            .Select(c => c.Card!["refresh"]!["action"]!["data"]!["workflow"]!.GetValue<string>()).Distinct().ToList();
        Assert.Equal(Forms, ids.Count);

        // Every form gets the Production manager's approval clicked 8 times at once, half through each process.
        var clicks = ids.SelectMany(id => Enumerable.Range(0, 8).Select(async n =>
        {
            var client = n % 2 == 0 ? a.Client : b.Client;
            var action = Activities.CardClick(connector.ServiceUrl, BotHost.ProductionManagerId, "approve", new JsonObject { ["workflow"] = id, ["version"] = 1, ["seat"] = "production" }, "en-US", activityId: $"click-{id}-{n}");
            var response = await DeliverAsync(client, action);
            return (id, response.StatusCode, Card: (await response.Content.ReadFromJsonAsync<JsonObject>())!["value"]!.AsObject());
        })).ToList();
        var answers = await Task.WhenAll(clicks);
        Assert.All(answers, x => Assert.Equal(HttpStatusCode.OK, x.StatusCode));

        var store = Store(prefix);
        foreach (var id in ids)
        {
            await Eventually.TrueAsync(() => !store.LoadAsync(id, default).Result!.PendingOutbox.Any(), $"{id}'s outbox to drain", timeoutSeconds: 60);
            var record = (await store.LoadAsync(id, default))!;
            Assert.Equal(2, record.State.Version); // one transition, however many clicks and processes
            Assert.Single(record.Audit, x => x.Action == "approved");
        }

        // Each form's card went to each of its four channels once, though both processes dispatch and sweep.
        var posts = connector.NewThreads();
        Assert.Equal(Forms * 4, posts.Count);
        Assert.Equal(Forms * 4, posts.Distinct().Count());
    }
}
