using System.Globalization;
using System.Text.Json.Serialization;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Domain.Surveys;

/// <summary>The card verbs of the satisfaction survey, each written here once.</summary>
public static class SurveyVerbs
{
    public const string Prefix = "sv-";
    public const string Start = "sv-start";
    public const string Answers = "sv-answers";
    public const string Cancel = "sv-cancel";
}

/// <summary>What happens to a survey, as its audit rows name it (stored: never rename one).</summary>
public static class SurveyEvents
{
    public const string Sent = "sent";
    public const string Answered = "answered";
    public const string CorrectiveActionOpened = "corrective-action-opened";
    public const string Cancelled = FormEvents.Cancelled;
}

/// <summary>
/// A survey scored below the threshold: a corrective action is to be opened for it (once). Sent by the
/// survey, applied by the complaint's corrective action.
/// </summary>
public sealed record SurveyScoredLow(string SurveyId) : IFormChange
{
    /// <summary>Stored on outbox rows: never rename.</summary>
    public const string Name = "survey-corrective-action";

    [JsonIgnore]
    public string ChangeName => Name;
}

/// <summary>
/// The Customer Satisfaction Survey 顾客满意度调查表 (MX-QM-03 3.2, ISO 9001 9.1.2), step by step: Sales
/// sends it and records the customer's five scores; a score below the threshold opens a corrective
/// action, whose number the survey then records.
/// </summary>
public static class SatisfactionSurveySteps
{
    /// <summary>The form as the company names it, the clause it serves, how it is started from chat.</summary>
    public static FormName Form { get; } = new FormName("SatisfactionSurvey", "SV", "顾客满意度调查表", "Customer Satisfaction Survey", [], ["survey", "surveys", "satisfaction", "满意度", "满意度调查", "顾客满意度调查表"], "4.5 (3.2; ISO 9001 9.1.2)", new FormCommand(["survey", "满意度", "满意度调查", "顾客满意度调查"], "满意度 <客户> / survey", "survey <customer> / 满意度", "顾客满意度调查表：发出、录入五项评分；低于标准自动开改善措施表；卡片上有该客户的趋势", "Customer Satisfaction Survey: send it, enter the five scores; a low score opens a corrective action; the card shows the customer's trend"));

    /// <param name="threshold">The score below which a corrective action opens (configuration).</param>
    public static StepTable<SatisfactionSurvey, SurveyStatus> Build(Func<int> threshold) =>
        new StepTable<SatisfactionSurvey, SurveyStatus>(SurveyStatus.AwaitingAnswers, SurveyStatus.Cancelled, f => f.Status, (f, a) => f.IsOriginator(a))
            .PostAtStartTo(Department.Sales)
            .In(SurveyStatus.AwaitingAnswers)
                .WhenOriginator(SurveyVerbs.Answers).AlsoBy(Positions.In(Department.Sales))
                .Then((f, c) => f.RecordAnswers(
                    c.Actor,
                    Enum.GetValues<SurveyAspect>().ToDictionary(a => a, a => int.TryParse(c.Values.Text(Field(a)), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? (int?)v : null),
                    c.Values.Text("comments"),
                    c.Values.Date("answeredOn"),
                    threshold(),
                    c.Today,
                    c.Now))
                .TransitionTo(SurveyStatus.Completed)
            .Table
            .Cancellable(SurveyVerbs.Cancel, f => f.IsOpen, (f, a, reason, at) => f.Cancel(a, reason, at))
            .On(SurveyEvents.Answered, "opens a Corrective Action Form 改善措施表 when a score is below the threshold", (f, _) =>
                f.State.BelowThreshold.Count > 0 ? [new FormEffect.Change(new SurveyScoredLow(f.Id))] : []);

    /// <summary>The card input of a score.</summary>
    public static string Field(SurveyAspect a) => char.ToLowerInvariant(a.ToString()[0]) + a.ToString()[1..];
}
