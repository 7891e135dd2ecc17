using MingXin.Bot.Hosting;
using System.Runtime.ExceptionServices;
using MingXin.Bot.Messaging;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace MingXin.Bot.Teams;

/// <summary>Wires the Bot Framework SDK: adapter, authentication, the Connector's resilient HttpClient, the bot, the messenger.</summary>
internal static class TeamsServiceCollectionExtensions
{
    public static IServiceCollection AddTeamsBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ConnectorOptions>(configuration, ConnectorOptions.SectionName);
        services.AddHttpContextAccessor();
        services.AddHttpClient(TeamsBot.FileUploadClient, static client => client.Timeout = TimeSpan.FromSeconds(60));
        services.AddValidatedOptions<Pacing.ConnectorPacingOptions>(configuration, Pacing.ConnectorPacingOptions.SectionName);
        services.AddSingleton(sp =>
        {
            var pacing = sp.GetRequiredService<IOptions<Pacing.ConnectorPacingOptions>>().Value;
            return new Pacing.ThreadPacer(pacing.Windows(), pacing.TenantPerSecond, sp.GetRequiredService<TimeProvider>()) { Enabled = pacing.Enabled };
        });

        services.AddHttpClient(ConnectorHttpClientFactory.ClientName)
            .AddHttpMessageHandler(static () => new TurnGate.LeaveOnConnectorCall()) // outermost: once per call, before any retry waits
            .AddResilienceHandler("connector", static (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<ConnectorOptions>>().Value;
                builder.AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds)); // the whole call, retries included
                if (options.MaxRetries > 0)
                {
                    builder.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                    MaxDelay = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds),
                    ShouldRetryAfterHeader = true, // 429 and 503: wait what Retry-After says
                    });
                }

                builder.AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds)); // each attempt
            });

        services.AddSingleton<BotFrameworkAuthentication>(sp => new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication(
            sp.GetRequiredService<IConfiguration>(),
            httpClientFactory: new ConnectorHttpClientFactory(sp.GetRequiredService<IHttpClientFactory>()),
            logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>())));

        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILogger<CloudAdapter>>();
            var adapter = new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(), logger);
            adapter.Use(new TurnStartedMiddleware(sp.GetRequiredService<IHttpContextAccessor>()));
            adapter.OnTurnError = async (turnContext, exception) =>
            {
                var proactive = turnContext.Activity.Type == Microsoft.Bot.Schema.ActivityTypes.Event
                    && turnContext.Activity.Name == Microsoft.Bot.Schema.ActivityEventNames.ContinueConversation;
                if (proactive || StorageFailure.IsUnavailable(exception))
                {
                    // Proactive sends report failure to their caller (the outbox retries them later);
                    // a storage outage lets the endpoint answer 503: Teams redelivers, nothing was half-written.
                    ExceptionDispatchInfo.Capture(exception).Throw();
                }

                logger.LogError(exception, "Unhandled error in a {Type} turn.", turnContext.Activity.Type);
                if (turnContext.Activity.Type == Microsoft.Bot.Schema.ActivityTypes.Message)
                {
                    var language = Domain.Languages.FromLocale(turnContext.Activity.Locale, Domain.Language.Chinese);
                    try
                    {
                        await turnContext.SendActivityAsync(language.Pick("抱歉，处理这条消息时出错了，已记录。", "Sorry, something went wrong handling that message; it has been logged.")).ConfigureAwait(false);
                    }
                    catch (Exception sendFailure)
                    {
                        // Teams cannot be reached either: answer 200 anyway, so it does not redeliver a message whose work may be saved.
                        logger.LogError(sendFailure, "Could not tell the user about the error.");
                    }
                }
            };
            return adapter;
        });
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<CloudAdapter>());
        services.AddTransient<IBot, TeamsBot>();
        services.AddSingleton<TurnGate>();
        services.AddSingleton<TeamsMessenger>();
        services.AddSingleton<IChannelMessenger>(sp => sp.GetRequiredService<TeamsMessenger>());
        services.AddSingleton<ITeamsRoster>(sp => sp.GetRequiredService<TeamsMessenger>());
        return services;
    }

    public static void ResolveTeamsBot(this IServiceProvider services) => services.GetRequiredService<CloudAdapter>();

    public static IEndpointRouteBuilder MapTeamsBot(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", BotEndpoint.HandleAsync);
        return endpoints;
    }
}
