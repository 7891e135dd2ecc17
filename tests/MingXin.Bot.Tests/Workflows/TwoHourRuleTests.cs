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
public abstract class TwoHourFlow(AzuriteFixture azurite) : HostedFlow(azurite)
{
    protected static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected List<string> ThreadLines(string form) => Connector.Delivered
        .Where(c => c.Method == "POST" && c.Path.Contains(";messageid=", StringComparison.Ordinal) && c.Text?.StartsWith(form, StringComparison.Ordinal) == true)
        .Select(c => c.Text!)
        .ToList();

    protected async Task TickAsync(TimeSpan advance)
    {
        Host.Time.Advance(advance);
        await Host.Services.GetRequiredService<DeadlineScheduler>().TickAsync(default);
    }

    /// <summary>Production raises an Internal Contact Form from the notice's own card; the form's number.</summary>
    protected async Task<string> RaiseContactAsync(string pn, string proposed, string reason = "烫金箔延迟到货")
    {
        var view = (await Cards.ActAsync(BotHost.ProductionManagerId, "refresh", pn, (await Store.GetStateAsync(pn, default))!.Version)).Card;
        Assert.Contains("ic-start", CardDriver.Verbs(view));
        var raised = await Cards.ClickAsync(BotHost.ProductionManagerId, view, "ic-start", new JsonObject { ["proposedDate"] = proposed, ["contactReason"] = reason });
        Assert.Equal("内部联络单已发业务部，由业务跟单员与客户协商交期。", CardDriver.Banner(raised));
        var ic = CardDriver.Id(raised);
        Assert.StartsWith("IC-2026-", ic, StringComparison.Ordinal);
        await DrainedAsync(ic);
        await DrainedAsync(pn);
        return ic;
    }
}

/// <summary>The stricter reading, by configuration: every notice is answered within two hours, or a breach is recorded.</summary>
public sealed class TwoHourRuleTests(AzuriteFixture azurite) : TwoHourFlow(azurite)
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Deadlines:ProductionAnswer:Mode"] = "AnswerRequired" };

    [Fact]
    public async Task No_answer_a_reminder_at_90_minutes_naming_planner_and_manager_then_the_breach_at_two_hours_naming_manager_and_clerk()
    {
        var pn = await NoticeAtProductionAsync();
        var view = (await Cards.ActAsync(BotHost.PlannerId, "refresh", pn, 3)).Card;
        Assert.Contains("11:30 前答复，还剩 120 分钟（工作时间）", view.ToJsonString(Readable), StringComparison.Ordinal);
        Assert.Equal(["pn-ticket", "pn-can-meet", "ic-start"], CardDriver.Verbs(view));
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

        // A late answer is still taken, and marked late — on the Internal Contact Form and on the notice.
        var ic = await RaiseContactAsync(pn, Today.AddDays(40).ToString("yyyy-MM-dd"));
        Assert.True((await StateAsync<InternalContactState>(ic)).Late);
        var answer = (await StateAsync<ProductionNoticeState>(pn)).Answer!;
        Assert.Equal((true, ic), (answer.Late, answer.ContactId));
        var record = (await Store.LoadAsync(pn, default))!;
        Assert.Equal(["started", "passed-on", "gm-approved", "answer-reminder", "answer-overdue", "internal-contact"], record.Audit.Select(a => a.Action));
    }

    [Fact]
    public async Task An_answer_in_time_stops_the_clock_nothing_fires_afterwards()
    {
        var pn = await NoticeAtProductionAsync();
        await TickAsync(TimeSpan.FromMinutes(20));

        var answered = (await Cards.ActAsync(BotHost.PlannerId, "pn-can-meet", pn, 3)).Card;
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
        var ic = await RaiseContactAsync(pn, proposed);

        // The proposal is not a new date: the notice keeps the old one, and no notice thread is told a new date.
        var notice = await StateAsync<ProductionNoticeState>(pn);
        Assert.Equal(original, notice.DeliveryDate);
        Assert.Equal(ic, Assert.Single(notice.Contacts).Id);
        Assert.Null(notice.AnswerClock is null ? null : notice.BreachedAt);
        Assert.DoesNotContain(ThreadLines(pn), t => t.Contains(proposed, StringComparison.Ordinal));
        Assert.Equal(Reached([("sales", ic), ("production", ic)]), Reached(Posts().Where(p => p.Form == ic)));
        Assert.DoesNotContain("ic-permission", CardDriver.Verbs((await Cards.ActAsync(BotHost.ProductionManagerId, "refresh", ic, 1)).Card));
        var clerk = (await Cards.ActAsync(BotHost.ClerkId, "refresh", ic, 1)).Card;
        Assert.Equal(["ic-permission", "ic-refused"], CardDriver.Verbs(clerk));
        Assert.Empty((await ReferenceCards.ValidateAsync([clerk]))[0]);

        var missing = await Cards.ClickAsync(BotHost.ClerkId, clerk, "ic-permission", new JsonObject { ["agreedDate"] = proposed, ["via"] = "Phone" }, locale: "en-US");
        Assert.Equal("Nothing was saved. Please correct: Fill in “Agreed by”.", CardDriver.Banner(missing));
        var done = await Cards.ClickAsync(BotHost.ClerkId, clerk, "ic-permission", new JsonObject { ["agreedDate"] = proposed, ["agreedBy"] = "黄先生", ["via"] = "Phone" });
        Assert.Equal("客户许可已记录，新交期已通知各部门。", CardDriver.Banner(done));
        await DrainedAsync(ic);
        await DrainedAsync(pn);

        notice = await StateAsync<ProductionNoticeState>(pn);
        Assert.Equal(DateOnly.Parse(proposed, System.Globalization.CultureInfo.InvariantCulture), notice.DeliveryDate);
        var permission = Assert.Single(notice.Permissions);
        Assert.Equal((ic, original, "黄先生", ContactChannel.Phone, "华美礼品"), (permission.Source, permission.OldDate, permission.AgreedBy, permission.Via, permission.Customer));
        Assert.Equal(3, ThreadLines(pn).Count(t => t.Contains(proposed, StringComparison.Ordinal))); // now every thread of the notice hears of it
        Assert.Equal("表单不在这一步，不能这样操作。", CardDriver.Banner((await Cards.ActAsync(BotHost.ClerkId, "ic-permission", ic, 2, new JsonObject { ["agreedDate"] = proposed, ["agreedBy"] = "x", ["via"] = "Fax" })).Card));
    }
}

