using System.Net;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Samples;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows;

/// <summary>Sample Production Order 样品制作单 → Sample Receipt 样品签收单 end to end through the real host.</summary>
public sealed class SampleFlowTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    [Fact]
    public async Task From_the_confirmed_quotation_to_the_customers_signature_with_one_NG_on_the_way()
    {
        var quotation = await ConfirmedQuotationAsync();
        Connector.Calls.Clear();

        var form = (await Cards.SayAsync(BotHost.SalesId, "样品 " + quotation.ToLowerInvariant())).Card!;
        Assert.Equal(["sp-start"], CardDriver.Verbs(form));
        var card = await Cards.ClickAsync(BotHost.SalesId, form, "sp-start", new JsonObject { ["quantity"] = "20", ["due"] = Today.AddDays(5).ToString("yyyy-MM-dd"), ["requirements"] = "与大货同纸" });
        var id = CardDriver.Id(card);
        Assert.Equal("SP-2026-0001", id);
        Assert.Equal("样品制作单已提交，送总经理批准。", CardDriver.Banner(card));
        await Eventually.TrueAsync(() => PostedChannels().Count == 2, "posts to Sales and the GM office");
        Assert.Equal(["gm-office", "sales"], PostedChannels().Order(StringComparer.Ordinal)); // posted at once

        var gm = (await Cards.ActAsync(BotHost.GmId, "refresh", id, 1)).Card;
        Assert.Equal(["sp-approve", "sp-reject"], CardDriver.Verbs(gm));
        card = await Cards.ClickAsync(BotHost.GmId, gm, "sp-approve");
        Assert.Equal("已批准，送生产部制作样品。", CardDriver.Banner(card));

        card = await Cards.ClickAsync(BotHost.PlannerId, (await Cards.ActAsync(BotHost.PlannerId, "refresh", id, 2)).Card, "sp-made", new JsonObject { ["note"] = "20 件" });
        var qc = (await Cards.ActAsync(BotHost.QcId, "refresh", id, 3)).Card;
        Assert.Equal("请写明原因或内容。", CardDriver.Banner(await Cards.ClickAsync(BotHost.QcId, qc, "sp-qc", new JsonObject { ["check"] = "ng" })));
        card = await Cards.ClickAsync(BotHost.QcId, qc, "sp-qc", new JsonObject { ["check"] = "ng", ["note"] = "颜色与签样不符" });
        Assert.Equal("样品 NG，已退回生产部。", CardDriver.Banner(card));

        await Cards.ActAsync(BotHost.PlannerId, "sp-made", id, 4, new JsonObject { ["note"] = "重新印" });
        card = (await Cards.ActAsync(BotHost.QcId, "sp-qc", id, 5, new JsonObject { ["check"] = "ok" })).Card;
        Assert.Equal("样品 OK，已开出样品签收单。", CardDriver.Banner(card));

        // The receipt: the clerk signs before the warehouse; the warehouse records the customer's signature.
        Assert.Equal("表单不在这一步，不能这样操作。", CardDriver.Banner((await Cards.ActAsync(BotHost.WarehouseId, "sp-warehouse-sign", id, 6)).Card));
        await Cards.ActAsync(BotHost.ClerkId, "sp-clerk-sign", id, 6);
        await Cards.ActAsync(BotHost.WarehouseId, "sp-warehouse-sign", id, 7);
        var future = (await Cards.ActAsync(BotHost.WarehouseId, "sp-delivered", id, 8, new JsonObject { ["recipient"] = "黄先生", ["receivedOn"] = Today.AddDays(1).ToString("yyyy-MM-dd") }, locale: "en-US")).Card;
        Assert.Equal("Nothing was saved. Please correct: “Received on” cannot be after today.", CardDriver.Banner(future));
        var done = (await Cards.ActAsync(BotHost.WarehouseId, "sp-delivered", id, 8, new JsonObject { ["recipient"] = "黄先生", ["receivedOn"] = Today.ToString("yyyy-MM-dd") })).Card;
        Assert.Equal("客户已签收，样品单完成。", CardDriver.Banner(done));
        Assert.Empty(CardDriver.Verbs(done));

        var record = (await Host.Services.GetRequiredService<WorkflowStore>().LoadAsync(id, default))!;
        Assert.Equal(["started", "gm-approved", "made", "qc-ng", "made", "qc-ok", "clerk-signed", "warehouse-signed", "delivered"], record.Audit.Select(a => a.Action));
        Assert.Equal("颜色与签样不符", record.Audit.Single(a => a.Action == "qc-ng").Comment);
        var state = MingXin.Bot.Workflows.WorkflowJson.Deserialize<SampleOrderState>(record.State.StateJson);
        Assert.Equal(SampleStatus.Delivered, state.Status);
        Assert.Equal(quotation, state.QuotationId);

        // Every card on the way is valid for the official renderer, in both languages.
        var cards = new List<JsonObject> { form, gm, qc, done, future, (await Cards.ActAsync(BotHost.SalesId, "refresh", id, 9, locale: "en-US")).Card };
        var events = await ReferenceCards.ValidateAsync(cards);
        Assert.All(events, e => Assert.Empty(e));
        Assert.All(cards, c => Assert.DoesNotContain("${", c.ToJsonString(), StringComparison.Ordinal));

        // Production, QC and the warehouse got the card when it reached them; nobody twice.
        await Eventually.TrueAsync(() => PostedChannels().Count == 5, "posts to Production, QC and the warehouse");
        Assert.Equal(
            new[] { "sales", "gm-office", "production", "qc", "warehouse" }.Order(StringComparer.Ordinal),
            PostedChannels().Order(StringComparer.Ordinal)); // each once; a step's posts go at once
    }

    [Fact]
    public async Task Samples_need_a_confirmed_quotation_and_bad_values_use_no_number()
    {
        Assert.Equal("找不到报价单 QT-2026-0099。样品制作单要写明已确认的报价单号，例如：样品 QT-2026-0001", (await Cards.SayAsync(BotHost.SalesId, "样品 QT-2026-0099")).Text);
        var quotation = await ConfirmedQuotationAsync();
        var form = (await Cards.SayAsync(BotHost.SalesId, "sample " + quotation, "en-US")).Card!;

        var bad = await Cards.ClickAsync(BotHost.SalesId, form, "sp-start", new JsonObject { ["quantity"] = "twenty", ["due"] = Today.AddDays(-1).ToString("yyyy-MM-dd") }, locale: "en-US");

        Assert.Equal("Nothing was saved. Please correct: “Number of samples” is not a number. “Samples due on” cannot be before today.", CardDriver.Banner(bad));
        Assert.Null(await Host.Services.GetRequiredService<WorkflowStore>().GetStateAsync("SP-2026-0001", default));
        var good = await Cards.ClickAsync(BotHost.SalesId, bad, "sp-start", new JsonObject { ["quantity"] = "5", ["due"] = Today.ToString("yyyy-MM-dd") });
        Assert.Equal("SP-2026-0001", CardDriver.Id(good));
    }
}
