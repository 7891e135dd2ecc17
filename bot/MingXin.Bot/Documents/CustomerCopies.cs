using System.Globalization;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Documents;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Samples;
using MingXin.Bot.Domain.Surveys;

namespace MingXin.Bot.Documents;

/// <summary>
/// The customer's copies of the forms that go to customers besides the quotation and the delivery note:
/// the Sample Receipt 样品签收单 for the customer's receiver to sign (4.1.6), the Order Confirmation (the six
/// points checked and confirmed, 4.1.7 — no image of a seal), the answer to a complaint with its corrective
/// action (problem, containment, root cause, actions, verification), and a blank Satisfaction Survey.
/// </summary>
public sealed partial class FormDocuments
{
    private FormDocument SampleReceipt(SampleOrderState s, DocumentLanguage language)
    {
        string T(string zh, string en) => Say(language, zh, en);
        var check = s.Checks.LastOrDefault();
        return CustomerCopy(
            SampleOrder.Kind,
            SampleOrder.Prefix,
            s.Id,
            "样品签收单",
            "Sample Receipt",
            language,
            [
                new DocumentSection(T("样品", "Samples"),
                [
                    new DocumentField(T("客户", "Customer"), s.CustomerName),
                    new DocumentField(T("产品", "Product"), s.Product),
                    new DocumentField(T("数量", "Quantity"), s.Quantity.ToString("N0", CultureInfo.InvariantCulture)),
                    new DocumentField(T("要求", "Requirements"), s.Requirements ?? "—"),
                    new DocumentField(T("报价单", "Quotation"), s.QuotationId),
                    new DocumentField(T("品管检验", "QC inspection"), check is { Ok: true } ? T("合格", "Passed") + " · " + Day(check.At) : "—"),
                ]),
            ],
            [],
            s.Delivery is { } d
                ? [T($"客户签收人：{d.RecipientName}", $"Received by: {d.RecipientName}"), T($"签收日期：{d.ReceivedOn:yyyy-MM-dd}", $"Date received: {d.ReceivedOn:yyyy-MM-dd}"), T("客户意见", "Customer's remarks")]
                : [T("客户签收人", "Received by"), T("签收日期", "Date received"), T("客户意见", "Customer's remarks")]);
    }

    private FormDocument? OrderConfirmation(SalesOrderReviewState s, DocumentLanguage language)
    {
        if (s.Status != OrderReviewStatus.Passed)
        {
            return null; // only an order whose six points are all confirmed goes back to the customer
        }

        string T(string zh, string en) => Say(language, zh, en);
        string Point(OrderPoint p) => p switch
        {
            OrderPoint.Name => T("品名", "Name"),
            OrderPoint.Specification => T("规格", "Specification"),
            OrderPoint.Quantity => T("数量", "Quantity"),
            OrderPoint.Price => T("价格", "Price"),
            OrderPoint.Quality => T("品质要求", "Quality requirements"),
            _ => T("交期", "Delivery date"),
        };
        var confirmedAt = s.History.LastOrDefault()?.At ?? s.CreatedAt;
        return CustomerCopy(
            SalesOrderReview.Kind,
            SalesOrderReview.Prefix,
            s.Id,
            "订单确认",
            "Order Confirmation",
            language,
            [
                new DocumentSection(T("订单", "Order"),
                [
                    new DocumentField(T("客户", "Customer"), s.Quoted.CustomerName),
                    new DocumentField(T("客户订单号", "Your order"), s.Order.CustomerOrderNumber),
                    new DocumentField(T("报价单", "Quotation"), s.Quoted.QuotationId),
                ]),
                new DocumentSection(
                    T("六项已核对确认", "Six points reviewed and confirmed"),
                    [],
                    new DocumentTable([T("项目", "Point"), T("订单", "Ordered"), T("结果", "Result")], s.Points.Select(p => (IReadOnlyList<string>)[Point(p.Point), p.Ordered, T("已确认", "Confirmed")]).ToList())),
            ],
            [new SignatureLine(T("业务员", "Salesperson"), s.Originator.Name, T("已核对确认", "Reviewed and confirmed"), When(confirmedAt))],
            [T("客户回签", "Acknowledged by the customer"), T("日期", "Date")]);
    }

