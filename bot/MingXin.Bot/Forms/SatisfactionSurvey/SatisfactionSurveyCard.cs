using MingXin.Bot.Domain.Quotations;
using System.Globalization;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Surveys;
using MingXin.Bot.Presentation;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>What the Survey form shows: its cards and their texts, in both languages.</summary>
public sealed partial class SurveyRunner
{
    protected override FormCard NewFormCard(object parent, Language l, string draft, IReadOnlyDictionary<string, string> typed)
    {
        var p = (SurveyParent)parent;
        string V(string key) => QuotationInput.Get(typed, key);
        return new FormCard(
            string.Empty,
            0,
            SatisfactionSurvey.Name(l),
            CardText.Escape(p.Customer.Label, 120),
            l.Pick($"发给客户填写；收回后在卡片上录入五项评分（1–5）。低于 {Threshold} 分自动开出改善措施表。", $"Send it to the customer; when it comes back, enter the five scores (1–5) on the card. A score below {Threshold} opens a corrective action."),
            "Accent",
            [(l.Pick("客户", "Customer"), CardText.Escape(p.Customer.Name, 100))],
            [Trend(p.Earlier, l)],
            [],
            h => h.Action,
            [new FormPanel(
                l.Pick("发出满意度调查", "Send the satisfaction survey"),
                [
                    new FormInput("period", l.Pick("调查期间", "Period"), InputKind.Choice, V("period") is { Length: > 0 } period ? period : p.Periods[0], p.Periods.Select(x => (x, x)).ToList()),
                    new FormInput("respondent", l.Pick("客户填表人", "Who answers at the customer"), InputKind.Text, V("respondent"), MaxLength: SatisfactionSurvey.MaxNameLength),
                    new FormInput("via", l.Pick("方式", "How"), InputKind.Choice, V("via") is { Length: > 0 } via ? via : nameof(ContactChannel.Email), FormCardView.ViaChoices(l)),
                ],
                [new FormButton(SurveyVerbs.Start, l.Pick("发出调查", "Send the survey"))])],
            Draft: draft,
            Parent: p.Customer.Name);
    }

    protected override FormCard Card(SatisfactionSurvey form, Language l, IReadOnlySet<string> verbs, IReadOnlyDictionary<string, string> typed)
    {
        var s = form.State;
        string V(string key) => QuotationInput.Get(typed, key);
        var facts = new List<(string, string)>
        {
            (l.Pick("客户", "Customer"), CardText.Escape(s.CustomerName, 100)),
            (l.Pick("调查期间", "Period"), s.Period),
            (l.Pick("客户填表人", "Respondent"), CardText.Escape(s.Respondent, 100)),
            (l.Pick("方式", "How"), FormCardView.Via(s.Via, l)),
            (l.Pick("业务员", "Salesperson"), CardText.Escape(s.Originator.Name, 80)),
        };
        var sections = new List<FormSection>();
        if (s.Scores is { } scores)
        {
            facts.Add((l.Pick("回复日期", "Answered on"), s.AnsweredOn is { } on ? FormCardView.Date(on) : "—"));
            facts.Add((l.Pick("平均分", "Average"), scores.Average.ToString("0.0", CultureInfo.InvariantCulture)));
            sections.Add(new FormSection(
                l.Pick("评分（1–5）", "Scores (1–5)"),
                Enum.GetValues<SurveyAspect>().Select(a => $"{(scores[a] < s.Threshold ? "❗" : "✅")} {SurveyScores.Name(a, l)}: {scores[a]}").Append(l.Pick("意见：", "Comments: ") + CardText.Escape(s.Comments ?? "—", 1000)).ToList()));
            if (s.BelowThreshold.Count > 0)
            {
                sections.Add(new FormSection(
                    l.Pick("改善措施", "Corrective action"),
                    [s.CorrectiveAction is { } ca
                        ? l.Pick($"低于 {s.Threshold} 分，已开出改善措施表 {ca}（品管部）。", $"Below {s.Threshold}: corrective action {ca} opened for QC.")
                        : l.Pick($"低于 {s.Threshold} 分，正在开出改善措施表……", $"Below {s.Threshold}: a corrective action is being opened …")]));
            }
        }

        var panels = new List<FormPanel>();
        if (verbs.Contains(SurveyVerbs.Answers))
        {
            var choices = Enumerable.Range(SurveyScores.Min, SurveyScores.Max).Reverse().Select(i => (ScoreName(i, l), i.ToString(CultureInfo.InvariantCulture))).ToList();
            var inputs = Enum.GetValues<SurveyAspect>().Select(a => new FormInput(SatisfactionSurveySteps.Field(a), SurveyScores.Name(a, l), InputKind.Choice, V(SatisfactionSurveySteps.Field(a)), choices)).ToList();
            inputs.Add(new FormInput("answeredOn", l.Pick("客户回复日期", "Date the customer answered"), InputKind.Date, V("answeredOn") is { Length: > 0 } d ? d : FormCardView.Date(FactoryToday(Services.Time.GetUtcNow()))));
            inputs.Add(new FormInput("comments", l.Pick("客户意见（可选）", "Customer's comments (optional)"), InputKind.MultilineText, V("comments")));
            panels.Add(new FormPanel(l.Pick("录入客户的评分", "Enter the customer's scores"), inputs, [new FormButton(SurveyVerbs.Answers, l.Pick("保存评分", "Save the scores"))]));
        }

        return new FormCard(
            s.Id,
            s.Version,
            $"{SatisfactionSurvey.Name(l)} {s.Id}",
            $"{CardText.Escape(s.CustomerName, 100)} · {s.Period}",
            s.Status switch
            {
                SurveyStatus.AwaitingAnswers => l.Pick("已发出，待客户回复", "Sent; waiting for the customer's answers"),
                SurveyStatus.Completed when s.BelowThreshold.Count > 0 => l.Pick("已完成：有低于标准的评分", "Completed: some scores are below the threshold"),
                SurveyStatus.Completed => l.Pick("已完成", "Completed"),
                _ => l.Pick("已取消：", "Cancelled: ") + CardText.Escape(s.CancelReason, 200),
            },
            s.Status == SurveyStatus.Completed ? (s.BelowThreshold.Count > 0 ? "Warning" : "Good") : s.Status == SurveyStatus.Cancelled ? "Attention" : "Accent",
            facts,
            sections,
            s.History,
            h => Describe(h, l),
            panels,
            CancelVerb: verbs.Contains(SurveyVerbs.Cancel) ? SurveyVerbs.Cancel : null);
    }

