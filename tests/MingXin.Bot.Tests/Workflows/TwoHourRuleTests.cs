using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Scheduling;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows;

/// <summary>
/// The two-hour rule (MX-QM-03 4.2.2) on a Production Notice, through the real host, the deadline
/// scheduler and Azurite; time moves on the host's FakeTimeProvider (nobody sleeps).
/// The host's clock starts on Friday 2026-11-27 09:30 in Shenzhen, a working day.
/// </summary>
public sealed class TwoHourRuleTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private List<string> ThreadLines(string form) => Connector.Delivered
        .Where(c => c.Method == "POST" && c.Path.Contains(";messageid=", StringComparison.Ordinal) && c.Text?.StartsWith(form, StringComparison.Ordinal) == true)
        .Select(c => c.Text!)
        .ToList();

    private async Task TickAsync(TimeSpan advance)
    {
        Host.Time.Advance(advance);
        await Host.Services.GetRequiredService<DeadlineScheduler>().TickAsync(default);
    }

    [Fact]
    public async Task No_answer_a_reminder_at_90_minutes_naming_planner_and_manager_then_the_breach_at_two_hours_naming_manager_and_clerk()
    {
        var pn = await NoticeAtProductionAsync();
        var view = (await Cards.ActAsync(BotHost.PlannerId, "refresh", pn, 2)).Card;
        Assert.Contains("11:30 前答复，还剩 120 分钟（工作时间）", view.ToJsonString(Readable), StringComparison.Ordinal);
        Assert.Equal(["pn-ticket", "pn-can-meet", "pn-contact"], CardDriver.Verbs(view));
        Assert.Empty((await ReferenceCards.ValidateAsync([view]))[0]);

        await TickAsync(TimeSpan.FromMinutes(89));
        Assert.Null((await StateAsync<ProductionNoticeState>(pn)).RemindedAt);

        await TickAsync(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => StateAsync<ProductionNoticeState>(pn).Result.RemindedAt is not null, "the reminder to be recorded");
        await DrainedAsync(pn);
        // One line in each thread of the notice (Sales, GM office, Production), recorded once.
        var reminders = ThreadLines(pn).Where(t => t.Contains("⏰", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, reminders.Count);
        var reminder = Assert.Single(reminders.Distinct());
        Assert.Contains("何平 He Ping", reminder, StringComparison.Ordinal);   // the production planner
        Assert.Contains("刘洋 Liu Yang", reminder, StringComparison.Ordinal);  // the production manager

        // …@mentioned, so Teams notifies them: <at>Name</at> in the text and a mention entity with their Teams id.
        Assert.Contains("<at>何平 He Ping</at>", reminder, StringComparison.Ordinal);
        var entities = Connector.Delivered.First(c => c.Text == reminder).Body!["entities"]!.AsArray();
        Assert.Equal(
            new[] { "29:" + BotHost.PlannerId, "29:" + BotHost.ProductionManagerId }.Order(),
            entities.Where(e => e!["type"]!.GetValue<string>() == "mention").Select(e => e!["mentioned"]!["id"]!.GetValue<string>()).Order());

        await TickAsync(TimeSpan.FromMinutes(30));
        await Eventually.TrueAsync(() => StateAsync<ProductionNoticeState>(pn).Result.BreachedAt is not null, "the breach to be recorded");
        await DrainedAsync(pn);
        var notice = await StateAsync<ProductionNoticeState>(pn);
        Assert.Equal(Host.Time.GetUtcNow(), notice.BreachedAt);
        var overdue = ThreadLines(pn).Where(t => t.Contains("⚠️", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(overdue);
        Assert.All(overdue, t => Assert.Contains("孙丽 Sun Li", t, StringComparison.Ordinal)); // the follow-up clerk
        Assert.Contains(Connector.Delivered.Where(c => c.Method == "POST" && c.Text?.Contains("⚠️", StringComparison.Ordinal) == true), c => c.Path.Contains(DepartmentChannels.All["sales"], StringComparison.Ordinal));
        Assert.Contains(Connector.Delivered.Where(c => c.Method == "POST" && c.Text?.Contains("⚠️", StringComparison.Ordinal) == true), c => c.Path.Contains(DepartmentChannels.All["production"], StringComparison.Ordinal));

        // A late answer is still taken, and marked late.
        var late = (await Cards.ActAsync(BotHost.ProductionManagerId, "pn-contact", pn, notice.Version, new JsonObject { ["proposedDate"] = Today.AddDays(40).ToString("yyyy-MM-dd"), ["contactReason"] = "烫金箔延迟到货" })).Card;
        Assert.Equal("内部联络单已发业务部，由业务跟单员与客户协商交期。", CardDriver.Banner(late));
        Assert.True((await StateAsync<ProductionNoticeState>(pn)).Answer!.Late);
        var record = (await Store.LoadAsync(pn, default))!;
        Assert.Equal(["started", "gm-approved", "answer-reminder", "answer-overdue", "internal-contact"], record.Audit.Select(a => a.Action));
    }

    [Fact]
    public async Task An_answer_in_time_stops_the_clock_nothing_fires_afterwards()
    {
        var pn = await NoticeAtProductionAsync();
        await TickAsync(TimeSpan.FromMinutes(20));

        var answered = (await Cards.ActAsync(BotHost.PlannerId, "pn-can-meet", pn, 2)).Card;
        Assert.Equal("已答复：能满足交期。", CardDriver.Banner(answered));
        Assert.Contains("✅ 能满足交期", answered.ToJsonString(Readable), StringComparison.Ordinal);
        await DrainedAsync(pn);

        await TickAsync(TimeSpan.FromHours(3));
        await TickAsync(TimeSpan.FromDays(1));
        await DrainedAsync(pn);

        var notice = await StateAsync<ProductionNoticeState>(pn);
        Assert.Null(notice.RemindedAt);
        Assert.Null(notice.BreachedAt);
        Assert.False(notice.Answer!.Late);
        // (The planner's ticket step has its own service level; the two-hour rule said nothing more.)
        Assert.DoesNotContain(ThreadLines(pn), t => t.Contains("生产部尚未答复", StringComparison.Ordinal) || t.Contains("⚠️", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_clock_runs_in_working_time_across_lunch()
    {
        // Approved at 11:00: 60 working minutes to 12:00, lunch to 13:30, 60 more → due 14:30.
        Host.Time.Advance(TimeSpan.FromMinutes(90));
        var pn = await NoticeAtProductionAsync();

        var clock = (await StateAsync<ProductionNoticeState>(pn)).AnswerClock!;

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 14, 30, 0, TimeSpan.FromHours(8)), clock.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 14, 0, 0, TimeSpan.FromHours(8)), clock.RemindAt);
    }

    [Fact]
    public async Task After_an_Internal_Contact_Form_the_date_moves_only_when_the_clerk_records_the_customers_permission()
    {
        var pn = await NoticeAtProductionAsync();
        var original = (await StateAsync<ProductionNoticeState>(pn)).DeliveryDate;
        var proposed = Today.AddDays(45).ToString("yyyy-MM-dd");
        await Cards.ActAsync(BotHost.ProductionManagerId, "pn-contact", pn, 2, new JsonObject { ["proposedDate"] = proposed, ["contactReason"] = "烫金箔延迟到货" });
        await DrainedAsync(pn);

        // The proposal is not a new date: the notice keeps the old one, and no thread is told a new date.
        Assert.Equal(original, (await StateAsync<ProductionNoticeState>(pn)).DeliveryDate);
        Assert.DoesNotContain(ThreadLines(pn), t => t.Contains(proposed, StringComparison.Ordinal));
        Assert.DoesNotContain("pn-permission", CardDriver.Verbs((await Cards.ActAsync(BotHost.ProductionManagerId, "refresh", pn, 3)).Card));
        var clerk = (await Cards.ActAsync(BotHost.ClerkId, "refresh", pn, 3)).Card;
        Assert.Contains("pn-permission", CardDriver.Verbs(clerk));
        Assert.Empty((await ReferenceCards.ValidateAsync([clerk]))[0]);

        var missing = await Cards.ClickAsync(BotHost.ClerkId, clerk, "pn-permission", new JsonObject { ["agreedDate"] = proposed, ["via"] = "Phone" }, locale: "en-US");
        Assert.Equal("Nothing was saved. Please correct: Fill in “Agreed by”.", CardDriver.Banner(missing));
        var done = await Cards.ClickAsync(BotHost.ClerkId, clerk, "pn-permission", new JsonObject { ["agreedDate"] = proposed, ["agreedBy"] = "黄先生", ["via"] = "Phone" });
        Assert.Equal("客户许可已记录，新交期已通知各部门。", CardDriver.Banner(done));
        await DrainedAsync(pn);

        var notice = await StateAsync<ProductionNoticeState>(pn);
        Assert.Equal(DateOnly.Parse(proposed, System.Globalization.CultureInfo.InvariantCulture), notice.DeliveryDate);
        var permission = Assert.Single(notice.Permissions);
        Assert.Equal((pn, original, "黄先生", ContactChannel.Phone), (permission.Source, permission.OldDate, permission.AgreedBy, permission.Via));
        Assert.Equal(3, ThreadLines(pn).Count(t => t.Contains(proposed, StringComparison.Ordinal))); // now every thread hears of it
        Assert.Equal("表单不在这一步，不能这样操作。", CardDriver.Banner((await Cards.ActAsync(BotHost.ClerkId, "pn-permission", pn, notice.Version, new JsonObject { ["agreedDate"] = proposed, ["agreedBy"] = "x", ["via"] = "Fax" })).Card));
    }
}
