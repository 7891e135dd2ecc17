using System.Text.Json.Nodes;

namespace MingXin.Bot.Tests.Deployment;

/// <summary>
/// The bot's binary carries its garbage collector settings (the workstation collector in the background, young
/// objects collected every 16 MB at most, the collector working harder to keep the old generation small), whatever the
/// machine; see the bot's csproj and docs/PERFORMANCE.md for what they were measured against.
/// </summary>
public sealed class CollectorSettingsTests
{
    [Fact]
    public void The_built_bot_runs_the_workstation_collector_in_the_background_with_a_bounded_young_budget_and_conserves_memory()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MingXin.Bot.runtimeconfig.json")))!["runtimeOptions"]!["configProperties"]!;

        Assert.False(config["System.GC.Server"]!.GetValue<bool>());
        Assert.True(config["System.GC.Concurrent"]!.GetValue<bool>());
        Assert.Equal(16 * 1024 * 1024, config["System.GC.Gen0MaxBudget"]!.GetValue<long>());
        Assert.Equal(5, config["System.GC.ConserveMemory"]!.GetValue<int>());
    }
}
