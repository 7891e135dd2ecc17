using System.Net;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Security;

/// <summary>
/// The Bot Framework SDK's own token validation, configured by its own settings to a loopback
/// authority with real keys: a valid token is accepted; every kind of bad token gets 401 and the
/// turn never runs (the bot learns nothing about the sender, sends nothing).
/// </summary>
public sealed class TokenValidationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string AppId = "22222222-2222-2222-2222-222222222222";
    private LoopbackAuthority _authority = null!;
    private RecordingConnector _connector = null!;
    private BotHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _authority = await LoopbackAuthority.StartAsync();
        _connector = await RecordingConnector.StartAsync();
        _host = new BotHost(azurite.ConnectionString, appId: AppId, extra: new Dictionary<string, string?>
        {
            // The SDK's own keys (ConfigurationBotFrameworkAuthentication): where channel tokens come from.
            ["ToBotFromChannelOpenIdMetadataUrl"] = _authority.MetadataUrl,
            ["ToBotFromChannelTokenIssuer"] = _authority.Issuer,
            ["ToBotFromEmulatorOpenIdMetadataUrl"] = _authority.MetadataUrl,
            ["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111",
            ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
            ["OAuthUrl"] = "https://api.botframework.com",
            ["ValidateAuthority"] = "true",
            ["CallerId"] = "urn:botframework:azure",
        });
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
        await _authority.DisposeAsync();
    }

    /// <summary>A card refresh: answered in the HTTP response, so a valid token needs no outgoing call.</summary>
    private Task<HttpResponseMessage> PostAsync(string user, string? token, string? serviceUrl = null) =>
        Activities.PostAsync(_client, Activities.CardClick(serviceUrl ?? _connector.ServiceUrl, user, "refresh", new System.Text.Json.Nodes.JsonObject { ["workflow"] = "IA-2026-9999", ["version"] = 1 }), token);

    private async Task<bool> TurnRanFor(string user) =>
        await _host.Services.GetRequiredService<UserIdStore>().ResolveAsync([user], 10, default) is { Count: > 0 };

    [Fact]
    public async Task A_token_signed_by_the_authority_for_this_bot_and_this_service_url_is_accepted()
    {
        var response = await PostAsync("aad-valid", _authority.Token(AppId, _connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await TurnRanFor("aad-valid"));
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "none", "no token" },
        { "malformed", "not a JWT" },
        { "expired", "expired an hour ago" },
        { "not-yet-valid", "valid only from tomorrow" },
        { "wrong-audience", "for another bot" },
        { "wrong-issuer", "from an issuer the bot does not trust" },
        { "unknown-key", "signed by a key the authority never published" },
        { "not-endorsed", "signed by a published key not endorsed for msteams" },
        { "other-service-url", "for another serviceUrl than the activity's" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_gets_401_and_the_turn_never_runs(string kind, string what)
    {
        var user = "aad-" + kind;
        var now = DateTime.UtcNow;
        var token = kind switch
        {
            "none" => null,
            "malformed" => "not.a.jwt",
            "expired" => _authority.Token(AppId, _connector.ServiceUrl, notBefore: now.AddHours(-2), expires: now.AddHours(-1)),
            "not-yet-valid" => _authority.Token(AppId, _connector.ServiceUrl, notBefore: now.AddDays(1), expires: now.AddDays(1).AddHours(1)),
            "wrong-audience" => _authority.Token("33333333-3333-3333-3333-333333333333", _connector.ServiceUrl),
            "wrong-issuer" => _authority.Token(AppId, _connector.ServiceUrl, issuer: "https://api.botframework.com"),
            "unknown-key" => _authority.Token(AppId, _connector.ServiceUrl, keyId: LoopbackAuthority.UnpublishedKeyId),
            "not-endorsed" => _authority.Token(AppId, _connector.ServiceUrl, keyId: LoopbackAuthority.OtherChannelKeyId),
            _ => _authority.Token(AppId, "https://smba.trafficmanager.net/other/"),
        };

        var response = await PostAsync(user, token);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {response.StatusCode}");
        Assert.False(await TurnRanFor(user), what);
        Assert.Empty(_connector.Calls);
    }
}
