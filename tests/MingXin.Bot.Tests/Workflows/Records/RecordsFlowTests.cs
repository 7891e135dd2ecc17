using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Workflows.Records;

/// <summary>Records for auditors through the real host: search from chat, the record card, the export links.</summary>
public sealed class RecordsFlowTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    [Fact]
    public async Task A_search_lists_a_customers_forms_opens_each_record_and_exports_them()
    {
        var notice = await NoticeAtProductionAsync(); // a quotation, its order review and its notice, for 华美礼品
        var approval = CardDriver.Id((await Cards.SayAsync(BotHost.SalesId, "申请 新烫金工艺 | 试产")).Card!);
        await Cards.ActAsync(BotHost.SalesId, "cancel", approval, 1, new JsonObject { ["comment"] = "客户取消" });
        await DrainedAsync(notice, approval);

        // The general manager reads every record (every late step escalates to the GM); see Security/VisibilityTests for who reads what.
        var results = (await Cards.SayAsync(BotHost.GmId, "记录 客户 华美礼品")).Card!;
        var rows = Rows(results);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["PN", "QT", "SO"], rows.Select(r => r["id"]![..2])); // made at the same instant of the fake clock: by number
        Assert.All(rows, r => Assert.Contains("华美礼品", r["line"], StringComparison.Ordinal));

        var cancelled = (await Cards.SayAsync(BotHost.GmId, "records status cancelled form approval", "en-US")).Card!;
        var row = Assert.Single(Rows(cancelled));
        Assert.Equal(approval, row["id"]);
        Assert.Contains("Cancelled", row["line"], StringComparison.Ordinal);

        // A line opens the record: every field, the whole trail.
        var (status, record) = await Cards.ActAsync(BotHost.GmId, "rec-open", null, 0, new JsonObject { ["record"] = notice });
        Assert.Equal(HttpStatusCode.OK, status);
        var text = CardDriver.Text(record);
        Assert.Contains("生产通知单", text, StringComparison.Ordinal);
        Assert.Contains("订单 · 客户", text, StringComparison.Ordinal); // the order the notice came from, field by field
        Assert.Contains("审核记录", text, StringComparison.Ordinal);
        Assert.Contains("批准，发生产部", text, StringComparison.Ordinal); // the trail in words, as the notice's history says it
        Assert.DoesNotContain("gm-approved", text, StringComparison.Ordinal);

        var byNumber = (await Cards.SayAsync(BotHost.GmId, "records " + notice.ToLowerInvariant(), "en-US")).Card!;
        Assert.Contains("Audit trail", CardDriver.Text(byNumber), StringComparison.Ordinal);
        var unknown = (await Cards.SayAsync(BotHost.GmId, "records QT-2026-0999", "en-US")).Card!;
        Assert.Contains("There is no form numbered QT-2026-0999", CardDriver.Banner(unknown), StringComparison.Ordinal);

        Assert.All(await ReferenceCards.ValidateAsync([results, cancelled, record, byNumber, unknown]), events => Assert.Empty(events));

        // The Excel export of the first search: the three records, a sheet per form, the trail.
        var xlsx = await Client.GetAsync(Link(results, "xlsx"));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using (var document = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.Equal(["记录 Records", "报价单 Quotation", "订单评审 Sales-order review", "生产通知单 Production Notice", "审核记录 Audit trail"], sheets);
            var list = ((WorksheetPart)document.WorkbookPart.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
            Assert.Equal(rows.Select(r => r["id"]), list.Skip(1).Select(r => r.Elements<Cell>().First().InnerText)); // the same records as the card
        }

        var csv = await Client.GetStringAsync(Link(byNumber, "csv"));
        Assert.Equal(2, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(notice, csv, StringComparison.Ordinal);

        // A link that was changed, or is older than an hour, gives nothing.
        var tampered = Link(results, "xlsx").Replace("t=", "t=A", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.GetAsync(tampered)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.GetAsync(Link(results, "pdf"))).StatusCode);
        Host.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.GetAsync(Link(results, "xlsx"))).StatusCode);
    }

    [Fact]
    public async Task Bad_searches_and_people_outside_the_directory_get_a_clear_answer_and_no_records()
    {
        var bad = await Cards.SayAsync(BotHost.QcId, "records form invoices from 2026-13-01", "en-US");
        Assert.Contains("There is no form called", bad.Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("is no date", bad.Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var stranger = await Cards.SayAsync("aad-stranger", "记录 客户 华美礼品");
        Assert.Contains("目录中没有你的岗位", stranger.Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>The result rows of a results card: each row's select action carries the record number.</summary>
    private static List<Dictionary<string, string>> Rows(JsonObject card) =>
        Containers(card["body"]).Where(c => c["selectAction"]?["verb"]?.GetValue<string>() == "rec-open")
            .Select(c => new Dictionary<string, string> { ["id"] = c["selectAction"]!["data"]!["record"]!.GetValue<string>(), ["line"] = c["items"]![0]!["text"]!.GetValue<string>() })
            .ToList();

    private static IEnumerable<JsonObject> Containers(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Containers(p.Value))),
        JsonArray a => a.SelectMany(Containers),
        _ => [],
    };

    private static string Link(JsonObject card, string format)
    {
        var url = Containers(card["body"]).Single(o => o["type"]?.GetValue<string>() == "Action.OpenUrl" && o["url"]!.GetValue<string>().Contains("format=xlsx", StringComparison.Ordinal))["url"]!.GetValue<string>();
        return new Uri(url).PathAndQuery.Replace("format=xlsx", "format=" + format, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_personal_chat_an_export_comes_as_a_file_into_the_persons_OneDrive_after_they_allow_it_and_to_nobody_else()
    {
        var approval = await StartApprovalAsync();
        await DrainedAsync(approval);

        var results = (await Cards.SayAsync(BotHost.SalesId, "records form approval", "en-US")).Card!;
        var send = CardDriver.FindAction(results, "rec-file");
        Assert.Equal("Action.Submit", send["fallback"]!["type"]!.GetValue<string>());

        // Pressed in the personal chat: the answer says what happens, and a file-consent card follows.
        var click = Activities.CardClick(Connector.ServiceUrl, BotHost.SalesId, "rec-file", send["data"]!.DeepClone().AsObject(), "en-US");
        click["conversation"] = new JsonObject { ["id"] = "a:personal-" + BotHost.SalesId, ["conversationType"] = "personal", ["tenantId"] = Activities.TenantId };
        Assert.Equal(HttpStatusCode.OK, (await Activities.PostAsync(Client, click)).StatusCode);
        var offer = Connector.Delivered.Last(c => c.Path.Contains("a:personal-" + BotHost.SalesId, StringComparison.Ordinal)).Body!["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.teams.card.file.consent", offer["contentType"]!.GetValue<string>());
        Assert.EndsWith(".xlsx", offer["name"]!.GetValue<string>(), StringComparison.Ordinal);
        var context = offer["content"]!["acceptContext"]!;

        // Someone else answering with the same context gets nothing.
        await Activities.PostAsync(Client, Activities.FileConsent(Connector.ServiceUrl, BotHost.WarehouseId, "accept", context, "/upload/stolen"));
        Assert.False(Connector.Uploads.ContainsKey("/upload/stolen"));

        // The person allows it: the file is put into the upload session and shown as a file in the chat.
        var accepted = await Activities.PostAsync(Client, Activities.FileConsent(Connector.ServiceUrl, BotHost.SalesId, "accept", context));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using (var document = SpreadsheetDocument.Open(new MemoryStream(Connector.Uploads["/upload/file-1"]), false))
        {
            var list = ((WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
            Assert.Equal([approval], list.Skip(1).Select(r => r.Elements<Cell>().First().InnerText));
        }

        var shown = Connector.Delivered.Last(c => c.Path.Contains("a:personal-" + BotHost.SalesId, StringComparison.Ordinal)).Body!["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.teams.card.file.info", shown["contentType"]!.GetValue<string>());
        Assert.Equal("B5E3A8D4-0000-4000-8000-000000000001", shown["content"]!["uniqueId"]!.GetValue<string>());

        // Declined: said so, nothing uploaded.
        await Activities.PostAsync(Client, Activities.FileConsent(Connector.ServiceUrl, BotHost.SalesId, "decline", context));
        Assert.Equal("All right, no file was sent.", Connector.Delivered.Last(c => c.Path.Contains("a:personal-" + BotHost.SalesId, StringComparison.Ordinal)).Text);
        Assert.Single(Connector.Uploads);

        // In a channel the same search offers no file (Teams offers files only in personal chat).
        await Activities.PostAsync(Client, Activities.ChannelMessage(Connector.ServiceUrl, "records form approval", BotHost.SalesId, locale: "en-US"));
        Assert.DoesNotContain("rec-file", CardDriver.Verbs(Connector.Delivered.Last().Card!));
    }
}
