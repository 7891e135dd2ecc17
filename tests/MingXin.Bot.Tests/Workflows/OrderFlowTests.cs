using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows;

/// <summary>
/// Order intake after the price: the sales-order review 订单评审 against the confirmed quotation, the
/// Production Notice 生产通知单 and the Order Amendment Notice 订单修正通知单, end to end through the real host.
/// </summary>
public sealed class OrderFlowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private RecordingConnector _connector = null!;
    private BotHost _host = null!;
    private CardDriver _cards = null!;

    public async Task InitializeAsync()
    {
        _connector = await RecordingConnector.StartAsync();
        _host = new BotHost(azurite.ConnectionString);
        var client = _host.CreateClient();
        await DepartmentChannels.RegisterAllAsync(client, _connector);
        _cards = new CardDriver(client, _connector);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_host.Time.GetUtcNow(), MingXin.Bot.Domain.Calendar.BusinessCalendar.FactoryZone).DateTime);

    /// <summary>A quotation (3,000 and 5,000 pieces) taken to "confirmed by the customer" through its cards.</summary>
    internal async Task<string> ConfirmedQuotationAsync(bool repeatOrder = false)
    {
        var form = (await _cards.SayAsync(BotHost.SalesId, "报价")).Card!;
        var card = await _cards.ClickAsync(BotHost.SalesId, form, "qt-start", new JsonObject
        {
            ["customer"] = "华美礼品", ["product"] = "礼盒", ["specification"] = "250×180×60 mm，四色 + 烫金", ["path"] = "ordinary",
            ["repeat"] = repeatOrder ? "true" : "false",
            ["quantities"] = "3000 5000", ["fixed_plates"] = "600", ["unit_material"] = "0.35", ["fixed_printing"] = "200", ["unit_printing"] = "0.12", ["margin"] = "25",
        });
        var id = CardDriver.Id(card);
        await _cards.ActAsync(BotHost.GmId, "qt-approve", id, 1);
        await _cards.ActAsync(BotHost.SalesId, "qt-sent", id, 2, new JsonObject { ["method"] = "Email" });
        await _cards.ActAsync(BotHost.SalesId, "qt-confirm", id, 3, new JsonObject { ["signedBy"] = "黄先生", ["signedOn"] = Today.ToString("yyyy-MM-dd") });
        return id;
    }

    private JsonObject Order(string price = "0.7875", string confirmed = "Name,Specification,Quantity,Price,Quality,Delivery", string? note = null) => new()
    {
        ["po"] = "PO-8812",
        ["product"] = "礼盒",
        ["specification"] = "250×180×60 mm，四色 + 烫金",
        ["quantity"] = "5,000",
        ["price"] = price,
        ["quality"] = "耐磨 ≥ 200 次",
        ["delivery"] = Today.AddDays(30).ToString("yyyy-MM-dd"),
        ["confirmed"] = confirmed,
        ["note"] = note ?? string.Empty,
    };

    [Fact]
    public async Task The_order_is_checked_on_six_points_against_the_quotation_and_a_price_difference_must_be_settled()
    {
        var quotation = await ConfirmedQuotationAsync();
        var form = (await _cards.SayAsync(BotHost.SalesId, "订单 " + quotation)).Card!;
        Assert.Contains("5,000 × ¥0.7875", form.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);

        var card = await _cards.ClickAsync(BotHost.SalesId, form, "so-start", Order(price: "0.75"));
        var id = CardDriver.Id(card);
        Assert.Equal("SO-2026-0001", id);
        Assert.Equal("已保存；还有项目未确认或与报价不一致，请与客户澄清。", CardDriver.Banner(card));
        var text = card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("⚠️ 价格：报价 0.7875 @ 5,000 ｜ 订单 0.7500（不一致）", text, StringComparison.Ordinal);
        Assert.Contains("✅ 数量：报价 3,000 / 5,000 ｜ 订单 5,000", text, StringComparison.Ordinal);

        var passed = await _cards.ClickAsync(BotHost.SalesId, card, "so-resubmit", Order(price: "0.75", note: "总经理同意按 0.75 接单"));
        Assert.Equal("六项均已确认：订单盖业务章回传客户。", CardDriver.Banner(passed));
        Assert.Empty(CardDriver.Verbs(passed));
        var record = (await _host.Services.GetRequiredService<WorkflowStore>().LoadAsync(id, default))!;
        Assert.Equal(["started", "resubmitted-passed"], record.Audit.Select(a => a.Action));
        Assert.Contains("\"open\":\"Price\"", record.Audit[0].DetailJson, StringComparison.Ordinal);
        var state = MingXin.Bot.Workflows.WorkflowJson.Deserialize<SalesOrderReviewState>(record.State.StateJson);
        Assert.Equal(OrderReviewStatus.Passed, state.Status);
        Assert.Equal(0.75m, state.Order.UnitPrice);
    }

    [Fact]
    public async Task Bad_order_values_are_named_in_the_users_language_and_nothing_is_saved()
    {
        var quotation = await ConfirmedQuotationAsync();
        var form = (await _cards.SayAsync(BotHost.SalesId, "order " + quotation, "en-US")).Card!;
        var values = Order();
        values["quantity"] = "lots";
        values["price"] = "";
        values["delivery"] = Today.AddDays(-2).ToString("yyyy-MM-dd");

        var card = await _cards.ClickAsync(BotHost.SalesId, form, "so-start", values, locale: "en-US");

        Assert.Equal("Nothing was saved. Please correct: “Quantity” is not a number. Fill in “Unit price”. “Delivery date” cannot be before today.", CardDriver.Banner(card));
        Assert.Null(await _host.Services.GetRequiredService<WorkflowStore>().GetStateAsync("SO-2026-0001", default));
        Assert.StartsWith("找不到报价单 QT-2026-0099", (await _cards.SayAsync(BotHost.SalesId, "订单 QT-2026-0099")).Text, StringComparison.Ordinal);
    }

    private async Task<string> PassedOrderReviewAsync(bool repeatOrder)
    {
        var quotation = await ConfirmedQuotationAsync(repeatOrder);
        var form = (await _cards.SayAsync(BotHost.SalesId, "订单 " + quotation)).Card!;
        var card = await _cards.ClickAsync(BotHost.SalesId, form, "so-start", Order());
        Assert.Equal("六项均已确认：订单盖业务章回传客户。", CardDriver.Banner(card));
        var id = CardDriver.Id(card);

        // Let the quotation's and the review's cards reach their channels before a test looks at posts.
        var store = _host.Services.GetRequiredService<WorkflowStore>();
        await Eventually.TrueAsync(() => new[] { quotation, id }.All(f => !store.LoadAsync(f, default).Result!.PendingOutbox.Any()), "the outboxes of the quotation and the review to drain");
        return id;
    }

    private async Task<ProductionNoticeState> NoticeAsync(string id) =>
        MingXin.Bot.Workflows.WorkflowJson.Deserialize<ProductionNoticeState>((await _host.Services.GetRequiredService<WorkflowStore>().GetStateAsync(id, default))!.StateJson);

    private List<string> PostedChannels() => _connector.Delivered
        .Where(c => c.Method == "POST" && c.Path == "/v3/conversations")
        .Select(p => p.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>())
        .ToList();

    [Fact]
    public async Task A_repeat_order_notice_subtracts_the_good_stock_goes_to_Production_gets_its_ticket_and_is_amended()
    {
        var review = await PassedOrderReviewAsync(repeatOrder: true);
        _connector.Calls.Clear();

        var form = (await _cards.SayAsync(BotHost.SalesId, "生产通知单 " + review)).Card!;
        var card = await _cards.ClickAsync(BotHost.SalesId, form, "pn-start", new JsonObject { ["materials"] = "客供烫金版 1 块\n\n客供纸箱 50 个" });
        var id = CardDriver.Id(card);
        Assert.Equal("PN-2026-0001", id);
        Assert.Equal("生产通知单已下，返单先由仓储查库存。", CardDriver.Banner(card));
        Assert.Equal(["客供烫金版 1 块", "客供纸箱 50 个"], (await NoticeAsync(id)).CustomerMaterials);

        // Warehouse: stock card; QC: good stock; the quantity to make is ordered − good.
        card = await _cards.ClickAsync(BotHost.WarehouseId, (await _cards.ActAsync(BotHost.WarehouseId, "refresh", id, 1)).Card, "pn-stock", new JsonObject { ["stock"] = "1,200" });
        Assert.Equal("请写明原因或内容。", CardDriver.Banner((await _cards.ActAsync(BotHost.QcId, "pn-check", id, 2, new JsonObject { ["good"] = "1000" })).Card));
        card = (await _cards.ActAsync(BotHost.QcId, "pn-check", id, 2, new JsonObject { ["good"] = "1000", ["note"] = "200 个擦花" })).Card;
        var text = card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("生产数量 = 订单 5,000 − 良品 1,000 = 4,000", text, StringComparison.Ordinal);

        // The GM approves: the notice reaches Production, and the moment is recorded for the two-hour rule.
        var approved = (await _cards.ActAsync(BotHost.GmId, "pn-approve", id, 3)).Card;
        Assert.Equal("已批准，发生产部。生产部须在两小时内答复能否满足交期。", CardDriver.Banner(approved));
        Assert.Equal(_host.Time.GetUtcNow(), (await NoticeAsync(id)).ReachedProductionAt);
        Assert.Equal(["pn-ticket"], CardDriver.Verbs((await _cards.ActAsync(BotHost.PlannerId, "refresh", id, 4)).Card));
        await _cards.ActAsync(BotHost.PlannerId, "pn-ticket", id, 4, new JsonObject { ["ticket"] = "SC-26-1127-03" });
        Assert.Equal(NoticeStatus.Released, (await NoticeAsync(id)).Status);
        await Eventually.TrueAsync(() => PostedChannels().Count == 5, "posts: Sales, Warehouse, QC, GM office, Production");
        Assert.Equal(
            [DepartmentChannels.All["sales"], DepartmentChannels.All["warehouse"], DepartmentChannels.All["qc"], DepartmentChannels.All["gm-office"], DepartmentChannels.All["production"]],
            PostedChannels());

        // Order Amendment Notice: sales manager → production manager → planner; then the notice carries the new quantity.
        var amendForm = (await _cards.SayAsync(BotHost.SalesId, "修正 " + id)).Card!;
        var same = await _cards.ClickAsync(BotHost.SalesId, amendForm, "oa-start", new JsonObject { ["field"] = "Quantity", ["value"] = "5000", ["reason"] = "客户加单" });
        Assert.StartsWith("没有保存", CardDriver.Banner(same), StringComparison.Ordinal);
        var amendment = await _cards.ClickAsync(BotHost.SalesId, amendForm, "oa-start", new JsonObject { ["field"] = "Quantity", ["value"] = "6,000", ["reason"] = "客户加单 1000 个" });
        var oa = CardDriver.Id(amendment);
        Assert.Equal("OA-2026-0001", oa);
        Assert.Equal("你没有这一步所需的岗位，或者这一步不在等你处理。", CardDriver.Banner((await _cards.ActAsync(BotHost.ProductionManagerId, "oa-confirm", oa, 1)).Card));
        await _cards.ActAsync(BotHost.SalesManagerId, "oa-confirm", oa, 1);
        await _cards.ActAsync(BotHost.ProductionManagerId, "oa-confirm", oa, 2);
        Assert.Equal("已执行，生产通知单随即修正。", CardDriver.Banner((await _cards.ActAsync(BotHost.PlannerId, "oa-confirm", oa, 3)).Card));

        await Eventually.TrueAsync(() => NoticeAsync(id).Result.Quantity == 6_000, "the notice to carry the amended quantity");
        var notice = await NoticeAsync(id);
        Assert.Equal(5_000, notice.Order.Quantity);
        var applied = Assert.Single(notice.Amendments);
        Assert.Equal(("OA-2026-0001", "5000", "6000"), (applied.AmendmentId, applied.OldValue, applied.NewValue));
        var noticeCard = (await _cards.ActAsync(BotHost.SalesId, "refresh", id, notice.Version)).Card;
        var noticeText = noticeCard.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("6,000（原 5,000，已修正）", noticeText, StringComparison.Ordinal);
        Assert.Contains("OA-2026-0001：数量 5000 → 6000（客户加单 1000 个", noticeText, StringComparison.Ordinal);
        Assert.Contains("生产数量 = 订单 6,000 − 良品 1,000 = 5,000", noticeText, StringComparison.Ordinal);

        var events = await ReferenceCards.ValidateAsync([form, card, approved, amendForm, amendment, noticeCard]);
        Assert.All(events, e => Assert.Empty(e));
    }

    [Fact]
    public async Task A_new_order_notice_goes_straight_to_the_GM_and_a_rejection_comes_back_to_sales()
    {
        var review = await PassedOrderReviewAsync(repeatOrder: false);
        var form = (await _cards.SayAsync(BotHost.SalesId, "notice " + review, "en-US")).Card!;
        var id = CardDriver.Id(await _cards.ClickAsync(BotHost.SalesId, form, "pn-start", new JsonObject { ["materials"] = "" }, locale: "en-US"));
        Assert.Equal(NoticeStatus.AwaitingGmApproval, (await NoticeAsync(id)).Status);

        await _cards.ActAsync(BotHost.GmId, "pn-reject", id, 1, new JsonObject { ["comment"] = "客供版未列明" });
        var sales = (await _cards.ActAsync(BotHost.SalesId, "refresh", id, 2)).Card;
        Assert.Contains("pn-revise", CardDriver.Verbs(sales));
        await _cards.ClickAsync(BotHost.SalesId, sales, "pn-revise", new JsonObject { ["materials"] = "客供烫金版 2 块", ["notes"] = "已补列" });

        var notice = await NoticeAsync(id);
        Assert.Equal(NoticeStatus.AwaitingGmApproval, notice.Status);
        Assert.Equal(["客供烫金版 2 块"], notice.CustomerMaterials);
        Assert.StartsWith("找不到订单评审", (await _cards.SayAsync(BotHost.SalesId, "生产通知单 SO-2026-0099")).Text, StringComparison.Ordinal);
    }
}
