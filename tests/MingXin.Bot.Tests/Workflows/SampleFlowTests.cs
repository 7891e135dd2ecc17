using System.Net;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Samples;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows;

/// <summary>Sample Production Order 样品制作单 → Sample Receipt 样品签收单 end to end through the real host.</summary>
public sealed class SampleFlowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
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

    /// <summary>A quotation taken to "confirmed by the customer" through its own cards.</summary>
    private async Task<string> ConfirmedQuotationAsync()
    {
        var form = (await _cards.SayAsync(BotHost.SalesId, "报价")).Card!;
        var card = await _cards.ClickAsync(BotHost.SalesId, form, "qt-start", new JsonObject
        {
            ["customer"] = "华美礼品", ["product"] = "礼盒", ["specification"] = "250×180×60 mm", ["path"] = "ordinary",
            ["quantities"] = "3000", ["fixed_plates"] = "600", ["unit_material"] = "0.35", ["margin"] = "25",
        });
        var id = CardDriver.Id(card);
        await _cards.ActAsync(BotHost.GmId, "qt-approve", id, 1);
        await _cards.ActAsync(BotHost.SalesId, "qt-sent", id, 2, new JsonObject { ["method"] = "Email" });
        await _cards.ActAsync(BotHost.SalesId, "qt-confirm", id, 3, new JsonObject { ["signedBy"] = "黄先生", ["signedOn"] = Today.ToString("yyyy-MM-dd") });

        // Let the quotation's cards reach their channels before a test looks at posts.
        var store = _host.Services.GetRequiredService<WorkflowStore>();
        await Eventually.TrueAsync(() => !store.LoadAsync(id, default).Result!.PendingOutbox.Any(), "the quotation's outbox to drain");
        return id;
    }

    private List<string> PostedChannels() => _connector.Delivered
        .Where(c => c.Method == "POST" && c.Path == "/v3/conversations")
        .Select(p => p.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>())
        .ToList();

    [Fact]
    public async Task From_the_confirmed_quotation_to_the_customers_signature_with_one_NG_on_the_way()
    {
        var quotation = await ConfirmedQuotationAsync();
        _connector.Calls.Clear();

        var form = (await _cards.SayAsync(BotHost.SalesId, "样品 " + quotation.ToLowerInvariant())).Card!;
        Assert.Equal(["sp-start"], CardDriver.Verbs(form));
        var card = await _cards.ClickAsync(BotHost.SalesId, form, "sp-start", new JsonObject { ["quantity"] = "20", ["due"] = Today.AddDays(5).ToString("yyyy-MM-dd"), ["requirements"] = "与大货同纸" });
        var id = CardDriver.Id(card);
        Assert.Equal("SP-2026-0001", id);
        Assert.Equal("样品制作单已提交，送总经理批准。", CardDriver.Banner(card));
        await Eventually.TrueAsync(() => PostedChannels().Count == 2, "posts to Sales and the GM office");
        Assert.Equal([DepartmentChannels.All["sales"], DepartmentChannels.All["gm-office"]], PostedChannels());

        var gm = (await _cards.ActAsync(BotHost.GmId, "refresh", id, 1)).Card;
        Assert.Equal(["sp-approve", "sp-reject"], CardDriver.Verbs(gm));
        card = await _cards.ClickAsync(BotHost.GmId, gm, "sp-approve");
        Assert.Equal("已批准，送生产部制作样品。", CardDriver.Banner(card));

        card = await _cards.ClickAsync(BotHost.PlannerId, (await _cards.ActAsync(BotHost.PlannerId, "refresh", id, 2)).Card, "sp-made", new JsonObject { ["note"] = "20 件" });
        var qc = (await _cards.ActAsync(BotHost.QcId, "refresh", id, 3)).Card;
        Assert.Equal("请写明原因或内容。", CardDriver.Banner(await _cards.ClickAsync(BotHost.QcId, qc, "sp-qc", new JsonObject { ["check"] = "ng" })));
        card = await _cards.ClickAsync(BotHost.QcId, qc, "sp-qc", new JsonObject { ["check"] = "ng", ["note"] = "颜色与签样不符" });
        Assert.Equal("样品 NG，已退回生产部。", CardDriver.Banner(card));

        await _cards.ActAsync(BotHost.PlannerId, "sp-made", id, 4, new JsonObject { ["note"] = "重新印" });
        card = (await _cards.ActAsync(BotHost.QcId, "sp-qc", id, 5, new JsonObject { ["check"] = "ok" })).Card;
        Assert.Equal("样品 OK，已开出样品签收单。", CardDriver.Banner(card));

        // The receipt: the clerk signs before the warehouse; the warehouse records the customer's signature.
        Assert.Equal("表单不在这一步，不能这样操作。", CardDriver.Banner((await _cards.ActAsync(BotHost.WarehouseId, "sp-warehouse-sign", id, 6)).Card));
        await _cards.ActAsync(BotHost.ClerkId, "sp-clerk-sign", id, 6);
        await _cards.ActAsync(BotHost.WarehouseId, "sp-warehouse-sign", id, 7);
        var future = (await _cards.ActAsync(BotHost.WarehouseId, "sp-delivered", id, 8, new JsonObject { ["recipient"] = "黄先生", ["receivedOn"] = Today.AddDays(1).ToString("yyyy-MM-dd") }, locale: "en-US")).Card;
        Assert.Equal("Nothing was saved. Please correct: “Received on” cannot be after today.", CardDriver.Banner(future));
        var done = (await _cards.ActAsync(BotHost.WarehouseId, "sp-delivered", id, 8, new JsonObject { ["recipient"] = "黄先生", ["receivedOn"] = Today.ToString("yyyy-MM-dd") })).Card;
        Assert.Equal("客户已签收，样品单完成。", CardDriver.Banner(done));
        Assert.Empty(CardDriver.Verbs(done));

        var record = (await _host.Services.GetRequiredService<WorkflowStore>().LoadAsync(id, default))!;
        Assert.Equal(["started", "gm-approved", "made", "qc-ng", "made", "qc-ok", "clerk-signed", "warehouse-signed", "delivered"], record.Audit.Select(a => a.Action));
        Assert.Equal("颜色与签样不符", record.Audit.Single(a => a.Action == "qc-ng").Comment);
        var state = MingXin.Bot.Workflows.WorkflowJson.Deserialize<SampleOrderState>(record.State.StateJson);
        Assert.Equal(SampleStatus.Delivered, state.Status);
        Assert.Equal(quotation, state.QuotationId);

        // Every card on the way is valid for the official renderer, in both languages.
        var cards = new List<JsonObject> { form, gm, qc, done, future, (await _cards.ActAsync(BotHost.SalesId, "refresh", id, 9, locale: "en-US")).Card };
        var events = await ReferenceCards.ValidateAsync(cards);
        Assert.All(events, e => Assert.Empty(e));
        Assert.All(cards, c => Assert.DoesNotContain("${", c.ToJsonString(), StringComparison.Ordinal));

        // Production, QC and the warehouse got the card when it reached them; nobody twice.
        await Eventually.TrueAsync(() => PostedChannels().Count == 5, "posts to Production, QC and the warehouse");
        Assert.Equal(
            [DepartmentChannels.All["sales"], DepartmentChannels.All["gm-office"], DepartmentChannels.All["production"], DepartmentChannels.All["qc"], DepartmentChannels.All["warehouse"]],
            PostedChannels());
    }

    [Fact]
    public async Task Samples_need_a_confirmed_quotation_and_bad_values_use_no_number()
    {
        Assert.Equal("找不到报价单 QT-2026-0099。样品制作单要写明已确认的报价单号，例如：样品 QT-2026-0001", (await _cards.SayAsync(BotHost.SalesId, "样品 QT-2026-0099")).Text);
        var quotation = await ConfirmedQuotationAsync();
        var form = (await _cards.SayAsync(BotHost.SalesId, "sample " + quotation, "en-US")).Card!;

        var bad = await _cards.ClickAsync(BotHost.SalesId, form, "sp-start", new JsonObject { ["quantity"] = "twenty", ["due"] = Today.AddDays(-1).ToString("yyyy-MM-dd") }, locale: "en-US");

        Assert.Equal("Nothing was saved. Please correct: “Number of samples” is not a number. “Samples due on” cannot be before today.", CardDriver.Banner(bad));
        Assert.Null(await _host.Services.GetRequiredService<WorkflowStore>().GetStateAsync("SP-2026-0001", default));
        var good = await _cards.ClickAsync(BotHost.SalesId, bad, "sp-start", new JsonObject { ["quantity"] = "5", ["due"] = Today.ToString("yyyy-MM-dd") });
        Assert.Equal("SP-2026-0001", CardDriver.Id(good));
    }
}
