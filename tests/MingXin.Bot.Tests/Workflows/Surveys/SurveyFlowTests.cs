using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Surveys;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows.Surveys;

/// <summary>Satisfaction surveys through the real host: send, answer, a low score opens a corrective action, one per period, the trend.</summary>
public sealed class SurveyFlowTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private JsonObject Scores(int q, int d, int s, int p, int c, string? comments = null) => new()
    {
        ["quality"] = q.ToString(), ["delivery"] = d.ToString(), ["service"] = s.ToString(), ["price"] = p.ToString(), ["communication"] = c.ToString(), ["comments"] = comments ?? string.Empty,
        ["answeredOn"] = Today.ToString("yyyy-MM-dd"),
    };

    /// <summary>Sends a survey from its card as Teams would: every input's value, the period as the card offers it unless given.</summary>
    private async Task<JsonObject> SendAsync(string customer, string? period = null)
    {
        var form = (await Cards.SayAsync(BotHost.SalesId, "满意度 " + customer)).Card!;
        var offered = Inputs(form).Single(i => i["id"]!.GetValue<string>() == "period")["value"]!.GetValue<string>();
        return await Cards.ClickAsync(BotHost.SalesId, form, "sv-start", new JsonObject { ["respondent"] = "黄先生", ["via"] = "Email", ["period"] = period ?? offered });
    }

    private static IEnumerable<JsonObject> Inputs(JsonNode? node) => node switch
    {
        JsonObject o => (o["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true ? new[] { o } : []).Concat(o.SelectMany(p => Inputs(p.Value))),
        JsonArray a => a.SelectMany(Inputs),
        _ => [],
    };

    [Fact]
    public async Task A_low_score_opens_a_corrective_action_for_qc_and_the_survey_records_it()
    {
        await Cards.ClickAsync(BotHost.ClerkId, (await Cards.SayAsync(BotHost.ClerkId, "客户")).Card!, "cu-add", new JsonObject { ["name"] = "华美礼品", ["shortNames"] = "华美" });

        var sent = await SendAsync("华美");
        var id = CardDriver.Id(sent);
        Assert.True(id == "SV-2026-0001", CardDriver.Banner(sent));
        Assert.Contains("2026-H2", CardDriver.Text(sent), StringComparison.Ordinal);

        var bad = await Cards.ClickAsync(BotHost.SalesId, sent, "sv-answers", Scores(4, 9, 5, 5, 5));
        Assert.StartsWith("没有保存", CardDriver.Banner(bad), StringComparison.Ordinal);
        Assert.Contains("交期", CardDriver.Banner(bad), StringComparison.Ordinal);

        var answered = await Cards.ClickAsync(BotHost.SalesId, sent, "sv-answers", Scores(4, 2, 5, 4, 4, "交期总是晚两天"));
        Assert.Contains("改善措施表随即开出", CardDriver.Banner(answered), StringComparison.Ordinal);

        await Eventually.TrueAsync(() => StateAsync<SurveyState>(id).Result.CorrectiveAction is not null, "the corrective action to be opened");
        var survey = await StateAsync<SurveyState>(id);
        Assert.Equal(SurveyStatus.Completed, survey.Status);
        var action = survey.CorrectiveAction!;
        Assert.StartsWith("CC-2026-", action, StringComparison.Ordinal);
        var complaint = await StateAsync<ComplaintState>(action);
        Assert.Equal(id, complaint.Source);
        Assert.Equal(ComplaintStatus.AwaitingAcknowledgement, complaint.Status);
        Assert.Contains("交期 Delivery 2/5", complaint.Details.Description, StringComparison.Ordinal);
        Assert.Contains("交期总是晚两天", complaint.Details.Description, StringComparison.Ordinal);

        await DrainedAsync(id, action);
        Assert.Equal(Reached([("sales", id), ("sales", action), ("qc", action)]), Reached(Posts())); // a step's posts go at once

        // QC sees the corrective action as a normal one: it can take it on.
        var (_, taken) = await Cards.ActAsync(BotHost.QcManagerId, "cc-ack", action, 1, new JsonObject { ["containment"] = "下一批交期每日跟进" });
        Assert.StartsWith("已接收", CardDriver.Banner(taken), StringComparison.Ordinal);

        var (_, card) = await Cards.ActAsync(BotHost.SalesId, "refresh", id, 0);
        Assert.Contains(action, CardDriver.Text(card), StringComparison.Ordinal);
        Assert.All(await ReferenceCards.ValidateAsync([sent, bad, answered, card, taken]), events => Assert.Empty(events));
    }

    [Fact]
    public async Task While_the_answers_are_out_the_deadline_service_reminds_the_salesperson()
    {
        await Cards.ClickAsync(BotHost.ClerkId, (await Cards.SayAsync(BotHost.ClerkId, "客户")).Card!, "cu-add", new JsonObject { ["name"] = "华美礼品" });
        var id = CardDriver.Id(await SendAsync("华美礼品"));
        await DrainedAsync(id);
        var clock = (await StateAsync<SurveyState>(id)).Sla!;
        Assert.Equal("AwaitingAnswers", clock.Step);
        Assert.Equal(80, Host.Services.GetRequiredService<MingXin.Bot.Domain.Calendar.BusinessCalendar>().WorkingTimeBetween(clock.StartedAt, clock.Levels[0]).TotalHours, 3); // 80 working hours (ten working days)

        Host.Time.Advance(clock.Levels[0] - Host.Time.GetUtcNow());
        await Host.Services.GetRequiredService<MingXin.Bot.Scheduling.DeadlineScheduler>().TickAsync(default);
        await Eventually.TrueAsync(() => StateAsync<SurveyState>(id).Result.SlaNotices.Count == 1, "the reminder");
        var notice = (await StateAsync<SurveyState>(id)).SlaNotices.Single();
        Assert.Equal(1, notice.Level);
        Assert.Contains("Sam Sales", notice.Names, StringComparison.Ordinal); // the salesperson who sent it
    }

    [Fact]
    public async Task One_survey_per_customer_and_period_a_cancelled_one_frees_it_and_the_card_shows_the_trend()
    {
        await Cards.ClickAsync(BotHost.ClerkId, (await Cards.SayAsync(BotHost.ClerkId, "客户")).Card!, "cu-add", new JsonObject { ["name"] = "Acme Printing Ltd", ["shortNames"] = "ACME" });

        var first = await SendAsync("ACME", "2026-H1");
        var again = await SendAsync("acme printing ltd", "2026-H1");
        Assert.Contains($"已有调查 {CardDriver.Id(first)}", CardDriver.Banner(again), StringComparison.Ordinal);

        await Cards.ClickAsync(BotHost.SalesId, first, "sv-cancel", new JsonObject { ["cancelReason"] = "客户换了联系人" });
        var second = await SendAsync("ACME", "2026-H1");
        Assert.NotEqual(CardDriver.Id(first), CardDriver.Id(second));
        await Cards.ClickAsync(BotHost.SalesId, second, "sv-answers", Scores(5, 4, 4, 3, 5));
        var third = await SendAsync("ACME", "2026-H2");
        await Cards.ClickAsync(BotHost.SalesId, third, "sv-answers", Scores(5, 5, 4, 4, 5));
        await DrainedAsync(CardDriver.Id(first), CardDriver.Id(second), CardDriver.Id(third));

        var next = CardDriver.Text((await Cards.SayAsync(BotHost.SalesId, "survey ACME", "en-US")).Card!);
        Assert.Contains($"2026-H1 · {CardDriver.Id(second)} · average 4.2", next, StringComparison.Ordinal);
        Assert.Contains($"2026-H2 · {CardDriver.Id(third)} · average 4.6", next, StringComparison.Ordinal);
        Assert.DoesNotContain(CardDriver.Id(first), next, StringComparison.Ordinal); // cancelled: not part of the trend
        Assert.Null((await StateAsync<SurveyState>(CardDriver.Id(second))).CorrectiveAction); // 3 is not below the threshold of 3

        var unknown = await Cards.SayAsync(BotHost.SalesId, "survey Nobody Ltd", "en-US");
        Assert.Contains("is not in the customer register", unknown.Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
