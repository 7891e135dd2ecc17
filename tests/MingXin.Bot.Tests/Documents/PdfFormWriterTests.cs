using System.Text;
using MingXin.Bot.Documents;
using MingXin.Bot.Domain.Documents;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace MingXin.Bot.Tests.Documents;

/// <summary>The PDF writer, read back with PdfPig: the Chinese text is there and selectable, the font travels inside the file, every page says which it is.</summary>
public sealed class PdfFormWriterTests
{
    private static readonly Letterhead Company = new("明新刷品制造(深圳)有限公司", "Mingxin Printing Products Manufacturing (Shenzhen) Co., Ltd.", "深圳市宝安区福永街道", "0755-2788 0000", "0755-2788 0001");

    /// <summary>Every page's text, as a reader of the file extracts it.</summary>
    public static List<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)).ToList();
    }

    /// <summary>Text extraction may put a line break anywhere a line was broken: compare without white space.</summary>
    public static string Squeezed(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static FormDocument Document(int rows) => new(
        "送货单 Delivery Note",
        "DN-2026-0007",
        "MX-QM-03 · QR-MX-03-12 Rev. A",
        DocumentAudience.Internal,
        [
            new DocumentSection("收货方", [new DocumentField("客户", "华美礼品"), new DocumentField("送货地址", "深圳市宝安区福永街道凤凰工业区 8 栋 3 楼 华美礼品仓库（请从东门进，卸货区在 B 区）")]),
            new DocumentSection("货物", [], new DocumentTable(["产品", "规格", "数量"], Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)[$"礼盒 {i}", "250×180×60 mm，四色 + 烫金", "3,000"]).ToList())),
        ],
        [new SignatureLine("品管员", "陈静", "出货检验合格", "2026-11-30 09:23 (UTC+08:00)")],
        ["收货人签收"],
        "送货单 · 明新客服助手生成");

    [Fact]
    public void The_text_reads_back_in_chinese_and_the_font_is_a_subset_inside_the_file()
    {
        var pdf = new PdfFormWriter(Company).Write(Document(rows: 3));

        var text = Squeezed(string.Join("\n", Pages(pdf)));
        foreach (var expected in new[] { "明新刷品制造(深圳)有限公司", "送货单DeliveryNote", "No.DN-2026-0007", "MX-QM-03·QR-MX-03-12Rev.A", "送货地址", "凤凰工业区8栋3楼", "礼盒3", "250×180×60mm，四色+烫金", "出货检验合格", "收货人签收", "第1页/共1页" })
        {
            Assert.Contains(Squeezed(expected), text, StringComparison.Ordinal);
        }

        // The font is embedded (TrueType program in the file), as a subset, with a map back to Unicode.
        var raw = Encoding.Latin1.GetString(pdf);
        Assert.Contains("/FontFile2", raw, StringComparison.Ordinal);
        Assert.Contains("/ToUnicode", raw, StringComparison.Ordinal);
        using var document = PdfDocument.Open(pdf);
        var fonts = document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
        Assert.All(fonts, f => Assert.Matches("^[A-Z]{6}\\+Noto Sans SC", f));
        Assert.True(pdf.Length < 400_000, $"a one-page document is {pdf.Length} bytes: the whole font (10 MB) must not be in it");
    }

    [Fact]
    public void A_long_table_goes_on_over_pages_each_saying_which_it_is()
    {
        var pages = Pages(new PdfFormWriter(Company).Write(Document(rows: 120)));

        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Page{i + 1}of{pages.Count}", Squeezed(pages[i]), StringComparison.Ordinal);
        }

        Assert.All(pages.Skip(1).SkipLast(1), p => Assert.Contains("规格", p, StringComparison.Ordinal)); // the headings again on every page of the table
        Assert.Contains("礼盒120", Squeezed(pages[^1]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_company_logo_is_printed_when_one_is_configured_and_a_missing_one_stops_the_start()
    {
        var logo = Path.Combine(MingXin.Bot.Tests.Infrastructure.RepositoryRoot.Path, "infra", "teams", "color.png");
        var pdf = new PdfFormWriter(Company with { LogoPath = logo }).Write(Document(rows: 1));
        Assert.Contains("/Subtype/Image", Encoding.Latin1.GetString(pdf).Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("/Subtype/Image", Encoding.Latin1.GetString(new PdfFormWriter(Company).Write(Document(rows: 1))).Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        var problems = new DocumentOptions { LogoPath = "no-such-logo.png" }.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())).ToList();
        Assert.Contains("LogoPath", Assert.Single(problems).MemberNames);
        Assert.Empty(new DocumentOptions { LogoPath = logo }.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())));
    }
}
