using MingXin.Bot.Directory;
using MingXin.Bot.Hosting;
using MingXin.Bot.Storage;
using MingXin.Bot.Teams;
using MingXin.Bot.Tests.Infrastructure;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace MingXin.Bot.Tests.Configuration;

/// <summary>appsettings.sample.json documents every setting the bot reads.</summary>
public sealed class SampleSettingsTests
{
    private static IConfigurationRoot Sample() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(RepositoryRoot.Path, "appsettings.sample.json"), optional: false)
        .Build();

    /// <summary>
    /// Every options class of the bot, found by reflection: each class with a <c>SectionName</c>, and the
    /// classes its properties hold (a list's items as <c>Section:Property:0</c>).
    /// </summary>
    public static TheoryData<string, Type> OptionSections()
    {
        var data = new TheoryData<string, Type>();
        void Add(string section, Type type)
        {
            data.Add(section, type);
            foreach (var property in type.GetProperties().Where(p => p.CanWrite))
            {
                var held = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(List<>) ? property.PropertyType.GetGenericArguments()[0] : property.PropertyType;
                if (held.Assembly == typeof(BotOptions).Assembly && held.IsClass)
                {
                    Add(section + ":" + property.Name + (held == property.PropertyType ? string.Empty : ":0"), held);
                }
            }
        }

        foreach (var type in typeof(BotOptions).Assembly.GetTypes().Where(t => t.IsClass && t.Name.EndsWith("Options", StringComparison.Ordinal)).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is string section)
            {
                Add(section, type);
            }
        }

        return data;
    }

    [Fact]
    public void Reflection_finds_every_section_the_bot_reads()
    {
        var sections = OptionSections().Select(row => (string)row[0]).ToList();
        Assert.Superset(new HashSet<string> { "Bot", "Storage", "Directory", "Directory:Graph", "Directory:People:0", "Outbox", "Connector", "Calendar", "Deadlines", "Deadlines:ProductionAnswer", "Deadlines:Steps", "Customers", "Customers:Initial:0", "Records", "Dashboard:WeeklySummary", "Surveys", "Mailbox" }, sections.ToHashSet());
    }

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