/// <summary>The procedure as written (the default): only a notice that cannot meet its date needs the form within two hours.</summary>
public sealed class TwoHourAsWrittenTests(AzuriteFixture azurite) : TwoHourFlow(azurite)
{
    [Fact]
    public async Task Silence_for_two_hours_means_the_date_stands_nobody_is_chased_and_a_later_form_is_late()
    {
        var pn = await NoticeAtProductionAsync();
        var view = (await Cards.ActAsync(BotHost.PlannerId, "refresh", pn, 3)).Card;
        Assert.Contains("如不能按期交货，须在 11-27 11:30 前发内部联络单（还剩 120 分钟，工作时间）；未发则交期维持", view.ToJsonString(Readable), StringComparison.Ordinal);
        Assert.Equal(["pn-ticket", "pn-can-meet", "ic-start"], CardDriver.Verbs(view));

        await TickAsync(TimeSpan.FromMinutes(90));
        await TickAsync(TimeSpan.FromMinutes(30));
        await Eventually.TrueAsync(() => StateAsync<ProductionNoticeState>(pn).Result.Answer is not null, "the date to stand");
        await DrainedAsync(pn);
        var notice = await StateAsync<ProductionNoticeState>(pn);
        Assert.Equal((ProductionAnswerKind.DateStands, (DateTimeOffset?)null, (DateTimeOffset?)null), (notice.Answer!.Kind, notice.RemindedAt, notice.BreachedAt));
        Assert.DoesNotContain(ThreadLines(pn), t => t.Contains("⏰", StringComparison.Ordinal) || t.Contains("⚠️", StringComparison.Ordinal));
        Assert.Contains(ThreadLines(pn), t => t.Contains("两小时内未发内部联络单：交期维持", StringComparison.Ordinal));
        Assert.Contains("两小时内（11-27 11:30 前）未发内部联络单：交期维持", (await Cards.ActAsync(BotHost.PlannerId, "refresh", pn, notice.Version)).Card.ToJsonString(Readable), StringComparison.Ordinal);

        // Production finds a problem after the window: the form is taken, and recorded late.
        await TickAsync(TimeSpan.FromHours(1));
        var ic = await RaiseContactAsync(pn, Today.AddDays(40).ToString("yyyy-MM-dd"));
        Assert.True((await StateAsync<InternalContactState>(ic)).Late);
        notice = await StateAsync<ProductionNoticeState>(pn);
        Assert.Equal((ProductionAnswerKind.InternalContact, true), (notice.Answer!.Kind, notice.Answer.Late));
        Assert.Equal(["started", "passed-on", "gm-approved", "date-stands", "internal-contact"], (await Store.LoadAsync(pn, default))!.Audit.Select(a => a.Action));
    }

