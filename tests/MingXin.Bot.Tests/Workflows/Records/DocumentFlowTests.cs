using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using MingXin.Bot.Tests.Documents;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Workflows.Records;

/// <summary>
/// Forms as paper forms through the real host: the record card offers the company's copy and — for a
/// quotation or a delivery note — the customer's; the PDFs are read back with PdfPig. The customer's
/// quotation carries the prices and never the cost sheet or the margin; a customer registered for
/// English documents gets them in English.
/// </summary>
public sealed class DocumentFlowTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private static IEnumerable<JsonObject> Containers(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Containers(p.Value))),
        JsonArray a => a.SelectMany(Containers),
        _ => [],
    };

    /// <summary>The record card's link of <paramref name="format"/> (pdf, pdf-customer), or null when it offers none.</summary>
    private static string? Link(JsonObject card, string format) =>
        Containers(card["body"]).Where(o => o["type"]?.GetValue<string>() == "Action.OpenUrl" && o["url"]!.GetValue<string>().Contains($"format={format}&", StringComparison.Ordinal))
            .Select(o => new Uri(o["url"]!.GetValue<string>()).PathAndQuery).SingleOrDefault();

    private async Task<string> PdfTextAsync(string user, string id, string format)
    {
        var record = (await Cards.SayAsync(user, "记录 " + id)).Card!;
        var response = await Client.GetAsync(Link(record, format) ?? throw new InvalidOperationException($"no {format} link on {id}'s record"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        if (Environment.GetEnvironmentVariable("WRITE_DOCUMENTS") is { Length: > 0 } folder)
        {
            // tests/tools/render-documents.sh draws docs/documents/ from these files.
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{id[..2].ToLowerInvariant()}-{(format == "pdf" ? "company" : "customer")}.pdf"), pdf);
        }

        return PdfFormWriterTests.Squeezed(string.Join("\n", PdfFormWriterTests.Pages(pdf)));
    }

    [Fact]
    public async Task The_customers_quotation_has_the_prices_and_not_the_cost_sheet_and_the_company_copy_has_every_step()
    {
        var quotation = await ConfirmedQuotationAsync();

        var customer = await PdfTextAsync(BotHost.SalesId, quotation, "pdf-customer");
        foreach (var expected in new[] { "明新刷品制造(深圳)有限公司", "报价单", quotation, "华美礼品", "礼盒", "3,000", "5,000", "有效期至", "价格以人民币计", "客户确认（签字盖章）" })
        {
            Assert.Contains(PdfFormWriterTests.Squeezed(expected), customer, StringComparison.Ordinal);
        }

        foreach (var internalOnly in new[] { "成本", "毛利", "利润", "25%", "margin", "Cost" })
        {
            Assert.DoesNotContain(internalOnly, customer, StringComparison.OrdinalIgnoreCase);
        }

        // The company's copy: every field the reader may read, and every step as a line of the signature block.
        var company = await PdfTextAsync(BotHost.SalesId, quotation, "pdf");
        foreach (var expected in new[] { "报价单Quotation", "成本核算表版本", "签核记录", "总经理", "内部文件" })
        {
            Assert.Contains(expected, company, StringComparison.Ordinal);
        }

        // In the personal chat the record's PDF comes as a file, once the person allows it.
        var card = (await Cards.SayAsync(BotHost.SalesId, "记录 " + quotation)).Card!;
        var send = CardDriver.FindAction(card, "rec-file");
        Assert.Equal("pdf", send["data"]!["format"]!.GetValue<string>());
        var click = Activities.CardClick(Connector.ServiceUrl, BotHost.SalesId, "rec-file", send["data"]!.DeepClone().AsObject());
        click["conversation"] = new JsonObject { ["id"] = "a:personal-" + BotHost.SalesId, ["conversationType"] = "personal", ["tenantId"] = Activities.TenantId };
        Assert.Equal(HttpStatusCode.OK, (await Activities.PostAsync(Client, click)).StatusCode);
        var offer = Connector.Delivered.Last(c => c.Path.Contains("a:personal-" + BotHost.SalesId, StringComparison.Ordinal)).Body!["attachments"]![0]!;
        Assert.Equal($"{quotation}.pdf", offer["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Activities.PostAsync(Client, Activities.FileConsent(Connector.ServiceUrl, BotHost.SalesId, "accept", offer["content"]!["acceptContext"]!))).StatusCode);
        Assert.Contains("报价单Quotation", PdfFormWriterTests.Squeezed(string.Join("\n", PdfFormWriterTests.Pages(Connector.Uploads["/upload/file-1"]))), StringComparison.Ordinal);

        // Production reviews quotations but never sees their cost sheet: not in its records, so not in its PDF, and no customer copy offered.
        var production = (await Cards.SayAsync(BotHost.ProductionManagerId, "记录 " + quotation)).Card!;
        Assert.Null(Link(production, "pdf-customer"));
    }

    [Fact]
    public async Task A_delivery_note_prints_for_the_customer_in_the_language_the_register_names()
    {
        await Cards.ClickAsync(BotHost.ClerkId, (await Cards.SayAsync(BotHost.ClerkId, "客户")).Card!, "cu-add", new JsonObject { ["name"] = "华美礼品", ["addresses"] = "Unit 5, 12/F, Kwai Chung Industrial Centre, Hong Kong", ["documents"] = "English" });
        var pn = await NoticeAtProductionAsync();
        await Cards.ActAsync(BotHost.PlannerId, "pn-ticket", pn, (await Store.GetStateAsync(pn, default))!.Version, new JsonObject { ["ticket"] = "T-88" });
        var dn = CardDriver.Id(await Cards.ClickAsync(BotHost.ClerkId, (await Cards.SayAsync(BotHost.ClerkId, "送货单 " + pn)).Card!, "dn-start", new JsonObject { ["quantity"] = "3000", ["address"] = "Unit 5, 12/F, Kwai Chung Industrial Centre, Hong Kong" }));
        await Cards.ActAsync(BotHost.QcId, "dn-pass", dn, 1);
        await Cards.ActAsync(BotHost.WarehouseId, "dn-ship", dn, 2, new JsonObject { ["quantity"] = "3000", ["shippedOn"] = Today.ToString("yyyy-MM-dd"), ["carrier"] = "SF Express", ["address"] = "Unit 5, 12/F, Kwai Chung Industrial Centre, Hong Kong" });

        // Every form's card opens its record (with the PDFs), and the record goes back to the card.
        var formCard = (await Cards.ActAsync(BotHost.ClerkId, "refresh", dn, 3)).Card;
        var record = await Cards.ClickAsync(BotHost.ClerkId, formCard, "rec-open");
        Assert.Contains("PDF（给客户）", CardDriver.Text(record), StringComparison.Ordinal);
        var backToForm = await Cards.ClickAsync(BotHost.ClerkId, record, "refresh");
        Assert.Equal((dn, "dn-receipt"), (CardDriver.Id(backToForm), Assert.Single(CardDriver.Verbs(backToForm), v => v.StartsWith("dn-", StringComparison.Ordinal))));

        // In the personal chat the same button's record offers the PDF as a file.
        var open = Activities.CardClick(Connector.ServiceUrl, BotHost.ClerkId, "rec-open", CardDriver.FindAction(formCard, "rec-open")["data"]!.DeepClone().AsObject());
        open["conversation"] = new JsonObject { ["id"] = "a:personal-" + BotHost.ClerkId, ["conversationType"] = "personal", ["tenantId"] = Activities.TenantId };
        var inPersonal = (await (await Activities.PostAsync(Client, open)).Content.ReadFromJsonAsync<JsonObject>())!["value"]!.AsObject();
        Assert.Equal("pdf", CardDriver.FindAction(inPersonal, "rec-file")["data"]!["format"]!.GetValue<string>());

        // A record opened from a list goes back to the list.
        var list = (await Cards.SayAsync(BotHost.ClerkId, "记录 表单 送货单")).Card!;
        var fromList = await Cards.ClickAsync(BotHost.ClerkId, list, "rec-open", new JsonObject { ["record"] = dn });
        var backToList = await Cards.ClickAsync(BotHost.ClerkId, fromList, "rec-list");
        Assert.Contains(dn, CardDriver.Text(backToList), StringComparison.Ordinal);
        Assert.Contains("找到 1 份记录", CardDriver.Text(backToList), StringComparison.Ordinal);
        Assert.All(await ReferenceCards.ValidateAsync([formCard, record, backToForm, list, fromList, backToList]), events => Assert.Empty(events));

        var customer = await PdfTextAsync(BotHost.ClerkId, dn, "pdf-customer");
        foreach (var expected in new[] { "DeliveryNote", dn, "Deliverto", "KwaiChungIndustrialCentre", "SFExpress", "3,000", pn, "Receivedingoodorderby" })
        {
            Assert.Contains(expected, customer, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("送货地址", customer, StringComparison.Ordinal); // English only, as the register says

        var company = await PdfTextAsync(BotHost.ClerkId, dn, "pdf");
        Assert.Contains("送货单DeliveryNote", company, StringComparison.Ordinal);
        Assert.Contains("出货检验合格", company, StringComparison.Ordinal); // QC's step, as the form's history says it
        Assert.Contains("品管员", company, StringComparison.Ordinal); // … with the position of who took it
        Assert.Contains("已出货：待记录客户签收", company, StringComparison.Ordinal); // where it stands, in the card's words
        Assert.DoesNotContain("AwaitingReceipt", company, StringComparison.Ordinal); // … not the stored code
    }

    [Fact]
    public async Task A_survey_prints_blank_for_the_customer_and_an_order_review_only_once_it_passed()
    {
        await Cards.ClickAsync(BotHost.ClerkId, (await Cards.SayAsync(BotHost.ClerkId, "客户")).Card!, "cu-add", new JsonObject { ["name"] = "华美礼品" });
        var form = (await Cards.SayAsync(BotHost.SalesId, "满意度 华美礼品")).Card!;
        var survey = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, form, "sv-start", new JsonObject { ["respondent"] = "黄先生", ["via"] = "Email", ["period"] = CardDriver.InputValue(form, "period")! }));
        var blank = await PdfTextAsync(BotHost.SalesId, survey, "pdf-customer");
        foreach (var expected in new[] { "顾客满意度调查表", "华美礼品", "品质", "交期", "服务", "价格", "沟通", "□□□□□", "填表人" })
        {
            Assert.Contains(expected, blank, StringComparison.Ordinal);
        }

        // The six points go back to the customer only when all are confirmed.
        var quotation = await ConfirmedQuotationAsync();
        var order = new JsonObject
        {
            ["po"] = "PO-7", ["product"] = "礼盒", ["specification"] = "250×180×60 mm，四色 + 烫金", ["quantity"] = "5000", ["price"] = "0.7875",
            ["quality"] = "耐磨", ["delivery"] = Today.AddDays(30).ToString("yyyy-MM-dd"), ["confirmed"] = "Name,Specification,Quantity,Price,Quality,Delivery",
        };
        var so = CardDriver.Id(await Cards.ClickAsync(BotHost.SalesId, (await Cards.SayAsync(BotHost.SalesId, "订单 " + quotation)).Card!, "so-start", order));
        var confirmation = await PdfTextAsync(BotHost.SalesId, so, "pdf-customer");
        foreach (var expected in new[] { "订单确认", "PO-7", "六项已核对确认", "品名", "规格", "数量", "价格", "品质要求", "交期", "已确认", "已核对确认", "客户回签" })
        {
            Assert.Contains(expected, confirmation, StringComparison.Ordinal);
        }
    }
}
