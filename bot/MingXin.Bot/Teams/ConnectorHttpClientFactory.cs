namespace MingXin.Bot.Teams;

/// <summary>
/// The Bot Framework SDK asks its <see cref="IHttpClientFactory"/> for the default client; this
/// hands it the named <see cref="ClientName"/> client instead, which carries the resilience
/// pipeline (see <c>TeamsServiceCollectionExtensions</c>).
/// </summary>
internal sealed class ConnectorHttpClientFactory(IHttpClientFactory inner) : IHttpClientFactory
{
    public const string ClientName = "BotConnector";

    public HttpClient CreateClient(string name) => inner.CreateClient(ClientName);
}
