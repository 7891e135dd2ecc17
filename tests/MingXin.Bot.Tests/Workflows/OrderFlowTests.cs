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
public sealed class OrderFlowTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
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
    public async Task The_order_is_checked_on_six_points_a_price_difference_goes_to_the_GM_and_the_stamped_orders_return_is_recorded()
    {
        var quotation = await ConfirmedQuotationAsync();
        var form = (await Cards.SayAsync(BotHost.SalesId, "订单 " + quotation)).Card!;
        Assert.Contains("5,000 × ¥0.7875", CardDriver.Text(form), StringComparison.Ordinal);

        var card = await Cards.ClickAsync(BotHost.SalesId, form, "so-start", Order(price: "0.75", note: "客户要求 0.75"));
        var id = CardDriver.Id(card);
        Assert.Equal("SO-2026-0001", id);
        Assert.Equal("已保存；订单单价与报价不一致，已送总经理决定。", CardDriver.Banner(card)); // a note does not settle a price
        var text = CardDriver.Text(card);
        Assert.Contains("⚠️ 价格：报价 0.7875 @ 5,000 ｜ 订单 0.7500（不一致）", text, StringComparison.Ordinal);
        Assert.Contains("✅ 数量：报价 3,000 / 5,000 ｜ 订单 5,000", text, StringComparison.Ordinal);
        await DrainedAsync(id);
        Assert.Contains(("gm-office", id), Posts()); // the decision waits in the GM office's channel

        // The salesperson cannot decide it; the GM accepts the ordered price.
        Assert.DoesNotContain("so-price-accept", CardDriver.Verbs((await Cards.ActAsync(BotHost.SalesId, "refresh", id, 1)).Card));
        var (_, accepted) = await Cards.ActAsync(BotHost.GmId, "so-price-accept", id, 1, new JsonObject { ["gmComment"] = "本单按 0.75 接" });
        Assert.Equal("已同意订单单价：请业务盖章回传客户。", CardDriver.Banner(accepted));

        // Sales records the stamped order's return (who, when, how): then the review is done.
        var (_, pending) = await Cards.ActAsync(BotHost.SalesId, "refresh", id, 2);
        Assert.Contains("so-returned", CardDriver.Verbs(pending));
        var (_, returned) = await Cards.ActAsync(BotHost.SalesId, "so-returned", id, 2, new JsonObject { ["returnedTo"] = "黄先生", ["returnedOn"] = Today.ToString("yyyy-MM-dd"), ["via"] = "Fax" });
        Assert.Equal("已记录：订单已盖章回传客户。", CardDriver.Banner(returned));
        Assert.Empty(CardDriver.Verbs(returned));

        var record = (await Host.Services.GetRequiredService<WorkflowStore>().LoadAsync(id, default))!;
        Assert.Equal(["started", "price-accepted", "returned"], record.Audit.Select(a => a.Action));
        Assert.Contains("\"open\":\"Price\"", record.Audit[0].DetailJson, StringComparison.Ordinal);
        var state = MingXin.Bot.Workflows.WorkflowJson.Deserialize<SalesOrderReviewState>(record.State.StateJson);
        Assert.Equal(OrderReviewStatus.Passed, state.Status);
        Assert.Equal(0.75m, state.Order.UnitPrice);
        Assert.Equal(("黄先生", ContactChannel.Fax), (state.Returned!.To, state.Returned.Via));
        Assert.Equal(BotHost.GmId, state.PriceDecision!.By.Id);
    }

    [Fact]
    public async Task Bad_order_values_are_named_in_the_users_language_and_nothing_is_saved()
    {
        var quotation = await ConfirmedQuotationAsync();
        var form = (await Cards.SayAsync(BotHost.SalesId, "order " + quotation, "en-US")).Card!;
        var values = Order();
        values["quantity"] = "lots";
        values["price"] = "";
        values["delivery"] = Today.AddDays(-2).ToString("yyyy-MM-dd");

        var card = await Cards.ClickAsync(BotHost.SalesId, form, "so-start", values, locale: "en-US");

        Assert.Equal("Nothing was saved. Please correct: “Quantity” is not a number. Fill in “Unit price”. “Delivery date” cannot be before today.", CardDriver.Banner(card));
        Assert.Null(await Host.Services.GetRequiredService<WorkflowStore>().GetStateAsync("SO-2026-0001", default));
        Assert.StartsWith("找不到报价单 QT-2026-0099", (await Cards.SayAsync(BotHost.SalesId, "订单 QT-2026-0099")).Text, StringComparison.Ordinal);
    }

    private async Task<string> PassedOrderReviewAsync(bool repeatOrder)
    {
        var quotation = await ConfirmedQuotationAsync(repeatOrder);
        var form = (await Cards.SayAsync(BotHost.SalesId, "订单 " + quotation)).Card!;
        var card = await Cards.ClickAsync(BotHost.SalesId, form, "so-start", Order());
        Assert.Equal("六项均已确认：订单盖业务章回传客户。", CardDriver.Banner(card));
        var id = CardDriver.Id(card);

        await DrainedAsync(quotation, id);
        return id;
    }

    private Task<ProductionNoticeState> NoticeAsync(string id) => StateAsync<ProductionNoticeState>(id);

    [Fact]
    public async Task A_repeat_order_notice_subtracts_the_good_stock_goes_to_Production_gets_its_ticket_and_is_amended()
    {
        var review = await PassedOrderReviewAsync(repeatOrder: true);
        Connector.Calls.Clear();

        var form = (await Cards.SayAsync(BotHost.SalesId, "生产通知单 " + review)).Card!;
        var card = await Cards.ClickAsync(BotHost.SalesId, form, "pn-start", new JsonObject { ["materials"] = "客供烫金版 1 块\n\n客供纸箱 50 个" });
        var id = CardDriver.Id(card);
        Assert.Equal("PN-2026-0001", id);
        Assert.Equal("生产通知单已下，交业务跟单员。", CardDriver.Banner(card));
        Assert.Equal(["客供烫金版 1 块", "客供纸箱 50 个"], (await NoticeAsync(id)).CustomerMaterials);

        // 4.1.8: the follow-up clerk takes it on and, for a repeat order, asks the warehouse and QC.
        Assert.Equal("表单不在这一步，不能这样操作。", CardDriver.Banner((await Cards.ActAsync(BotHost.WarehouseId, "pn-stock", id, 1, new JsonObject { ["stock"] = "1" })).Card));
        var clerk = (await Cards.ActAsync(BotHost.ClerkId, "refresh", id, 1)).Card;
        Assert.Equal(["pn-pass-on"], CardDriver.Verbs(clerk));
        Assert.Equal("已请仓储查库存卡、品管确认良品，之后送总经理批准。", CardDriver.Banner(await Cards.ClickAsync(BotHost.ClerkId, clerk, "pn-pass-on", new JsonObject { ["clerkNote"] = "返单" })));

        // Warehouse: stock card; QC: good stock; the quantity to make is ordered − good.
        card = await Cards.ClickAsync(BotHost.WarehouseId, (await Cards.ActAsync(BotHost.WarehouseId, "refresh", id, 2)).Card, "pn-stock", new JsonObject { ["stock"] = "1,200" });
        Assert.Equal("请写明原因或内容。", CardDriver.Banner((await Cards.ActAsync(BotHost.QcId, "pn-check", id, 3, new JsonObject { ["good"] = "1000" })).Card));
        card = (await Cards.ActAsync(BotHost.QcId, "pn-check", id, 3, new JsonObject { ["good"] = "1000", ["note"] = "200 个擦花" })).Card;
        var text = card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("生产数量 = 订单 5,000 − 良品 1,000 = 4,000", text, StringComparison.Ordinal);

        // The GM approves: the notice reaches Production, and the moment is recorded for the two-hour rule.
        var approved = (await Cards.ActAsync(BotHost.GmId, "pn-approve", id, 4)).Card;
        Assert.Equal("已批准，发生产部。生产部须在两小时内答复能否满足交期。", CardDriver.Banner(approved));
        Assert.Equal(Host.Time.GetUtcNow(), (await NoticeAsync(id)).ReachedProductionAt);
        Assert.Equal(["pn-ticket", "pn-can-meet", "ic-start"], CardDriver.Verbs((await Cards.ActAsync(BotHost.PlannerId, "refresh", id, 5)).Card));
        await Cards.ActAsync(BotHost.PlannerId, "pn-ticket", id, 5, new JsonObject { ["ticket"] = "SC-26-1127-03" });
        Assert.Equal(NoticeStatus.Released, (await NoticeAsync(id)).Status);
        await Eventually.TrueAsync(() => PostedChannels().Count == 5, "posts: Sales, Warehouse, QC, GM office, Production");
        Assert.Equal(
            new[] { "sales", "warehouse", "qc", "gm-office", "production" }.Order(StringComparer.Ordinal),
            PostedChannels().Order(StringComparer.Ordinal)); // each once; a step's posts go at once

        // Order Amendment Notice: sales manager → production manager → planner; then the notice carries the new quantity.
        var amendForm = (await Cards.SayAsync(BotHost.SalesId, "修正 " + id)).Card!;
        var same = await Cards.ClickAsync(BotHost.SalesId, amendForm, "oa-start", new JsonObject { ["field"] = "Quantity", ["value"] = "5000", ["reason"] = "客户加单" });
        Assert.StartsWith("没有保存", CardDriver.Banner(same), StringComparison.Ordinal);
        var amendment = await Cards.ClickAsync(BotHost.SalesId, amendForm, "oa-start", new JsonObject { ["field"] = "Quantity", ["value"] = "6,000", ["reason"] = "客户加单 1000 个" });
        var oa = CardDriver.Id(amendment);
        Assert.Equal("OA-2026-0001", oa);
        Assert.Equal("你没有这一步所需的岗位，或者这一步不在等你处理。", CardDriver.Banner((await Cards.ActAsync(BotHost.ProductionManagerId, "oa-confirm", oa, 1)).Card));
        await Cards.ActAsync(BotHost.SalesManagerId, "oa-confirm", oa, 1);
        await Cards.ActAsync(BotHost.ProductionManagerId, "oa-confirm", oa, 2);
        Assert.Equal("已执行，生产通知单随即修正。", CardDriver.Banner((await Cards.ActAsync(BotHost.PlannerId, "oa-confirm", oa, 3)).Card));

        await Eventually.TrueAsync(() => NoticeAsync(id).Result.Quantity == 6_000, "the notice to carry the amended quantity");
        var notice = await NoticeAsync(id);
        Assert.Equal(5_000, notice.Order.Quantity);
        var applied = Assert.Single(notice.Amendments);
        Assert.Equal(("OA-2026-0001", "5000", "6000"), (applied.AmendmentId, applied.OldValue, applied.NewValue));
        var noticeCard = (await Cards.ActAsync(BotHost.SalesId, "refresh", id, notice.Version)).Card;
        var noticeText = noticeCard.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("6,000（原 5,000，已修正）", noticeText, StringComparison.Ordinal);
        Assert.Contains("OA-2026-0001：数量 5000 → 6000（客户加单 1000 个", noticeText, StringComparison.Ordinal);
        Assert.Contains("订单修正：OA-2026-0001：数量 5000 → 6000", noticeText, StringComparison.Ordinal); // the history names the field in the reader's words
        Assert.DoesNotContain("Quantity 5000", noticeText, StringComparison.Ordinal);
        Assert.Contains("生产数量 = 订单 6,000 − 良品 1,000 = 5,000", noticeText, StringComparison.Ordinal);

        var events = await ReferenceCards.ValidateAsync([form, clerk, card, approved, amendForm, amendment, noticeCard]);
        Assert.All(events, e => Assert.Empty(e));
    }

    [Fact]
    public async Task A_new_order_notice_goes_through_the_clerk_to_the_GM_and_a_rejection_comes_back_to_sales()
    {
        var review = await PassedOrderReviewAsync(repeatOrder: false);
        var form = (await Cards.SayAsync(BotHost.SalesId, "notice " + review, "en-US")).Card!;
        var id = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, form, "pn-start", new JsonObject { ["materials"] = "" }, locale: "en-US"));
        Assert.Equal(NoticeStatus.AwaitingFollowUpClerk, (await NoticeAsync(id)).Status);
        await Cards.ActAsync(BotHost.ClerkId, "pn-pass-on", id, 1);
        Assert.Equal(NoticeStatus.AwaitingGmApproval, (await NoticeAsync(id)).Status);

        await Cards.ActAsync(BotHost.GmId, "pn-reject", id, 2, new JsonObject { ["comment"] = "客供版未列明" });
        var sales = (await Cards.ActAsync(BotHost.SalesId, "refresh", id, 3)).Card;
        Assert.Contains("pn-revise", CardDriver.Verbs(sales));
        await Cards.ClickAsync(BotHost.SalesId, sales, "pn-revise", new JsonObject { ["materials"] = "客供烫金版 2 块", ["notes"] = "已补列" });

        var notice = await NoticeAsync(id);
        Assert.Equal(NoticeStatus.AwaitingGmApproval, notice.Status);
        Assert.Equal(["客供烫金版 2 块"], notice.CustomerMaterials);
        Assert.StartsWith("找不到订单评审", (await Cards.SayAsync(BotHost.SalesId, "生产通知单 SO-2026-0099")).Text, StringComparison.Ordinal);
    }
}
