using System.Globalization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Surveys;

public enum SurveyStatus
{
    /// <summary>Sent to the customer; Sales records the answers when they come back.</summary>
    AwaitingAnswers,
    Completed,
    Cancelled,
}

/// <summary>What the customer scores, 1 (poor) to 5 (excellent).</summary>
public enum SurveyAspect
{
    Quality,
    Delivery,
    Service,
    Price,
    Communication,
}

/// <summary>The five scores of one survey.</summary>
public sealed record SurveyScores(int Quality, int Delivery, int Service, int Price, int Communication)
{
    public const int Min = 1;
    public const int Max = 5;

    public int this[SurveyAspect aspect] => aspect switch
    {
        SurveyAspect.Quality => Quality,
        SurveyAspect.Delivery => Delivery,
        SurveyAspect.Service => Service,
        SurveyAspect.Price => Price,
        _ => Communication,
    };

    public double Average => Enum.GetValues<SurveyAspect>().Average(a => this[a]);

    /// <summary>The aspects scored below <paramref name="threshold"/>.</summary>
    public IReadOnlyList<SurveyAspect> Below(int threshold) => Enum.GetValues<SurveyAspect>().Where(a => this[a] < threshold).ToList();

    public static string Name(SurveyAspect aspect, Language l) => aspect switch
    {
        SurveyAspect.Quality => l.Say("品质", "Quality"),
        SurveyAspect.Delivery => l.Say("交期", "Delivery"),
        SurveyAspect.Service => l.Say("服务", "Service"),
        SurveyAspect.Price => l.Say("价格", "Price"),
        _ => l.Say("沟通", "Communication"),
    };
}

/// <summary>
/// Survey periods: a year cut into equal parts of 1, 2, 3, 4, 6 or 12 months, named the way people say
/// them: <c>2026</c>, <c>2026-H2</c>, <c>2026-Q4</c>, <c>2026-11</c>, <c>2026-P6</c> (two- and four-month parts).
/// </summary>
public static class SurveyPeriods
{
    public static readonly int[] AllowedMonths = [1, 2, 3, 4, 6, 12];

    public static bool IsAllowed(int months) => AllowedMonths.Contains(months);

    public static string Of(DateOnly day, int months)
    {
        var part = ((day.Month - 1) / months) + 1;
        return months switch
        {
            12 => day.Year.ToString(CultureInfo.InvariantCulture),
            6 => $"{day.Year}-H{part}",
            3 => $"{day.Year}-Q{part}",
            1 => $"{day.Year}-{part:D2}",
            _ => $"{day.Year}-P{part}",
        };
    }

    /// <summary>The first day of the period <paramref name="day"/> falls in.</summary>
    public static DateOnly Start(DateOnly day, int months) => new(day.Year, (((day.Month - 1) / months) * months) + 1, 1);

    /// <summary>The periods a survey made on <paramref name="today"/> may be for: this one and the one before (surveys often follow a period's end).</summary>
    public static IReadOnlyList<string> Choosable(DateOnly today, int months) => [Of(today, months), Of(Start(today, months).AddMonths(-months), months)];
}

public sealed class SurveyState : FormState
{
    public string CustomerId { get; set; } = string.Empty;

    public string CustomerName { get; set; } = string.Empty;

    public string Period { get; set; } = string.Empty;

    /// <summary>Who fills the survey in at the customer.</summary>
    public string Respondent { get; set; } = string.Empty;

    public ContactChannel Via { get; set; }

    public SurveyStatus Status { get; set; }

    public SurveyScores? Scores { get; set; }

    public string? Comments { get; set; }

    public DateOnly? AnsweredOn { get; set; }

    /// <summary>The threshold in force when the answers were recorded: a score below it opened a corrective action.</summary>
    public int? Threshold { get; set; }

    public List<SurveyAspect> BelowThreshold { get; set; } = [];

