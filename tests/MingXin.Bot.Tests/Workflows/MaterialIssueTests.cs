using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Workflows;

/// <summary>A late or bad material (MX-QM-03 4.2.1) holding up two Production Notices, end to end.</summary>
public sealed class MaterialIssueTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    [Fact]
    public async Task Materials_Control_reports_QC_and_Production_are_told_each_customer_answers_for_its_own_notices()
    {
        var first = await NoticeAtProductionAsync();
        var second = await NoticeAtProductionAsync();
        var other = await NoticeAtProductionAsync("宏图包装");
        var otherDate = (await StateAsync<ProductionNoticeState>(other)).DeliveryDate;
        Connector.Calls.Clear();

        var form = (await Cards.SayAsync(BotHost.MaterialsId, $"物料 {first.ToLowerInvariant()} {second} {other}")).Card!;
        var bad = await Cards.ClickAsync(BotHost.MaterialsId, form, "mi-start", new JsonObject { ["supplier"] = "华南纸业", ["problem"] = "Late" }, locale: "en-US");
        Assert.Equal("Nothing was saved. Please correct: Fill in “Material”. Fill in “What happened”. Fill in “Expected on”.", CardDriver.Banner(bad));
        var card = await Cards.ClickAsync(BotHost.MaterialsId, form, "mi-start", new JsonObject
        {
            ["supplier"] = "华南纸业", ["material"] = "300g 白卡", ["problem"] = "Late", ["description"] = "纸厂停机，延迟一周", ["expectedDate"] = Today.AddDays(7).ToString("yyyy-MM-dd"),
        });
        var mi = CardDriver.Id(card);
        Assert.Equal("MI-2026-0001", mi);
        await DrainedAsync(mi);
        Assert.Equal(Reached([("materials", mi), ("qc", mi), ("production", mi)]), Reached(Posts()));

        Assert.Equal(["mi-to-sales"], CardDriver.Verbs((await Cards.ActAsync(BotHost.ProductionManagerId, "refresh", mi, 1)).Card));
        await Cards.ActAsync(BotHost.ProductionManagerId, "mi-to-sales", mi, 1, new JsonObject { ["note"] = "两张通知单都要推迟" });
        await DrainedAsync(mi);
        Assert.Equal(("sales", mi), Posts()[^1]);

        var agreed = Today.AddDays(40);
        var clerk = (await Cards.ActAsync(BotHost.ClerkId, "refresh", mi, 2)).Card;
        Assert.Empty((await ReferenceCards.ValidateAsync([form, clerk]))[0]);
        Assert.Equal(["mi-permission", "mi-refused"], CardDriver.Verbs(clerk));
        var done = await Cards.ClickAsync(BotHost.ClerkId, clerk, "mi-permission", new JsonObject { ["customer"] = "华美礼品", ["agreedDate"] = agreed.ToString("yyyy-MM-dd"), ["agreedBy"] = "黄先生", ["via"] = "Email" });
        Assert.Equal("客户许可已记录，该客户的生产通知单随即更新。", CardDriver.Banner(done));
        Assert.Equal(MaterialIssueStatus.AwaitingCustomerPermission, (await StateAsync<MaterialIssueState>(mi)).Status); // 宏图包装 has not answered

        // 宏图包装 refuses: its notice keeps its date and goes to the GM, at risk.
        var again = await Cards.ClickAsync(BotHost.ClerkId, done, "mi-permission", new JsonObject { ["customer"] = "华美礼品", ["agreedDate"] = agreed.ToString("yyyy-MM-dd"), ["agreedBy"] = "黄先生", ["via"] = "Email" }, locale: "en-US");
        Assert.Contains("Customer", CardDriver.Banner(again), StringComparison.Ordinal);
        var refused = await Cards.ClickAsync(BotHost.ClerkId, done, "mi-refused", new JsonObject { ["customer"] = "宏图包装", ["refusedBy"] = "陈经理", ["refusalVia"] = "Phone", ["refusalNote"] = "展会用，不能推迟" });
        Assert.Equal("客户不同意已记录，该客户的生产通知单转总经理决定。", CardDriver.Banner(refused));

        await DrainedAsync(mi);
        await DrainedAsync(first, second, other);
        var atRisk = await StateAsync<ProductionNoticeState>(other);
        Assert.Equal((otherDate, 0), (atRisk.DeliveryDate, atRisk.Permissions.Count));
        Assert.Equal(("陈经理", (RiskDecision?)null), (Assert.Single(atRisk.Risks).Refusal.RefusedBy, atRisk.Risks[0].Decision));
        var gm = (await Cards.ActAsync(BotHost.GmId, "refresh", other, atRisk.Version)).Card;
        Assert.Equal(["pn-risk-keep", "pn-risk-cancel"], CardDriver.Verbs(gm));
        Assert.Empty((await ReferenceCards.ValidateAsync([gm]))[0]);
        var kept = await Cards.ClickAsync(BotHost.GmId, gm, "pn-risk-keep", new JsonObject { ["decision"] = "Expedite", ["comment"] = "安排加班" });
        Assert.Equal("已决定，维持原交期。", CardDriver.Banner(kept));
        Assert.Equal(RiskDecision.Expedite, (await StateAsync<ProductionNoticeState>(other)).Risks[0].Decision);
        foreach (var pn in new[] { first, second })
        {
            var notice = await StateAsync<ProductionNoticeState>(pn);
            Assert.Equal(agreed, notice.DeliveryDate);
            var permission = Assert.Single(notice.Permissions);
            Assert.Equal((mi, "黄先生", ContactChannel.Email), (permission.Source, permission.AgreedBy, permission.Via));
        }

        // Each notice's threads hear of the new date.
        Assert.Contains(Connector.Delivered, c => c.Method == "POST" && c.Text?.StartsWith(first, StringComparison.Ordinal) == true && c.Text.Contains(agreed.ToString("yyyy-MM-dd"), StringComparison.Ordinal));
        Assert.Contains(Connector.Delivered, c => c.Method == "POST" && c.Text?.StartsWith(second, StringComparison.Ordinal) == true && c.Text.Contains(agreed.ToString("yyyy-MM-dd"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_Materials_Control_reports_and_the_notices_must_exist()
    {
        var pn = await NoticeAtProductionAsync();

        Assert.StartsWith("找不到生产通知单 PN-2026-0099", (await Cards.SayAsync(BotHost.MaterialsId, "物料 PN-2026-0099")).Text, StringComparison.Ordinal);
        var form = (await Cards.SayAsync(BotHost.SalesId, "material " + pn, "en-US")).Card!;
        var refused = await Cards.ClickAsync(BotHost.SalesId, form, "mi-start", new JsonObject
        {
            ["supplier"] = "S", ["material"] = "M", ["problem"] = "Quality", ["description"] = "D", ["expectedDate"] = Today.ToString("yyyy-MM-dd"),
        }, locale: "en-US");

        Assert.Equal("You do not hold the position this step needs, or it is not waiting on you.", CardDriver.Banner(refused));
        Assert.Null(await Store.GetStateAsync("MI-2026-0001", default));
    }
}
