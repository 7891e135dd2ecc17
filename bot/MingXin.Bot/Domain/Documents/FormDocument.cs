namespace MingXin.Bot.Domain.Documents;

/// <summary>Which language a document is printed in: Chinese, English, or both on one page (the company's words first).</summary>
public enum DocumentLanguage
{
    Chinese,
    English,
    Both,
}

/// <summary>Who a document is for: the company's own file, or the customer (nothing internal on it).</summary>
public enum DocumentAudience
{
    Internal,
    Customer,
}

/// <summary>One labelled value of a document, in the form's order.</summary>
public sealed record DocumentField(string Label, string Value);

/// <summary>A table on a document (price breaks, shipments, dispositions): column headings and rows of text.</summary>
public sealed record DocumentTable(IReadOnlyList<string> Headings, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>A titled part of a document: its fields in a grid, and a table when it has one.</summary>
public sealed record DocumentSection(string Title, IReadOnlyList<DocumentField> Fields, DocumentTable? Table = null);

/// <summary>One line of the signature block: the position, the person, what they decided, when (factory time).</summary>
public sealed record SignatureLine(string Position, string Name, string Decision, string When);

/// <summary>The company as its documents name it (configuration <c>Documents</c>).</summary>
public sealed record Letterhead(string NameZh, string NameEn, string Address, string Phone, string Fax, string? LogoPath = null);

/// <summary>
/// A form as its paper form: the company's letterhead, the form's name in Chinese and English, its number,
/// the procedure reference (MX-QM-03 and the form's own code and revision), the fields section by section
/// in form order, and the signature block — the people who signed it, and blank lines for those who sign
/// the paper (the customer's receiver). Pure data in the reader's words: the writer only lays it out.
/// </summary>
public sealed record FormDocument(
    string Title,
    string Number,
    string Reference,
    DocumentAudience Audience,
    IReadOnlyList<DocumentSection> Sections,
    IReadOnlyList<SignatureLine> Signatures,
    IReadOnlyList<string> BlankSignatures,
    string Footnote,
    string SignaturesTitle = "签核记录 Signatures and decisions",
    IReadOnlyList<string>? SignatureHeadings = null)
{
    /// <summary>The signature block's column headings.</summary>
    public IReadOnlyList<string> Headings => SignatureHeadings ?? ["岗位 Position", "姓名 Name", "决定 Decision", "日期时间 Date and time"];

    /// <summary>Every piece of text on the document, in reading order (what a reader of the file can search).</summary>
    public IEnumerable<string> Texts() =>
        new[] { Title, Number, Reference }
            .Concat(Sections.SelectMany(s => new[] { s.Title }.Concat(s.Fields.SelectMany(f => new[] { f.Label, f.Value })).Concat(s.Table is { } t ? t.Headings.Concat(t.Rows.SelectMany(r => r)) : [])))
            .Concat(Signatures.SelectMany(s => new[] { s.Position, s.Name, s.Decision, s.When }))
            .Concat(BlankSignatures)
            .Append(Footnote)
            .Append(SignaturesTitle);
}
