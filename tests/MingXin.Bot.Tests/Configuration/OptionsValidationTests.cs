using MingXin.Bot.Hosting;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Tests.Configuration;

/// <summary>A wrong setting stops the start with a message naming its key; every section is checked.</summary>
public sealed class OptionsValidationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    public static TheoryData<string, string, string> WrongValues() => new()
    {
        { "Outbox:SweepSeconds", "0", "Outbox:SweepSeconds" },
        { "Outbox:PostLeaseSeconds", "-5", "Outbox:PostLeaseSeconds" },
        { "Surveys:PeriodMonths", "5", "Surveys:PeriodMonths: must be 1, 2, 3, 4, 6 or 12" },
        { "Surveys:Threshold", "9", "Surveys:Threshold" },
        { "Deadlines:ProductionAnswer:ReminderMinutes", "150", "Deadlines:ProductionAnswer:ReminderMinutes: must come before the answer is due (120 minutes)" },
        { "Deadlines:Steps:Hours:ProductionNotice.AwaitingGmApproval", "0", "Deadlines:Steps:Hours: 'ProductionNotice.AwaitingGmApproval' = 0" },
        { "Dashboard:WeeklySummary:Time", "8.30", "Dashboard:WeeklySummary:Time: must be a time of day as HH:mm" },
        { "Calendar:WorkingHours:0", "8-12", "Calendar:WorkingHours: has '8-12'" },
        { "Records:ExportLinkMinutes", "0", "Records:ExportLinkMinutes" },
        { "Connector:AttemptTimeoutSeconds", "0", "Connector:AttemptTimeoutSeconds" },
        { "Deadlines:TickSeconds", "0", "Deadlines:TickSeconds" },
        { "Directory:Source", "Ldap", "Directory:Source: must be Configuration or Graph" },
        { "Bot:DefaultLanguage", "fr-FR", "Bot:DefaultLanguage: must be a Chinese or English locale" },
    };

    /// <summary>The bot's own registration (<c>AddMingXinBot</c>) on its appsettings.json plus <paramref name="settings"/>, checked as the host checks it at start.</summary>
    private static void ValidateAtStart(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = Path.Combine(RepositoryRoot.Path, "bot", "MingXin.Bot") });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddMingXinBot();
        using var services = builder.Services.BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [MemberData(nameof(WrongValues))]
    public void A_wrong_value_stops_the_start_and_names_its_key(string key, string value, string expected)
    {
        ValidateAtStart(new Dictionary<string, string?>()); // the shipped settings pass
        var error = Assert.Throws<OptionsValidationException>(() => ValidateAtStart(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_host_does_not_start_with_a_wrong_value()
    {
        await using var host = new BotHost(azurite.ConnectionString, extra: new Dictionary<string, string?> { ["Outbox:SweepSeconds"] = "0" });
        Assert.ThrowsAny<Exception>(() => host.CreateClient()); // the validation error, or the host disposed by it
    }

    [Fact]
    public async Task Every_section_is_checked_at_start()
    {
        await using var host = new BotHost(azurite.ConnectionString);
        _ = host.CreateClient();
        foreach (var type in SampleSettingsTests.OptionSections().Select(row => (Type)row[1]).Where(t => t.GetField("SectionName") is not null))
        {
            var validators = (IEnumerable<object>)host.Services.GetServices(typeof(IValidateOptions<>).MakeGenericType(type));
            Assert.True(validators.Any(v => v.GetType().Name.StartsWith("SectionValidator", StringComparison.Ordinal)), $"{type.Name} is not checked at start");
        }
    }
}
