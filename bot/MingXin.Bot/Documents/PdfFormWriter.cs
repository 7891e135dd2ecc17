using System.Globalization;
using MingXin.Bot.Domain.Documents;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MingXin.Bot.Documents;

/// <summary>
/// Lays out a <see cref="FormDocument"/> as the company's paper form on A4: the letterhead, the form's
/// name and number, the procedure reference, each section's fields in a two-column grid (label, value)
/// and its table, the signature block, and on every page the footnote and "page X of Y". Text is set in
/// Noto Sans SC with Unicode encoding, so PDFsharp embeds a subset with its ToUnicode map: the PDF needs
/// no font on the reader's machine and its text can be selected and searched. Lines are broken by width
/// (Chinese has no spaces: any character may end a line; Latin text breaks at a space when it can).
/// </summary>
public sealed class PdfFormWriter
{
    private const double Margin = 40;
    private const double Pad = 3;
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XColor Rule = XColor.FromArgb(0x99, 0x99, 0x99);
    private static readonly XBrush Band = new XSolidBrush(XColor.FromArgb(0xEE, 0xEE, 0xEE));

    private readonly Letterhead _letterhead;

    public PdfFormWriter(Letterhead letterhead)
    {
        DocumentFonts.Install();
        _letterhead = letterhead;
    }

