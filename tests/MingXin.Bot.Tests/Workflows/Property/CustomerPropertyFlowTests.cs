using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Property;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Workflows.Property;

/// <summary>Customer property 客供品 through the real host: receipt, QC, issue and return against a notice, damage reported, returned with consent.</summary>
public sealed class CustomerPropertyFlowTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    [Fact]
    public async Task A_notice_takes_its_customer_supplied_materials_from_the_register_and_the_entry_lists_the_notice()
    {
        await Cards.ClickAsync(BotHost.ClerkId, (await Cards.SayAsync(BotHost.ClerkId, "客户")).Card!, "cu-add", new JsonObject { ["name"] = "华美礼品", ["shortNames"] = "华美" });
        var form = (await Cards.SayAsync(BotHost.WarehouseId, "客供品 华美")).Card!;
        var cp = CardDriver.Id(await Cards.ClickAsync(BotHost.WarehouseId, form, "cp-start", new JsonObject
        {
            ["item"] = "烫金版", ["type"] = "Plate", ["quantity"] = "1", ["unit"] = "块", ["receivedOn"] = Today.ToString("yyyy-MM-dd"),
        }));
        await Cards.ActAsync(BotHost.QcId, "cp-verify", cp, 1, new JsonObject { ["location"] = "客供品仓 A-1" });
        await DrainedAsync(cp);

        var quotation = await ConfirmedQuotationAsync();
        var order = new JsonObject
        {
            ["po"] = "PO-1", ["product"] = "礼盒", ["specification"] = "250×180×60 mm，四色 + 烫金", ["quantity"] = "5000", ["price"] = "0.7875",
            ["quality"] = "耐磨", ["delivery"] = Today.AddDays(30).ToString("yyyy-MM-dd"), ["confirmed"] = "Name,Specification,Quantity,Price,Quality,Delivery",
        };
        var so = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, (await Cards.SayAsync(BotHost.SalesId, "订单 " + quotation)).Card!, "so-start", order));
        var noticeForm = (await Cards.SayAsync(BotHost.SalesId, "生产通知单 " + so)).Card!;
        Assert.Contains($"{cp} · 烫金版", CardDriver.Text(noticeForm), StringComparison.Ordinal);
        Assert.Empty((await ReferenceCards.ValidateAsync([noticeForm]))[0]);
        var stale = await Cards.ClickAsync(BotHost.SalesId, noticeForm, "pn-start", new JsonObject { ["registered"] = "CP-2026-0099" }, locale: "en-US");
        Assert.StartsWith("Nothing was saved.", CardDriver.Banner(stale), StringComparison.Ordinal);
        var pn = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, noticeForm, "pn-start", new JsonObject { ["registered"] = cp, ["materials"] = "客供纸箱 50 个（未登记）" }));

        await DrainedAsync(pn);
        await DrainedAsync(cp);
        var notice = await StateAsync<MingXin.Bot.Domain.Orders.ProductionNoticeState>(pn);
        Assert.Equal((cp, "烫金版"), (Assert.Single(notice.RegisteredMaterials).Id, notice.RegisteredMaterials[0].Item));
        Assert.Equal(["客供纸箱 50 个(未登记)"], notice.CustomerMaterials); // typed text is cleaned (full-width brackets to half-width)
        Assert.Equal([pn], (await StateAsync<CustomerPropertyState>(cp)).UsedBy);
        var entry = (await Cards.ActAsync(BotHost.WarehouseId, "refresh", cp, (await Store.GetStateAsync(cp, default))!.Version)).Card;
        Assert.Contains(pn, CardDriver.Text(entry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_receipt_to_return_every_quantity_is_checked_and_the_customer_is_told()
    {
        await Cards.ClickAsync(BotHost.ClerkId, (await Cards.SayAsync(BotHost.ClerkId, "客户")).Card!, "cu-add", new JsonObject { ["name"] = "华美礼品", ["shortNames"] = "华美" });
        var notice = await NoticeAtProductionAsync();
        var cards = new List<JsonObject>();

        var form = (await Cards.SayAsync(BotHost.WarehouseId, "客供品 华美")).Card!;
        var received = await Cards.ClickAsync(BotHost.WarehouseId, form, "cp-start", new JsonObject
        {
            ["item"] = "金卡纸 350g", ["type"] = "Material", ["quantity"] = "1,000", ["unit"] = "张", ["receivedOn"] = Today.ToString("yyyy-MM-dd"), ["reference"] = notice,
        });
        var id = CardDriver.Id(received);
        Assert.StartsWith("CP-2026-", id, StringComparison.Ordinal);
        cards.AddRange([form, received]);

        var (_, verified) = await Cards.ActAsync(BotHost.QcId, "cp-verify", id, 1, new JsonObject { ["location"] = "客供品仓 A-3-2" });
        Assert.StartsWith("验收合格", CardDriver.Banner(verified), StringComparison.Ordinal);

        var (_, issued) = await Cards.ActAsync(BotHost.WarehouseId, "cp-move", id, 2, new JsonObject { ["kind"] = "Issued", ["quantity"] = "600", ["notice"] = notice.ToLowerInvariant() });
        Assert.StartsWith("已记录", CardDriver.Banner(issued), StringComparison.Ordinal);
        var (_, unknownNotice) = await Cards.ActAsync(BotHost.WarehouseId, "cp-move", id, 3, new JsonObject { ["kind"] = "Issued", ["quantity"] = "10", ["notice"] = "PN-2026-0099" });
        Assert.Contains("生产通知单号", CardDriver.Banner(unknownNotice), StringComparison.Ordinal);
        var (_, tooMuch) = await Cards.ActAsync(BotHost.WarehouseId, "cp-move", id, 3, new JsonObject { ["kind"] = "Issued", ["quantity"] = "401", ["notice"] = notice });
        Assert.Contains("不能超过 400", CardDriver.Banner(tooMuch), StringComparison.Ordinal);
        var (_, returned) = await Cards.ActAsync(BotHost.WarehouseId, "cp-move", id, 3, new JsonObject { ["kind"] = "Returned", ["quantity"] = "50", ["notice"] = notice, ["note"] = "余料" });
        var (_, damaged) = await Cards.ActAsync(BotHost.QcId, "cp-move", id, 4, new JsonObject { ["kind"] = "Damaged", ["quantity"] = "10", ["note"] = "受潮" });
        Assert.Contains("请业务通知客户", CardDriver.Banner(damaged), StringComparison.Ordinal);
        cards.AddRange([verified, issued, unknownNotice, tooMuch, returned, damaged]);

        var state = await StateAsync<CustomerPropertyState>(id);
        var p = new CustomerProperty(state);
        Assert.Equal(450, p.Held);
        Assert.Equal(440, p.Usable);
        Assert.Equal([(notice, 600, 50, 550)], p.ByNotice());

        var (_, salesView) = await Cards.ActAsync(BotHost.ClerkId, "refresh", id, 0);
        Assert.Contains("cp-report", CardDriver.Verbs(salesView));
        var (_, reported) = await Cards.ActAsync(BotHost.ClerkId, "cp-report", id, 5, new JsonObject { ["incident"] = "3", ["reportedTo"] = "黄先生", ["reportedOn"] = Today.ToString("yyyy-MM-dd"), ["reportVia"] = "Phone", ["response"] = "受潮部分随余料退回" });
        var (_, back) = await Cards.ActAsync(BotHost.ClerkId, "cp-dispose", id, 6, new JsonObject { ["disposeKind"] = "ReturnedToCustomer", ["disposeQuantity"] = "450", ["agreedBy"] = "黄先生", ["agreedOn"] = Today.ToString("yyyy-MM-dd"), ["disposeVia"] = "Email" });
        Assert.Contains("已结", CardDriver.Text(back), StringComparison.Ordinal);
        cards.AddRange([salesView, reported, back]);

        await DrainedAsync(id);
        Assert.Equal(Reached([("warehouse", id), ("qc", id), ("sales", id)]), Reached(Posts().Where(x => x.Form == id))); // a step's posts go at once
        var closed = await StateAsync<CustomerPropertyState>(id);
        Assert.Equal(PropertyStatus.Closed, closed.Status);
        Assert.Equal("黄先生", closed.Reports.Single().ReportedTo);

        var search = (await Cards.SayAsync(BotHost.QcId, "记录 表单 客供品 状态 已完成")).Card!;
        Assert.Contains(id, CardDriver.Text(search), StringComparison.Ordinal);
        cards.Add(search);
        Assert.All(await ReferenceCards.ValidateAsync(cards), events => Assert.Empty(events));
    }
}
