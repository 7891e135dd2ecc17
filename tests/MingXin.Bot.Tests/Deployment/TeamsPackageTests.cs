using System.IO.Compression;
using System.Text.Json.Nodes;
using MingXin.Bot.Conversations;
using MingXin.Bot.Tests.Infrastructure;
using MingXin.TeamsPackage;

namespace MingXin.Bot.Tests.Deployment;

/// <summary>infra/teams: the package the packager writes is valid against the manifest schemas, and its commands are the bot's.</summary>
public sealed class TeamsPackageTests : IDisposable
{
    private const string BotId = "11111111-2222-3333-4444-555555555555";
    private const string Domain = "mingxinbot-abc123.azurewebsites.net";
    private static readonly string Source = Path.Combine(RepositoryRoot.Path, "infra", "teams");
    private readonly string _work = System.IO.Directory.CreateTempSubdirectory("mingxin-teams-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_work, recursive: true);

    private string Package(string botId = BotId, string domain = Domain, string version = "1.0.0")
    {
        var result = TeamsAppPackage.Create(new PackageRequest(Source, botId, domain, version, Path.Combine(_work, "app.zip")));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var unpacked = Path.Combine(_work, "unpacked");
        ZipFile.ExtractToDirectory(result.PackagePath!, unpacked);
        return unpacked;
    }

    [Fact]
    public async Task The_package_passes_the_manifest_and_localization_schemas_and_the_icon_checks()
    {
        var unpacked = Package();

        var run = await ProcessRun.RunAsync("node", [Path.Combine(RepositoryRoot.Path, "tests", "tools", "teams-package.js"), unpacked]);
        var report = JsonNode.Parse(run.Output)!;

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(report["problems"]!.AsArray());
        Assert.Equal("1.24", report["manifestVersion"]!.GetValue<string>());
        Assert.Equal([(192, 192), (32, 32)], report["icons"]!.AsArray().Select(i => (i!["width"]!.GetValue<int>(), i["height"]!.GetValue<int>())));
        Assert.Equal("zh-cn", Assert.Single(report["localizations"]!.AsArray())!["languageTag"]!.GetValue<string>());
    }

    [Fact]
    public void The_package_holds_the_four_files_at_its_root_with_the_bot_id_and_domain_filled_in()
    {
        var unpacked = Package(botId: BotId.ToUpperInvariant());

        Assert.Equal(["color.png", "manifest.json", "outline.png", "zh-cn.json"], System.IO.Directory.GetFiles(unpacked).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(unpacked, "manifest.json")))!;
        Assert.Equal(BotId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(Domain, manifest["validDomains"]![0]!.GetValue<string>());
        Assert.Equal($"https://{Domain}/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.Equal(["groupChat", "personal", "team"], manifest["bots"]![0]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("${{", File.ReadAllText(Path.Combine(unpacked, "manifest.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_in_both_languages_is_one_the_bot_understands_where_it_is_offered()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Source, "manifest.json")))!;
        var chinese = JsonNode.Parse(File.ReadAllText(Path.Combine(Source, "zh-cn.json")))!.AsObject();
        var lists = manifest["bots"]![0]!["commandLists"]!.AsArray();

        for (var l = 0; l < lists.Count; l++)
        {
            var scopes = lists[l]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
            var commands = lists[l]!["commands"]!.AsArray();
            for (var c = 0; c < commands.Count; c++)
            {
                var english = commands[c]!["title"]!.GetValue<string>();
                var translated = chinese[$"bots[0].commandLists[{l}].commands[{c}].title"]?.GetValue<string>();
                Assert.False(translated is null, $"zh-cn.json has no title for '{english}'");
                Assert.False(chinese[$"bots[0].commandLists[{l}].commands[{c}].description"] is null, $"zh-cn.json has no description for '{english}'");

                var parsed = ChatCommand.Parse(english);
                Assert.IsNotType<ChatCommand.Unknown>(parsed);
                Assert.Equal(parsed.GetType(), ChatCommand.Parse(translated).GetType());
                if (parsed is ChatCommand.Register)
                {
                    Assert.DoesNotContain("personal", scopes); // the bot refuses register outside a channel
                }
            }
        }
    }

    [Fact]
    public void The_README_names_the_commands_each_scope_offers()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Source, "manifest.json")))!;
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "README.md"));
        foreach (var (scope, line) in new[] { ("personal", "- personal chat: "), ("team", "- teams and group chats: ") })
        {
            var list = manifest["bots"]![0]!["commandLists"]!.AsArray().Single(c => c!["scopes"]!.AsArray().Any(s => s!.GetValue<string>() == scope))!;
            var named = readme.Single(l => l.StartsWith(line, StringComparison.Ordinal))[line.Length..].Split(", ").Select(c => c.Trim('`')).ToList();
            Assert.Equal(list["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()), named);
            Assert.True(named.Count <= 10, "Teams shows at most ten commands per scope");
        }
    }

    [Theory]
    [InlineData("not-a-guid", Domain, "1.0.0", "--bot-id")]
    [InlineData(BotId, "https://" + Domain, "1.0.0", "--domain")]
    [InlineData(BotId, Domain + "/api/messages", "1.0.0", "--domain")]
    [InlineData(BotId, "localhost", "1.0.0", "--domain")]
    [InlineData(BotId, Domain, "v2", "--version")]
    public void Bad_arguments_are_named_and_nothing_is_written(string botId, string domain, string version, string named)
    {
        var output = Path.Combine(_work, "app.zip");
        var result = TeamsAppPackage.Create(new PackageRequest(Source, botId, domain, version, output));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.StartsWith(named, StringComparison.Ordinal));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void The_icons_are_the_ones_the_packager_draws()
    {
        // Pixels are checked independently (tests/tools/teams-package.js); here: the committed files are the drawing.
        Assert.Equal(Icons.Color(), File.ReadAllBytes(Path.Combine(Source, TeamsAppPackage.ColorIconFile)));
        Assert.Equal(Icons.Outline(), File.ReadAllBytes(Path.Combine(Source, TeamsAppPackage.OutlineIconFile)));
    }
}
