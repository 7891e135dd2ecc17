using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows;

/// <summary>
/// Quotation 报价单 + Cost Calculation Sheet 成本核算表 + Contract Review 合同评审表 end to end: the
/// real host and Azurite, the new-quotation form, every step as a card action, a recording Connector.
/// </summary>
public sealed class QuotationFlowTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private static readonly IReadOnlyDictionary<string, string> Channels = DepartmentChannels.All;

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The form's inputs as a salesperson fills them: plates 600, paper 0.35/pc, printing 200 + 0.12/pc, 25 %.</summary>
    private static JsonObject Filled(string path = "ordinary", string? special = null, string margin = "25") => new()
    {
        ["customer"] = "华美礼品",
        ["product"] = "礼盒",
        ["specification"] = "250×180×60 mm，四色 + 烫金", ["evaluation"] = "现有工艺可以满足",
        ["repeat"] = "false",
        ["path"] = path,
        ["special"] = special ?? string.Empty,
        ["quantities"] = "3000, 5,000",
        ["fixed_plates"] = "600",
        ["desc_plates"] = "CTP ×4",
        ["unit_material"] = "0.35",
        ["fixed_printing"] = "200",
        ["unit_printing"] = "0.12",
        ["margin"] = margin,
    };

    private async Task<string> NewFormDraftAsync(string user = BotHost.SalesId, string text = "报价")
    {
        await Activities.PostAsync(Client, Activities.PersonalMessage(Connector.ServiceUrl, text, user));
        var card = Connector.Delivered.Last(c => c.Path.Contains("a:personal-" + user, StringComparison.Ordinal)).Card!;
        return FindAction(card, "qt-start")["data"]!["draft"]!.GetValue<string>();
    }

    private Task<(HttpStatusCode Status, JsonObject Card)> ActAsync(string user, string verb, string? id, long version, JsonObject? values = null, string locale = "zh-CN", string? draft = null) =>
        Cards.ActAsync(user, verb, id, version, values, locale, draft);

    private List<RecordedCall> ChannelPostCalls() => Connector.Delivered.Where(c => c.Method == "POST" && c.Path == "/v3/conversations").ToList();

    private List<string> PostedChannelIds() => ChannelPostCalls().Select(p => p.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>()).ToList();

    private static string Id(JsonObject card) => CardDriver.Id(card);

    private static string Banner(JsonObject card) => CardDriver.Banner(card);

    private static IEnumerable<string> Verbs(JsonObject card) => CardDriver.Verbs(card);

    private static JsonObject FindAction(JsonObject card, string verb) => CardDriver.FindAction(card, verb);

    private async Task<WorkflowPartition> RecordAsync(string id) =>
        (await Host.Services.GetRequiredService<WorkflowStore>().LoadAsync(id, default))!;

    private async Task<QuotationState> StateAsync(string id) =>
        MingXin.Bot.Workflows.WorkflowJson.Deserialize<QuotationState>((await RecordAsync(id)).State.StateJson);

    [Fact]
    public async Task A_refused_or_invalid_start_uses_up_no_number_so_the_first_quotation_is_0001()
    {
        // Not sales: the whole form is valid, but the person may not start a quotation.
        var (_, refused) = await ActAsync(BotHost.QcId, "qt-start", null, 0, Filled(), draft: Guid.NewGuid().ToString("N"));
        Assert.Equal("只有业务员或业务经理可以发起报价。", Banner(refused));

        // Sales, but the form is incomplete.
        var incomplete = Filled();
        incomplete.Remove("customer");
        var (_, invalid) = await ActAsync(BotHost.SalesId, "qt-start", null, 0, incomplete, draft: await NewFormDraftAsync());
        Assert.Contains("客户", Banner(invalid), StringComparison.Ordinal);

        // 4.1.3.1: the evaluation of the customer's requirements is asked and kept, not implied.
        var unevaluated = Filled();
        unevaluated.Remove("evaluation");
        var (_, notEvaluated) = await ActAsync(BotHost.SalesId, "qt-start", null, 0, unevaluated, draft: await NewFormDraftAsync(), locale: "en-US");
        Assert.Contains("Fill in “Evaluation of the requirements”.", Banner(notEvaluated), StringComparison.Ordinal);

        var (_, started) = await ActAsync(BotHost.SalesId, "qt-start", null, 0, Filled(), draft: await NewFormDraftAsync());
        Assert.Equal("QT-2026-0001", Id(started)); // the refused starts used no number
        Assert.Contains("现有工艺可以满足", started.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        Assert.Equal("现有工艺可以满足", (await StateAsync<QuotationState>("QT-2026-0001")).Request.Evaluation);
    }

    [Fact]
    public async Task Ordinary_path_GM_rejects_the_salesperson_revises_GM_approves_the_customer_signs()
    {
        var draft = await NewFormDraftAsync();
        var (status, card) = await ActAsync(BotHost.SalesId, "qt-start", null, 0, Filled(margin: "10"), draft: draft);

        Assert.Equal(HttpStatusCode.OK, status);
        var id = Id(card);
        Assert.Equal("QT-2026-0001", id);
        Assert.Equal("QT-2026-0001 已送总经理批准。", Banner(card));
        var text = card.ToJsonString(Readable);
        Assert.Contains("¥2,430.90", text, StringComparison.Ordinal); // 3,000: 2,210.00 × 1.10 / 3000 = 0.81033… → 0.8103; × 3000 = 2,430.90
        Assert.Contains("¥0.8103", text, StringComparison.Ordinal);
        Assert.Contains("¥0.6930", text, StringComparison.Ordinal); // 5,000: 3,150 × 1.1 / 5000
        Assert.Equal(["qt-cancel"], Verbs(card));

        // Posted to Sales and the GM office; the GM's own view has the approve/reject buttons.
        await Eventually.TrueAsync(() => ChannelPostCalls().Count == 2, "posts to Sales and the GM office");
        Assert.Equal(new[] { Channels["sales"], Channels["gm-office"] }.Order(), PostedChannelIds().Order()); // posted at once
        var gmView = (await ActAsync(BotHost.GmId, "refresh", id, 1)).Card;
        Assert.Equal(["qt-approve", "qt-reject"], Verbs(gmView));

        // A rejection needs a reason; with one it returns to the salesperson.
        Assert.Equal("请写明原因或内容。", Banner((await ActAsync(BotHost.GmId, "qt-reject", id, 1)).Card));
        var rejected = (await ActAsync(BotHost.GmId, "qt-reject", id, 1, new JsonObject { ["gmComment"] = "利润太低" })).Card;
        Assert.Equal("已驳回，退回业务员修改。", Banner(rejected));

        var salesView = (await ActAsync(BotHost.SalesId, "refresh", id, 2)).Card;
        Assert.Contains("qt-revise", Verbs(salesView));
        var revised = (await ActAsync(BotHost.SalesId, "qt-revise", id, 2, new JsonObject(Filled(margin: "25").Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone())).Append(KeyValuePair.Create<string, JsonNode?>("note", "利润率改为 25%"))))).Card;
        Assert.Equal("第 2 版已提交。", Banner(revised));
        Assert.Contains("¥0.9208", revised.ToJsonString(Readable), StringComparison.Ordinal);

        Assert.Equal("已批准，业务员可以发给客户。", Banner((await ActAsync(BotHost.GmId, "qt-approve", id, 3, new JsonObject { ["gmComment"] = "同意" })).Card));
        Assert.Equal("已记录发送，等待客户签回。", Banner((await ActAsync(BotHost.SalesId, "qt-sent", id, 4, new JsonObject { ["method"] = "Fax" })).Card));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Host.Time.GetUtcNow(), MingXin.Bot.Domain.Calendar.BusinessCalendar.FactoryZone).DateTime);
        Assert.Equal("签回日期不能晚于今天。", Banner((await ActAsync(BotHost.SalesId, "qt-confirm", id, 5, new JsonObject { ["signedBy"] = "黄先生", ["signedOn"] = today.AddDays(1).ToString("yyyy-MM-dd") })).Card));
        // A date far outside any form's window is refused with the window named, before the quotation decides.
        var slip = Banner((await ActAsync(BotHost.SalesId, "qt-confirm", id, 5, new JsonObject { ["signedBy"] = "黄先生", ["signedOn"] = "9999-12-31" })).Card);
        Assert.Contains($"须在 {today.AddDays(-366):yyyy-MM-dd} – {today.AddDays(731):yyyy-MM-dd} 之间", slip, StringComparison.Ordinal);
        var confirmed = (await ActAsync(BotHost.SalesId, "qt-confirm", id, 5, new JsonObject { ["signedBy"] = "黄先生", ["signedOn"] = today.ToString("yyyy-MM-dd") })).Card;
        Assert.Equal("客户已确认，价格确定。", Banner(confirmed));
        Assert.Empty(Verbs(confirmed));

        var state = await StateAsync(id);
        Assert.Equal(QuotationStatus.Confirmed, state.Status);
        Assert.Equal([10m, 25m], state.Versions.Select(v => v.Data.MarginPercent));
        Assert.Equal([false, true], state.GmDecisions.Select(d => d.Approved));
        var record = await RecordAsync(id);
        Assert.Equal(["started", "gm-rejected", "revised", "gm-approved", "sent", "customer-confirmed"], record.Audit.Select(a => a.Action));
        Assert.Contains("\"marginPercent\":25", record.Audit.Single(a => a.Action == "revised").DetailJson, StringComparison.Ordinal);
        Assert.Equal("利润太低", record.Audit.Single(a => a.Action == "gm-rejected").Comment);

        // Every posted card follows the record; nothing is left unsent.
        await Eventually.TrueAsync(() => RecordAsync(id).Result.PendingOutbox.Any() == false, "the outbox to drain");
        var lastUpdate = Connector.Delivered.Last(c => c.Method == "PUT");
        Assert.Contains("客户已确认签回", lastUpdate.Body!.ToJsonString(Readable), StringComparison.Ordinal);
        Assert.Equal(2, ChannelPostCalls().Count);
    }

    [Fact]
    public async Task Special_requirement_goes_through_contract_review_then_an_objection_is_decided_by_the_GM()
    {
        var draft = await NewFormDraftAsync();
        var card = (await ActAsync(BotHost.SalesId, "qt-start", null, 0, Filled("special", "触感膜上冷烫金"), draft: draft)).Card;
        var id = Id(card);
        Assert.Equal("QT-2026-0001 已送 生产部、品管部、物控部 合同评审。", Banner(card));
        await Eventually.TrueAsync(() => ChannelPostCalls().Count == 4, "posts to Sales and the three reviewers");
        Assert.Equal(new[] { Channels["sales"], Channels["production"], Channels["qc"], Channels["materials"] }.Order(), PostedChannelIds().Order());

        // Each reviewer answers for their department; conditions need a note.
        Assert.Equal(["qt-review"], Verbs((await ActAsync(BotHost.QcManagerId, "refresh", id, 1)).Card));
        Assert.Equal("请写明原因或内容。", Banner((await ActAsync(BotHost.QcManagerId, "qt-review", id, 1, new JsonObject { ["feasibility"] = "FeasibleWithConditions" })).Card));
        Assert.Equal("评审已提交。", Banner((await ActAsync(BotHost.QcManagerId, "qt-review", id, 1, new JsonObject { ["feasibility"] = "FeasibleWithConditions", ["reviewNote"] = "每批做耐磨测试" })).Card));
        await ActAsync(BotHost.ProductionManagerId, "qt-review", id, 2, new JsonObject { ["feasibility"] = "Feasible" });
        Assert.Equal(QuotationStatus.InContractReview, (await StateAsync(id)).Status);
        Assert.Equal("你没有这一步所需的岗位，或者这一步不在等你处理。", Banner((await ActAsync(BotHost.SalesId, "qt-review", id, 3, new JsonObject { ["feasibility"] = "Feasible" })).Card));
        var reviewed = (await ActAsync(BotHost.MaterialsId, "qt-review", id, 3, new JsonObject { ["feasibility"] = "Feasible", ["reviewNote"] = "冷烫箔有库存" })).Card;

        // The review shows on the quotation; "feasible with conditions" comes back to the salesperson,
        // whose cost-sheet step names the conditions (4.1.3.2); then the GM office gets the card.
        var reviewText = reviewed.ToJsonString(Readable);
        Assert.Contains("有条件可行", reviewText, StringComparison.Ordinal);
        Assert.Contains("每批做耐磨测试", reviewText, StringComparison.Ordinal);
        Assert.Equal(QuotationStatus.AwaitingCostSheet, (await StateAsync(id)).Status);
        var costSheet = (await ActAsync(BotHost.SalesId, "refresh", id, 4)).Card;
        Assert.Equal(["qt-revise", "qt-cancel"], Verbs(costSheet));
        Assert.Contains("评审条件：品管部：每批做耐磨测试", costSheet.ToJsonString(Readable), StringComparison.Ordinal);
        var priced = Filled("special", "触感膜上冷烫金");
        priced["fixed_other"] = "300";
        priced["desc_other"] = "耐磨测试";
        Assert.Equal("第 2 版已提交。", Banner((await ActAsync(BotHost.SalesId, "qt-revise", id, 4, priced)).Card));
        await Eventually.TrueAsync(() => ChannelPostCalls().Count == 5, "the post to the GM office");
        Assert.Equal(Channels["gm-office"], PostedChannelIds()[4]);

        await ActAsync(BotHost.GmId, "qt-approve", id, 5);
        await ActAsync(BotHost.SalesId, "qt-sent", id, 6, new JsonObject { ["method"] = "Email" });
        Assert.Equal("Objection recorded and passed to the general manager.", Banner((await ActAsync(BotHost.SalesId, "qt-object", id, 7, new JsonObject { ["objection"] = "Competitor quotes 0.70 at 5,000" }, locale: "en-US")).Card));
        Assert.Equal(["qt-decide"], Verbs((await ActAsync(BotHost.GmId, "refresh", id, 8)).Card));
        Assert.Equal("已决定。", Banner((await ActAsync(BotHost.GmId, "qt-decide", id, 8, new JsonObject { ["decision"] = "Revise", ["decisionNote"] = "可降到 0.75" })).Card));

        var state = await StateAsync(id);
        Assert.Equal(QuotationStatus.ReturnedForRevision, state.Status);
        Assert.Equal(3, state.ReviewRounds[0].Answers.Count);
        Assert.Equal(ObjectionDecision.Revise, Assert.Single(state.Objections).Decision);
        Assert.Equal(5, ChannelPostCalls().Count); // no department got the card twice
    }

    [Fact]
    public async Task Bad_input_on_the_form_is_answered_in_the_users_language_with_the_typing_kept_and_nothing_saved()
    {
        var draft = await NewFormDraftAsync();
        var values = Filled();
        values["product"] = "";
        values["quantities"] = "3000 abc";
        values["unit_material"] = "0.123456";
        values["margin"] = "-5";

        var (status, card) = await ActAsync(BotHost.SalesId, "qt-start", null, 0, values, locale: "en-US", draft: draft);

        Assert.Equal(HttpStatusCode.OK, status);
        var banner = Banner(card);
        Assert.StartsWith("Nothing was saved. Please correct:", banner, StringComparison.Ordinal);
        Assert.Contains("Fill in “Product”.", banner, StringComparison.Ordinal);
        Assert.Contains("“Quantities” is not a number.", banner, StringComparison.Ordinal);
        Assert.Contains("“Margin %” cannot be negative.", banner, StringComparison.Ordinal);
        var customer = card["body"]!.ToJsonString(Readable);
        Assert.Contains("\"value\":\"华美礼品\"", customer, StringComparison.Ordinal); // what was typed is still there
        Assert.Equal(draft, FindAction(card, "qt-start")["data"]!["draft"]!.GetValue<string>());
        Assert.Null(await Host.Services.GetRequiredService<WorkflowStore>().GetStateAsync("QT-2026-0001", default));
        Assert.Empty(ChannelPostCalls());

        // Corrected, the same form starts the first quotation number.
        var fixedCard = (await ActAsync(BotHost.SalesId, "qt-start", null, 0, Filled(), draft: draft)).Card;
        Assert.Equal("QT-2026-0001", Id(fixedCard));
    }

    [Fact]
    public async Task The_same_form_submitted_twice_starts_one_quotation()
    {
        var draft = await NewFormDraftAsync();

        var first = (await ActAsync(BotHost.SalesId, "qt-start", null, 0, Filled(), draft: draft)).Card;
        var second = (await ActAsync(BotHost.SalesId, "qt-start", null, 0, Filled(), draft: draft)).Card;

        Assert.Equal("QT-2026-0001", Id(first));
        Assert.Equal("QT-2026-0001", Id(second));
        Assert.Null(await Host.Services.GetRequiredService<WorkflowStore>().GetStateAsync("QT-2026-0002", default));
    }

    [Fact]
    public async Task Only_sales_get_the_form()
    {
        await Activities.PostAsync(Client, Activities.PersonalMessage(Connector.ServiceUrl, "quote", BotHost.QcId, "en-US"));

        var reply = Connector.Delivered.Last(c => c.Path.Contains("a:personal-" + BotHost.QcId, StringComparison.Ordinal));
        Assert.Equal("Only a salesperson or sales manager can start a quotation.", reply.Text);
    }

    [Fact]
    public async Task An_out_of_date_card_changes_nothing_and_says_who_acted_first()
    {
        var draft = await NewFormDraftAsync();
        var id = Id((await ActAsync(BotHost.SalesId, "qt-start", null, 0, Filled(), draft: draft)).Card);
        await ActAsync(BotHost.GmId, "qt-approve", id, 1);

        var stale = (await ActAsync(BotHost.GmId, "qt-reject", id, 1, new JsonObject { ["gmComment"] = "changed my mind" })).Card;

        Assert.StartsWith("这张卡片已过期", Banner(stale), StringComparison.Ordinal);
        Assert.Equal(QuotationStatus.ApprovedToSend, (await StateAsync(id)).Status);
    }

    [Fact]
    public async Task A_quotation_waiting_on_the_GM_is_in_the_GMs_tasks()
    {
        var draft = await NewFormDraftAsync();
        var id = Id((await ActAsync(BotHost.SalesId, "qt-start", null, 0, Filled(), draft: draft)).Card);
        await Eventually.TrueAsync(() => RecordAsync(id).Result.PendingOutbox.Any() == false, "the outbox to drain");

        await Activities.PostAsync(Client, Activities.PersonalMessage(Connector.ServiceUrl, "待办", BotHost.GmId));

        var replies = Connector.Delivered.Where(c => c.Path.Contains("a:personal-" + BotHost.GmId, StringComparison.Ordinal)).ToList();
        Assert.Equal("有 1 项等你处理：", replies[0].Text);
        Assert.Equal(id, Id(replies[1].Card!));
        Assert.Equal(["qt-approve", "qt-reject"], Verbs(replies[1].Card!));
    }
}
