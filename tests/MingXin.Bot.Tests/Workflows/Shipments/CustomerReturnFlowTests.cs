using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Returns;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Workflows.Shipments;

/// <summary>
/// A Customer Return 退货单 through the real host: registered against a shipped Delivery Note, a corrective
/// action opened for it, counted, decided, carried out (a credit through the GM), the good goods back in
/// stock where the next repeat order's stock check sees them, and the return rate on the dashboard.
/// </summary>
public sealed class CustomerReturnFlowTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private async Task<string> ShippedAsync(int quantity)
    {
        var pn = await NoticeAtProductionAsync();
        await Cards.ActAsync(BotHost.PlannerId, "pn-ticket", pn, (await Store.GetStateAsync(pn, default))!.Version, new JsonObject { ["ticket"] = "T-88" });
        var dn = CardDriver.Id(await Cards.ClickAsync(BotHost.ClerkId, (await Cards.SayAsync(BotHost.ClerkId, "送货单 " + pn)).Card!, "dn-start", new JsonObject { ["quantity"] = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), ["address"] = "深圳市宝安区" }));
        await Cards.ActAsync(BotHost.QcId, "dn-pass", dn, 1);
        await Cards.ActAsync(BotHost.WarehouseId, "dn-ship", dn, 2, new JsonObject { ["quantity"] = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), ["shippedOn"] = Today.ToString("yyyy-MM-dd"), ["carrier"] = "顺丰", ["address"] = "深圳市宝安区" });
        await DrainedAsync(dn, pn);
        return dn;
    }

    [Fact]
    public async Task A_return_is_counted_decided_and_carried_out_under_its_own_corrective_action_and_good_goods_go_back_into_stock()
    {
        await Cards.ClickAsync(BotHost.ClerkId, (await Cards.SayAsync(BotHost.ClerkId, "客户")).Card!, "cu-add", new JsonObject { ["name"] = "华美礼品", ["shortNames"] = "华美" });
        var dn = await ShippedAsync(3_000);
        var cards = new List<JsonObject>();

        Assert.Contains("找不到已出货的送货单", (await Cards.SayAsync(BotHost.ClerkId, "退货 烫金脱落")).Text, StringComparison.Ordinal);
        var form = (await Cards.SayAsync(BotHost.ClerkId, "退货 " + dn)).Card!;
        Assert.Contains("自动给品管开一张改善措施表", CardDriver.Text(form), StringComparison.Ordinal);
        var tooMany = await Cards.ClickAsync(BotHost.ClerkId, form, "rt-start", new JsonObject { ["quantity"] = "3001", ["reason"] = "烫金脱落" });
        Assert.Contains("不能超过 3000", CardDriver.Banner(tooMany), StringComparison.Ordinal);
        var registered = await Cards.ClickAsync(BotHost.ClerkId, form, "rt-start", new JsonObject { ["quantity"] = "300", ["reason"] = "烫金脱落", ["files"] = "https://mingxin.sharepoint.com/sites/qc/rt/photo-1.jpg" });
        var rt = CardDriver.Id(registered);
        Assert.StartsWith("RT-2026-", rt, StringComparison.Ordinal);
        cards.AddRange([form, tooMany, registered]);

        // No complaint was named: one is opened for QC through the outbox, and the return records its number.
        await Eventually.TrueAsync(() => StateAsync<CustomerReturnState>(rt).Result.Complaint is not null, "the corrective action to be opened");
        var cc = (await StateAsync<CustomerReturnState>(rt)).Complaint!;
        var complaint = await StateAsync<ComplaintState>(cc);
        Assert.Equal((rt, ComplaintStatus.AwaitingAcknowledgement, 300), (complaint.Source, complaint.Status, complaint.Details.QuantityAffected));
        Assert.Contains("烫金脱落", complaint.Details.Description, StringComparison.Ordinal);

        // The dashboard counts the open return and the rate.
        var open = (await Cards.SayAsync(BotHost.GmId, "看板 客户 华美")).Card!;
        Assert.Contains("出货 3,000，退货 300（100,000 ppm）。 未结退货 1 张：不到 1 天 1", CardDriver.Text(open), StringComparison.Ordinal);
        cards.Add(open);

        // Counted (less than announced), decided piece by piece.
        var (_, counted) = await Cards.ActAsync(BotHost.WarehouseId, "rt-receive", rt, 2, new JsonObject { ["received"] = "280", ["receivedOn"] = Today.ToString("yyyy-MM-dd"), ["receiptNote"] = "少 20 个" });
        Assert.StartsWith("已点收", CardDriver.Banner(counted), StringComparison.Ordinal);
        var (_, notAddingUp) = await Cards.ActAsync(BotHost.QcId, "rt-decide", rt, 3, new JsonObject { ["findings"] = "烫金温度低", ["d1Kind"] = "Rework", ["d1Quantity"] = "200", ["d2Kind"] = "Credit", ["d2Quantity"] = "50" });
        Assert.Contains("合计须等于 280", CardDriver.Banner(notAddingUp), StringComparison.Ordinal);
        var (_, decided) = await Cards.ActAsync(BotHost.QcId, "rt-decide", rt, 3, new JsonObject { ["findings"] = "烫金温度低", ["d1Kind"] = "Rework", ["d1Quantity"] = "200", ["d2Kind"] = "Credit", ["d2Quantity"] = "50", ["d3Kind"] = "Restock", ["d3Quantity"] = "30" });
        Assert.Contains("还有 3 项待执行", CardDriver.Text(decided), StringComparison.Ordinal);
        cards.AddRange([counted, notAddingUp, decided]);

        // Each department carries out its own part; the credit above the limit goes to the GM.
        var (_, notProduction) = await Cards.ActAsync(BotHost.WarehouseId, "rt-done", rt, 4, new JsonObject { ["line"] = "1", ["doneNote"] = "返工" });
        Assert.StartsWith("你没有这一步所需的岗位", CardDriver.Banner(notProduction), StringComparison.Ordinal);
        await Cards.ActAsync(BotHost.ProductionManagerId, "rt-done", rt, 4, new JsonObject { ["line"] = "1", ["doneNote"] = "返工 200 个，已重新出货" });
        var (_, credit) = await Cards.ActAsync(BotHost.ClerkId, "rt-done", rt, 5, new JsonObject { ["line"] = "2", ["amount"] = "6,000" });
        Assert.StartsWith("已记录，折让待总经理批准", CardDriver.Banner(credit), StringComparison.Ordinal);
        var (_, approved) = await Cards.ActAsync(BotHost.GmId, "rt-credit-approve", rt, 6, new JsonObject { ["creditComment"] = "同意" });
        await Cards.ActAsync(BotHost.WarehouseId, "rt-done", rt, 7, new JsonObject { ["line"] = "3", ["doneNote"] = "成品仓 B-2" });
        var closed = await StateAsync<CustomerReturnState>(rt);
        Assert.Equal((ReturnStatus.Closed, 30), (closed.Status, new CustomerReturn(closed).Restocked));
        cards.AddRange([notProduction, credit, approved]);

        await DrainedAsync(rt);
        Assert.Equal(Reached([("sales", rt), ("warehouse", rt), ("qc", rt), ("production", rt), ("gm-office", rt)]), Reached(Posts().Where(p => p.Form == rt)));

        // The next repeat order of the product: its stock check sees the returned goods back in stock.
        var quotation = await ConfirmedQuotationAsync(repeatOrder: true);
        var order = new JsonObject
        {
            ["po"] = "PO-2", ["product"] = "礼盒", ["specification"] = "250×180×60 mm，四色 + 烫金", ["quantity"] = "5000", ["price"] = "0.7875",
            ["quality"] = "耐磨", ["delivery"] = Today.AddDays(30).ToString("yyyy-MM-dd"), ["confirmed"] = "Name,Specification,Quantity,Price,Quality,Delivery",
        };
        var so = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, (await Cards.SayAsync(BotHost.SalesId, "订单 " + quotation)).Card!, "so-start", order));
        var pn = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, (await Cards.SayAsync(BotHost.SalesId, "生产通知单 " + so)).Card!, "pn-start", new JsonObject()));
        Assert.Equal([new ReturnedStock(rt, 30)], (await StateAsync<ProductionNoticeState>(pn)).ReturnedStock);
        var stockCard = (await Cards.ActAsync(BotHost.WarehouseId, "refresh", pn, 1)).Card;
        Assert.Contains($"退货良品已入库：{rt} · 30", CardDriver.Text(stockCard), StringComparison.Ordinal);
        cards.Add(stockCard);

        var search = (await Cards.SayAsync(BotHost.GmId, "记录 表单 退货单 状态 已完成")).Card!;
        Assert.Contains(rt, CardDriver.Text(search), StringComparison.Ordinal);
        cards.Add(search);
        Assert.All(await ReferenceCards.ValidateAsync(cards), events => Assert.Empty(events));
    }
}
