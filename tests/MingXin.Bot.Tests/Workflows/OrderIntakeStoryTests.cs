using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Samples;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using MingXin.Bot.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows;

/// <summary>
/// MX-QM-03 §4.1 as one story per quotation path, from the quotation to the production ticket,
/// through the real host, Azurite and a recording Connector: which channel got which form's card,
/// in which order, and what each record holds.
/// </summary>
public sealed class OrderIntakeStoryTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private async Task<IReadOnlyList<string>> ActionsAsync(string id) => (await Store.LoadAsync(id, default))!.Audit.Select(a => a.Action).ToList();

    private static JsonObject Quotation(string path, string repeat) => new()
    {
        ["customer"] = "华美礼品", ["product"] = "礼盒", ["specification"] = "250×180×60 mm，四色 + 烫金", ["path"] = path, ["evaluation"] = "现有设备可以做，冷烫金需评审",
        ["special"] = path == "special" ? "触感膜上冷烫金" : string.Empty, ["repeat"] = repeat,
        ["quantities"] = "3000 5000", ["fixed_plates"] = "600", ["unit_material"] = "0.35", ["fixed_printing"] = "200", ["unit_printing"] = "0.12", ["margin"] = "20",
    };

    private JsonObject Order() => new()
    {
        ["po"] = "PO-8812", ["product"] = "礼盒", ["specification"] = "250×180×60 mm，四色 + 烫金", ["quantity"] = "5000", ["price"] = "0.7875",
        ["quality"] = "耐磨 ≥ 200 次", ["delivery"] = Today.AddDays(30).ToString("yyyy-MM-dd"), ["confirmed"] = "Name,Specification,Quantity,Price,Quality,Delivery",
    };

    [Fact]
    public async Task Special_requirement_path_from_quotation_to_production_ticket_with_rejection_objection_sample_NG_stock_net_off_and_amendment()
    {
        // 4.1.3.2: the contract review by Production, QC and Materials Control comes first — the request
        // goes without a cost sheet — then the salesperson fills in the cost sheet with the review's
        // conditions in view, and the GM rejects the margin.
        var request = Quotation("special", "true");
        foreach (var key in new[] { "quantities", "fixed_plates", "unit_material", "fixed_printing", "unit_printing", "margin" })
        {
            request.Remove(key);
        }

        var qt = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, (await Cards.SayAsync(BotHost.SalesId, "报价")).Card!, "qt-start", request));
        Assert.Empty((await StateAsync<QuotationState>(qt)).Versions);
        await Cards.ActAsync(BotHost.ProductionManagerId, "qt-review", qt, 1, new JsonObject { ["feasibility"] = "Feasible" });
        await Cards.ActAsync(BotHost.QcManagerId, "qt-review", qt, 2, new JsonObject { ["feasibility"] = "FeasibleWithConditions", ["reviewNote"] = "每批做耐磨测试" });
        await Cards.ActAsync(BotHost.MaterialsId, "qt-review", qt, 3, new JsonObject { ["feasibility"] = "Feasible" });
        var costSheetStep = (await Cards.ActAsync(BotHost.SalesId, "refresh", qt, 4)).Card;
        Assert.Contains("填写成本核算表（参照合同评审） — 评审条件：品管部：每批做耐磨测试", CardDriver.Text(costSheetStep), StringComparison.Ordinal);
        Assert.Equal("报价单不在这一步，不能这样操作。", CardDriver.Banner((await Cards.ActAsync(BotHost.GmId, "qt-approve", qt, 4)).Card));
        Assert.Empty((await ReferenceCards.ValidateAsync([costSheetStep]))[0]);
        var first = Quotation("special", "true");
        first["margin"] = "20";
        await Cards.ActAsync(BotHost.SalesId, "qt-revise", qt, 4, first);
        await Cards.ActAsync(BotHost.GmId, "qt-reject", qt, 5, new JsonObject { ["gmComment"] = "利润率太低" });
        var revision = Quotation("special", "true");
        revision["margin"] = "25";
        revision["note"] = "利润率改为 25%";
        await Cards.ActAsync(BotHost.SalesId, "qt-revise", qt, 6, revision);
        await Cards.ActAsync(BotHost.GmId, "qt-approve", qt, 7);
        // 4.1.4: sent, the customer objects, the GM has it revised, approved again, then signed.
        await Cards.ActAsync(BotHost.SalesId, "qt-sent", qt, 8, new JsonObject { ["method"] = "Fax" });
        await Cards.ActAsync(BotHost.SalesId, "qt-object", qt, 9, new JsonObject { ["objection"] = "5000 个希望 0.78" });
        await Cards.ActAsync(BotHost.GmId, "qt-decide", qt, 10, new JsonObject { ["decision"] = "Revise", ["decisionNote"] = "维持 25%，免运费" });
        await Cards.ActAsync(BotHost.SalesId, "qt-revise", qt, 11, revision);
        await Cards.ActAsync(BotHost.GmId, "qt-approve", qt, 12);
        await Cards.ActAsync(BotHost.SalesId, "qt-sent", qt, 13, new JsonObject { ["method"] = "Email" });
        await Cards.ActAsync(BotHost.SalesId, "qt-confirm", qt, 14, new JsonObject { ["signedBy"] = "黄先生", ["signedOn"] = Today.ToString("yyyy-MM-dd") });
        await DrainedAsync(qt);

        // 4.1.5–4.1.6: samples, one NG, then the receipt signed through to the customer.
        var sp = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, (await Cards.SayAsync(BotHost.SalesId, "样品 " + qt)).Card!, "sp-start", new JsonObject { ["quantity"] = "20", ["due"] = Today.AddDays(5).ToString("yyyy-MM-dd") }));
        await Cards.ActAsync(BotHost.GmId, "sp-approve", sp, 1);
        await Cards.ActAsync(BotHost.PlannerId, "sp-made", sp, 2);
        await Cards.ActAsync(BotHost.QcId, "sp-qc", sp, 3, new JsonObject { ["check"] = "ng", ["note"] = "颜色偏黄" });
        await Cards.ActAsync(BotHost.PlannerId, "sp-made", sp, 4);
        await Cards.ActAsync(BotHost.QcId, "sp-qc", sp, 5, new JsonObject { ["check"] = "ok" });
        await Cards.ActAsync(BotHost.ClerkId, "sp-clerk-sign", sp, 6);
        await Cards.ActAsync(BotHost.WarehouseId, "sp-warehouse-sign", sp, 7);
        await Cards.ActAsync(BotHost.WarehouseId, "sp-delivered", sp, 8, new JsonObject { ["recipient"] = "黄先生", ["receivedOn"] = Today.ToString("yyyy-MM-dd") });
        await DrainedAsync(sp);

        // 4.1.7: the order checked on six points; 4.1.8–4.1.9: a repeat order's notice nets off good stock.
        var so = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, (await Cards.SayAsync(BotHost.SalesId, "订单 " + qt)).Card!, "so-start", Order()));
        await DrainedAsync(so);
        var pn = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, (await Cards.SayAsync(BotHost.SalesId, "生产通知单 " + so)).Card!, "pn-start", new JsonObject { ["materials"] = "客供烫金版 1 块" }));
        await Cards.ActAsync(BotHost.ClerkId, "pn-pass-on", pn, 1, new JsonObject { ["clerkNote"] = "返单，请查库存" });
        await Cards.ActAsync(BotHost.WarehouseId, "pn-stock", pn, 2, new JsonObject { ["stock"] = "800" });
        await Cards.ActAsync(BotHost.QcId, "pn-check", pn, 3, new JsonObject { ["good"] = "800" });
        await Cards.ActAsync(BotHost.GmId, "pn-approve", pn, 4);
        await Cards.ActAsync(BotHost.PlannerId, "pn-ticket", pn, 5, new JsonObject { ["ticket"] = "SC-26-1127-03" });
        await DrainedAsync(pn);

        // 4.1.10: an amendment, confirmed down the chain, lands on the notice.
        // A new delivery date needs the customer's permission first (4.2): without who agreed, nothing is saved.
        var amendForm = (await Cards.SayAsync(BotHost.SalesId, "修正 " + pn)).Card!;
        var noPermission = await Cards.ClickAsync(BotHost.SalesId, amendForm, "oa-start", new JsonObject { ["field"] = "DeliveryDate", ["value"] = Today.AddDays(40).ToString("yyyy-MM-dd"), ["reason"] = "客户推迟收货", ["agreedBy"] = " " });
        Assert.Contains("客户同意人", CardDriver.Banner(noPermission), StringComparison.Ordinal);
        var oa = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, amendForm, "oa-start", new JsonObject { ["field"] = "DeliveryDate", ["value"] = Today.AddDays(40).ToString("yyyy-MM-dd"), ["reason"] = "客户推迟收货", ["agreedBy"] = "黄先生", ["via"] = "Email" }));
        await Cards.ActAsync(BotHost.SalesManagerId, "oa-confirm", oa, 1);
        await Cards.ActAsync(BotHost.ProductionManagerId, "oa-confirm", oa, 2);
        await Cards.ActAsync(BotHost.PlannerId, "oa-confirm", oa, 3);
        await DrainedAsync(oa);
        await Eventually.TrueAsync(() => StateAsync<ProductionNoticeState>(pn).Result.Amendments.Count == 1, "the amendment on the notice");
        await DrainedAsync(pn);
        var moved = await StateAsync<ProductionNoticeState>(pn);
        Assert.Equal(Today.AddDays(40), moved.DeliveryDate);
        Assert.Equal((oa, "黄先生", ContactChannel.Email), (Assert.Single(moved.Permissions).Source, moved.Permissions[0].AgreedBy, moved.Permissions[0].Via));

        // Which channel got which form, in order: every form first in Sales, then where it went next.
        Assert.Equal(
            Reached([
                ("sales", qt), ("production", qt), ("qc", qt), ("materials", qt), ("gm-office", qt),
                ("sales", sp), ("gm-office", sp), ("production", sp), ("qc", sp), ("warehouse", sp),
                ("sales", so),
                ("sales", pn), ("warehouse", pn), ("qc", pn), ("gm-office", pn), ("production", pn),
                ("sales", oa), ("production", oa),
            ]),
            Reached(Posts()));

        // What each record holds.
        var quotation = await StateAsync<QuotationState>(qt);
        Assert.Equal(QuotationStatus.Confirmed, quotation.Status);
        Assert.Equal([20m, 25m, 25m], quotation.Versions.Select(v => v.Data.MarginPercent));
        Assert.Equal([false, true, true], quotation.GmDecisions.Select(d => d.Approved));
        Assert.Equal(ObjectionDecision.Revise, Assert.Single(quotation.Objections).Decision);
        Assert.Equal(["started", "reviewed", "reviewed", "reviewed", "revised", "gm-rejected", "revised", "gm-approved", "sent", "customer-objected", "objection-decided", "revised", "gm-approved", "sent", "customer-confirmed"], await ActionsAsync(qt));

        var sample = await StateAsync<SampleOrderState>(sp);
        Assert.Equal(SampleStatus.Delivered, sample.Status);
        Assert.Equal([false, true], sample.Checks.Select(c => c.Ok));
        Assert.Equal("黄先生", sample.Delivery!.RecipientName);

        Assert.Equal(OrderReviewStatus.Passed, (await StateAsync<SalesOrderReviewState>(so)).Status);

        var notice = await StateAsync<ProductionNoticeState>(pn);
        Assert.Equal(NoticeStatus.Released, notice.Status);
        Assert.Equal((800, 800), (notice.StockOnHand!.Value, notice.GoodStock!.Value));
        Assert.Equal(4_200, new ProductionNotice(notice).QuantityToMake);
        Assert.Equal("SC-26-1127-03", notice.ProductionTicket);
        Assert.NotNull(notice.ReachedProductionAt);
        Assert.Equal(Today.AddDays(40), notice.DeliveryDate);
        Assert.Equal(Today.AddDays(30), notice.Order.DeliveryDate);
        Assert.Equal(["started", "passed-on", "stock-card", "stock-checked", "gm-approved", "ticket", "amended"], await ActionsAsync(pn));
        Assert.Equal(AmendmentStatus.Applied, (await StateAsync<OrderAmendmentState>(oa)).Status);
    }

    [Fact]
    public async Task Ordinary_path_from_quotation_to_production_ticket()
    {
        var qt = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, (await Cards.SayAsync(BotHost.SalesId, "quote", "en-US")).Card!, "qt-start", Quotation("ordinary", "false"), locale: "en-US"));
        await Cards.ActAsync(BotHost.GmId, "qt-approve", qt, 1);
        await Cards.ActAsync(BotHost.SalesId, "qt-sent", qt, 2, new JsonObject { ["method"] = "Email" });
        await Cards.ActAsync(BotHost.SalesId, "qt-confirm", qt, 3, new JsonObject { ["signedBy"] = "Mr Huang", ["signedOn"] = Today.ToString("yyyy-MM-dd") });
        await DrainedAsync(qt);

        var order = Order();
        order["price"] = "0.7560"; // 5,000 at 20 %: 3,150 × 1.2 / 5,000
        var so = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, (await Cards.SayAsync(BotHost.SalesId, "order " + qt, "en-US")).Card!, "so-start", order, locale: "en-US"));
        Assert.Equal(OrderReviewStatus.Passed, (await StateAsync<SalesOrderReviewState>(so)).Status);
        await DrainedAsync(so);
        var pn = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, (await Cards.SayAsync(BotHost.SalesId, "notice " + so, "en-US")).Card!, "pn-start", new JsonObject(), locale: "en-US"));
        await Cards.ActAsync(BotHost.ClerkId, "pn-pass-on", pn, 1);
        await Cards.ActAsync(BotHost.GmId, "pn-approve", pn, 2);
        await Cards.ActAsync(BotHost.PlannerId, "pn-ticket", pn, 3, new JsonObject { ["ticket"] = "SC-26-1127-04" });
        await DrainedAsync(pn);

        Assert.Equal(
            Reached([("sales", qt), ("gm-office", qt), ("sales", so), ("sales", pn), ("gm-office", pn), ("production", pn)]),
            Reached(Posts()));
        var notice = await StateAsync<ProductionNoticeState>(pn);
        Assert.Equal((NoticeStatus.Released, 5_000, (int?)null), (notice.Status, new ProductionNotice(notice).QuantityToMake, notice.StockOnHand));
        Assert.Equal(["started", "passed-on", "gm-approved", "ticket"], await ActionsAsync(pn));
    }
}
