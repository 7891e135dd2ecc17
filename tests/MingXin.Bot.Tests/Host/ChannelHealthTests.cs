using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Host;

/// <summary>
/// A department channel that Teams refuses for good (the bot was removed from the team, the channel deleted):
/// the binding is unbound or marked broken, the administrators are told in their personal chat, `departments`
/// shows it, and nothing keeps retrying against a 403.
/// </summary>
public sealed class ChannelHealthTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private const string QcChannel = "19:qc@thread.tacv2";

    private ChannelBindingStore Bindings => Host.Services.GetRequiredService<ChannelBindingStore>();

    /// <summary>What the administrator was told in their personal chat (their Teams id is learned from `register`).</summary>
    private List<string> ToldAdministrator() => Connector.Delivered
        .Where(c => c.Method == "POST" && Uri.UnescapeDataString(c.Path).StartsWith("/v3/conversations/a:personal-" + BotHost.AdminId + "/activities", StringComparison.Ordinal))
        .Select(c => c.Text!)
        .ToList();

    [Fact]
    public async Task A_channel_that_refuses_a_post_is_marked_broken_once_the_administrators_are_told_and_later_forms_do_not_try_it()
    {
        Connector.Refuse(QcChannel, 403);

        var first = await StartApprovalAsync();
        await DrainedAsync(first); // the refused post is settled, not retried for ever

        var qc = (await Bindings.GetAsync(Department.QualityControl, default))!;
        Assert.True(qc.IsBroken);
        Assert.Contains("403", qc.BrokenReason, StringComparison.Ordinal);
        var told = Assert.Single(ToldAdministrator());
        Assert.Contains("品管部", told, StringComparison.Ordinal);
        Assert.Contains("注册 qc", told, StringComparison.Ordinal);

        var refusedBefore = Connector.Calls.Count(c => c.Status == 403);
        var second = await StartApprovalAsync("第二个申请");
        await DrainedAsync(second);
        Assert.Equal(refusedBefore, Connector.Calls.Count(c => c.Status == 403)); // the broken channel is not tried again
        Assert.Single(ToldAdministrator()); // and the administrators are not told twice

        await Activities.PostAsync(Client, Activities.ChannelMessage(Connector.ServiceUrl, "departments", BotHost.SalesId, channelId: "19:sales@thread.tacv2", locale: "en-US"));
        var departments = CardDriver.Text(Connector.Delivered.Last().Card!);
        Assert.Contains("not reachable since", departments, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_the_channel_again_or_adding_the_bot_back_to_the_team_repairs_it()
    {
        Connector.Refuse(QcChannel, 404);
        await DrainedAsync(await StartApprovalAsync());
        Assert.True((await Bindings.GetAsync(Department.QualityControl, default))!.IsBroken);

        await Activities.PostAsync(Client, Activities.BotAddedToTeam(Connector.ServiceUrl));
        Assert.False((await Bindings.GetAsync(Department.QualityControl, default))!.IsBroken);
    }

    [Fact]
    public async Task Updates_and_replies_in_a_thread_Teams_refuses_are_skipped_and_the_step_still_lands()
    {
        var id = await StartApprovalAsync();
        await DrainedAsync(id);
        Connector.Refuse(QcChannel, 403); // the bot leaves the team after the card was posted

        await Cards.ActAsync(BotHost.SalesId, "comment", id, 1, new System.Text.Json.Nodes.JsonObject { ["comment"] = "客户催了" });

        await DrainedAsync(id); // the thread's reply refused: settled, not pending for ever
        Assert.Contains(Connector.Calls, c => c.Status == 403 && c.Path != "/v3/conversations");
        Assert.Equal(2, (await Store.GetStateAsync(id, default))!.Version);
    }

    [Fact]
    public async Task Removing_the_bot_from_the_team_unbinds_its_channels_and_tells_the_administrators()
    {
        await Activities.PostAsync(Client, Activities.BotRemovedFromTeam(Connector.ServiceUrl));

        Assert.Empty(await Bindings.ListAsync(default));
        var told = Assert.Single(ToldAdministrator());
        Assert.Contains("明新工厂", told, StringComparison.Ordinal);
        Assert.Contains("品管部", told, StringComparison.Ordinal);
    }
}
