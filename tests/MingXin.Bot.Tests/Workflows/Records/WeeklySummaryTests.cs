using MingXin.Bot.Scheduling;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using MingXin.Bot.Workflows.Records;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows.Records;

/// <summary>
/// The dashboard from chat and the weekly summary to the GM office, on the fake clock (Friday
/// 2026-11-27 09:30 in Shenzhen); the summary is set to Saturdays 17:00 here.
/// </summary>
public sealed class WeeklySummaryTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Dashboard:WeeklySummary:Enabled"] = "true",
        ["Dashboard:WeeklySummary:Day"] = "Saturday",
        ["Dashboard:WeeklySummary:Time"] = "17:00",
    };

    [Fact]
    public void The_next_summary_is_the_next_set_day_and_time_in_factory_time()
    {
        var friday = new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 17, 0, 0, TimeSpan.FromHours(8)), WeeklySummary.Next(friday, DayOfWeek.Saturday, new TimeOnly(17, 0)));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 30, 0, TimeSpan.FromHours(8)), WeeklySummary.Next(friday, DayOfWeek.Monday, new TimeOnly(8, 30)));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.FromHours(8)), WeeklySummary.Next(friday, DayOfWeek.Friday, new TimeOnly(9, 0))); // 09:00 today has passed
        Assert.Equal("WS-2026-0048", WeeklySummary.NumberFor(new DateTimeOffset(2026, 11, 28, 17, 0, 0, TimeSpan.FromHours(8))));
    }

    [Fact]
    public async Task The_dashboard_counts_the_answer_and_the_summary_goes_to_the_gm_office_once_a_week()
    {
        foreach (var name in new[] { "华美礼品", "Acme Printing Ltd" })
        {
            await Cards.ClickAsync(BotHost.ClerkId, (await Cards.SayAsync(BotHost.ClerkId, "客户")).Card!, "cu-add", new System.Text.Json.Nodes.JsonObject { ["name"] = name });
        }

        var form = (await Cards.SayAsync(BotHost.SalesId, "survey Acme Printing Ltd")).Card!;
        await Cards.ClickAsync(BotHost.SalesId, form, "sv-start", new System.Text.Json.Nodes.JsonObject { ["period"] = "2026-H2", ["respondent"] = "Mr Smith", ["via"] = "Email" });
        var pn = await NoticeAtProductionAsync();
        await Cards.ActAsync(BotHost.PlannerId, "pn-can-meet", pn, 3);
        await DrainedAsync(pn);

        var dashboard = (await Cards.SayAsync(BotHost.GmId, "看板")).Card!;
        var gauge = dashboard["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "Chart.Gauge")!;
        Assert.Equal(100.0, gauge["value"]!.GetValue<double>());
        Assert.Contains("准时 1，超时 0，待答复 0", CardDriver.Text(dashboard), StringComparison.Ordinal);

        // Saturday 17:00: the deadline fires, the summary is made and posted to the GM office.
        await TickAsync(new DateTimeOffset(2026, 11, 28, 17, 0, 0, TimeSpan.FromHours(8)));
        await MadeAndSentAsync("WS-2026-0048");
        Assert.Equal(["WS-2026-0048"], GmOfficePosts().Select(Number));
        var summary = await StateAsync<WeeklySummaryState>("WS-2026-0048");
        Assert.Equal(1, summary.LastWeekTwoHour.OnTime);
        Assert.Equal(new DateOnly(2026, 11, 21), summary.WeekFrom); // the seven whole days before the summary's day
        Assert.Equal(new DateOnly(2026, 11, 27), summary.WeekTo);
        Assert.Equal("2026-H2", summary.SurveyPeriod);
        Assert.Equal(["华美礼品"], summary.NotSurveyed); // Acme has its survey for the period
        Assert.Contains("本期（2026-H2）尚未做满意度调查", CardDriver.Text(GmOfficePosts()[0]), StringComparison.Ordinal);
        Assert.Single(Connector.Delivered, c => c.Method == "POST" && c.Path == "/v3/conversations" && c.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>() == DepartmentChannels.All["sales"] && CardDriver.Text(c.Body!["activity"]!["attachments"]![0]!["content"]!.AsObject()).Contains("WS-2026-0048", StringComparison.Ordinal)); // Sales gets it too

        // Made once, however often it is asked for; the next one a week later.
        await Host.Services.GetRequiredService<WeeklySummary>().MakeAsync(new DateTimeOffset(2026, 11, 28, 17, 0, 0, TimeSpan.FromHours(8)), default);
        await TickAsync(new DateTimeOffset(2026, 12, 5, 17, 0, 0, TimeSpan.FromHours(8)));
        await MadeAndSentAsync("WS-2026-0049");
        var posted = GmOfficePosts();
        Assert.Equal(["WS-2026-0048", "WS-2026-0049"], posted.Select(Number));
        Assert.All(await ReferenceCards.ValidateAsync([dashboard, .. posted]), events => Assert.Empty(events));

        var found = (await Cards.SayAsync(BotHost.GmId, "records form weekly", "en-US")).Card!;
        Assert.Contains("WS-2026-0049", CardDriver.Text(found), StringComparison.Ordinal);
    }

    /// <summary>The weekly summaries posted as new threads in the GM office channel (a summary card is read-only: it has no refresh to name its form).</summary>
    private List<System.Text.Json.Nodes.JsonObject> GmOfficePosts() => Connector.Delivered
        .Where(c => c.Method == "POST" && c.Path == "/v3/conversations" && c.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>() == DepartmentChannels.All["gm-office"])
        .Select(c => c.Body!["activity"]!["attachments"]![0]!["content"]!.AsObject())
        .Where(c => Number(c).Length > 0) // the GM office also gets the forms the GM approves
        .ToList();

    private static string Number(System.Text.Json.Nodes.JsonObject card) =>
        System.Text.RegularExpressions.Regex.Match(CardDriver.Text(card), "WS-\\d{4}-\\d{4}").Value;

    /// <summary>Moves the clock and ticks (the host's own scheduler may tick first on the moved clock: either fires it, once).</summary>
    private async Task TickAsync(DateTimeOffset to)
    {
        Host.Time.Advance(to - Host.Time.GetUtcNow());
        await Host.Services.GetRequiredService<DeadlineScheduler>().TickAsync(default);
    }

    private async Task MadeAndSentAsync(string id)
    {
        await Eventually.TrueAsync(() => Store.GetStateAsync(id, default).Result is not null, id + " to be made");
        await DrainedAsync(id);
    }
}