    /// <summary>The document as PDF bytes.</summary>
    public byte[] Write(FormDocument doc)
    {
        using var pdf = new PdfDocument();
        pdf.Info.Title = $"{doc.Title} {doc.Number}";
        pdf.Info.Author = _letterhead.NameZh;
        pdf.Info.Creator = "MingXin customer service";
        var page = new Layout(pdf, this);
        page.Header(doc);
        foreach (var section in doc.Sections)
        {
            page.Section(section);
        }

        page.Signatures(doc);
        page.Footers(doc.Footnote);
        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>One document being laid out: the current page, where the next line goes, and the fonts.</summary>
    private sealed class Layout
    {
        private readonly PdfDocument _pdf;
        private readonly PdfFormWriter _writer;
        private readonly XFont _body = new(DocumentFonts.Family, 9, XFontStyleEx.Regular, Unicode);
        private readonly XFont _bold = new(DocumentFonts.Family, 9, XFontStyleEx.Bold, Unicode);
        private readonly XFont _small = new(DocumentFonts.Family, 7.5, XFontStyleEx.Regular, Unicode);
        private readonly XFont _title = new(DocumentFonts.Family, 15, XFontStyleEx.Bold, Unicode);
        private readonly XFont _company = new(DocumentFonts.Family, 13, XFontStyleEx.Bold, Unicode);
        private readonly Dictionary<(XFont, char), double> _widths = [];
        private XGraphics _gfx = null!;
        private double _y;
        private double _width;
        private double _bottom;

        public Layout(PdfDocument pdf, PdfFormWriter writer)
        {
            _pdf = pdf;
            _writer = writer;
            NewPage();
        }

        public void Header(FormDocument doc)
        {
            var l = _writer._letterhead;
            if (l.LogoPath is { } logo)
            {
                // The logo at the top left, as tall as the letterhead's lines, its width in proportion.
                using var image = XImage.FromFile(logo);
                const double height = 40;
                _gfx.DrawImage(image, Margin, _y, height * image.PixelWidth / Math.Max(1, image.PixelHeight), height);
            }

            Centered(l.NameZh, _company);
            if (l.NameEn.Length > 0)
            {
                Centered(l.NameEn, _body);
            }

            var contact = string.Join("   ", new[] { l.Address, l.Phone.Length > 0 ? "Tel " + l.Phone : string.Empty, l.Fax.Length > 0 ? "Fax " + l.Fax : string.Empty }.Where(x => x.Length > 0));
            if (contact.Length > 0)
            {
                Centered(contact, _small);
            }

            _y += 4;
            _gfx.DrawLine(new XPen(XColors.Black, 0.8), Margin, _y, Margin + _width, _y);
            _y += 8;
            Centered(doc.Title, _title);
            _y += 2;
            var lineHeight = Height(_body);
            _gfx.DrawString(doc.Reference, _small, XBrushes.Black, new XRect(Margin, _y, _width / 2, lineHeight), XStringFormats.TopLeft);
            _gfx.DrawString("No. " + doc.Number, _bold, XBrushes.Black, new XRect(Margin + _width / 2, _y, _width / 2, lineHeight), XStringFormats.TopRight);
            _y += lineHeight + 8;
        }

        public void Section(DocumentSection section)
        {
            if (section.Fields.Count == 0 && section.Table is null)
            {
                return;
            }

            SectionTitle(section.Title);
            var labelWidth = _width * 0.28;
            foreach (var field in section.Fields)
            {
                Row([field.Label, field.Value], [labelWidth, _width - labelWidth], [_bold, _body], fill: false);
            }

            if (section.Table is { } table)
            {
                if (section.Fields.Count > 0)
                {
                    _y += 4;
                }

                Table(table.Headings, table.Rows);
            }

            _y += 8;
        }

        public void Signatures(FormDocument doc)
        {
            if (doc.Signatures.Count == 0 && doc.BlankSignatures.Count == 0)
            {
                return;
            }

            SectionTitle(doc.SignaturesTitle);
            if (doc.Signatures.Count > 0)
            {
                Table(doc.Headings, doc.Signatures.Select(s => (IReadOnlyList<string>)[s.Position, s.Name, s.Decision, s.When]).ToList());
            }

            foreach (var line in doc.BlankSignatures)
            {
                var height = Height(_body) * 2.6;
                Fit(height);
                _y += Height(_body) * 1.6;
                _gfx.DrawString(line, _body, XBrushes.Black, new XRect(Margin, _y - Height(_body), _width, Height(_body)), XStringFormats.TopLeft);
                var start = Margin + Math.Min(_width * 0.6, Measure(line, _body) + 8);
                _gfx.DrawLine(new XPen(XColors.Black, 0.5), start, _y + 1, Margin + _width, _y + 1);
                _y += Height(_body);
            }
        }

        /// <summary>The footnote and "page X of Y" on every page, once the number of pages is known.</summary>
        public void Footers(string footnote)
        {
            _gfx.Dispose();
            var count = _pdf.PageCount;
            for (var i = 0; i < count; i++)
            {
                using var gfx = XGraphics.FromPdfPage(_pdf.Pages[i], XGraphicsPdfPageOptions.Append);
                var y = _pdf.Pages[i].Height.Point - Margin + 8;
                gfx.DrawLine(new XPen(Rule, 0.5), Margin, y - 4, Margin + _width, y - 4);
                gfx.DrawString(footnote, _small, XBrushes.Black, new XRect(Margin, y, _width * 0.7, 12), XStringFormats.TopLeft);
                var n = (i + 1).ToString(CultureInfo.InvariantCulture);
                var of = count.ToString(CultureInfo.InvariantCulture);
                gfx.DrawString($"第 {n} 页 / 共 {of} 页 · Page {n} of {of}", _small, XBrushes.Black, new XRect(Margin + _width * 0.7, y, _width * 0.3, 12), XStringFormats.TopRight);
            }
        }

        private void NewPage()
        {
            _gfx?.Dispose();
            var page = _pdf.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            _gfx = XGraphics.FromPdfPage(page);
            _width = page.Width.Point - (2 * Margin);
            _bottom = page.Height.Point - Margin - 14;
            _y = Margin;
        }

        /// <summary>Starts a new page when <paramref name="height"/> does not fit on this one.</summary>
        private void Fit(double height)
        {
            if (_y + height > _bottom)
            {
                NewPage();
            }
        }

        private void SectionTitle(string title)
        {
            var height = Height(_bold) + (2 * Pad);
            Fit(height * 3); // a title never ends a page alone
            _gfx.DrawRectangle(Band, Margin, _y, _width, height);
            _gfx.DrawString(title, _bold, XBrushes.Black, new XRect(Margin + Pad, _y + Pad, _width - (2 * Pad), Height(_bold)), XStringFormats.TopLeft);
            _y += height;
        }

        private void Table(IReadOnlyList<string> headings, IReadOnlyList<IReadOnlyList<string>> rows)
        {
            var widths = Enumerable.Repeat(_width / headings.Count, headings.Count).ToArray();
            var head = Enumerable.Repeat(_bold, headings.Count).ToArray();
            var body = Enumerable.Repeat(_body, headings.Count).ToArray();
            Row(headings, widths, head, fill: true);
            foreach (var row in rows)
            {
                if (_y + RowHeight(row, widths, body) > _bottom)
                {
                    NewPage();
                    Row(headings, widths, head, fill: true); // the headings again above a table that goes on
                }

                Row(row, widths, body, fill: false);
            }
        }

        /// <summary>One grid row of wrapped cells (on a new page when it does not fit on this one).</summary>
        private void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, IReadOnlyList<XFont> fonts, bool fill)
        {
            var height = RowHeight(cells, widths, fonts);
            Fit(height);
            var x = Margin;
            for (var i = 0; i < widths.Count; i++)
            {
                if (fill)
                {
                    _gfx.DrawRectangle(Band, x, _y, widths[i], height);
                }

                _gfx.DrawRectangle(new XPen(Rule, 0.5), x, _y, widths[i], height);
                var lineY = _y + Pad;
                foreach (var line in Wrap(i < cells.Count ? cells[i] : string.Empty, fonts[i], widths[i] - (2 * Pad)))
                {
                    _gfx.DrawString(line, fonts[i], XBrushes.Black, new XRect(x + Pad, lineY, widths[i] - (2 * Pad), Height(fonts[i])), XStringFormats.TopLeft);
                    lineY += Height(fonts[i]);
                }

                x += widths[i];
            }

            _y += height;
        }

        private double RowHeight(IReadOnlyList<string> cells, IReadOnlyList<double> widths, IReadOnlyList<XFont> fonts) =>
            Enumerable.Range(0, widths.Count).Max(i => Wrap(i < cells.Count ? cells[i] : string.Empty, fonts[i], widths[i] - (2 * Pad)).Count * Height(fonts[i])) + (2 * Pad);

        private void Centered(string text, XFont font)
        {
            foreach (var line in Wrap(text, font, _width))
            {
                _gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, _width, Height(font)), XStringFormats.TopCenter);
                _y += Height(font);
            }
        }

        private static double Height(XFont font) => font.Size * 1.45;

        private double Measure(string text, XFont font) => text.Sum(c => Width(c, font));

        private double Width(char c, XFont font)
        {
            if (!_widths.TryGetValue((font, c), out var w))
            {
                w = _gfx.MeasureString(c.ToString(), font).Width;
                _widths[(font, c)] = w;
            }

            return w;
        }

        /// <summary>The lines <paramref name="text"/> takes in <paramref name="width"/>: its own line breaks kept, then broken by width.</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
            {
                var line = new System.Text.StringBuilder();
                var used = 0.0;
                foreach (var c in paragraph)
                {
                    var w = Width(c, font);
                    if (used + w > width && line.Length > 0)
                    {
                        // Latin words move whole to the next line when the line has a space to break at.
                        var space = c == ' ' || c > 0x2E80 ? -1 : line.ToString().LastIndexOf(' ');
                        if (space > 0)
                        {
                            var rest = line.ToString(space + 1, line.Length - space - 1);
                            lines.Add(line.ToString(0, space));
                            line.Clear().Append(rest);
                            used = Measure(rest, font);
                        }
                        else
                        {
                            lines.Add(line.ToString());
                            line.Clear();
                            used = 0;
                        }

                        if (c == ' ' && line.Length == 0)
                        {
                            continue;
                        }
                    }

                    line.Append(c);
                    used += w;
                }

                lines.Add(line.ToString());
            }

            return lines;
        }
    }
}