    [Fact]
    public async Task Forms_raised_on_day_three_and_four_are_new_problems_and_a_refused_date_goes_to_the_GM_who_cancels()
    {
        var pn = await NoticeAtProductionAsync();
        await Cards.ActAsync(BotHost.PlannerId, "pn-can-meet", pn, 3);
        await Cards.ActAsync(BotHost.PlannerId, "pn-ticket", pn, 4, new JsonObject { ["ticket"] = "SC-26-1127-03" });
        await DrainedAsync(pn);
        var original = (await StateAsync<ProductionNoticeState>(pn)).DeliveryDate;

        await TickAsync(TimeSpan.FromDays(3));
        var first = await RaiseContactAsync(pn, Today.AddDays(40).ToString("yyyy-MM-dd"), "模切机故障");
        var second = await RaiseContactAsync(pn, Today.AddDays(45).ToString("yyyy-MM-dd"), "烫金箔不足");
        Assert.NotEqual(first, second);
        var notice = await StateAsync<ProductionNoticeState>(pn);
        Assert.Equal([(first, false), (second, false)], notice.Contacts.Select(c => (c.Id, c.Late)));
        Assert.Equal(ProductionAnswerKind.CanMeet, notice.Answer!.Kind); // the two-hour answer stays what it was

        // Only Production raises one, and only on a notice that exists.
        Assert.DoesNotContain("ic-start", CardDriver.Verbs((await Cards.ActAsync(BotHost.SalesId, "refresh", pn, notice.Version)).Card));
        Assert.StartsWith("找不到生产通知单 PN-2026-0099", (await Cards.SayAsync(BotHost.ProductionManagerId, "联络单 PN-2026-0099")).Text, StringComparison.Ordinal);

        var refused = await Cards.ActAsync(BotHost.ClerkId, "ic-refused", second, 1, new JsonObject { ["refusedBy"] = "黄先生", ["refusalVia"] = "Email", ["refusalNote"] = "展会用，不能推迟" });
        Assert.Equal("客户不同意已记录，生产通知单转总经理决定。", CardDriver.Banner(refused.Card));
        await DrainedAsync(second);
        await DrainedAsync(pn);
        notice = await StateAsync<ProductionNoticeState>(pn);
        Assert.Equal(original, notice.DeliveryDate);
        Assert.Equal(second, Assert.Single(notice.Risks).Refusal.Source);
        Assert.Contains(ThreadLines(pn), t => t.Contains("客户不同意新交期", StringComparison.Ordinal)); // every thread of the notice hears of it

        // At risk on the card and on the dashboard.
        var gm = (await Cards.ActAsync(BotHost.GmId, "refresh", pn, notice.Version)).Card;
        Assert.Contains("⚠️ 交期风险，待总经理决定", gm.ToJsonString(Readable), StringComparison.Ordinal);
        Assert.Equal(["pn-risk-keep", "pn-risk-cancel"], CardDriver.Verbs(gm));
        var dashboard = (await Cards.SayAsync(BotHost.GmId, "看板")).Card!.ToJsonString(Readable);
        Assert.Contains("交期风险", dashboard, StringComparison.Ordinal);
        Assert.Contains(pn, dashboard, StringComparison.Ordinal);

        var noReason = await Cards.ClickAsync(BotHost.GmId, gm, "pn-risk-cancel", new JsonObject(), locale: "en-US");
        Assert.Equal("Write the reason or text first.", CardDriver.Banner(noReason));
        var cancelled = await Cards.ClickAsync(BotHost.GmId, gm, "pn-risk-cancel", new JsonObject { ["comment"] = "客户不接受任何延期，取消订单" });
        Assert.Equal("已决定取消生产通知单。", CardDriver.Banner(cancelled));
        notice = await StateAsync<ProductionNoticeState>(pn);
        Assert.Equal((NoticeStatus.Cancelled, RiskDecision.Cancel), (notice.Status, notice.Risks[0].Decision));
        await DrainedAsync(pn);
        Assert.DoesNotContain(pn, (await Cards.SayAsync(BotHost.GmId, "看板")).Card!.ToJsonString(Readable), StringComparison.Ordinal);
    }
}
