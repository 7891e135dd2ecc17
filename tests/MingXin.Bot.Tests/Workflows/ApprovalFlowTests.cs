using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows;

/// <summary>
/// The approval engine end to end: the real host and Azurite, Teams-shaped activities and invokes,
/// a recording Connector; asserts every card posted, updated and returned.
/// </summary>
public sealed class ApprovalFlowTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private static readonly IReadOnlyDictionary<string, string> Channels = DepartmentChannels.All;

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private async Task<string> StartAsync(string title = "新烫金工艺试产 | 客户要求在礼盒上使用冷烫金")
    {
        await Activities.PostAsync(Client, Activities.PersonalMessage(Connector.ServiceUrl, "申请 " + title, BotHost.SalesId));
        var card = Connector.Delivered.Last(c => c.Path.Contains("a:personal-" + BotHost.SalesId, StringComparison.Ordinal)).Card!;
        var id = card["refresh"]!["action"]!["data"]!["workflow"]!.GetValue<string>();
        await Eventually.TrueAsync(() => ChannelPostCalls().Count >= 4, "the four first posts");
        return id;
    }

    private List<RecordedCall> ChannelPostCalls() => Connector.Delivered.Where(c => c.Method == "POST" && c.Path == "/v3/conversations").ToList();

    private List<RecordedCall> Updates() => Connector.Delivered.Where(c => c.Method == "PUT").ToList();

    private List<RecordedCall> Replies() => Connector.Delivered.Where(c => c.Method == "POST" && c.Path.Contains(";messageid=", StringComparison.Ordinal) && c.Path.Contains("/activities", StringComparison.Ordinal)).ToList();

    private async Task<(HttpStatusCode Status, JsonObject Body)> ActAsync(string user, string verb, string id, long version, string? seat = null, string? comment = null, string? colleague = null, string? activityId = null, string locale = "zh-CN")
    {
        var data = new JsonObject { ["workflow"] = id, ["version"] = version };
        if (seat is not null)
        {
            data["seat"] = seat;
        }

        if (comment is not null)
        {
            data["comment"] = comment;
        }

        if (colleague is not null)
        {
            data["colleague"] = colleague;
        }

        var response = await Activities.PostAsync(Client, Activities.CardClick(Connector.ServiceUrl, user, verb, data, locale, activityId: activityId));
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private static long Version(JsonObject card) => card["refresh"]!["action"]!["data"]!["version"]!.GetValue<long>();

    private static string Banner(JsonObject card) =>
        card["body"]!.AsArray().First()!["text"]!.GetValue<string>();

    private static IEnumerable<string> Buttons(JsonObject card) =>
        CardDriver.Verbs(card);

    private async Task<WorkflowPartition> RecordAsync(string id) =>
        (await Host.Services.GetRequiredService<WorkflowStore>().LoadAsync(id, default))!;

    [Fact]
    public async Task A_joint_review_then_a_single_approval_runs_end_to_end()
    {
        var id = await StartAsync();

        Assert.Equal("IA-2026-0001", id);
        var first = ChannelPostCalls();
        Assert.Equal(
            new[] { Channels["sales"], Channels["production"], Channels["qc"], Channels["materials"] }.Order(),
            first.Select(p => p.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>()).Order()); // posted at once, in any order
        var baseCard = first[0].Body!["activity"]!["attachments"]![0]!["content"]!.AsObject();
        Assert.Empty(Buttons(baseCard)); // the base card is read-only: buttons come with each person's own view
        // Those who can act see their own view: the originator (heard from), and the three reviewers,
        // who never wrote to the bot — their Teams ids come from the team roster.
        Assert.Equal(
            new[] { BotHost.ProductionManagerId, BotHost.QcManager2Id, BotHost.QcManagerId, BotHost.MaterialsId, BotHost.SalesId }.Select(a => "29:" + a).Order(),
            baseCard["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()).Order());
        Assert.Contains(Connector.Delivered, c => c.Method == "GET" && c.Path == $"/v3/conversations/{Uri.EscapeDataString(Activities.TeamId)}/members/{BotHost.MaterialsId}" || c.Path == $"/v3/conversations/{Activities.TeamId}/members/{BotHost.MaterialsId}");

        // Production approves with a comment: the invoke answers with the refreshed card at once.
        var (status, body) = await ActAsync(BotHost.ProductionManagerId, "approve", id, 1, seat: "production", comment: "可以排产");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        var card = body["value"]!.AsObject();
        Assert.Equal(2, Version(card));
        Assert.Equal("已同意。", Banner(card));
        Assert.Equal(["comment"], Buttons(card)); // production has decided: only a comment is left to them

        // Every channel's base card is updated in place and its thread gets a history line.
        await Eventually.TrueAsync(() => Updates().Count >= 4 && Replies().Count >= 4, "updates and replies after the first approval", diagnostics: () => string.Join("\n", Connector.Calls.Select(c => $"{c.Method} {c.Path} {c.Status}")));
        Assert.All(Updates(), u => Assert.Contains("可以排产", u.Body!.ToJsonString(Readable), StringComparison.Ordinal));
        Assert.All(Replies(), r => Assert.Equal($"{id} · 刘洋 Liu Yang 同意：可以排产", r.Text));

        Assert.Equal(HttpStatusCode.OK, (await ActAsync(BotHost.QcManagerId, "approve", id, 2)).Status);
        var last = (await ActAsync(BotHost.MaterialsId, "approve", id, 3)).Body["value"]!.AsObject();
        Assert.Equal(4, Version(last));

        // The review is complete: the GM office channel gets the card.
        await Eventually.TrueAsync(() => ChannelPostCalls().Count == 5, "the post to the GM office");
        Assert.Equal(Channels["gm-office"], ChannelPostCalls()[4].Body!["channelData"]!["channel"]!["id"]!.GetValue<string>());

        // The GM sees the buttons in their own view, and approves.
        var gmView = (await ActAsync(BotHost.GmId, "refresh", id, 4)).Body["value"]!.AsObject();
        Assert.Equal(["approve", "reject", "comment"], Buttons(gmView));
        var done = (await ActAsync(BotHost.GmId, "approve", id, 4, seat: "gm", locale: "en-US")).Body["value"]!.AsObject();
        Assert.Equal("Approved.", Banner(done));
        Assert.Contains(done["body"]!.AsArray(), b => b!["text"]?.GetValue<string>() == "Approved");

        var record = await RecordAsync(id);
        Assert.Equal(5, record.State.Version);
        Assert.Equal(
            ["started", "step-started", "approved", "approved", "approved", "step-completed", "step-started", "approved", "step-completed", "completed"],
            record.Audit.Select(a => a.Action));
        Assert.Equal(["可以排产"], record.Audit.Where(a => a.Comment is not null && a.Action == "approved").Select(a => a.Comment));
        await Eventually.TrueAsync(() => Host.Services.GetRequiredService<WorkflowStore>().LoadAsync(id, default).Result!.PendingOutbox.Any() == false, "the outbox to drain");
    }

    [Fact]
    public async Task The_same_invoke_delivered_twice_changes_the_form_once()
    {
        var id = await StartAsync();

        var first = await ActAsync(BotHost.ProductionManagerId, "approve", id, 1, activityId: "redelivered-1");
        var again = await ActAsync(BotHost.ProductionManagerId, "approve", id, 1, activityId: "redelivered-1");

        Assert.Equal(2, Version(first.Body["value"]!.AsObject()));
        Assert.Equal(2, Version(again.Body["value"]!.AsObject()));
        Assert.DoesNotContain("过期", again.Body.ToJsonString(Readable), StringComparison.Ordinal);
        var record = await RecordAsync(id);
        Assert.Equal(2, record.State.Version);
        Assert.Single(record.Audit, a => a.Action == "approved");
    }

    [Fact]
    public async Task A_request_message_delivered_twice_starts_one_form()
    {
        var message = Activities.PersonalMessage(Connector.ServiceUrl, "申请 重复投递测试", BotHost.SalesId);

        await Activities.PostAsync(Client, message);
        await Activities.PostAsync(Client, message);

        var replies = Connector.Delivered.Where(c => c.Path.Contains("a:personal-" + BotHost.SalesId, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, replies.Count);
        Assert.All(replies, r => Assert.Equal("IA-2026-0001", r.Card!["refresh"]!["action"]!["data"]!["workflow"]!.GetValue<string>()));
        Assert.Null(await Host.Services.GetRequiredService<WorkflowStore>().GetStateAsync("IA-2026-0002", default));
        var next = await Host.Services.GetRequiredService<DocumentNumberAllocator>().NextAsync("IA", 2026, default);
        Assert.Equal(2, next.Sequence); // only one number was handed out
    }

    [Fact]
    public async Task Two_approvers_at_the_same_moment_make_exactly_one_transition_and_the_loser_sees_who_acted()
    {
        var id = await StartAsync();

        var results = await Task.WhenAll(
            ActAsync(BotHost.QcManagerId, "approve", id, 1),
            ActAsync(BotHost.QcManager2Id, "approve", id, 1),
            ActAsync(BotHost.ProductionManagerId, "approve", id, 1));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var cards = results.Select(r => r.Body["value"]!.AsObject()).ToList();
        Assert.Single(cards, c => Banner(c) == "已同意。");
        Assert.Equal(2, cards.Count(c => Banner(c).StartsWith("这张卡片已过期", StringComparison.Ordinal)));
        var record = await RecordAsync(id);
        Assert.Equal(2, record.State.Version);
        Assert.Single(record.Audit, a => a.Action == "approved");
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_ends_the_form()
    {
        var id = await StartAsync();

        var noReason = (await ActAsync(BotHost.QcManagerId, "reject", id, 1, seat: "qc")).Body["value"]!.AsObject();
        Assert.Equal("请在“意见 / 原因”里写明原因。", Banner(noReason));
        Assert.Equal(1, (await RecordAsync(id)).State.Version);

        var rejected = (await ActAsync(BotHost.QcManagerId, "reject", id, 1, seat: "qc", comment: "油墨不符合食品级要求")).Body["value"]!.AsObject();

        Assert.Equal("已驳回。", Banner(rejected));
        Assert.Contains(rejected["body"]!.AsArray(), b => b!["text"]?.GetValue<string>() == "已驳回");
        var late = (await ActAsync(BotHost.MaterialsId, "approve", id, 2)).Body["value"]!.AsObject();
        Assert.Equal("这张表单已经结束，不能再操作。", Banner(late));
    }

    [Fact]
    public async Task A_seat_is_reassigned_to_a_colleague_and_the_audit_keeps_it()
    {
        var id = await StartAsync();

        var view = (await ActAsync(BotHost.QcManagerId, "refresh", id, 1)).Body["value"]!.AsObject();
        Assert.Contains("reassign", Buttons(view));
        var choices = view["body"]!.AsArray().Single(b => b!["id"]?.GetValue<string>() == "colleague")!["choices"]!.AsArray();
        Assert.Equal([BotHost.QcManager2Id], choices.Select(c => c!["value"]!.GetValue<string>()));

        var reassigned = (await ActAsync(BotHost.QcManagerId, "reassign", id, 1, seat: "qc", colleague: BotHost.QcManager2Id, comment: "我出差")).Body["value"]!.AsObject();
        Assert.Equal("已转交给 吴刚 Wu Gang。", Banner(reassigned));

        Assert.Equal("你没有这一步所需的岗位，或者这一步不在等你处理。", Banner((await ActAsync(BotHost.QcManagerId, "approve", id, 2)).Body["value"]!.AsObject()));
        Assert.Equal("已同意。", Banner((await ActAsync(BotHost.QcManager2Id, "approve", id, 2)).Body["value"]!.AsObject()));

        var audit = (await RecordAsync(id)).Audit.Single(a => a.Action == "reassigned");
        Assert.Equal((BotHost.QcManagerId, "我出差"), (audit.ActorId, audit.Comment));
        Assert.Contains(BotHost.QcManager2Id, audit.DetailJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_originator_cancels_with_a_reason_and_others_cannot()
    {
        var id = await StartAsync();

        Assert.Equal("只有发起人可以取消申请。", Banner((await ActAsync(BotHost.GmId, "cancel", id, 1, comment: "no")).Body["value"]!.AsObject()));
        var cancelled = (await ActAsync(BotHost.SalesId, "cancel", id, 1, comment: "客户取消订单")).Body["value"]!.AsObject();

        Assert.Equal("申请已取消。", Banner(cancelled));
        Assert.Equal("Cancelled", (await RecordAsync(id)).Audit.Last().DetailJson is { } d && d.Contains("Cancelled", StringComparison.Ordinal) ? "Cancelled" : "?");
    }

    [Theory]
    [InlineData("IA-2026-0099", "approve", "找不到这张表单。")]
    [InlineData("not-a-number", "approve", "找不到这张表单。")]
    public async Task Unknown_forms_get_a_clear_error_card(string workflow, string verb, string expected)
    {
        await StartAsync();

        var (status, body) = await ActAsync(BotHost.QcManagerId, verb, workflow, 1);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, body["value"]!["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_verb_is_a_bad_request_and_changes_nothing()
    {
        var id = await StartAsync();

        var (status, body) = await ActAsync(BotHost.QcManagerId, "delete", id, 1);

        Assert.Equal(HttpStatusCode.OK, status); // the HTTP call succeeds; the invoke response carries the error
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        Assert.Equal(1, (await RecordAsync(id)).State.Version);
    }

    public static TheoryData<string> MalformedActionData() => new()
    {
        "\"just a string\"",
        "[1, 2, 3]",
        "{\"workflow\": 42, \"version\": \"one\"}",
        "{\"workflow\": \"IA-2026-0001\", \"version\": -1, \"seat\": {\"x\": 1}}",
        "{\"workflow\": \"IA-2026-0001\", \"version\": 1, \"comment\": \"" + new string('长', 5000) + "\"}",
        "{\"workflow\": \"IA-2026-0001/../x\", \"version\": 1}",
    };

    [Theory]
    [MemberData(nameof(MalformedActionData))]
    public async Task Malformed_card_data_gets_a_clear_answer_and_changes_nothing(string data)
    {
        var id = await StartAsync();
        var invoke = Activities.CardClick(Connector.ServiceUrl, BotHost.ProductionManagerId, "approve", new JsonObject());
        invoke["value"]!["action"]!["data"] = JsonNode.Parse(data);

        var response = await Activities.PostAsync(Client, invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Equal(1, (await RecordAsync(id)).State.Version);
    }

    [Fact]
    public async Task Someone_without_the_position_is_refused_and_nothing_changes()
    {
        var id = await StartAsync();

        var card = (await ActAsync(BotHost.QcId, "approve", id, 1, locale: "en-US")).Body["value"]!.AsObject();

        Assert.Equal("You do not hold the position this step needs, or it is not waiting on you.", Banner(card));
        Assert.Empty(Buttons(card));
        Assert.Equal(1, (await RecordAsync(id)).State.Version);
    }

    [Fact]
    public async Task My_tasks_lists_what_waits_on_me_and_drops_it_once_done()
    {
        var id = await StartAsync();
        await Eventually.TrueAsync(() => Host.Services.GetRequiredService<WorkflowStore>().LoadAsync(id, default).Result!.PendingOutbox.Any() == false, "the task index");

        List<RecordedCall> ToMe() => Connector.Delivered.Where(c => c.Path.Contains("a:personal-" + BotHost.QcManagerId, StringComparison.Ordinal)).ToList();
        await Activities.PostAsync(Client, Activities.PersonalMessage(Connector.ServiceUrl, "待办", BotHost.QcManagerId));
        var answer = ToMe();
        Assert.Equal("有 1 项等你处理：", answer[0].Text);
        Assert.Equal(id, answer[1].Card!["refresh"]!["action"]!["data"]!["workflow"]!.GetValue<string>());
        Assert.Contains("approve", Buttons(answer[1].Card!));

        await ActAsync(BotHost.QcManagerId, "approve", id, 1);
        Connector.Calls.Clear();
        await Activities.PostAsync(Client, Activities.PersonalMessage(Connector.ServiceUrl, "tasks", BotHost.QcManagerId, "en-US"));
        Assert.Equal("Nothing is waiting on you.", Assert.Single(ToMe()).Text);
    }
}
