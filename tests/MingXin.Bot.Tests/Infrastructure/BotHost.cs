using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// The real bot host (Program) in process, with test configuration: its own tables in Azurite,
/// a directory of test people, and optionally a Bot Framework app id (so authentication is on).
/// </summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    public const string AdminId = "aad-admin";
    public const string SalesId = "aad-sales";
    public const string QcId = "aad-qc";
    public const string ProductionManagerId = "aad-prod-mgr";
    public const string QcManagerId = "aad-qc-mgr";
    public const string QcManager2Id = "aad-qc-mgr-2";
    public const string MaterialsId = "aad-materials";
    public const string GmId = "aad-gm";
    public const string ClerkId = "aad-clerk";
    public const string WarehouseId = "aad-warehouse";
    public const string PlannerId = "aad-planner";
    public const string SalesManagerId = "aad-sales-mgr";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _fakeTime;

    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Replaces services at the test's edge (a fake Graph behind the real Graph client, say).</param>
    public BotHost(string storageConnectionString, string? appId = null, IDictionary<string, string?>? extra = null, bool fakeTime = true, string? tablePrefix = null, Action<IServiceCollection>? services = null)
    {
        _fakeTime = fakeTime;
        _services = services;
        TablePrefix = tablePrefix ?? AzuriteFixture.NewTablePrefix();
        _settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storageConnectionString,
            ["Storage:TablePrefix"] = TablePrefix,
            ["Storage:RequestTimeoutSeconds"] = "2",
            ["MicrosoftAppId"] = appId ?? string.Empty,
            ["MicrosoftAppPassword"] = appId is null ? string.Empty : "not-a-real-secret",
            ["MicrosoftAppTenantId"] = appId is null ? string.Empty : "11111111-1111-1111-1111-111111111111",
            ["MicrosoftAppType"] = appId is null ? string.Empty : "SingleTenant",
            ["Directory:Source"] = "Configuration",

            // Off unless a test turns it on: other tests move the clock across Monday mornings.
            ["Dashboard:WeeklySummary:Enabled"] = "false",

            // Off unless a test turns it on: the test clock stands still, so a conversation's eighth message in its
            // "second" would wait for ever (ThreadPacerTests pace on a clock of their own; the fan-out driver runs the bot paced).
            ["Connector:Pacing:Enabled"] = "false",
            ["Directory:People:0:AadObjectId"] = AdminId,
            ["Directory:People:0:Name"] = "王芳 Wang Fang",
            ["Directory:People:0:Positions:0"] = "Administrator",
            ["Directory:People:1:AadObjectId"] = SalesId,
            ["Directory:People:1:Name"] = "Sam Sales",
            ["Directory:People:1:Positions:0"] = "Salesperson",
            ["Directory:People:2:AadObjectId"] = QcId,
            ["Directory:People:2:Name"] = "陈静 Chen Jing",
            ["Directory:People:2:Positions:0"] = "QcInspector",
            ["Directory:People:3:AadObjectId"] = ProductionManagerId,
            ["Directory:People:3:Name"] = "刘洋 Liu Yang",
            ["Directory:People:3:Positions:0"] = "ProductionManager",
            ["Directory:People:4:AadObjectId"] = QcManagerId,
            ["Directory:People:4:Name"] = "周婷 Zhou Ting",
            ["Directory:People:4:Positions:0"] = "QcManager",
            ["Directory:People:5:AadObjectId"] = QcManager2Id,
            ["Directory:People:5:Name"] = "吴刚 Wu Gang",
            ["Directory:People:5:Positions:0"] = "QcManager",
            ["Directory:People:6:AadObjectId"] = MaterialsId,
            ["Directory:People:6:Name"] = "赵敏 Zhao Min",
            ["Directory:People:6:Positions:0"] = "MaterialsController",
            ["Directory:People:7:AadObjectId"] = GmId,
            ["Directory:People:7:Name"] = "李强 Li Qiang",
            ["Directory:People:7:Positions:0"] = "GeneralManager",
            ["Directory:People:8:AadObjectId"] = ClerkId,
            ["Directory:People:8:Name"] = "孙丽 Sun Li",
            ["Directory:People:8:Positions:0"] = "FollowUpClerk",
            ["Directory:People:9:AadObjectId"] = WarehouseId,
            ["Directory:People:9:Name"] = "郑军 Zheng Jun",
            ["Directory:People:9:Positions:0"] = "WarehouseKeeper",
            ["Directory:People:10:AadObjectId"] = PlannerId,
            ["Directory:People:10:Name"] = "何平 He Ping",
            ["Directory:People:10:Positions:0"] = "ProductionPlanner",
            ["Directory:People:11:AadObjectId"] = SalesManagerId,
            ["Directory:People:11:Name"] = "林伟 Lin Wei",
            ["Directory:People:11:Positions:0"] = "SalesManager",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string TablePrefix { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Settings the composition root reads while it registers services (before the app
        // configuration below is applied) must reach the host configuration.
        foreach (var (key, value) in _settings.Where(s => s.Key.StartsWith("APPLICATIONINSIGHTS_", StringComparison.Ordinal) || s.Key.StartsWith("Mailbox:", StringComparison.Ordinal)))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(config =>
        {
            // The demo directory of appsettings.Development.json would merge into the test people (arrays merge by index).
            foreach (var demo in config.Sources.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationSource>().Where(s => s.Path?.EndsWith("appsettings.Development.json", StringComparison.Ordinal) == true).ToList())
            {
                config.Sources.Remove(demo);
            }

            config.AddInMemoryCollection(_settings);
        });
        builder.ConfigureLogging(logging => logging.ClearProviders());
        if (_fakeTime)
        {
            // Note: the Connector's retry pipeline waits on this clock too.
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
        }

        if (_services is { } replace)
        {
            builder.ConfigureServices(replace);
        }
    }
}
