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
}
