using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MingXin.Bot.Documents;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Documents;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Storage;
using MingXin.Bot.Workflows.Records;

/// <summary>
/// What a document costs, in one run: the customer's one-page quotation PDF and a record of about twenty
/// pages as a PDF, each next to the Excel export of the same record (the baseline: what an auditor gets
/// today), time (the first document apart: it reads the font) and size; then the 2,000-record Excel
/// export, its time and how much memory the process took for it. PDFs are counted with PdfPig.
/// Usage: dotnet run -c Release --project tests/MingXin.Bot.Benchmarks -- documents
/// </summary>
internal static class DocumentCosts
{
    private const int Runs = 9;

    public static int Run()
    {
        var options = new DocumentOptions();
        var writer = new PdfFormWriter(options.Letterhead());
        var positions = new Dictionary<string, string> { ["a"] = "业务员", ["g"] = "总经理" };
        string Sentence(string action, string? comment) => comment is null ? action : $"{action}：{comment}";
        var now = DateTimeOffset.UnixEpoch.AddDays(20_000);

        // The largest export first, so the process's peak is its own: 2,000 records, what it allocated, what the process held before and at its peak.
        var many = Enumerable.Range(0, 2000).Select(i => Record($"QT-2026-{i:D4}", "Quotation", versions: 3, lines: 8, auditLines: 12)).ToList();
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var before = process.WorkingSet64;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var bytes = RecordExport.Xlsx(many);
        var ms = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Excel export of 2,000 records: {ms:F0} ms, {bytes.Length / 1024:N0} KB, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:F0} MB allocated, working set {before / 1048576.0:F0} MB before, peak {process.PeakWorkingSet64 / 1048576.0:F0} MB"));
        var quotation = Record("QT-2026-0001", "Quotation", versions: 1, lines: 3, auditLines: 6);
        var quotationDoc = Customer(quotation);
        var large = Record("QT-2026-0002", "Quotation", versions: 24, lines: 6, auditLines: 60);
        var largeDoc = FormDocuments.Internal(large, Language.Chinese, options, positions, Sentence, now);

        var cold = Stopwatch.StartNew();
        writer.Write(quotationDoc);
        var first = cold.Elapsed.TotalMilliseconds;

        var (quotationMs, quotationPdf) = Median(() => writer.Write(quotationDoc));
        var (quotationXlsxMs, quotationXlsx) = Median(() => RecordExport.Xlsx([quotation]));
        var (largeMs, largePdf) = Median(() => writer.Write(largeDoc));
        var (largeXlsxMs, largeXlsx) = Median(() => RecordExport.Xlsx([large]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first document of the process (reads the fonts): {first:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"quotation for the customer: PDF {Pages(quotationPdf)} page(s) {quotationMs:F1} ms {quotationPdf.Length / 1024:N0} KB | Excel of the record {quotationXlsxMs:F1} ms {quotationXlsx.Length / 1024:N0} KB | PDF/Excel time {quotationMs / quotationXlsxMs:F1}×"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"record of {RecordFields.Of(large.State, Language.Chinese, TimeZoneInfo.Utc).Count} fields and {large.Audit.Count} audit lines: PDF {Pages(largePdf)} pages {largeMs:F1} ms {largePdf.Length / 1024:N0} KB | Excel {largeXlsxMs:F1} ms {largeXlsx.Length / 1024:N0} KB | PDF/Excel time {largeMs / largeXlsxMs:F1}×"));

        return 0;
    }

    private static (double Ms, byte[] Bytes) Median(Func<byte[]> make)
    {
        var times = new List<double>();
        byte[] bytes = [];
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            bytes = make();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[Runs / 2], bytes);
    }

    private static int Pages(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    /// <summary>A quotation record as stored: its request, <paramref name="versions"/> cost sheets of <paramref name="lines"/> lines, the GM's approval, the audit trail.</summary>
    private static FullRecord Record(string id, string kind, int versions, int lines, int auditLines)
    {
        var state = JsonNode.Parse(
            "{\"id\":\"" + id + "\",\"request\":{\"customerName\":\"华美礼品\",\"product\":\"礼盒\",\"specification\":\"250×180×60 mm，四色 + 烫金，内衬 EVA，外箱五层瓦楞\",\"isRepeatOrder\":false,\"path\":\"Ordinary\"},"
            + "\"originator\":{\"id\":\"a\",\"name\":\"王芳\"},\"createdAt\":\"2024-10-05T01:30:00+00:00\",\"status\":\"Confirmed\",\"versions\":["
            + string.Join(",", Enumerable.Range(1, versions).Select(v => "{\"number\":" + v + ",\"data\":{\"marginPercent\":25,\"quantities\":[3000,5000],\"lines\":["
                + string.Join(",", Enumerable.Range(1, lines).Select(i => "{\"category\":\"Plates\",\"fixedCost\":600,\"unitCost\":0.35}")) + "]},\"by\":{\"id\":\"a\",\"name\":\"王芳\"},\"at\":\"2024-10-05T01:30:00+00:00\"}"))
            + "],\"gmDecisions\":[{\"forVersion\":" + versions + ",\"by\":{\"id\":\"g\",\"name\":\"李强\"},\"approved\":true,\"at\":\"2024-10-05T03:30:00+00:00\"}]}")!.AsObject();
        var audit = Enumerable.Range(0, auditLines).Select(i => new AuditRecord(i + 1, 0, DateTimeOffset.UnixEpoch.AddDays(20_000).AddMinutes(i), i % 2 == 0 ? "a" : "g", i % 2 == 0 ? "王芳" : "李强", i % 2 == 0 ? "revised" : "gm-approved", "同意，按成本核算表执行", "{\"status\":\"AwaitingCustomer\"}")).ToList();
        return new FullRecord(new RecordSummary(id, kind, RecordState.Closed, "Confirmed", "华美礼品", DateTimeOffset.UnixEpoch.AddDays(20_000), "王芳", "礼盒"), state, audit);
    }

    /// <summary>The customer's quotation of <paramref name="record"/> as a customer gets it: the prices of the approved sheet, the terms.</summary>
    private static FormDocument Customer(FullRecord record) => new(
        "报价单",
        record.Summary.Id,
        "MX-QM-03 · QT",
        DocumentAudience.Customer,
        [
            new DocumentSection("客户与产品", [new DocumentField("客户", "华美礼品"), new DocumentField("产品", "礼盒"), new DocumentField("规格", "250×180×60 mm，四色 + 烫金"), new DocumentField("有效期至", "2024-11-04")]),
            new DocumentSection("价格（人民币）", [], new DocumentTable(["数量", "单价", "金额"], [["3,000", "0.9208", "2,762.40"], ["5,000", "0.7875", "3,937.50"]])),
            new DocumentSection("条款", new DocumentOptions().QuotationTerms.Select((t, i) => new DocumentField((i + 1).ToString(CultureInfo.InvariantCulture), t)).ToList()),
        ],
        [new SignatureLine("总经理", "李强", "批准", "2024-10-05 11:30 (UTC+08:00)")],
        ["客户确认（签字盖章）", "日期"],
        "报价单 · 明新客服助手生成");
}
