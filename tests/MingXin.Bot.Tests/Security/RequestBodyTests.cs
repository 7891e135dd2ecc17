using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Security;

/// <summary>
/// An activity may be at most 256 KB, counted in the bytes the server actually reads — a chunked body
/// announces no length — and refused before its token is checked and before any turn runs. Against the
/// bot as its own process (Kestrel), as the internet would reach it.
/// </summary>
public sealed class RequestBodyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Without_an_app_id_a_chunked_body_over_the_limit_gets_413_and_runs_no_turn_and_a_normal_one_still_runs()
    {
        await using var connector = await RecordingConnector.StartAsync();
        await using var bot = await BotProcess.StartAsync(azurite.ConnectionString, AzuriteFixture.NewTablePrefix());

        var big = Activities.PersonalMessage(connector.ServiceUrl, "help " + new string('x', 4 * 1024 * 1024), BotHost.SalesId, "en-US");
        var refused = await SendChunkedAsync(bot.Client, big, authorization: null);
        if (refused is not null)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
            Assert.Contains("at most 262144 bytes", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty(connector.Calls);

        // Just under the limit, chunked too: the turn runs and answers.
        var small = Activities.PersonalMessage(connector.ServiceUrl, "help", BotHost.SalesId, "en-US");
        small["padding"] = new string('x', 200 * 1024);
        Assert.Equal(HttpStatusCode.OK, (await SendChunkedAsync(bot.Client, small, authorization: null))!.StatusCode);
        Assert.Single(connector.Delivered);
    }

    [Fact]
    public async Task With_an_app_id_a_chunked_body_over_the_limit_with_any_token_gets_413_before_the_token_is_checked()
    {
        await using var connector = await RecordingConnector.StartAsync();
        await using var bot = await BotProcess.StartAsync(azurite.ConnectionString, AzuriteFixture.NewTablePrefix(), new Dictionary<string, string>
        {
            ["MicrosoftAppId"] = "22222222-2222-2222-2222-222222222222",
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = "33333333-3333-3333-3333-333333333333",
            ["MicrosoftAppPassword"] = "not-used",
        });

        var big = Activities.PersonalMessage(connector.ServiceUrl, "help " + new string('x', 4 * 1024 * 1024), BotHost.SalesId, "en-US");
        var refused = await SendChunkedAsync(bot.Client, big, authorization: "Bearer anything");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused?.StatusCode ?? HttpStatusCode.RequestEntityTooLarge); // never 401: the token is not read first
        Assert.Empty(connector.Calls);
    }

    /// <summary>The answer; null when the server stopped reading at the limit and closed the connection while the rest was still being sent (refused all the same).</summary>
    private static async Task<HttpResponseMessage?> SendChunkedAsync(HttpClient client, JsonObject activity, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ChunkedContent(Encoding.UTF8.GetBytes(activity.ToJsonString())) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        try
        {
            return await client.SendAsync(request);
        }
        catch (HttpRequestException ex) when (ex.InnerException is IOException)
        {
            return null;
        }
    }

    /// <summary>A JSON body sent in chunks, with no length announced (as an attacker would).</summary>
    public sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] body;

        public ChunkedContent(byte[] body)
        {
            this.body = body;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 16 * 1024)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(16 * 1024, body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
