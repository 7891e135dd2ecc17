using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Records;

/// <summary>One record with everything an auditor sees: its index summary, its stored state and its whole audit trail.</summary>
/// <param name="StatusText">Where the form stands, as its own card says it in the reader's language (the record card shows it); null when not asked for.</param>
public sealed record FullRecord(RecordSummary Summary, JsonObject State, IReadOnlyList<AuditRecord> Audit, string? StatusText = null);

/// <summary>A table of an export: its name (a sheet) and its rows, the header first.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// Lays records out for an ISO audit, headed in the company's words (both languages): a list of
/// every record (编号, 表单 …), one table per form named by the company's form name with all its
/// fields, and the audit trail. CSV carries the list (with every field in one column); .xlsx carries all.
/// </summary>
public static class RecordExport
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    public static readonly string[] ListHeader =
    [
        "编号 No.", "表单 Form", "客户 Customer", "状态 State", "步骤 Step", "发起人 Originator", "创建时间 Created", "结案时间 Closed", "内容 Subject",
    ];

    public static readonly string[] AuditHeader =
    [
        "编号 No.", "表单 Form", "时间 Time", "经手人 By", "操作 Action", "意见 Comment", "详情 Detail",
    ];

    public const string ListSheet = "记录 Records";
    public const string AuditSheet = "审核记录 Audit trail";

    /// <summary>The tables of an export: the list, one per form kind (in catalogue order), the audit trail.</summary>
    public static IReadOnlyList<ExportTable> Tables(IReadOnlyList<FullRecord> records)
    {
        var tables = new List<ExportTable> { new(ListSheet, [ListHeader, .. records.Select(r => (IReadOnlyList<string>)ListRow(r.Summary).ToList())]) };
        foreach (var form in FormCatalog.All)
        {
            var ofKind = records.Where(r => r.Summary.Kind == form.Kind).ToList();
            if (ofKind.Count == 0)
            {
                continue;
            }

            var zh = ofKind.Select(r => RecordFields.Of(r.State, Language.Chinese, BusinessCalendar.FactoryZone)).ToList();
            var columns = new List<(string Path, string Header)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < zh.Count; i++)
            {
                // The English labels are read only from a record that brings a column the others did not have.
                IReadOnlyList<RecordField>? en = null;
                for (var j = 0; j < zh[i].Count; j++)
                {
                    if (seen.Add(zh[i][j].Path))
                    {
                        en ??= RecordFields.Of(ofKind[i].State, Language.English, BusinessCalendar.FactoryZone);
                        columns.Add((zh[i][j].Path, $"{zh[i][j].Label} {en[j].Label}"));
                    }
                }
            }

            var rows = new List<IReadOnlyList<string>> { columns.Select(c => c.Header).ToList() };
            foreach (var fields in zh)
            {
                var byPath = fields.ToDictionary(f => f.Path, f => f.Value, StringComparer.Ordinal);
                rows.Add(columns.Select(c => byPath.GetValueOrDefault(c.Path, string.Empty)).ToList());
            }

            tables.Add(new ExportTable(SheetName(form), rows));
        }

        var audit = new List<IReadOnlyList<string>> { AuditHeader };
        foreach (var r in records)
        {
            var form = FormCatalog.ByKind(r.Summary.Kind)?.Chinese ?? r.Summary.Kind;
            audit.AddRange(r.Audit.Select(a => (IReadOnlyList<string>)[r.Summary.Id, form, Time(a.At), a.ActorName, a.Action, a.Comment ?? string.Empty, a.DetailJson ?? string.Empty]));
        }

        tables.Add(new ExportTable(AuditSheet, audit));
        return tables;
    }

    /// <summary>The list as CSV (UTF-8 with a byte-order mark, so Excel reads the Chinese), every field in the last column.</summary>
    public static byte[] Csv(IReadOnlyList<FullRecord> records)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', ListHeader.Append("全部字段 All fields").Select(Quote)).Append("\r\n");
        foreach (var r in records)
        {
            var fields = RecordFields.Of(r.State, Language.Chinese, BusinessCalendar.FactoryZone);
            var all = string.Join("；", fields.Select(f => $"{f.Label}：{f.Value}"));
            sb.AppendJoin(',', ListRow(r.Summary).Append(all).Select(Quote)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    /// <summary>Style indexes of the workbook's cells: text and numbers as they are, a day, a moment (factory time).</summary>
    private const uint DayStyle = 1;
    private const uint MomentStyle = 2;

    /// <summary>
    /// All the tables as an Excel workbook, one sheet each. Below each sheet's heading row a number is a number
    /// cell and a day or a moment a date cell (yyyy-mm-dd, yyyy-mm-dd hh:mm), so they sort and add up;
    /// everything else — document numbers, phone numbers, codes with leading zeros — stays text.
    /// </summary>
    public static byte[] Xlsx(IReadOnlyList<FullRecord> records)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }, new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm" }) { Count = 2 },
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(
                    new CellFormat(),
                    new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }) { Count = 3 });
            styles.Stylesheet.Save();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            uint sheetId = 1;
            foreach (var table in Tables(records))
            {
                // Each sheet is written as a stream of rows (no document tree of every cell held in memory):
                // an export of thousands of records costs what its rows cost.
                var part = workbook.AddNewPart<WorksheetPart>();
                using (var writer = DocumentFormat.OpenXml.OpenXmlWriter.Create(part))
                {
                    writer.WriteStartElement(new Worksheet());
                    writer.WriteStartElement(new SheetData());
                    var heading = true;
                    foreach (var row in table.Rows)
                    {
                        writer.WriteStartElement(new Row());
                        foreach (var value in row)
                        {
                            writer.WriteElement(heading ? TextCell(value) : TypedCell(value));
                        }

                        writer.WriteEndElement();
                        heading = false;
                    }

                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }

                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetId++, Name = table.Name });
            }

            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Cell TextCell(string value) =>
        new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(XmlSafe(value)) { Space = SpaceProcessingModeValues.Preserve }) };

    /// <summary>A number (no leading zero, as a code would have) as a number; a day or a moment as a date; anything else as text.</summary>
    private static Cell TypedCell(string value)
    {
        if (value.Length is > 0 and < 20 && (value[0] != '0' || value.Length == 1 || value[1] == '.')
            && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return new Cell { DataType = CellValues.Number, CellValue = new CellValue(number) };
        }

        if (value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new Cell { StyleIndex = DayStyle, CellValue = new CellValue(day.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)) };
        }

        if (value.Length == 16 && DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
        {
            return new Cell { StyleIndex = MomentStyle, CellValue = new CellValue(moment.ToOADate().ToString(CultureInfo.InvariantCulture)) };
        }

        return TextCell(value);
    }

    /// <summary>A sheet's name: the company's form name and the English (only the company's when both are longer than Excel's 31 characters) and its forbidden characters.</summary>
    public static string SheetName(FormName form)
    {
        static string Clean(string text) => new(text.Select(c => c is '/' or '\\' or '?' or '*' or '[' or ']' or ':' ? ' ' : c).ToArray());
        var name = Clean(form.Bilingual);
        return name.Length <= 31 ? name : Clean(form.Chinese); // the company's own name when both do not fit
    }

    private static IEnumerable<string> ListRow(RecordSummary s) =>
    [
        s.Id,
        FormCatalog.ByKind(s.Kind)?.Bilingual ?? s.Kind,
        s.Customer ?? string.Empty,
        $"{RecordSearch.StateName(s.State, Language.Chinese)} {RecordSearch.StateName(s.State, Language.English)}",
        s.Status,
        s.Originator,
        Time(s.CreatedAt),
        s.ClosedAt is { } closed ? Time(closed) : string.Empty,
        s.Subject,
    ];

    private static string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, BusinessCalendar.FactoryZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Quotes a CSV value; a value that a spreadsheet would run as a formula is made plain text.</summary>
    private static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string XmlSafe(string value) =>
        value.Any(c => char.IsControl(c) && c is not '\n' and not '\t') ? new string(value.Where(c => !char.IsControl(c) || c is '\n' or '\t').ToArray()) : value;
}
