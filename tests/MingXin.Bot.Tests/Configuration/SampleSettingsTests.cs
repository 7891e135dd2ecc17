using MingXin.Bot.Directory;
using MingXin.Bot.Hosting;
using MingXin.Bot.Storage;
using MingXin.Bot.Teams;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace MingXin.Bot.Tests.Configuration;

/// <summary>appsettings.sample.json documents every setting the bot reads.</summary>
public sealed class SampleSettingsTests
{
    private static IConfigurationRoot Sample() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(RepositoryRoot.Path, "appsettings.sample.json"), optional: false)
        .Build();

    public static TheoryData<string, Type> OptionSections() => new()
    {
        { BotOptions.SectionName, typeof(BotOptions) },
        { StorageOptions.SectionName, typeof(StorageOptions) },
        { DirectoryOptions.SectionName, typeof(DirectoryOptions) },
        { DirectoryOptions.SectionName + ":Graph", typeof(GraphDirectoryOptions) },
        { ConnectorOptions.SectionName, typeof(ConnectorOptions) },
        { MingXin.Bot.Workflows.OutboxOptions.SectionName, typeof(MingXin.Bot.Workflows.OutboxOptions) },
        { MingXin.Bot.Scheduling.CalendarOptions.SectionName, typeof(MingXin.Bot.Scheduling.CalendarOptions) },
        { MingXin.Bot.Scheduling.DeadlineOptions.SectionName, typeof(MingXin.Bot.Scheduling.DeadlineOptions) },
        { MingXin.Bot.Scheduling.ProductionAnswerOptions.SectionName, typeof(MingXin.Bot.Scheduling.ProductionAnswerOptions) },
        { MingXin.Bot.Scheduling.StepSlaOptions.SectionName, typeof(MingXin.Bot.Scheduling.StepSlaOptions) },
        { MingXin.Bot.Workflows.Customers.CustomerOptions.SectionName, typeof(MingXin.Bot.Workflows.Customers.CustomerOptions) },
        { MingXin.Bot.Workflows.Customers.CustomerOptions.SectionName + ":Initial:0", typeof(MingXin.Bot.Workflows.Customers.InitialCustomer) },
    };

    [Theory]
    [MemberData(nameof(OptionSections))]
    public void Every_option_has_a_documented_key_in_the_sample(string section, Type options)
    {
        var keys = Sample().GetSection(section).GetChildren().Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "appsettings.sample.json"));

        foreach (var property in options.GetProperties().Where(p => p.CanWrite))
        {
            Assert.True(keys.Contains(property.Name) || text.Contains($"\"{property.Name}\"", StringComparison.Ordinal), $"{section}:{property.Name} is missing from appsettings.sample.json");
        }
    }

    [Fact]
    public void The_sample_binds_and_names_only_known_positions()
    {
        var config = Sample();
        var directory = config.GetSection(DirectoryOptions.SectionName).Get<DirectoryOptions>()!;

        Assert.Equal("SingleTenant", config["MicrosoftAppType"]);
        Assert.Equal(MingXin.Bot.Domain.Organization.Positions.List.Count, directory.Graph.Groups.Count);
        Assert.All(directory.Graph.Groups.Keys, k => Assert.True(MingXin.Bot.Domain.Organization.Positions.TryParse(k, out _), k));
        Assert.All(directory.People.SelectMany(p => p.Positions), k => Assert.True(MingXin.Bot.Domain.Organization.Positions.TryParse(k, out _), k));
    }
}
