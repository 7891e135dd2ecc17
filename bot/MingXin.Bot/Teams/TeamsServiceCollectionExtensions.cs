using System.Runtime.ExceptionServices;
using MingXin.Bot.Messaging;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace MingXin.Bot.Teams;

/// <summary>Wires the Bot Framework SDK: adapter, authentication, the Connector's resilient HttpClient, the bot, the messenger.</summary>
internal static class TeamsServiceCollectionExtensions
{
    public static IServiceCollection AddTeamsBot(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddHttpClient(ConnectorHttpClientFactory.ClientName)
            .AddResilienceHandler("connector", static builder =>
            {
                builder.AddTimeout(TimeSpan.FromSeconds(60)); // whole call, retries included
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 4,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(500),
                    MaxDelay = TimeSpan.FromSeconds(20),
                    ShouldRetryAfterHeader = true, // 429: wait what Retry-After says
                });
                builder.AddTimeout(TimeSpan.FromSeconds(10)); // each attempt
            });

        services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
            sp.GetRequiredService<IConfiguration>(),
            httpClientFactory: new ConnectorHttpClientFactory(sp.GetRequiredService<IHttpClientFactory>()),
            logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));

        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILogger<CloudAdapter>>();
            var adapter = new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(), logger);
            adapter.Use(new TurnStartedMiddleware(sp.GetRequiredService<IHttpContextAccessor>()));
            adapter.OnTurnError = async (turnContext, exception) =>
            {
                if (StorageFailure.IsUnavailable(exception))
                {
                    // Let the endpoint answer 503: Teams redelivers, nothing was half-written.
                    ExceptionDispatchInfo.Capture(exception).Throw();
                }

                logger.LogError(exception, "Unhandled error in a {Type} turn.", turnContext.Activity.Type);
                if (turnContext.Activity.Type == Microsoft.Bot.Schema.ActivityTypes.Message)
                {
                    var language = Domain.Languages.FromLocale(turnContext.Activity.Locale, Domain.Language.Chinese);
                    await turnContext.SendActivityAsync(language.Pick("抱歉，处理这条消息时出错了，已记录。", "Sorry, something went wrong handling that message; it has been logged.")).ConfigureAwait(false);
                }
            };
            return adapter;
        });
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<CloudAdapter>());
        services.AddTransient<IBot, TeamsBot>();
        services.AddSingleton<IChannelMessenger, TeamsMessenger>();
        return services;
    }

    public static IEndpointRouteBuilder MapTeamsBot(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", BotEndpoint.HandleAsync);
        return endpoints;
    }
}
