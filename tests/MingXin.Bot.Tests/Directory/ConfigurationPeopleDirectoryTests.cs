using MingXin.Bot.Directory;
using MingXin.Bot.Domain.Organization;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Tests.Directory;

public sealed class ConfigurationPeopleDirectoryTests
{
    [Fact]
    public async Task People_hold_the_positions_listed_for_them()
    {
        var directory = new ConfigurationPeopleDirectory(Options.Create(new DirectoryOptions
        {
            People =
            [
                new PersonOptions { AadObjectId = "a", Name = "王芳", Positions = ["Administrator", "salesperson"] },
                new PersonOptions { AadObjectId = "b", Name = "陈静", Positions = ["QcInspector"] },
            ],
        }));

        var wang = await directory.FindAsync("A", default);
        Assert.NotNull(wang);
        Assert.True(wang.Holds(Position.Administrator));
        Assert.True(wang.Holds(Position.Salesperson));
        Assert.Equal(["陈静"], (await directory.HoldersAsync(Position.QcInspector, default)).Select(p => p.DisplayName));
        Assert.Empty(await directory.HoldersAsync(Position.GeneralManager, default));
    }

    [Fact]
    public void An_unknown_position_names_the_known_ones()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ConfigurationPeopleDirectory(Options.Create(new DirectoryOptions
        {
            People = [new PersonOptions { AadObjectId = "a", Name = "王芳", Positions = ["Boss"] }],
        })));

        Assert.Contains("unknown position 'Boss'", error.Message, StringComparison.Ordinal);
        Assert.Contains("GeneralManager", error.Message, StringComparison.Ordinal);
    }
}
