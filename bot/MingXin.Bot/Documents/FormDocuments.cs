using System.Globalization;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Documents;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Shipments;
using MingXin.Bot.Presentation;
using MingXin.Bot.Workflows;
using MingXin.Bot.Workflows.Records;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Documents;

/// <summary>
/// Every form as its paper form. The company's copy of any form: each field it stores, labelled in the
/// company's words and grouped as the form groups them, and every step as a line of the signature block
/// (position, person, what they did, when). The customer's copy of the forms that go to customers — the
/// Quotation 报价单 (its prices, how long they hold, its terms; never the cost sheet or the margin) and the
/// Delivery Note 送货单 (with lines for the customer's receiver to sign) — in the customer's language.
/// </summary>
public sealed partial class FormDocuments(IOptions<DocumentOptions> options, WorkflowForms forms, IPeopleDirectory directory, TimeProvider time)
{
    private readonly Lazy<PdfFormWriter> _writer = new(() => new PdfFormWriter(options.Value.Letterhead()));

    public byte[] Pdf(FormDocument document) => _writer.Value.Write(document);

    /// <summary>The company's copy of a record as its reader may read it (what is withheld from them is not in <paramref name="record"/>).</summary>
    public async Task<FormDocument> InternalAsync(FullRecord record, Language l, CancellationToken cancellationToken)
    {
        var positions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var actor in record.Audit.Select(a => a.ActorId).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var person = await directory.FindAsync(actor, cancellationToken).ConfigureAwait(false);
            positions[actor] = person?.Positions.Count > 0 ? string.Join(l.Pick("、", ", "), person.Positions.Select(p => p.Name(l))) : l.Pick("系统", "System");
        }

