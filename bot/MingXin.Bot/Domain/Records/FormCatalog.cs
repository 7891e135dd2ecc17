namespace MingXin.Bot.Domain.Records;

/// <summary>
/// One form of the procedure as the company names it: the kind stored on its record, its number
/// prefix, its paper form's name (and the forms kept inside the same record, e.g. the Cost Calculation
/// Sheet inside the Quotation), the words people search it by, and the clause of MX-QM-03 it serves.
/// </summary>
public sealed record FormName(string Kind, string Prefix, string Chinese, string English, IReadOnlyList<(string Chinese, string English)> Parts, IReadOnlyList<string> Aliases, string Clause = "", FormCommand? Command = null)
{
    public string Name(Language l) => l == Language.Chinese ? Chinese : English;

    /// <summary>The company's name first, then the English: <c>报价单 Quotation</c>.</summary>
    public string Bilingual => $"{Chinese} {English}";

    /// <summary>The paper forms the record holds, in the company's words, e.g. <c>报价单 / 成本核算表 / 合同评审表</c>.</summary>
    public string AllNames(Language l) => string.Join(" / ", new[] { Name(l) }.Concat(Parts.Select(p => l == Language.Chinese ? p.Chinese : p.English)));
}

/// <summary>
/// How a form is started from chat and what the help card says of it: the words that start it
/// (followed by the number of the form it follows, or a customer), and the help line in both languages.
/// <paramref name="StartsForm"/> false: the words are handled elsewhere (a complaint is a conversation).
/// </summary>
public sealed record FormCommand(IReadOnlyList<string> Words, string UsageZh, string UsageEn, string WhatZh, string WhatEn, bool StartsForm = true);

/// <summary>
/// Every form of MX-QM-03 in one place: find any of them by its kind, number prefix or name. A form on a
/// step table declares its own name, clause and chat command beside its steps; this list registers it.
/// </summary>
public static class FormCatalog
{
    public static IReadOnlyList<FormName> All { get; } =
    [
        new("Quotation", "QT", "报价单", "Quotation", [("成本核算表", "Cost Calculation Sheet"), ("合同评审表", "Contract Review Form")], ["quotation", "quote", "报价", "报价单", "costsheet", "cost", "成本核算表", "成本", "contractreview", "review", "合同评审表", "合同评审"], "4.1.3–4.1.4", new FormCommand(["quote", "quotation", "报价", "报价单", "新报价"], "报价 / quote", "quote / 报价", "新报价单与成本核算表：一般新单/返单直接送总经理；新工艺/特殊要求先合同评审（业务员、业务经理）", "New quotation with its cost sheet: ordinary orders go straight to the GM; new processes or special requirements get a contract review first (sales only)", StartsForm: false)),
        Samples.SampleOrderSteps.Form,
        Orders.SalesOrderReviewSteps.Form,
        Orders.ProductionNoticeSteps.Form,
        Orders.InternalContactSteps.Form,
        Orders.OrderAmendmentSteps.Form,
        Orders.MaterialIssueSteps.Form,
        Complaints.ComplaintSteps.Form,
        Property.CustomerPropertySteps.Form,
        Shipments.DeliveryNoteSteps.Form,
        Returns.CustomerReturnSteps.Form,
        Surveys.SatisfactionSurveySteps.Form,
        new("InternalApproval", "IA", "内部审批单", "Internal Approval", [], ["approval", "request", "内部审批", "内部审批单", "申请"], "3.1", new FormCommand(["request", "申请"], "申请 <标题> | <说明> / request", "request <title> | <details> / 申请", "发起内部审批单：生产、品管、物控会签后总经理批准", "Start an Internal Approval: joint review by Production, QC and Materials Control, then the general manager", StartsForm: false)),
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
