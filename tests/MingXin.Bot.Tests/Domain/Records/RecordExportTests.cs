using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Storage;
using MingXin.Bot.Workflows.Records;

namespace MingXin.Bot.Tests.Domain.Records;

/// <summary>The export an auditor gets: columns headed in the company's words, every field, the audit trail.</summary>
public sealed class RecordExportTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 1, 30, 0, TimeSpan.Zero); // 09:30 in the factory

    private static FullRecord Quotation() => new(
        new RecordSummary("QT-2026-0001", "Quotation", RecordState.Closed, "Confirmed", "华美礼品", At, "王芳", "礼盒", At.AddDays(2)),
        JsonNode.Parse("""
            {"id":"QT-2026-0001","request":{"customerName":"华美礼品","product":"礼盒","specification":"250×180×60 mm"},
             "originator":{"id":"aad-sales","name":"王芳"},"createdAt":"2026-11-20T01:30:00+00:00","status":"Confirmed",
             "versions":[{"no":1,"margin":25},{"no":2,"margin":22}],
             "history":[{"at":"2026-11-20T01:30:00+00:00","actorName":"王芳","action":"started"}],"recentActivityIds":["a1"],"version":7}
            """)!.AsObject(),
        [
            new AuditRecord(1, 0, At, "aad-sales", "王芳", "started", null, "{\"status\":\"AwaitingGm\"}"),
            new AuditRecord(2, 0, At.AddHours(1), "aad-gm", "李强", "gm-approved", "同意", null),
        ]);

    private static FullRecord Complaint() => new(
        new RecordSummary("CC-2026-0001", "Complaint", RecordState.Cancelled, "Cancelled", "Acme Printing Ltd", At.AddDays(1), "陈静", "=HYPERLINK(\"x\")"),
        JsonNode.Parse("""{"id":"CC-2026-0001","details":{"customerName":"Acme Printing Ltd","quantityAffected":250},"cancelReason":"logged twice","status":"Cancelled"}""")!.AsObject(),
        [new AuditRecord(1, 0, At.AddDays(1), "aad-clerk", "陈静", "cancelled", "logged twice", null)]);

    [Fact]
    public void The_workbook_opens_with_the_library_that_wrote_it_and_holds_every_field_and_the_trail()
    {
        var bytes = RecordExport.Xlsx([Quotation(), Complaint()]);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["记录 Records", "报价单 Quotation", "顾客投诉登记表", "审核记录 Audit trail"], sheets.Select(s => s.Name!.Value));

        Cell[][] Cells(int sheet) => ((WorksheetPart)workbook.GetPartById(sheets[sheet].Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => r.Elements<Cell>().ToArray()).ToArray();
        string[][] Rows(int sheet) => Cells(sheet).Select(r => r.Select(Shown).ToArray()).ToArray();

        var list = Rows(0);
        Assert.Equal(RecordExport.ListHeader, list[0]);
        Assert.Equal(["QT-2026-0001", "报价单 Quotation", "华美礼品", "已完成 Closed", "Confirmed", "王芳", "2026-11-20 09:30", "2026-11-22 09:30", "礼盒"], list[1]);
        Assert.Equal("已取消 Cancelled", list[2][3]);

        var quotation = Rows(1);
        var header = quotation[0].ToList();
        Assert.Equal("编号 No.", header[0]);
        Assert.Contains("报价要求 · 客户 Request · Customer", header);
        Assert.Contains("成本核算表版本 2 · 利润率 Cost sheet version 2 · Margin", header);
        Assert.DoesNotContain(header, h => h.Contains("History", StringComparison.Ordinal) || h.Contains("Recent", StringComparison.Ordinal)); // bookkeeping stays out
        Assert.Equal("华美礼品", quotation[1][header.IndexOf("报价要求 · 客户 Request · Customer")]);
        Assert.Equal("王芳", quotation[1][header.IndexOf("发起人 Originator")]); // a person is their name
        Assert.Equal("2026-11-20 09:30", quotation[1][header.IndexOf("创建时间 Created")]); // factory time
        Assert.Equal("22", quotation[1][header.IndexOf("成本核算表版本 2 · 利润率 Cost sheet version 2 · Margin")]);

        // Numbers and moments are typed cells (they sort and add up); a document number stays text.
        var typed = Cells(1)[1];
        Assert.Equal(CellValues.Number, typed[header.IndexOf("成本核算表版本 2 · 利润率 Cost sheet version 2 · Margin")].DataType!.Value);
        Assert.Equal(2u, typed[header.IndexOf("创建时间 Created")].StyleIndex!.Value); // yyyy-mm-dd hh:mm
        Assert.NotNull(typed[header.IndexOf("编号 No.")].InlineString);
        Assert.Equal(CellValues.InlineString, Cells(1)[0][0].DataType!.Value); // the heading row is words

        var complaint = Rows(2);
        Assert.Equal("logged twice", complaint[1][complaint[0].ToList().IndexOf("取消原因 Cancellation reason")]);

        var audit = Rows(3);
        Assert.Equal(RecordExport.AuditHeader, audit[0]);
        Assert.Equal(4, audit.Length); // header + 2 + 1
        Assert.Equal(["QT-2026-0001", "报价单", "2026-11-20 10:30", "李强", "gm-approved", "同意", string.Empty], audit[2]);
    }

    /// <summary>A cell as Excel shows it: its text, its number, or its date in the cell's format.</summary>
    private static string Shown(Cell c) =>
        c.InlineString is { } text ? text.InnerText
        : c.StyleIndex?.Value is 1 or 2 ? DateTime.FromOADate(double.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).ToString(c.StyleIndex.Value == 1 ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)
        : c.CellValue!.Text;

    [Fact]
    public void The_csv_has_the_list_columns_and_a_formula_stays_text()
    {
        var text = Encoding.UTF8.GetString(RecordExport.Csv([Quotation(), Complaint()]));
        Assert.StartsWith("\uFEFF\"编号 No.\",\"表单 Form\",\"客户 Customer\"", text, StringComparison.Ordinal);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("\"QT-2026-0001\",\"报价单 Quotation\",\"华美礼品\",\"已完成 Closed\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", lines[2], StringComparison.Ordinal);
        Assert.Contains("取消原因：logged twice", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_read_in_both_languages_and_unknown_names_are_spelled_out()
    {
        var state = JsonNode.Parse("""{"request":{"customerName":"华美"},"palletCount":3,"isUrgent":true,"originator":{"id":"x","name":"王芳"}}""")!.AsObject();
        var zh = RecordFields.Of(state, Language.Chinese, BusinessCalendar.FactoryZone);
        var en = RecordFields.Of(state, Language.English, BusinessCalendar.FactoryZone);
        Assert.Equal(["报价要求 · 客户", "Pallet count", "Is urgent", "发起人"], zh.Select(f => f.Label));
        Assert.Equal(["华美", "3", "是", "王芳"], zh.Select(f => f.Value));
        Assert.Equal("yes", en[2].Value);
    }
}