    protected override string FieldName(string field, Language l) => field switch
    {
        "period" => l.Pick("调查期间", "Period"),
        "respondent" => l.Pick("客户填表人", "Who answers at the customer"),
        "via" => l.Pick("方式", "How"),
        "answeredOn" => l.Pick("客户回复日期", "Date the customer answered"),
        "comments" => l.Pick("客户意见", "Comments"),
        _ when Enum.TryParse<SurveyAspect>(field, out var a) => SurveyScores.Name(a, l),
        _ => field,
    };

    protected override string Done(FormEvent e, Language l) => e.Action switch
    {
        SurveyEvents.Sent => l.Pick("满意度调查已发出；客户回复后请在卡片上录入评分。", "Survey sent; enter the scores on the card when the customer answers."),
        SurveyEvents.Answered when e.Detail?.GetValueOrDefault("below") is { Length: > 0 } => l.Pick("评分已保存；有低于标准的评分，改善措施表随即开出。", "Scores saved; some are below the threshold, so a corrective action is being opened."),
        SurveyEvents.Answered => l.Pick("评分已保存。", "Scores saved."),
        SurveyEvents.Cancelled => l.Pick("调查已取消。", "The survey is cancelled."),
        _ => l.Pick("已完成。", "Done."),
    };

    protected override string HistoryText(HistoryEntry h, Language l) => (h.Action switch
    {
        SurveyEvents.Sent => l.Pick("发出调查", "sent the survey"),
        SurveyEvents.Answered => l.Pick("录入评分", "entered the scores"),
        SurveyEvents.CorrectiveActionOpened => l.Pick("开出改善措施表", "opened the corrective action"),
        SurveyEvents.Cancelled => l.Pick("取消", "cancelled"),
        _ => h.Action,
    }) + (string.IsNullOrWhiteSpace(h.Comment) ? string.Empty : l.Pick("：", ": ") + CardText.Escape(h.Comment, 300));

    /// <summary>The customer's earlier surveys, oldest first: period, average and each score.</summary>
    private static FormSection Trend(IReadOnlyList<RecordSummary> earlier, Language l) => new(
        l.Pick("以往调查（趋势）", "Earlier surveys (trend)"),
        earlier.Count == 0
            ? [l.Pick("还没有调查记录。", "No survey yet.")]
            : earlier.OrderBy(r => r.Period, StringComparer.Ordinal).Select(r => $"{r.Period} · {r.Id} · {l.Pick("平均", "average")} {r.Scores!.Values.Average().ToString("0.0", CultureInfo.InvariantCulture)} · "
                + string.Join(" ", Enum.GetValues<SurveyAspect>().Select(a => $"{SurveyScores.Name(a, l)} {r.Scores!.GetValueOrDefault(SatisfactionSurveySteps.Field(a))}"))).ToList());

    /// <summary>The card input (and stored score) of an aspect: <c>quality</c>, <c>delivery</c> …</summary>
    private static string ScoreName(int score, Language l) => score switch
    {
        5 => l.Pick("5 非常满意", "5 very satisfied"),
        4 => l.Pick("4 满意", "4 satisfied"),
        3 => l.Pick("3 一般", "3 neutral"),
        2 => l.Pick("2 不满意", "2 dissatisfied"),
        _ => l.Pick("1 非常不满意", "1 very dissatisfied"),
    };
}
