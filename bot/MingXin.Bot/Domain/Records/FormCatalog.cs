namespace MingXin.Bot.Domain.Records;

/// <summary>
/// One form of the procedure as the company names it: the kind stored on its record, its number
/// prefix, its paper form's name (and the forms kept inside the same record, e.g. the Cost Calculation
/// Sheet inside the Quotation), the words people search it by, and the clause of MX-QM-03 it serves.
/// </summary>
public sealed record FormName(string Kind, string Prefix, string Chinese, string English, IReadOnlyList<(string Chinese, string English)> Parts, IReadOnlyList<string> Aliases, string Clause = "")
{
    public string Name(Language l) => l == Language.Chinese ? Chinese : English;

    /// <summary>The company's name first, then the English: <c>报价单 Quotation</c>.</summary>
    public string Bilingual => $"{Chinese} {English}";

    /// <summary>The paper forms the record holds, in the company's words, e.g. <c>报价单 / 成本核算表 / 合同评审表</c>.</summary>
    public string AllNames(Language l) => string.Join(" / ", new[] { Name(l) }.Concat(Parts.Select(p => l == Language.Chinese ? p.Chinese : p.English)));
}

/// <summary>Every form of MX-QM-03 in one place: find any of them by its kind, number prefix or name.</summary>
public static class FormCatalog
{
    public static IReadOnlyList<FormName> All { get; } =
    [
        new("Quotation", "QT", "报价单", "Quotation", [("成本核算表", "Cost Calculation Sheet"), ("合同评审表", "Contract Review Form")], ["quotation", "quote", "报价", "报价单", "costsheet", "cost", "成本核算表", "成本", "contractreview", "review", "合同评审表", "合同评审"], "4.1.3–4.1.4"),
        new("SampleOrder", "SP", "样品制作单", "Sample Production Order", [("样品签收单", "Sample Receipt")], ["sample", "samples", "样品", "样品制作单", "样品签收单", "samplereceipt"], "4.1.5–4.1.6"),
        new("SalesOrderReview", "SO", "订单评审", "Sales-order review", [], ["order", "orderreview", "订单", "订单评审"], "4.1.7"),
        new("ProductionNotice", "PN", "生产通知单", "Production Notice", [("内部联络单", "Internal Contact Form"), ("生产传票", "Production Ticket")], ["notice", "productionnotice", "生产通知单", "通知单", "internalcontact", "内部联络单", "联络单", "生产传票"], "4.1.8–4.1.9, 4.2.2–4.2.3"),
        new("OrderAmendment", "OA", "订单修正通知单", "Order Amendment Notice", [], ["amendment", "amend", "订单修正", "订单修正通知单", "修正"], "4.1.10"),
        new("MaterialIssue", "MI", "物料异常通知", "Material issue", [], ["material", "materialissue", "物料", "物料异常", "物料异常通知"], "4.2.1, 4.2.3"),
        new("Complaint", "CC", "顾客投诉登记表", "Customer Complaint Register", [("顾客不满意/投诉改善措施表", "Corrective Action Form")], ["complaint", "complaints", "投诉", "客诉", "顾客投诉登记表", "correctiveaction", "corrective", "改善措施表", "改善措施", "顾客不满意/投诉改善措施表"], "4.3"),
        new("CustomerProperty", "CP", "客供品登记表", "Customer Property Register", [], ["property", "customerproperty", "客供品", "客供料", "客供品登记表"], "4.4 (3.3; ISO 9001 8.5.3)"),
        new("SatisfactionSurvey", "SV", "顾客满意度调查表", "Customer Satisfaction Survey", [], ["survey", "surveys", "satisfaction", "满意度", "满意度调查", "顾客满意度调查表"], "4.5 (3.2; ISO 9001 9.1.2)"),
        new("InternalApproval", "IA", "内部审批单", "Internal Approval", [], ["approval", "request", "内部审批", "内部审批单", "申请"], "3.1"),
        new("WeeklySummary", "WS", "每周客户服务摘要", "Weekly summary", [], ["weekly", "summary", "weeklysummary", "周报", "每周摘要"], "4.5 (ISO 9001 9.1.3)"),
    ];

    public static FormName? ByKind(string kind) => All.FirstOrDefault(f => f.Kind == kind);

    public static FormName? ByPrefix(string prefix) => All.FirstOrDefault(f => f.Prefix == prefix);

    /// <summary>The form a user named (kind, prefix, Chinese or English name, any of its parts), ignoring case, spaces and dashes.</summary>
    public static bool TryParse(string? text, out FormName form)
    {
        var key = Key(text);
        form = All.FirstOrDefault(f => f.Aliases.Any(a => Key(a) == key) || Key(f.Kind) == key || Key(f.Prefix) == key || Key(f.English) == key)!;
        return key.Length > 0 && form is not null;
    }

    private static string Key(string? text) =>
        new((text ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c is not '-' and not '_').Select(char.ToLowerInvariant).ToArray());
}
