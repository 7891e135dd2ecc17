using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Teams;

/// <summary>
/// Only <c>Bot:MaxConcurrentTurns</c> requests are read and decided at once; the next ones wait their turn, oldest
/// first, and beyond <c>Bot:MaxWaitingTurns</c> a request is answered 503 with Retry-After, having changed nothing, so
/// that Teams delivers it again. A turn is held in progress by the storage answering one of its requests late (a proxy
/// in front of Azurite); a turn that has begun answering through Teams no longer counts.
/// </summary>
public sealed class TurnGateTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_request_beyond_the_turns_at_work_and_the_waiting_ones_gets_503_with_Retry_After_and_runs_no_turn()
    {
        await using var bot = await OneTurnHeldInStorageAsync(waiting: 0);
        var (client, connector, first) = (bot.Client, bot.Connector, bot.First);

        var refused = await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "request Too many at once", BotHost.SalesId, "en-US"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("retry later", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        Assert.DoesNotContain(connector.Calls, c => Mentions(c, "Too many at once"));

        // Delivered again once the bot has room, it runs.
        Assert.Equal(HttpStatusCode.OK, (await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "request Too many at once", BotHost.SalesId, "en-US"))).StatusCode);
        Assert.Contains(connector.Delivered, c => Mentions(c, "Too many at once"));
    }

    [Fact]
    public async Task A_request_while_the_turns_at_work_are_taken_waits_and_runs_after_them()
    {
        await using var bot = await OneTurnHeldInStorageAsync(waiting: 5);
        var (client, connector, first) = (bot.Client, bot.Connector, bot.First);
        var second = Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "request Second waits", BotHost.SalesId, "en-US"));

        // The second has not begun: nothing of it reached Teams, and it is not answered while the first is at work.
        await Task.WhenAny(first, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.False(second.IsCompleted);
        Assert.DoesNotContain(connector.Calls, c => Mentions(c, "Second waits"));

        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second).StatusCode);
        var firstAnswer = connector.Delivered.First(c => Mentions(c, "First at work"));
        var secondAnswer = connector.Delivered.First(c => Mentions(c, "Second waits"));
        Assert.True(firstAnswer.At <= secondAnswer.At);
    }

    [Fact]
    public async Task A_turn_whose_answer_waits_on_Teams_gives_up_its_place_to_the_next()
    {
        await using var connector = await RecordingConnector.StartAsync();
        await using var host = new BotHost(azurite.ConnectionString, extra: new Dictionary<string, string?> { ["Bot:MaxConcurrentTurns"] = "1", ["Bot:MaxWaitingTurns"] = "0" }, fakeTime: false);
        var client = host.CreateClient();
        await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "help", BotHost.SalesId, "en-US"));

        connector.HoldMessages(); // Teams takes the answers and does not answer yet
        var first = Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "help", BotHost.SalesId, "en-US"));
        await Eventually.TrueAsync(() => connector.Held == 1, "the first turn's answer to reach Teams");
        var second = Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "help", BotHost.SalesId, "zh-CN"));
        await Eventually.TrueAsync(() => connector.Held == 2, "the second turn's answer to reach Teams: it was let in");

        connector.ReleasePosts();
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second).StatusCode);
    }

    private static bool Mentions(RecordedCall call, string text) =>
        call.Text?.Contains(text, StringComparison.Ordinal) == true || call.Card?.ToJsonString().Contains(text, StringComparison.Ordinal) == true;

    /// <summary>
    /// The bot with one place for a turn and <paramref name="waiting"/> to wait, on storage behind a proxy that answers
    /// one write late (after the client's 2-s timeout): the turn of "request First at work" is held at work.
    /// </summary>
    private async Task<HeldTurn> OneTurnHeldInStorageAsync(int waiting)
    {
        var armed = false;
        var proxy = await DelayingProxy.StartAsync(azurite.Port, r => Volatile.Read(ref armed) && r.Method == "POST");
        var connector = await RecordingConnector.StartAsync();
        var host = new BotHost(AzuriteFixture.UnreachableConnectionString(proxy.Port), extra: new Dictionary<string, string?>
        {
            ["Storage:RequestTimeoutSeconds"] = "2",
            ["Bot:MaxConcurrentTurns"] = "1",
            ["Bot:MaxWaitingTurns"] = waiting.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, fakeTime: false);
        var client = host.CreateClient();
        await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "request Warm-up", BotHost.SalesId, "en-US")); // tables made

        Volatile.Write(ref armed, true);
        var first = Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "request First at work", BotHost.SalesId, "en-US"));
        await Eventually.TrueAsync(() => proxy.Delayed == 1, "the first turn to wait on the storage");
        return new HeldTurn(proxy, connector, host, client, first);
    }

    private sealed record HeldTurn(DelayingProxy Proxy, RecordingConnector Connector, BotHost Host, HttpClient Client, Task<HttpResponseMessage> First) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Connector.DisposeAsync();
            await Proxy.DisposeAsync();
        }
    }
}