    private FormDocument CorrectiveActionReport(ComplaintState s, DocumentLanguage language)
    {
        string T(string zh, string en) => Say(language, zh, en);
        var l = language == DocumentLanguage.English ? Domain.Language.English : Domain.Language.Chinese;
        var analysis = s.Analyses.LastOrDefault();
        var round = s.Reopened + 1;
        var actions = s.Actions.Where(a => a.Round == round).ToList();
        var verification = s.Verifications.LastOrDefault(v => v.Round == round);
        return CustomerCopy(
            Complaint.Kind,
            Complaint.Prefix,
            s.Id,
            "投诉回复及改善报告",
            "Complaint Reply and Corrective Action Report",
            language,
            [
                new DocumentSection(T("问题", "Problem"),
                [
                    new DocumentField(T("客户", "Customer"), s.Details.CustomerName),
                    new DocumentField(T("收到日期", "Received on"), s.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    new DocumentField(T("订单或产品", "Order or product"), string.Join(" · ", new[] { s.Details.CustomerOrder, s.Details.Reference, s.Details.Product }.Where(x => !string.IsNullOrWhiteSpace(x)))),
                    new DocumentField(T("问题描述", "Description"), s.Details.Description),
                    new DocumentField(T("数量", "Quantity affected"), s.Details.QuantityAffected == 0 ? "—" : s.Details.QuantityAffected.ToString("N0", CultureInfo.InvariantCulture)),
                ]),
                new DocumentSection(T("原因与围堵", "Containment and root cause"),
                [
                    new DocumentField(T("围堵措施", "Containment"), s.Containment ?? analysis?.Containment ?? "—"),
                    new DocumentField(T("原因分析", "Why it happened"), analysis is null ? "—" : string.Join(" → ", analysis.Whys)),
                    new DocumentField(T("根本原因", "Root cause"), analysis is null ? "—" : $"{analysis.RootCause} ({analysis.Category.Name(l)})"),
                ]),
                new DocumentSection(
                    T("纠正与预防措施", "Corrective and preventive actions"),
                    [],
                    new DocumentTable(
                        [T("措施", "Action"), T("负责", "Owner"), T("期限", "Due"), T("完成", "Done")],
                        actions.Select(a => (IReadOnlyList<string>)[(a.Kind == ActionKind.Corrective ? T("纠正：", "Corrective: ") : T("预防：", "Preventive: ")) + a.Text, a.Owner.Name(l), a.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.Done is { } d ? Day(d.At) : "—"]).ToList())),
                new DocumentSection(T("效果验证", "Verification"),
                [
                    new DocumentField(T("结论", "Result"), verification is null ? T("验证中", "Being verified") : verification.Effective ? T("有效", "Effective") : T("无效，重新分析", "Not effective; analysed again")),
                    new DocumentField(T("回复客户", "Our reply"), s.Reply?.Content ?? "—"),
                ]),
            ],
            verification is null ? [] : [new SignatureLine(T("品管", "Quality control"), verification.By.Name, verification.Effective ? T("验证有效", "Verified effective") : T("验证无效", "Not effective"), When(verification.At))],
            [T("客户确认", "Acknowledged by the customer"), T("日期", "Date")]);
    }

    private FormDocument BlankSurvey(SurveyState s, DocumentLanguage language)
    {
        string T(string zh, string en) => Say(language, zh, en);
        var l = language == DocumentLanguage.English ? Domain.Language.English : Domain.Language.Chinese;
        return CustomerCopy(
            SatisfactionSurvey.Kind,
            SatisfactionSurvey.Prefix,
            s.Id,
            "顾客满意度调查表",
            "Customer Satisfaction Survey",
            language,
            [
                new DocumentSection(T("调查", "Survey"),
                [
                    new DocumentField(T("客户", "Customer"), s.CustomerName),
                    new DocumentField(T("调查期间", "Period"), s.Period),
                ]),
                new DocumentSection(
                    T("请在 1（很不满意）到 5（很满意）中打勾", "Please tick 1 (very dissatisfied) to 5 (very satisfied)"),
                    [],
                    new DocumentTable([T("项目", "Aspect"), "1", "2", "3", "4", "5"], Enum.GetValues<SurveyAspect>().Select(a => (IReadOnlyList<string>)[SurveyScores.Name(a, l), "□", "□", "□", "□", "□"]).ToList())),
                new DocumentSection(T("意见和建议", "Comments and suggestions"), [new DocumentField(T("意见", "Comments"), "\n\n\n")]),
            ],
            [],
            [T("填表人", "Filled in by"), T("职务", "Position"), T("日期", "Date")]);
    }
}
