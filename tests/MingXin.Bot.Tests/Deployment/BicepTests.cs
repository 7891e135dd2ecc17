using System.Reflection;
using System.Text.Json.Nodes;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace MingXin.Bot.Tests.Deployment;

/// <summary>infra/main.bicep builds and lints clean with the Bicep CLI from NuGet, and deploys what the bot needs.</summary>
public sealed class BicepTests
{
    private static readonly string Bicep = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
    private static readonly string Template = Path.Combine(RepositoryRoot.Path, "infra", "main.bicep");

    private static async Task<JsonObject> BuildAsync()
    {
        var run = await ProcessRun.RunAsync(Bicep, ["build", Template, "--stdout"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(string.IsNullOrWhiteSpace(run.Error), "bicep build printed diagnostics:\n" + run.Error);
        return JsonNode.Parse(run.Output)!.AsObject();
    }

    private static IEnumerable<JsonObject> Resources(JsonObject arm, string type) =>
        arm["resources"]!.AsArray().Select(r => r!.AsObject()).Where(r => r["type"]!.GetValue<string>() == type);

    [Fact]
    public async Task Lint_reports_nothing()
    {
        var run = await ProcessRun.RunAsync(Bicep, ["lint", Template]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(string.IsNullOrWhiteSpace(run.Output + run.Error), run.ToString());
    }

    [Fact]
    public async Task The_parameter_file_builds_with_the_secret_taken_from_the_environment()
    {
        var run = await ProcessRun.RunAsync(
            Bicep,
            ["build-params", Path.Combine(RepositoryRoot.Path, "infra", "main.bicepparam"), "--stdout"],
            new Dictionary<string, string> { ["MINGXIN_BOT_APP_ID"] = "11111111-2222-3333-4444-555555555555", ["MINGXIN_BOT_APP_PASSWORD"] = "not-a-real-secret" });

        Assert.True(run.ExitCode == 0, run.ToString());
        var parameters = JsonNode.Parse(JsonNode.Parse(run.Output)!["parametersJson"]!.GetValue<string>())!["parameters"]!;
        Assert.Equal("11111111-2222-3333-4444-555555555555", parameters["botAppId"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_bot_is_single_tenant_with_the_Teams_channel_and_points_at_the_web_app()
    {
        var arm = await BuildAsync();

        var bot = Assert.Single(Resources(arm, "Microsoft.BotService/botServices"));
        Assert.Equal("SingleTenant", bot["properties"]!["msaAppType"]!.GetValue<string>());
        Assert.Equal("[parameters('botAppId')]", bot["properties"]!["msaAppId"]!.GetValue<string>());
        Assert.Contains("/api/messages", bot["properties"]!["endpoint"]!.GetValue<string>(), StringComparison.Ordinal);
        var channel = Assert.Single(Resources(arm, "Microsoft.BotService/botServices/channels"));
        Assert.Equal("MsTeamsChannel", channel["properties"]!["channelName"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_web_app_runs_dotnet_10_on_linux_with_its_health_check_and_https_only()
    {
        var arm = await BuildAsync();

        var web = Assert.Single(Resources(arm, "Microsoft.Web/sites"));
        var config = web["properties"]!["siteConfig"]!;
        Assert.Equal("DOTNETCORE|10.0", config["linuxFxVersion"]!.GetValue<string>());
        Assert.Equal("/healthz", config["healthCheckPath"]!.GetValue<string>());
        Assert.True(web["properties"]!["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("SystemAssigned", web["identity"]!["type"]!.GetValue<string>());
        Assert.True(Assert.Single(Resources(arm, "Microsoft.Web/serverfarms"))["properties"]!["reserved"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Storage_has_no_keys_and_the_app_reaches_tables_and_its_secret_by_managed_identity()
    {
        var arm = await BuildAsync();

        var storage = Assert.Single(Resources(arm, "Microsoft.Storage/storageAccounts"));
        Assert.False(storage["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        var roles = Resources(arm, "Microsoft.Authorization/roleAssignments")
            .Select(r => System.Text.RegularExpressions.Regex.Replace(
                r["properties"]!["roleDefinitionId"]!.GetValue<string>(),
                @"variables\('(\w+)'\)",
                m => arm["variables"]![m.Groups[1].Value]!.GetValue<string>()))
            .ToList();
        Assert.Contains(roles, r => r.Contains("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", StringComparison.Ordinal)); // Storage Table Data Contributor
        Assert.Contains(roles, r => r.Contains("4633458b-17de-408a-b874-0445c86b69e6", StringComparison.Ordinal)); // Key Vault Secrets User

        var settings = AppSettings(arm);
        Assert.StartsWith("[format('@Microsoft.KeyVault(", settings["MicrosoftAppPassword"], StringComparison.Ordinal);
        Assert.DoesNotContain(settings.Keys, k => k.Contains("ConnectionString", StringComparison.Ordinal) && k.StartsWith("Storage", StringComparison.Ordinal));
        Assert.Contains("primaryEndpoints.table", settings["Storage__TableEndpoint"], StringComparison.Ordinal);
        Assert.Equal("securestring", arm["parameters"]!["botAppPassword"]!["type"]!.GetValue<string>());
        Assert.DoesNotContain("botAppPassword", arm["outputs"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_settings_that_read_Key_Vault_are_applied_after_the_app_may_read_it()
    {
        var arm = await BuildAsync();

        // Not on the site itself: a Key Vault reference resolved before the role assignment exists stays literal until a restart.
        var web = Resources(arm, "Microsoft.Web/sites").Single();
        Assert.Null(web["properties"]!["siteConfig"]!["appSettings"]);
        var config = Resources(arm, "Microsoft.Web/sites/config").Single(r => r["name"]!.GetValue<string>().Contains("appsettings", StringComparison.Ordinal));
        var dependsOn = config["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.Contains(dependsOn, d => d.Contains("Microsoft.Authorization/roleAssignments", StringComparison.Ordinal) && d.Contains("keyVaultSecretsUser", StringComparison.Ordinal));
        Assert.Contains(dependsOn, d => d.Contains("Microsoft.Authorization/roleAssignments", StringComparison.Ordinal) && d.Contains("storageTableDataContributor", StringComparison.Ordinal));
        Assert.Contains("@Microsoft.KeyVault(", AppSettings(arm)["MicrosoftAppPassword"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_app_setting_it_writes_is_one_the_bot_reads()
    {
        var arm = await BuildAsync();
        var sample = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot.Path, "appsettings.sample.json")).Build();
        var known = sample.AsEnumerable().Select(kv => kv.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var names = AppSettings(arm).Keys.Where(k => k != "ASPNETCORE_ENVIRONMENT" && !k.StartsWith("format(", StringComparison.Ordinal)).ToList();
        Assert.Contains("Directory__Graph__ClientSecret", names);
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.True(known.Contains(name.Replace("__", ":", StringComparison.Ordinal)), $"{name} is not a setting of the bot (appsettings.sample.json)"));
    }

    [Fact]
    public async Task The_outputs_give_what_the_Teams_package_and_the_guide_need()
    {
        var outputs = (await BuildAsync())["outputs"]!.AsObject();

        foreach (var name in new[] { "botAppId", "webAppHostName", "webAppName", "messagingEndpoint", "keyVaultName" })
        {
            Assert.True(outputs.ContainsKey(name), name);
        }
    }

    /// <summary>
    /// The web app's settings, name → value expression, read from the compiled <c>sites/config appsettings</c>
    /// resource (Bicep inlines them as createObject('name', …, 'value', …) calls) plus the Graph ones.
    /// </summary>
    private static Dictionary<string, string> AppSettings(JsonObject arm)
    {
        var config = Resources(arm, "Microsoft.Web/sites/config").Single(r => r["name"]!.GetValue<string>().Contains("appsettings", StringComparison.Ordinal));
        var text = config["properties"]!.GetValue<string>() + arm["variables"]!["graphSettings"]!.GetValue<string>();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        const string marker = "createObject('name', ";
        for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            var rest = text[(at + marker.Length)..];
            var name = rest.StartsWith('\'') ? rest[1..rest.IndexOf('\'', 1)] : rest[..rest.IndexOf(',')];
            var valueStart = rest.IndexOf("'value', ", StringComparison.Ordinal) + "'value', ".Length;
            var depth = 0;
            var end = valueStart;
            for (; end < rest.Length && !(depth == 0 && rest[end] == ')'); end++)
            {
                depth += rest[end] switch { '(' => 1, ')' => -1, _ => 0 };
            }

            var value = rest[valueStart..end];
            // Resolve plain variable references, so tests see e.g. the Key Vault reference itself.
            if (value.StartsWith("variables('", StringComparison.Ordinal) && value.EndsWith("')", StringComparison.Ordinal)
                && arm["variables"]![value["variables('".Length..^2]] is JsonValue variable)
            {
                value = variable.GetValue<string>();
            }

            settings[name] = value;
        }

        return settings;
    }
}
