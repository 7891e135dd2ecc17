using System.Net;
using MingXin.Bot.Tests.Infrastructure;
using MingXin.Bot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Reliability;

/// <summary>Teams that does not answer in time: the attempt is given up, retried, and each card arrives once.</summary>
public sealed class ConnectorTimeoutTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_post_that_times_out_is_retried_and_every_card_arrives_once()
    {
        await using var connector = await RecordingConnector.StartAsync();
        await using var host = new BotHost(azurite.ConnectionString, extra: new Dictionary<string, string?> { ["Connector:AttemptTimeoutSeconds"] = "1", ["Connector:RetryBaseDelayMilliseconds"] = "100" }, fakeTime: false);
        var client = host.CreateClient();
        foreach (var d in new[] { "sales", "production", "qc", "materials" })
        {
            await Activities.PostAsync(client, Activities.ChannelMessage(connector.ServiceUrl, "register " + d, BotHost.AdminId, channelId: $"19:{d}@thread.tacv2"));
        }

        connector.HoldPosts(); // Teams takes the posts and does not answer
        Assert.Equal(HttpStatusCode.OK, (await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "request Slow Teams", BotHost.SalesId, "en-US"))).StatusCode);
        await Eventually.TrueAsync(() => connector.Calls.Any(c => c.Status == 499), "a post attempt to time out");
        connector.LetNewPostsThrough(); // the attempts held time out, undelivered; the retries go through

        var id = connector.Delivered.Last(c => c.Card is not null && c.Path.Contains("a:personal-", StringComparison.Ordinal)).Card!["refresh"]!["action"]!["data"]!["workflow"]!.GetValue<string>();
        var store = host.Services.GetRequiredService<WorkflowStore>();
        await Eventually.TrueAsync(() => !store.LoadAsync(id, default).Result!.PendingOutbox.Any(), "the cards after the retries");
        var posts = connector.NewThreads().Select(p => p.Channel).ToList();
        Assert.Equal(4, posts.Count);
        Assert.Equal(4, posts.Distinct().Count());
    }
}
