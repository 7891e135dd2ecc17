using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Deployment;

/// <summary>
/// The bot reads its settings from its own folder wherever it is started from, and does not start outside
/// Development with a directory that has nobody in it (which would refuse everyone, administrators included).
/// </summary>
public sealed class StartFromAnywhereTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>A salesperson of the demo directory in appsettings.Development.json (beside the binary).</summary>
    private const string DemoSalesId = "00000000-0000-0000-0000-0000000000020";

    [Fact]
    public async Task Started_from_another_folder_it_reads_the_settings_beside_its_binary()
    {
        await using var connector = await RecordingConnector.StartAsync();
        await using var bot = await BotProcess.StartAsync(azurite.ConnectionString, AzuriteFixture.NewTablePrefix(), ownFolder: true);

        await Activities.PostAsync(bot.Client, Activities.PersonalMessage(connector.ServiceUrl, "request Trial run", DemoSalesId, "en-US"));

        // The demo directory was loaded: the person holds a position and the request started a form.
        Assert.Contains(connector.Delivered, c => c.Card?["refresh"]?["action"]?["data"]?["workflow"]?.GetValue<string>().StartsWith("IA-", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Outside_development_an_empty_directory_stops_the_start_with_a_message_naming_the_setting()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => BotProcess.StartAsync(azurite.ConnectionString, AzuriteFixture.NewTablePrefix(), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["MicrosoftAppId"] = "22222222-2222-2222-2222-222222222222",
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = "33333333-3333-3333-3333-333333333333",
            ["MicrosoftAppPassword"] = "not-used",
            ["Directory__Source"] = "Graph", // and no groups named: nobody holds a position
        }));

        Assert.Contains("Directory:Graph:Groups names no group", failure.Message, StringComparison.Ordinal);
    }
}
