using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Shipments;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Workflows.Shipments;

/// <summary>Delivery Notes 送货单 through the real host: a notice shipped in two parts, one on time and one late, on the records and the dashboard.</summary>
public sealed class DeliveryNoteFlowTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private const string Address = "深圳市宝安区福永街道凤凰工业区 8 栋 3 楼";

    [Fact]
    public async Task A_notice_ships_in_two_parts_closes_when_all_is_shipped_and_on_time_delivery_is_counted_against_the_date_in_force()
    {
        await Cards.ClickAsync(BotHost.ClerkId, (await Cards.SayAsync(BotHost.ClerkId, "客户")).Card!, "cu-add", new JsonObject { ["name"] = "华美礼品", ["shortNames"] = "华美", ["addresses"] = Address + "\n深圳市南山区科技园 2 号仓" });
        var pn = await NoticeAtProductionAsync();
        var due = (await StateAsync<ProductionNoticeState>(pn)).DeliveryDate!.Value;
        var cards = new List<JsonObject>();

        // Not before the planner's Production Ticket: nothing is in production yet.
        Assert.Contains("还没有开生产传票", (await Cards.SayAsync(BotHost.ClerkId, "送货单 " + pn)).Text, StringComparison.Ordinal);
        await Cards.ActAsync(BotHost.PlannerId, "pn-ticket", pn, (await Store.GetStateAsync(pn, default))!.Version, new JsonObject { ["ticket"] = "T-88" });

        // The new-note card offers what is still due and the register's usual address; the other is named.
        var form = (await Cards.SayAsync(BotHost.ClerkId, "送货单 " + pn.ToLowerInvariant())).Card!;
        Assert.Equal("5000", CardDriver.InputValue(form, "quantity"));
        Assert.Equal(Address, CardDriver.InputValue(form, "address"));
        Assert.Contains("深圳市南山区科技园 2 号仓", CardDriver.Text(form), StringComparison.Ordinal);
        var tooMuch = await Cards.SubmitAsync(BotHost.ClerkId, form, "dn-start", new Dictionary<string, string> { ["quantity"] = "5,001" });
        Assert.Contains("cannot exceed 5000", CardDriver.Banner(tooMuch), StringComparison.Ordinal); // the Playground's client speaks English
        var first = CardDriver.Id(await Cards.SubmitAsync(BotHost.ClerkId, form, "dn-start", new Dictionary<string, string> { ["quantity"] = "3,000" }));
        Assert.StartsWith("DN-2026-", first, StringComparison.Ordinal);
        Assert.Equal(Address, (await StateAsync<DeliveryNoteState>(first)).Address);
        cards.AddRange([form, tooMuch]);

        // QC holds it, then passes it; the warehouse ships it on the due date: on time.
        var (_, held) = await Cards.ActAsync(BotHost.QcId, "dn-hold", first, 1, new JsonObject { ["inspectionNote"] = "外箱唛头错误" });
        Assert.Contains("外箱唛头错误", CardDriver.Text(held), StringComparison.Ordinal);
        await Cards.ActAsync(BotHost.QcId, "dn-pass", first, 2, new JsonObject { ["inspectionNote"] = "已换箱" });
        Host.Time.Advance(TimeSpan.FromDays(due.DayNumber - Today.DayNumber));
        var (_, shipped) = await Cards.ActAsync(BotHost.WarehouseId, "dn-ship", first, 3, new JsonObject { ["quantity"] = "3000", ["shippedOn"] = Today.ToString("yyyy-MM-dd"), ["carrier"] = "粤B·12345", ["address"] = Address });
        Assert.StartsWith("出货已记录", CardDriver.Banner(shipped), StringComparison.Ordinal);
        Assert.Contains("✅ 准时", CardDriver.Text(shipped), StringComparison.Ordinal);
        cards.AddRange([held, shipped]);

        await DrainedAsync(first, pn);
        var notice = new ProductionNotice(await StateAsync<ProductionNoticeState>(pn));
        Assert.Equal((3_000, 2_000, ShippingState.PartlyShipped, true), (notice.Shipped, notice.Outstanding, notice.Shipping, notice.IsOpen));
        var noticeCard = (await Cards.ActAsync(BotHost.SalesId, "refresh", pn, notice.State.Version)).Card;
        Assert.Contains("部分出货：已出货 3,000，未交 2,000", CardDriver.Text(noticeCard), StringComparison.Ordinal);
        Assert.Contains($"{first}：3,000", CardDriver.Text(noticeCard), StringComparison.Ordinal);
        Assert.Contains("pn-cancel-rest", CardDriver.Verbs(noticeCard)); // the salesperson may cancel the rest
        var record = (await Cards.SayAsync(BotHost.GmId, "记录 " + pn)).Card!;
        Assert.Contains("进行中 · 部分出货", CardDriver.Text(record), StringComparison.Ordinal); // the record says how far shipping has got
        cards.Add(noticeCard);

        // Sales records the customer's receipt: a shortfall needs a remark.
        var (_, noRemark) = await Cards.ActAsync(BotHost.ClerkId, "dn-receipt", first, 4, new JsonObject { ["signedBy"] = "黄先生", ["receivedOn"] = Today.ToString("yyyy-MM-dd"), ["accepted"] = "2950" });
        Assert.Contains("客户意见", CardDriver.Banner(noRemark), StringComparison.Ordinal);
        var (_, signed) = await Cards.ActAsync(BotHost.ClerkId, "dn-receipt", first, 4, new JsonObject { ["signedBy"] = "黄先生", ["receivedOn"] = Today.ToString("yyyy-MM-dd"), ["accepted"] = "2950", ["remarks"] = "外箱压坏 50 个" });
        Assert.Contains("客户已签收", CardDriver.Text(signed), StringComparison.Ordinal);
        cards.AddRange([noRemark, signed]);

        // The rest leaves three days after the date in force: late, and the notice closes.
        Host.Time.Advance(TimeSpan.FromDays(3));
        // This time the warehouse raises it from the notice's own card: what is still due and the customer's address filled in.
        var noticeForWarehouse = (await Cards.ActAsync(BotHost.WarehouseId, "refresh", pn, (await Store.GetStateAsync(pn, default))!.Version)).Card;
        Assert.Equal(("2000", Address), (CardDriver.InputValue(noticeForWarehouse, "quantity"), CardDriver.InputValue(noticeForWarehouse, "address")));
        var second = CardDriver.Id(await Cards.SubmitAsync(BotHost.WarehouseId, noticeForWarehouse, "dn-start"));
        Assert.Equal(2_000, (await StateAsync<DeliveryNoteState>(second)).Quantity);
        await Cards.ActAsync(BotHost.QcId, "dn-pass", second, 1);
        var (_, late) = await Cards.ActAsync(BotHost.WarehouseId, "dn-ship", second, 2, new JsonObject { ["quantity"] = "2000", ["shippedOn"] = Today.ToString("yyyy-MM-dd"), ["carrier"] = "顺丰", ["address"] = Address });
        Assert.Contains("逾期 3 天", CardDriver.Text(late), StringComparison.Ordinal);
        cards.Add(late);
        await DrainedAsync(second, pn);
        var closed = await StateAsync<ProductionNoticeState>(pn);
        Assert.Equal(NoticeStatus.Shipped, closed.Status);
        Assert.Equal([(first, 0), (second, 3)], closed.Shipments.Select(s => (s.DeliveryNote, s.DaysLate)));
        Assert.Contains("已全部出货", (await Cards.SayAsync(BotHost.ClerkId, "送货单 " + pn)).Text, StringComparison.Ordinal);

        // Each note went to QC and the warehouse when raised, and to Sales once shipped.
        Assert.Equal(Reached([("qc", first), ("warehouse", first), ("sales", first), ("qc", second), ("warehouse", second), ("sales", second)]), Reached(Posts().Where(p => p.Form.StartsWith("DN-", StringComparison.Ordinal))));

        // The records find the late shipment of the customer; the dashboard counts one of two on time.
        var search = (await Cards.SayAsync(BotHost.GmId, "记录 客户 华美礼品 表单 送货单 状态 逾期")).Card!;
        Assert.Contains(second, CardDriver.Text(search), StringComparison.Ordinal);
        Assert.DoesNotContain(first, CardDriver.Text(search), StringComparison.Ordinal);
        var dashboard = (await Cards.SayAsync(BotHost.GmId, "看板 客户 华美")).Card!;
        Assert.Contains("共出货 2 批，准时 1 批（50.0%）", CardDriver.Text(dashboard), StringComparison.Ordinal);
        var onTime = dashboard["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "Chart.Line" && e["title"]!.GetValue<string>().StartsWith("准时交货率", StringComparison.Ordinal))!;
        var points = onTime["data"]![0]!["values"]!.AsArray().Select(p => (p!["x"]!.GetValue<string>(), p["y"]!.GetValue<double>())).ToList();
        var months = new[] { due.ToString("yyyy-MM"), Today.ToString("yyyy-MM") };
        Assert.Equal(months[0] == months[1] ? [(months[0], 50.0)] : [(months[0], 100.0), (months[1], 0.0)], points); // by the month each left
        cards.AddRange([search, dashboard]);
        Assert.All(await ReferenceCards.ValidateAsync(cards), events => Assert.Empty(events));
    }
}