        var form = forms.For(record.Summary.Kind);
        return Internal(record, l, options.Value, positions, (action, comment) => form?.AuditSentence(action, comment, l) ?? action, time.GetUtcNow());
    }

    /// <summary>
    /// The company's copy, from the record alone: each field labelled in the company's words, one section per
    /// part of the form (the form's own single values first; inside a section a label leaves out the section's
    /// name — "客户", not "报价要求 · 客户"), and every audit row as a line of the signature block: the position
    /// of who acted (<paramref name="positions"/>, by Entra id), their name, the step as the form says it, when.
    /// </summary>
    public static FormDocument Internal(FullRecord record, Language l, DocumentOptions options, IReadOnlyDictionary<string, string> positions, Func<string, string?, string> sentence, DateTimeOffset now)
    {
        var name = FormCatalog.ByKind(record.Summary.Kind);
        var sections = RecordFields.WithStatus(RecordFields.Of(record.State, l, BusinessCalendar.FactoryZone), record.StatusText is { } status ? CardText.Plain(status) : null)
            .GroupBy(f => f.Path.Contains('.', StringComparison.Ordinal) || f.Path.Contains('[', StringComparison.Ordinal) ? f.Path.Split('.', '[')[0] : string.Empty)
            .OrderBy(g => g.Key.Length == 0 ? 0 : 1)
            .Select(g =>
            {
                var title = g.Key.Length == 0 ? l.Pick("基本信息", "General") : RecordFields.Label(g.Key, l);
                return new DocumentSection(title, g.Select(f => new DocumentField(f.Label.StartsWith(title + " · ", StringComparison.Ordinal) ? f.Label[(title.Length + 3)..] : f.Label, f.Value)).ToList());
            })
            .ToList();
        var signatures = record.Audit
            .Select(a => new SignatureLine(positions.GetValueOrDefault(a.ActorId) ?? l.Pick("系统", "System"), a.ActorName, CardText.Plain(sentence(a.Action, a.Comment)), When(a.At)))
            .ToList();
        return new FormDocument(
            name is null ? record.Summary.Kind : name.Bilingual,
            record.Summary.Id,
            options.Reference(record.Summary.Kind, name?.Prefix ?? string.Empty),
            DocumentAudience.Internal,
            sections,
            signatures,
            [],
            Footnote(l.Pick("内部文件", "Internal document"), l, now));
    }

    /// <summary>The customer's copy, in <paramref name="language"/>; null for a kind that has none or a record that is not far enough along (a quotation the GM has not approved).</summary>
    public FormDocument? Customer(FullRecord record, DocumentLanguage language) => record.Summary.Kind switch
    {
        Quotation.Kind => QuotationCopy(WorkflowJson.Deserialize<QuotationState>(record.State.ToJsonString()), record.Summary.Id, language),
        DeliveryNote.Kind => DeliveryCopy(WorkflowJson.Deserialize<DeliveryNoteState>(record.State.ToJsonString()), record.Summary.Id, language),
        Domain.Samples.SampleOrder.Kind => SampleReceipt(WorkflowJson.Deserialize<Domain.Samples.SampleOrderState>(record.State.ToJsonString()), language),
        Domain.Orders.SalesOrderReview.Kind => OrderConfirmation(WorkflowJson.Deserialize<Domain.Orders.SalesOrderReviewState>(record.State.ToJsonString()), language),
        Domain.Complaints.Complaint.Kind => CorrectiveActionReport(WorkflowJson.Deserialize<Domain.Complaints.ComplaintState>(record.State.ToJsonString()), language),
        Domain.Surveys.SatisfactionSurvey.Kind => BlankSurvey(WorkflowJson.Deserialize<Domain.Surveys.SurveyState>(record.State.ToJsonString()), language),
        _ => null,
    };

    private FormDocument? QuotationCopy(QuotationState s, string id, DocumentLanguage language)
    {
        var approved = s.GmDecisions.LastOrDefault(d => d.Approved);
        var version = approved is null ? null : s.Versions.FirstOrDefault(v => v.Number == approved.ForVersion);
        if (approved is null || version is null)
        {
            return null; // only prices the GM approved go to a customer
        }

        string T(string zh, string en) => Say(language, zh, en);
        var validUntil = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(approved.At, BusinessCalendar.FactoryZone).DateTime).AddDays(options.Value.QuotationValidDays);
        var breaks = version.Data.ToSheet().PriceBreaks();
        var r = s.Request;
        return CustomerCopy(
            Quotation.Kind,
            Quotation.Prefix,
            id,
            "报价单",
            "Quotation",
            language,
            [
                new DocumentSection(T("客户与产品", "Customer and product"),
                [
                    new DocumentField(T("客户", "Customer"), r.CustomerName),
                    new DocumentField(T("产品", "Product"), r.Product),
                    new DocumentField(T("规格", "Specification"), r.Specification),
                    new DocumentField(T("报价日期", "Date"), Day(approved.At)),
                    new DocumentField(T("有效期至", "Valid until"), validUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    new DocumentField(T("业务员", "Salesperson"), s.Originator.Name),
                ]),
                new DocumentSection(
                    T("价格（人民币）", "Prices (CNY)"),
                    [],
                    new DocumentTable(
                        [T("数量", "Quantity"), T("单价", "Unit price"), T("金额", "Amount")],
                        breaks.Select(b => (IReadOnlyList<string>)[b.Quantity.ToString("N0", CultureInfo.InvariantCulture), b.UnitPrice.ToString("0.0000", CultureInfo.InvariantCulture), b.Total.ToString("N2", CultureInfo.InvariantCulture)]).ToList())),
                new DocumentSection(T("条款", "Terms"), options.Value.QuotationTerms.Select((t, i) => new DocumentField((i + 1).ToString(CultureInfo.InvariantCulture), Term(t, language))).ToList()),
            ],
            [new SignatureLine(T("总经理", "General manager"), approved.By.Name, T("批准", "Approved"), When(approved.At))],
            [T("客户确认（签字盖章）", "Confirmed by the customer (signature and stamp)"), T("日期", "Date")]);
    }

    private FormDocument DeliveryCopy(DeliveryNoteState s, string id, DocumentLanguage language)
    {
        string T(string zh, string en) => Say(language, zh, en);
        var shipment = s.Shipment;
        return CustomerCopy(
            DeliveryNote.Kind,
            DeliveryNote.Prefix,
            id,
            "送货单",
            "Delivery Note",
            language,
            [
                new DocumentSection(T("收货方", "Deliver to"),
                [
                    new DocumentField(T("客户", "Customer"), s.CustomerName),
                    new DocumentField(T("送货地址", "Delivery address"), s.Address),
                    new DocumentField(T("出货日期", "Shipped on"), shipment is null ? "—" : shipment.ShippedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    new DocumentField(T("承运人或车牌号", "Carrier or vehicle"), shipment?.Carrier ?? "—"),
                ]),
                new DocumentSection(
                    T("货物", "Goods"),
                    [],
                    new DocumentTable(
                        [T("产品", "Product"), T("规格", "Specification"), T("数量", "Quantity"), T("我方单号", "Our reference")],
                        [[s.Product, s.Specification, (shipment?.Quantity ?? s.Quantity).ToString("N0", CultureInfo.InvariantCulture), s.NoticeId]])),
            ],
            [],
            [T("收货人签收", "Received in good order by"), T("收货日期", "Date received"), T("实收数量", "Quantity received")],
            T("签收", "Signatures"));
    }

    /// <summary>A customer's document: its title, the form's number and reference, its sections and signatures, in <paramref name="language"/>.</summary>
    /// <param name="signaturesTitle">The signature block's heading, when not "签署 / Signatures".</param>
    private FormDocument CustomerCopy(string kind, string prefix, string id, string titleZh, string titleEn, DocumentLanguage language, IReadOnlyList<DocumentSection> sections, IReadOnlyList<SignatureLine> signatures, IReadOnlyList<string> blanks, string? signaturesTitle = null)
    {
        string T(string zh, string en) => Say(language, zh, en);
        return new FormDocument(
            T(titleZh, titleEn),
            id,
            options.Value.Reference(kind, prefix),
            DocumentAudience.Customer,
            sections,
            signatures,
            blanks,
            Footnote(T(titleZh, titleEn), language == DocumentLanguage.English ? Language.English : Language.Chinese),
            signaturesTitle ?? T("签署", "Signatures"),
            [T("岗位", "Position"), T("姓名", "Name"), T("决定", "Decision"), T("日期时间", "Date and time")]);
    }

    private string Footnote(string what, Language l) => Footnote(what, l, time.GetUtcNow());

    private static string Footnote(string what, Language l, DateTimeOffset now) =>
        l.Pick($"{what} · 明新客服助手生成于 {When(now)}", $"{what} · made by MingXin customer service on {When(now)}");

    /// <summary>A moment in factory time, with the offset stated once on the line.</summary>
    private static string When(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, BusinessCalendar.FactoryZone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC" + local.ToString("zzz", CultureInfo.InvariantCulture) + ")";
    }

    private static string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, BusinessCalendar.FactoryZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Say(DocumentLanguage language, string zh, string en) => language switch
    {
        DocumentLanguage.Chinese => zh,
        DocumentLanguage.English => en,
        _ => $"{zh} {en}",
    };

    /// <summary>A configured term, "中文 | English", in the document's language.</summary>
    private static string Term(string term, DocumentLanguage language)
    {
        var bar = term.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? term.Trim() : Say(language, term[..bar].Trim(), term[(bar + 1)..].Trim());
    }
}
