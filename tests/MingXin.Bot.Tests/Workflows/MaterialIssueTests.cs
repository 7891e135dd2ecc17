using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Workflows;

/// <summary>A late or bad material (MX-QM-03 4.2.1) holding up two Production Notices, end to end.</summary>
public sealed class MaterialIssueTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    [Fact]
    public async Task Materials_Control_reports_QC_and_Production_are_told_Sales_gets_the_customers_permission_and_every_notice_takes_the_new_date()
    {
        var first = await NoticeAtProductionAsync();
        var second = await NoticeAtProductionAsync();
        Connector.Calls.Clear();

        var form = (await Cards.SayAsync(BotHost.MaterialsId, $"物料 {first.ToLowerInvariant()} {second}")).Card!;
        var bad = await Cards.ClickAsync(BotHost.MaterialsId, form, "mi-start", new JsonObject { ["supplier"] = "华南纸业", ["problem"] = "Late" }, locale: "en-US");
        Assert.Equal("Nothing was saved. Please correct: Fill in “Material”. Fill in “What happened”. Fill in “Expected on”.", CardDriver.Banner(bad));
        var card = await Cards.ClickAsync(BotHost.MaterialsId, form, "mi-start", new JsonObject
        {
            ["supplier"] = "华南纸业", ["material"] = "300g 白卡", ["problem"] = "Late", ["description"] = "纸厂停机，延迟一周", ["expectedDate"] = Today.AddDays(7).ToString("yyyy-MM-dd"),
        });
        var mi = CardDriver.Id(card);
        Assert.Equal("MI-2026-0001", mi);
        await DrainedAsync(mi);
        Assert.Equal([("materials", mi), ("qc", mi), ("production", mi)], Posts());

        Assert.Equal(["mi-to-sales"], CardDriver.Verbs((await Cards.ActAsync(BotHost.ProductionManagerId, "refresh", mi, 1)).Card));
        await Cards.ActAsync(BotHost.ProductionManagerId, "mi-to-sales", mi, 1, new JsonObject { ["note"] = "两张通知单都要推迟" });
        await DrainedAsync(mi);
        Assert.Equal(("sales", mi), Posts()[^1]);

        var agreed = Today.AddDays(40);
        var clerk = (await Cards.ActAsync(BotHost.ClerkId, "refresh", mi, 2)).Card;
        Assert.Empty((await ReferenceCards.ValidateAsync([form, clerk]))[0]);
        var done = await Cards.ClickAsync(BotHost.ClerkId, clerk, "mi-permission", new JsonObject { ["agreedDate"] = agreed.ToString("yyyy-MM-dd"), ["agreedBy"] = "黄先生", ["via"] = "Email" });
        Assert.Equal("客户许可已记录，受影响的生产通知单随即更新。", CardDriver.Banner(done));

        await DrainedAsync(mi);
        await DrainedAsync(first, second);
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
