using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain.Organization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace MingXin.Bot.Tests.Directory;

public sealed class GraphPeopleDirectoryTests
{
    private const string QcGroup = "0b5a6a5e-0000-4000-8000-00000000a0c1";
    private const string GmGroup = "0b5a6a5e-0000-4000-8000-00000000a0c2";

    /// <summary>Answers Graph's transitive-members requests from fixed pages, and counts the calls.</summary>
    private sealed class FakeGraph : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!.ToString();
            Requests.Add(url);
            JsonObject page;
            if (url.Contains($"/groups/{QcGroup}/transitiveMembers/graph.user", StringComparison.Ordinal) && !url.Contains("skiptoken", StringComparison.Ordinal))
            {
                page = Page([User("u-chen", "陈静"), User("u-zhou", "周婷")], next: $"https://graph.microsoft.com/v1.0/groups/{QcGroup}/transitiveMembers/graph.user?$skiptoken=p2");
            }
            else if (url.Contains("skiptoken=p2", StringComparison.Ordinal))
            {
                page = Page([User("u-wu", "吴刚")], next: null);
            }
            else if (url.Contains($"/groups/{GmGroup}/transitiveMembers/graph.user", StringComparison.Ordinal))
            {
                page = Page([User("u-li", "李强"), User("u-chen", "陈静")], next: null);
            }
            else
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(page.ToJsonString(), Encoding.UTF8, "application/json") });
        }

        private static JsonObject User(string id, string name) => new() { ["@odata.type"] = "#microsoft.graph.user", ["id"] = id, ["displayName"] = name };

        private static JsonObject Page(JsonObject[] users, string? next)
        {
            var page = new JsonObject { ["value"] = new JsonArray(users) };
            if (next is not null)
            {
                page["@odata.nextLink"] = next;
            }

            return page;
        }
    }

    private static (GraphPeopleDirectory Directory, FakeGraph Graph, FakeTimeProvider Time) Create()
    {
        var fake = new FakeGraph();
        var client = new GraphServiceClient(new HttpClient(fake), new AnonymousAuthenticationProvider());
        var options = new DirectoryOptions
        {
            Source = "Graph",
            Graph = new GraphDirectoryOptions
            {
                CacheMinutes = 10,
                Groups = new(StringComparer.OrdinalIgnoreCase) { ["QcInspector"] = QcGroup, ["GeneralManager"] = GmGroup },
            },
        };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero));
        return (new GraphPeopleDirectory(client, Options.Create(options), time, NullLogger<GraphPeopleDirectory>.Instance), fake, time);
    }

    [Fact]
    public async Task Group_members_hold_the_groups_position_across_pages()
    {
        var (directory, _, _) = Create();

        var inspectors = await directory.HoldersAsync(Position.QcInspector, default);

        Assert.Equal(["u-chen", "u-wu", "u-zhou"], inspectors.Select(p => p.AadObjectId).Order());
        Assert.Equal("吴刚", inspectors.Single(p => p.AadObjectId == "u-wu").DisplayName);
    }

    [Fact]
    public async Task A_member_of_two_groups_holds_both_positions()
    {
        var (directory, _, _) = Create();

        var chen = await directory.FindAsync("u-chen", default);

        Assert.NotNull(chen);
        Assert.True(chen.Holds(Position.QcInspector));
        Assert.True(chen.Holds(Position.GeneralManager));
        Assert.False(chen.Holds(Position.Administrator));
        Assert.Null(await directory.FindAsync("u-nobody", default));
    }

    [Fact]
    public async Task Membership_is_cached_until_the_cache_time_passes()
    {
        var (directory, graph, time) = Create();

        await directory.FindAsync("u-li", default);
        var afterFirst = graph.Requests.Count;
        await directory.HoldersAsync(Position.GeneralManager, default);
        time.Advance(TimeSpan.FromMinutes(9));
        await directory.FindAsync("u-li", default);
        var cached = graph.Requests.Count;
        time.Advance(TimeSpan.FromMinutes(2));
        await directory.FindAsync("u-li", default);

        Assert.Equal(3, afterFirst); // QC (2 pages) + GM
        Assert.Equal(afterFirst, cached);
        Assert.Equal(2 * afterFirst, graph.Requests.Count);
        Assert.All(graph.Requests, r => Assert.StartsWith("https://graph.microsoft.com/v1.0/groups/", r, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_position_in_the_group_map_stops_the_start_with_a_clear_message()
    {
        var options = new DirectoryOptions { Graph = new GraphDirectoryOptions { Groups = new() { ["Cook"] = "g" } } };

        var error = Assert.Throws<InvalidOperationException>(() => new GraphPeopleDirectory(
            new GraphServiceClient(new HttpClient(new FakeGraph()), new AnonymousAuthenticationProvider()), Options.Create(options), TimeProvider.System, NullLogger<GraphPeopleDirectory>.Instance));

        Assert.Contains("unknown position 'Cook'", error.Message, StringComparison.Ordinal);
    }
}