    /// <summary>The Corrective Action Form 顾客不满意/投诉改善措施表 a low score opened.</summary>
    public string? CorrectiveAction { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>
/// Customer Satisfaction Survey 顾客满意度调查表 (ISO 9001 9.1.2, MX-QM-03 §3.2): Sales sends it to a
/// customer for a period, then records the five scores (1–5) and the comments. A score below the
/// threshold opens a Customer Dissatisfaction / Complaint Corrective Action Form for QC — the
/// dissatisfaction the form is named for. One survey per customer and period.
/// </summary>
public sealed class SatisfactionSurvey(SurveyState state) : StepForm<SurveyState>(state)
{
    public const string Kind = "SatisfactionSurvey";
    public const string Prefix = "SV";
    public const int MaxNameLength = 100;

    public SurveyStatus Status => State.Status;

    public override bool IsOpen => Status == SurveyStatus.AwaitingAnswers;

    public override string StatusName => Status.ToString();

    public static string Name(Language l) => l.Say("顾客满意度调查表", "Customer Satisfaction Survey");

    public static bool IsSales(Actor actor) => actor.Positions.Any(p => p.HomeDepartment() == Department.Sales);

    protected override void MarkCancelled()
    {
        State.Status = SurveyStatus.Cancelled;
        State.ClosedAt = State.History.LastOrDefault()?.At;
    }

    /// <summary>Sales sends the survey to a customer of the register, for one of the periods it may be for.</summary>
    public static (SatisfactionSurvey? Survey, FormOutcome Outcome) Start(string id, string customerId, string customerName, string? period, IReadOnlyList<string> periods, string? respondent, ContactChannel via, Actor actor, DateTimeOffset at)
    {
        if (!IsSales(actor))
        {
            return (null, Refuse(FormRefusal.NotYourTurn));
        }

        var problems = new List<FieldProblem>();
        if (period is null || !periods.Contains(period))
        {
            problems.Add(new FieldProblem("period", ProblemKind.Unknown));
        }

        CheckField(problems, "respondent", respondent, required: true, MaxNameLength);

        if (!Enum.IsDefined(via))
        {
            problems.Add(new FieldProblem("via", ProblemKind.Unknown));
        }

        if (problems.Count > 0)
        {
            return (null, Invalid([.. problems]));
        }

        var survey = new SatisfactionSurvey(new SurveyState
        {
            Id = id,
            Originator = actor.Person,
            CreatedAt = at,
            Version = 1,
            CustomerId = customerId,
            CustomerName = customerName,
            Period = period!,
            Respondent = respondent!.Trim(),
            Via = via,
            Status = SurveyStatus.AwaitingAnswers,
        });
        var e = new FormEvent(actor.Person, at, SurveyEvents.Sent, $"{customerName} · {period}", survey.StatusName, new Dictionary<string, string> { ["customer"] = customerId, ["period"] = period! });
        survey.Record([e]);
        return (survey, new FormOutcome.Accepted([e]));
    }

    /// <summary>Sales records the customer's answers; scores below <paramref name="threshold"/> are named on the event (the workflow opens the corrective action).</summary>
    public FormOutcome RecordAnswers(Actor actor, IReadOnlyDictionary<SurveyAspect, int?> scores, string? comments, DateOnly? answeredOn, int threshold, DateOnly today, DateTimeOffset at)
    {
        if (Status != SurveyStatus.AwaitingAnswers)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!IsSales(actor))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var problems = new List<FieldProblem>();
        foreach (var aspect in Enum.GetValues<SurveyAspect>())
        {
            var score = scores.GetValueOrDefault(aspect);
            if (score is null)
            {
                problems.Add(new FieldProblem(aspect.ToString(), ProblemKind.Required));
            }
            else if (score is < SurveyScores.Min or > SurveyScores.Max)
            {
                problems.Add(new FieldProblem(aspect.ToString(), ProblemKind.Unknown));
            }
        }

        CheckDay(problems, "answeredOn", answeredOn, today);
        CheckField(problems, "comments", comments, required: false, MaxTextLength);

        if (problems.Count > 0)
        {
            return Invalid([.. problems]);
        }

        int S(SurveyAspect a) => scores[a]!.Value;
        State.Scores = new SurveyScores(S(SurveyAspect.Quality), S(SurveyAspect.Delivery), S(SurveyAspect.Service), S(SurveyAspect.Price), S(SurveyAspect.Communication));
        State.Comments = Clean(comments);
        State.AnsweredOn = answeredOn;
        State.Threshold = threshold;
        State.BelowThreshold = [.. State.Scores.Below(threshold)];
        State.Status = SurveyStatus.Completed;
        State.ClosedAt = at;
        var detail = Enum.GetValues<SurveyAspect>().ToDictionary(a => a.ToString(), a => State.Scores[a].ToString(CultureInfo.InvariantCulture));
        detail["below"] = string.Join(",", State.BelowThreshold);
        return Accept(new FormEvent(actor.Person, at, SurveyEvents.Answered, State.Comments, StatusName, detail));
    }

    /// <summary>The corrective action a low score opened; recorded once.</summary>
    public FormOutcome LinkCorrectiveAction(string correctiveActionId, DateTimeOffset at)
    {
        if (State.CorrectiveAction is not null || State.BelowThreshold.Count == 0)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        State.CorrectiveAction = correctiveActionId;
        return Accept(new FormEvent(new PersonRef("mingxin-bot", "明新客服助手 MingXin"), at, SurveyEvents.CorrectiveActionOpened, correctiveActionId, StatusName));
    }

    /// <summary>What the corrective action says the customer was dissatisfied with, in both languages (it is read by QC in either).</summary>
    public string Dissatisfaction()
    {
        var s = State;
        var low = string.Join("、", s.BelowThreshold.Select(a => $"{SurveyScores.Name(a, Language.Chinese)} {SurveyScores.Name(a, Language.English)} {s.Scores![a]}/5"));
        var text = $"顾客满意度调查 {s.Id}（{s.Period}）低于 {s.Threshold} 分 Satisfaction survey {s.Id} ({s.Period}) scored below {s.Threshold}: {low}";
        return s.Comments is null ? text : $"{text}。{s.Comments}";
    }
}
