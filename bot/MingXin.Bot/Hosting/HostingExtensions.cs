using Azure.Identity;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using MingXin.Bot.Conversations;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Surveys;
using MingXin.Bot.Scheduling;
using MingXin.Bot.Storage;
using MingXin.Bot.Teams;
using MingXin.Bot.Workflows;
using MingXin.Bot.Workflows.Forms;
using Microsoft.Extensions.Options;
using Microsoft.Graph;

namespace MingXin.Bot.Hosting;

/// <summary>Composition root: every service of the bot, and its endpoints.</summary>
public static class HostingExtensions
{
    /// <summary>The standard setting that switches on telemetry to Application Insights.</summary>
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// The folder the bot reads its settings from: one named on the command line or in the environment
    /// (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>), else the folder of the
    /// application itself — never the folder it happens to be started from.
    /// </summary>
    public static string? ContentRoot(string[] args) =>
        args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"))
            ? null
            : AppContext.BaseDirectory;

    public static WebApplicationBuilder AddMingXinBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        services.AddValidatedOptions<BotOptions>(configuration, BotOptions.SectionName);
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.SectionName);
        services.AddValidatedOptions<DirectoryOptions>(configuration, DirectoryOptions.SectionName);
        services.AddValidatedOptions<OutboxOptions>(configuration, OutboxOptions.SectionName);

        services.AddBusinessCalendar(configuration);
        services.AddSingleton<TableStorage>();
        services.AddSingleton<WorkflowStore>();
        services.AddSingleton<DocumentNumberAllocator>();
        services.AddSingleton<ChannelBindingStore>();
        services.AddSingleton<MingXin.Bot.Messaging.ChannelHealth>();
        services.AddHostedService<StorageInitializer>();

        var directory = configuration.GetSection(DirectoryOptions.SectionName).Get<DirectoryOptions>() ?? new DirectoryOptions();
        if (directory.UsesGraph)
        {
            services.AddSingleton(sp => CreateGraphClient(sp.GetRequiredService<IOptions<DirectoryOptions>>().Value.Graph, configuration));
            services.AddSingleton<GraphPeopleDirectory>();
        }
        else
        {
            services.AddSingleton<ConfigurationPeopleDirectory>();
        }

        // Every reader of the directory sees deputies (代理) on the days they stand in.
        services.AddSingleton<DeputyStore>();
        services.AddSingleton<IPeopleDirectory>(sp => new DeputyDirectory(
            directory.UsesGraph ? sp.GetRequiredService<GraphPeopleDirectory>() : sp.GetRequiredService<ConfigurationPeopleDirectory>(),
            sp.GetRequiredService<DeputyStore>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<MingXin.Bot.Workflows.Deputies.DeputyService>();

        services.AddSingleton<OutboxPendingIndex>();
        services.AddSingleton<TaskIndex>();
        services.AddSingleton<RecordIndex>();
        services.AddSingleton<UserIdStore>();
        services.AddSingleton<TurnLedger>();
        services.AddSingleton<DeadlineStore>();
        services.AddValidatedOptions<DeadlineOptions>(configuration, DeadlineOptions.SectionName);
        services.AddSingleton<DeadlineScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineScheduler>());
        services.AddSingleton<FormCommitter>();
        services.AddValidatedOptions<StepSlaOptions>(configuration, StepSlaOptions.SectionName);
        services.AddValidatedOptions<FormOptions>(configuration, FormOptions.SectionName);
        services.AddSingleton<StepServiceLevels>();
        services.AddSingleton<StepFormServices>();
        AddForm<InternalApprovalRunner>(services);
        AddForm<QuotationRunner>(services);
        AddForm<SampleOrderRunner>(services);
        AddForm<SalesOrderReviewRunner>(services);
        AddForm<ProductionNoticeRunner>(services);
        services.AddValidatedOptions<ProductionAnswerOptions>(configuration, ProductionAnswerOptions.SectionName);
        AddFormChange<AmendmentConfirmed, ProductionNoticeRunner>(services, AmendmentConfirmed.Name);
        AddFormChange<CustomerAgreedDate, ProductionNoticeRunner>(services, CustomerAgreedDate.Name);
        AddFormChange<ContactRaised, ProductionNoticeRunner>(services, ContactRaised.Name);
        AddFormChange<CustomerRefusedDate, ProductionNoticeRunner>(services, CustomerRefusedDate.Name);
        AddForm<InternalContactRunner>(services);
        AddForm<OrderAmendmentRunner>(services);
        AddForm<MaterialIssueRunner>(services);
        services.AddSingleton<CustomerStore>();
        services.AddSingleton<IntakeStore>();
        AddForm<ComplaintRunner>(services);
        AddFormChange<SurveyScoredLow, ComplaintRunner>(services, SurveyScoredLow.Name);
        services.AddValidatedOptions<SurveyOptions>(configuration, SurveyOptions.SectionName);
        AddForm<SurveyRunner>(services);
        AddFormChange<CorrectiveActionOpened, SurveyRunner>(services, CorrectiveActionOpened.Name);
        AddForm<CustomerPropertyRunner>(services);
        AddFormChange<PropertyUsed, CustomerPropertyRunner>(services, PropertyUsed.Name);
        AddForm<DeliveryNoteRunner>(services);
        AddFormChange<MingXin.Bot.Domain.Shipments.ShipmentRecorded, ProductionNoticeRunner>(services, MingXin.Bot.Domain.Shipments.ShipmentRecorded.Name);
        services.AddValidatedOptions<ReturnOptions>(configuration, ReturnOptions.SectionName);
        AddForm<CustomerReturnRunner>(services);
        AddFormChange<MingXin.Bot.Domain.Returns.ReturnRegistered, ComplaintRunner>(services, MingXin.Bot.Domain.Returns.ReturnRegistered.Name);
        AddFormChange<MingXin.Bot.Domain.Returns.ReturnComplaintOpened, CustomerReturnRunner>(services, MingXin.Bot.Domain.Returns.ReturnComplaintOpened.Name);
        services.AddSingleton<MingXin.Bot.Workflows.Complaints.ComplaintIntakeService>();
        AddMailbox(services, configuration, directory);
        services.AddSingleton<MingXin.Bot.Workflows.Customers.CustomerRegisterService>();
        services.AddValidatedOptions<MingXin.Bot.Workflows.Customers.CustomerOptions>(configuration, MingXin.Bot.Workflows.Customers.CustomerOptions.SectionName);
        services.AddHostedService<MingXin.Bot.Workflows.Customers.InitialCustomers>();
        services.AddSingleton<SecretStore>();
        services.AddValidatedOptions<MingXin.Bot.Workflows.Records.RecordOptions>(configuration, MingXin.Bot.Workflows.Records.RecordOptions.SectionName);
        services.AddSingleton<MingXin.Bot.Workflows.Records.ExportLinks>();
        services.AddValidatedOptions<MingXin.Bot.Documents.DocumentOptions>(configuration, MingXin.Bot.Documents.DocumentOptions.SectionName);
        services.AddSingleton<MingXin.Bot.Documents.FormDocuments>();
        services.AddSingleton<MingXin.Bot.Workflows.Records.RecordService>();
        services.AddSingleton<MingXin.Bot.Workflows.Records.DashboardService>();
        services.AddSingleton<MingXin.Bot.Workflows.Records.RecordSummaries>();
        services.AddSingleton<MingXin.Bot.Workflows.Records.RecordIndexBackfill>();
        services.AddHostedService(sp => sp.GetRequiredService<MingXin.Bot.Workflows.Records.RecordIndexBackfill>());
        services.AddValidatedOptions<MingXin.Bot.Workflows.Records.WeeklySummaryOptions>(configuration, MingXin.Bot.Workflows.Records.WeeklySummaryOptions.SectionName);
        services.AddSingleton<MingXin.Bot.Workflows.Records.WeeklySummary>();
        services.AddSingleton<IWorkflowForm>(sp => sp.GetRequiredService<MingXin.Bot.Workflows.Records.WeeklySummary>());
        services.AddSingleton<IDeadlineHandler>(sp => sp.GetRequiredService<MingXin.Bot.Workflows.Records.WeeklySummary>());
        services.AddHostedService(sp => sp.GetRequiredService<MingXin.Bot.Workflows.Records.WeeklySummary>());
        services.AddSingleton<StepForms>();
        services.AddSingleton<CardActionRouter>();
        services.AddSingleton<WorkflowForms>();
        services.AddSingleton<MyTasks>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<OutboxWorker>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxWorker>());
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());

        // Application Insights (requests, dependencies, logs, metrics) when its connection string is
        // set, as the Azure deployment does; nothing is sent anywhere otherwise.
        if (!string.IsNullOrWhiteSpace(configuration[ApplicationInsightsSetting]))
        {
            services.AddOpenTelemetry().UseAzureMonitor();
        }

        services.AddSingleton<CommandHandler>();
        services.AddTeamsBot(configuration);
        return builder;
    }

    public static WebApplication MapMingXinBot(this WebApplication app)
    {
        WarnWhenUnauthenticated(app);
        CheckDirectoryHasPeople(app);
        app.MapTeamsBot();
        app.Services.ResolveTeamsBot(); // fail at start, not at the first request, when the bot is misconfigured
        app.MapGet("/healthz", async (TableStorage storage, CancellationToken cancellationToken) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var (healthy, detail) = await storage.PingAsync(timeout.Token).ConfigureAwait(false);
            return Results.Json(new { status = healthy ? "healthy" : "unhealthy", storage = detail }, statusCode: healthy ? 200 : 503);
        });
        app.MapGet("/", () => Results.Text("MingXin customer service bot. POST /api/messages, GET /healthz, /privacy, /terms.", "text/plain"));
        app.MapGet("/records/export", async (string? t, string? format, MingXin.Bot.Workflows.Records.RecordService records, HttpContext context, CancellationToken cancellationToken) =>
        {
            MingXin.Bot.Workflows.Records.RecordService.Export export;
            try
            {
                export = await records.ExportAsync(t, format, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (StorageFailure.IsUnavailable(ex))
            {
                app.Logger.LogError(ex, "Storage unavailable during an export: answering 503.");
                context.Response.Headers.RetryAfter = "30";
                return Results.Text("The records cannot be read just now: try the link again in a minute. 暂时无法读取记录，请稍后再打开此链接。", "text/plain; charset=utf-8", statusCode: 503);
            }

            return export switch
            {
                MingXin.Bot.Workflows.Records.RecordService.Export.File file => Results.File(file.Content, file.ContentType, file.FileName),
                MingXin.Bot.Workflows.Records.RecordService.Export.TooMany => Results.Text("Too many exports this minute: wait a minute and search again in Teams. 导出过于频繁，请一分钟后在 Teams 中重新查询。", "text/plain; charset=utf-8", statusCode: 429),
                _ => Results.Text("This export link is not valid, has expired or has been used: search again in Teams for a new one. 导出链接无效、已过期或已使用，请在 Teams 中重新查询。", "text/plain; charset=utf-8", statusCode: 403),
            };
        });
        app.MapGet("/privacy", () => Results.Text(AppPages.Privacy, "text/plain; charset=utf-8"));
        app.MapGet("/terms", () => Results.Text(AppPages.Terms, "text/plain; charset=utf-8"));
        return app;
    }

    /// <summary>The one handler of a change one form asks of another, reached through the outbox by the change's stored name.</summary>
    private static void AddFormChange<TChange, THandler>(IServiceCollection services, string name)
        where TChange : IFormChange
        where THandler : class, IFormChangeHandler<TChange>
    {
        services.AddSingleton<IOutboxRelay>(sp => new FormChangeRelay<TChange>(name, sp.GetRequiredService<THandler>()));
    }

    /// <summary>A form is one runner: the card router's, the outbox's workflow kind, the deadline scheduler's handler.</summary>
    private static void AddForm<TRunner>(IServiceCollection services)
        where TRunner : class, IFormRunner, IWorkflowForm, IDeadlineHandler
    {
        services.AddSingleton<TRunner>();
        services.AddSingleton<IWorkflowForm>(sp => sp.GetRequiredService<TRunner>());
        services.AddSingleton<IFormRunner>(sp => sp.GetRequiredService<TRunner>());
        services.AddSingleton<IDeadlineHandler>(sp => sp.GetRequiredService<TRunner>());
    }

    private static void WarnWhenUnauthenticated(WebApplication app)
    {
        if (!string.IsNullOrWhiteSpace(app.Configuration["MicrosoftAppId"]))
        {
            var type = app.Configuration["MicrosoftAppType"];
            if (!string.Equals(type, "SingleTenant", StringComparison.OrdinalIgnoreCase) && !string.Equals(type, "UserAssignedMSI", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"MicrosoftAppType is '{type}': set SingleTenant (app registration with a secret) or UserAssignedMSI (managed identity). Multi-tenant bots can no longer be created.");
            }

            return;
        }

        if (!app.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "MicrosoftAppId is empty: the bot would accept unsigned requests. That is allowed only in the Development environment (local playground, tests). Set MicrosoftAppId, MicrosoftAppType and MicrosoftAppTenantId.");
        }

        app.Logger.LogWarning(
            """
            ************************************************************************
            * MicrosoftAppId is EMPTY: /api/messages accepts UNSIGNED requests.    *
            * This is for local runs (Agents Playground) and tests only.           *
            ************************************************************************
            """);
    }

    /// <summary>
    /// A directory with nobody in it refuses everyone, administrators included, with no sign of why: outside
    /// Development the bot does not start; in Development it says so loudly (the playground may add people).
    /// </summary>
    private static void CheckDirectoryHasPeople(WebApplication app)
    {
        var directory = app.Services.GetRequiredService<IOptions<DirectoryOptions>>().Value;
        var empty = directory.UsesGraph ? directory.Graph.Groups.Count == 0 : directory.People.Count == 0;
        if (!empty)
        {
            return;
        }

        var message = directory.UsesGraph
            ? $"Directory:Graph:Groups names no group: nobody holds a position, so the bot refuses everyone (content root: {app.Environment.ContentRootPath})."
            : $"Directory:People is empty: nobody holds a position, so the bot refuses everyone, administrators included. Fill Directory:People or use Directory:Source Graph (content root: {app.Environment.ContentRootPath}).";
        if (!app.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(message);
        }

        app.Logger.LogError("{Problem}", message);
    }

    private static GraphServiceClient CreateGraphClient(GraphDirectoryOptions graph, IConfiguration configuration) =>
        CreateGraphClient(graph.TenantId, graph.ClientId, graph.ClientSecret, configuration);

    private static GraphServiceClient CreateGraphClient(string? tenantId, string? appId, string? secret, IConfiguration configuration)
    {
        var tenant = tenantId ?? configuration["MicrosoftAppTenantId"];
        var clientId = appId ?? configuration["MicrosoftAppId"];
        Azure.Core.TokenCredential credential = string.IsNullOrWhiteSpace(secret)
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId })
            : new ClientSecretCredential(tenant, clientId, secret);
        return new GraphServiceClient(credential, ["https://graph.microsoft.com/.default"]);
    }

    /// <summary>
    /// The complaints mailbox (MX-QM-03 4.3.1): drafts and their cards always (a card may be clicked after the mailbox
    /// is switched off); the Graph reader only when <c>Mailbox:Address</c> is set. Its app registration defaults to the
    /// directory's Graph registration, then the bot's own.
    /// </summary>
    private static void AddMailbox(IServiceCollection services, IConfiguration configuration, DirectoryOptions directory)
    {
        services.AddValidatedOptions<MingXin.Bot.Mailbox.MailboxOptions>(configuration, MingXin.Bot.Mailbox.MailboxOptions.SectionName);
        services.AddSingleton<MailDraftStore>();
        services.AddSingleton<MingXin.Bot.Workflows.Complaints.MailDraftCards>();
        services.AddSingleton<MingXin.Bot.Workflows.Complaints.MailDraftService>();
        var mailbox = configuration.GetSection(MingXin.Bot.Mailbox.MailboxOptions.SectionName).Get<MingXin.Bot.Mailbox.MailboxOptions>() ?? new MingXin.Bot.Mailbox.MailboxOptions();
        if (!mailbox.Enabled)
        {
            return;
        }

        services.AddSingleton<MingXin.Bot.Mailbox.IMailboxSource>(_ => new MingXin.Bot.Mailbox.GraphMailboxSource(CreateGraphClient(
            mailbox.TenantId ?? directory.Graph.TenantId,
            mailbox.ClientId ?? directory.Graph.ClientId,
            mailbox.ClientSecret ?? (mailbox.ClientId is null ? directory.Graph.ClientSecret : null),
            configuration)));
        services.AddSingleton<MingXin.Bot.Mailbox.MailboxWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<MingXin.Bot.Mailbox.MailboxWatcher>());
    }
}
