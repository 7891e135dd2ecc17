using System.Text.Json.Nodes;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows;

/// <summary>
/// Deputies (代理) through the real host and Azurite: the general manager, away, names the sales
/// manager; on those days the sales manager approves at the GM's step (the record names both) and
/// is among the GM's holders for reminders and escalations; after the last day, not any more.
/// The host's clock starts on Friday 2026-11-27 09:30 in Shenzhen.
/// </summary>
public sealed class DeputyTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private async Task<string> SayAsync(string user, string text, string locale = "zh-CN") => (await Cards.SayAsync(user, text, locale)).Text!;

    [Fact]
    public async Task The_GMs_deputy_approves_on_the_GMs_days_named_as_both_and_gets_the_GMs_escalations()
    {
        var before = await NoticeAtGmAsync();
        Assert.Equal("你没有这一步所需的岗位，或者这一步不在等你处理。", CardDriver.Banner((await Cards.ActAsync(BotHost.SalesManagerId, "pn-approve", before, 2)).Card));

        var recorded = await SayAsync(BotHost.GmId, "代理 林伟 从 2026-11-27 到 2026-12-02");
        Assert.StartsWith("已记录：林伟 Lin Wei 代理 李强 Li Qiang，2026-11-27 – 2026-12-02。", recorded, StringComparison.Ordinal);
        Assert.Contains("总经理", recorded, StringComparison.Ordinal);

        // The deputy sees and takes the GM's step; the record names both.
        var view = (await Cards.ActAsync(BotHost.SalesManagerId, "refresh", before, 2)).Card;
        Assert.Equal(["pn-approve", "pn-reject"], CardDriver.Verbs(view));
        var approved = await Cards.ClickAsync(BotHost.SalesManagerId, view, "pn-approve", new JsonObject());
        Assert.Contains("已批准", CardDriver.Banner(approved), StringComparison.Ordinal);
        var audit = (await Store.LoadAsync(before, default))!.Audit.Single(a => a.Action == "gm-approved");
        Assert.Equal("林伟 Lin Wei（代理 for 李强 Li Qiang）", audit.ActorName);
        Assert.Equal(BotHost.SalesManagerId, audit.ActorId);

        // Whoever asks for the GM (reminders, escalations) gets the deputy too, the GM still listed.
        var directory = Host.Services.GetRequiredService<IPeopleDirectory>();
        Assert.Equal([BotHost.GmId, BotHost.SalesManagerId], (await directory.HoldersAsync(Position.GeneralManager, default)).Select(p => p.AadObjectId));

        // Listing, overlapping days and a name nobody has, in the person's language.
        Assert.Contains("林伟 Lin Wei 代理 李强 Li Qiang", await SayAsync(BotHost.ClerkId, "代理"), StringComparison.Ordinal);
        Assert.Contains("those days already have a deputy", await SayAsync(BotHost.GmId, "deputy Sun Li from 2026-12-01 to 2026-12-03", "en-US"), StringComparison.Ordinal);
        Assert.Equal("Nobody in the directory is called \"Nobody\".", await SayAsync(BotHost.GmId, "deputy Nobody from 2026-12-05 to 2026-12-06", "en-US"));
        Assert.Equal("Nothing was saved: the deputy cannot be yourself", await SayAsync(BotHost.GmId, "deputy Li Qiang from 2026-12-05 to 2026-12-06", "en-US"));

        // After the last day the sales manager is the sales manager again.
        Host.Time.Advance(TimeSpan.FromDays(6));
        var after = await NoticeAtGmAsync();
        Assert.Equal("你没有这一步所需的岗位，或者这一步不在等你处理。", CardDriver.Banner((await Cards.ActAsync(BotHost.SalesManagerId, "pn-approve", after, 2)).Card));
        Assert.Equal([BotHost.GmId], (await directory.HoldersAsync(Position.GeneralManager, default)).Select(p => p.AadObjectId));
    }

    [Fact]
    public async Task The_principal_ends_the_deputyship_early_and_it_stays_on_record()
    {
        Assert.StartsWith("Recorded: 孙丽 Sun Li deputises for 林伟 Lin Wei", await SayAsync(BotHost.SalesManagerId, "deputy sun li 11-27 ~ 11-30", "en-US"), StringComparison.Ordinal);
        Assert.Contains(Position.SalesManager, (await Host.Services.GetRequiredService<IPeopleDirectory>().FindAsync(BotHost.ClerkId, default))!.Positions);

        Assert.Equal("已结束你的 1 项代理安排。", await SayAsync(BotHost.SalesManagerId, "代理 取消"));
        var clerk = (await Host.Services.GetRequiredService<IPeopleDirectory>().FindAsync(BotHost.ClerkId, default))!;
        Assert.Equal([Position.FollowUpClerk], clerk.Positions);
        var kept = Assert.Single(await Host.Services.GetRequiredService<DeputyStore>().ListAsync(default));
        Assert.Equal((BotHost.SalesManagerId, BotHost.ClerkId, Host.Time.GetUtcNow()), (kept.PrincipalId, kept.DeputyId, kept.EndedAt));
        Assert.Equal("现在没有代理安排。指定代理人：代理 <姓名> 从 yyyy-MM-dd 到 yyyy-MM-dd", await SayAsync(BotHost.SalesManagerId, "代理"));
    }
}
