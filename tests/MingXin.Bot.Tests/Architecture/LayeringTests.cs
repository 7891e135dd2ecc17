using MingXin.Bot.Hosting;
using NetArchTest.Rules;

namespace MingXin.Bot.Tests.Architecture;

/// <summary>
/// The domain (every form's aggregate and step table, wherever its file lives) stays pure, and only the
/// Teams edge knows the Bot Framework SDK: a move to its successor touches one folder.
/// </summary>
public sealed class LayeringTests
{
    private static Types Bot => Types.InAssembly(typeof(BotOptions).Assembly);

    public static TheoryData<string> Outside() => new()
    {
        "Azure", "Microsoft.Bot", "Microsoft.AspNetCore", "Microsoft.Graph", "Microsoft.Extensions", "System.Net.Http",
        "MingXin.Bot.Storage", "MingXin.Bot.Teams", "MingXin.Bot.Workflows", "MingXin.Bot.Presentation", "MingXin.Bot.Hosting", "MingXin.Bot.Directory", "MingXin.Bot.Messaging", "MingXin.Bot.Scheduling",
    };

    [Theory]
    [MemberData(nameof(Outside))]
    public void The_domain_depends_on_no_storage_host_sdk_or_io(string dependency)
    {
        var result = Bot.That().ResideInNamespaceStartingWith("MingXin.Bot.Domain").ShouldNot().HaveDependencyOn(dependency).GetResult();
        Assert.True(result.IsSuccessful, $"Domain types that use {dependency}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Only_the_Teams_folder_uses_the_Bot_Framework_SDK()
    {
        var result = Bot.That().DoNotResideInNamespaceStartingWith("MingXin.Bot.Teams").ShouldNot().HaveDependencyOn("Microsoft.Bot").GetResult();
        Assert.True(result.IsSuccessful, "Bot Builder types outside Teams/: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_domain_is_really_examined()
    {
        // A rule over no types passes whatever it says: the domain namespaces hold every form's aggregate and step table.
        var names = Bot.That().ResideInNamespaceStartingWith("MingXin.Bot.Domain").GetTypes().Select(t => t.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "ProductionNotice", "ProductionNoticeSteps", "Complaint", "ComplaintSteps", "StepTable`2", "Quotation", "Approval", "BusinessCalendar" }, names);
    }
}
