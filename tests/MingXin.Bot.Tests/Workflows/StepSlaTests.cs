using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Samples;
using MingXin.Bot.Scheduling;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows;

/// <summary>
/// Reminders and escalation for a step that waits (default 8 working hours a level): the people it
/// waits on, then their managers, then the general manager — each once, recorded, on the fake clock.
/// The host's clock starts on Friday 2026-11-27 09:30 in Shenzhen (Mon–Sat working days).
/// </summary>
public sealed class StepSlaTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private async Task TickAsync(TimeSpan advance)
    {
        Host.Time.Advance(advance);
        await Host.Services.GetRequiredService<DeadlineScheduler>().TickAsync(default);
    }

    private List<string> ThreadLines(string form) => Connector.Delivered
        .Where(c => c.Method == "POST" && c.Path.Contains(";messageid=", StringComparison.Ordinal) && c.Text?.StartsWith(form, StringComparison.Ordinal) == true)
        .Select(c => c.Text!)
        .ToList();

    /// <summary>A sample order at the QC step (QC inspectors and managers to act).</summary>
    private async Task<string> SamplesAtQcAsync()
    {
        var quotation = await ConfirmedQuotationAsync();
        var sp = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, (await Cards.SayAsync(BotHost.SalesId, "样品 " + quotation)).Card!, "sp-start", new JsonObject { ["quantity"] = "20", ["due"] = Today.AddDays(5).ToString("yyyy-MM-dd") }));
        await Cards.ActAsync(BotHost.GmId, "sp-approve", sp, 1);
        await Cards.ActAsync(BotHost.PlannerId, "sp-made", sp, 2);
        await DrainedAsync(sp);
        return sp;
    }

    [Fact]
    public async Task A_waiting_step_reminds_its_people_then_escalates_to_their_managers_then_the_GM_each_once_without_staling_cards()
    {
        var sp = await SamplesAtQcAsync();
        var clock = (await StateAsync<SampleOrderState>(sp)).Sla!;
        Assert.Equal("AwaitingQc", clock.Step);
        // 8 working hours from Fri 09:30: 6.5 h on Friday, 1.5 h on Saturday → Sat 09:30 (+08:00).
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 30, 0, TimeSpan.FromHours(8)), clock.Levels[0]);

        await TickAsync(clock.Levels[0] - Host.Time.GetUtcNow() - TimeSpan.FromMinutes(1));
        Assert.Empty((await StateAsync<SampleOrderState>(sp)).SlaNotices);

        await TickAsync(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => StateAsync<SampleOrderState>(sp).Result.SlaNotices.Count == 1, "the reminder");
        await DrainedAsync(sp); // a send in flight must not see the fake clock jump (its timeouts run on it)
        await TickAsync(clock.Levels[1] - Host.Time.GetUtcNow());
        await Eventually.TrueAsync(() => StateAsync<SampleOrderState>(sp).Result.SlaNotices.Count == 2, "the escalation to the managers");
        await DrainedAsync(sp); // a send in flight must not see the fake clock jump (its timeouts run on it)
        await TickAsync(clock.Levels[2] - Host.Time.GetUtcNow());
        await Eventually.TrueAsync(() => StateAsync<SampleOrderState>(sp).Result.SlaNotices.Count == 3, "the escalation to the GM");
        await DrainedAsync(sp); // a send in flight must not see the fake clock jump (its timeouts run on it)
        await TickAsync(TimeSpan.FromHours(1));
        await DrainedAsync(sp);

        var state = await StateAsync<SampleOrderState>(sp);
        Assert.Equal([1, 2, 3], state.SlaNotices.Select(n => n.Level));
        Assert.Contains("陈静 Chen Jing", state.SlaNotices[0].Names, StringComparison.Ordinal); // the QC inspector it waits on
        Assert.Contains("周婷 Zhou Ting", state.SlaNotices[1].Names, StringComparison.Ordinal); // the inspector's manager
        Assert.Contains("李强 Li Qiang", state.SlaNotices[1].Names, StringComparison.Ordinal);  // the QC managers' manager
        Assert.Equal("李强 Li Qiang", state.SlaNotices[2].Names);
        Assert.Contains(ThreadLines(sp), t => t.Contains("⏫", StringComparison.Ordinal) && t.Contains("李强 Li Qiang", StringComparison.Ordinal));
        var record = (await Store.LoadAsync(sp, default))!;
        Assert.Equal(["sla-reminder", "sla-escalated", "sla-escalated-gm"], record.Audit.Where(a => a.Action.StartsWith("sla-", StringComparison.Ordinal)).Select(a => a.Action));

        // The version did not move: the inspector's card from before the reminders still works.
        Assert.Equal(3, state.Version);
        var ok = (await Cards.ActAsync(BotHost.QcId, "sp-qc", sp, 3, new JsonObject { ["check"] = "ok" })).Card;
        Assert.Equal("样品 OK，已开出样品签收单。", CardDriver.Banner(ok));

        // The next step gets its own clock.
        Assert.Equal("AwaitingClerkSignature", (await StateAsync<SampleOrderState>(sp)).Sla!.Step);
    }

    [Fact]
    public async Task Acting_in_time_cancels_the_steps_clock()
    {
        var sp = await SamplesAtQcAsync();
        await Cards.ActAsync(BotHost.QcId, "sp-qc", sp, 3, new JsonObject { ["check"] = "ok" });
        await Cards.ActAsync(BotHost.ClerkId, "sp-clerk-sign", sp, 4);
        await Cards.ActAsync(BotHost.WarehouseId, "sp-warehouse-sign", sp, 5);
        await Cards.ActAsync(BotHost.WarehouseId, "sp-delivered", sp, 6, new JsonObject { ["recipient"] = "黄先生", ["receivedOn"] = Today.ToString("yyyy-MM-dd") });
        await DrainedAsync(sp);

        await TickAsync(TimeSpan.FromDays(5));
        await DrainedAsync(sp);

        var state = await StateAsync<SampleOrderState>(sp);
        Assert.Null(state.Sla);
        Assert.Empty(state.SlaNotices);
    }

    [Fact]
    public async Task A_quotation_waiting_on_the_GM_is_reminded_and_the_GMs_card_stays_valid()
    {
        var form = (await Cards.SayAsync(BotHost.SalesId, "报价")).Card!;
        var qt = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, form, "qt-start", new JsonObject
        {
            ["customer"] = "华美礼品", ["product"] = "礼盒", ["specification"] = "250×180×60 mm", ["path"] = "ordinary", ["evaluation"] = "现有工艺可以满足",
            ["quantities"] = "3000", ["fixed_plates"] = "600", ["unit_material"] = "0.35", ["margin"] = "25",
        }));
        await DrainedAsync(qt);
        var clock = (await StateAsync<MingXin.Bot.Domain.Quotations.QuotationState>(qt)).Sla!;
        Assert.Equal("AwaitingGmApproval", clock.Step);

        await TickAsync(clock.Levels[0] - Host.Time.GetUtcNow());
        await Eventually.TrueAsync(() => StateAsync<MingXin.Bot.Domain.Quotations.QuotationState>(qt).Result.SlaNotices.Count == 1, "the reminder");
        await DrainedAsync(qt);

        var state = await StateAsync<MingXin.Bot.Domain.Quotations.QuotationState>(qt);
        Assert.Equal("李强 Li Qiang", Assert.Single(state.SlaNotices).Names);
        Assert.Contains(ThreadLines(qt), t => t.Contains("⏰", StringComparison.Ordinal) && t.Contains("李强 Li Qiang", StringComparison.Ordinal));
        Assert.Equal(1, state.Version);
        Assert.Equal("已批准，业务员可以发给客户。", CardDriver.Banner((await Cards.ActAsync(BotHost.GmId, "qt-approve", qt, 1)).Card));
        Assert.Equal("ApprovedToSend", (await StateAsync<MingXin.Bot.Domain.Quotations.QuotationState>(qt)).Sla!.Step);
    }

    [Fact]
    public async Task An_internal_approval_review_reminds_the_three_reviewers_then_escalates_to_the_GM()
    {
        var card = (await Cards.SayAsync(BotHost.SalesId, "申请 新烫金工艺试产")).Card!;
        var ia = CardDriver.Id(card);
        await DrainedAsync(ia);
        var clock = (await StateAsync<MingXin.Bot.Domain.Approvals.ApprovalState>(ia)).Sla!;
        Assert.Equal("review", clock.Step);

        await TickAsync(clock.Levels[0] - Host.Time.GetUtcNow());
        await Eventually.TrueAsync(() => StateAsync<MingXin.Bot.Domain.Approvals.ApprovalState>(ia).Result.SlaNotices.Count == 1, "the reminder");
        await DrainedAsync(ia); // a send in flight must not see the fake clock jump (its timeouts run on it)
        await TickAsync(clock.Levels[1] - Host.Time.GetUtcNow());
        await Eventually.TrueAsync(() => StateAsync<MingXin.Bot.Domain.Approvals.ApprovalState>(ia).Result.SlaNotices.Count == 2, "the escalation");
        await DrainedAsync(ia);

        var notices = (await StateAsync<MingXin.Bot.Domain.Approvals.ApprovalState>(ia)).SlaNotices;
        Assert.Contains("赵敏 Zhao Min", notices[0].Names, StringComparison.Ordinal); // Materials Control, one of the reviewers
        Assert.Equal("李强 Li Qiang", notices[1].Names); // every reviewer's manager is the GM
        Assert.Contains(ThreadLines(ia), t => t.Contains("⏫", StringComparison.Ordinal));
        Assert.Equal(2, (await Cards.ActAsync(BotHost.ProductionManagerId, "approve", ia, 1)).Card["refresh"]!["action"]!["data"]!["version"]!.GetValue<long>());
    }
}
