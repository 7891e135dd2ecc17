using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Surveys;

namespace MingXin.Bot.Tests.Domain.Surveys;

public sealed class SatisfactionSurveyTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 1, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly Actor Sales = new(new PersonRef("s", "王芳"), new HashSet<Position> { Position.Salesperson });
    private static readonly Actor Qc = new(new PersonRef("q", "周婷"), new HashSet<Position> { Position.QcManager });

    private static SatisfactionSurvey Sent() =>
        SatisfactionSurvey.Start("SV-2026-0001", "CU-2026-0001", "华美礼品", "2026-H2", ["2026-H2", "2026-H1"], "黄先生", ContactChannel.Email, Sales, At).Survey!;

    private static Dictionary<SurveyAspect, int?> Scores(int q, int d, int s, int p, int c) => new()
    {
        [SurveyAspect.Quality] = q, [SurveyAspect.Delivery] = d, [SurveyAspect.Service] = s, [SurveyAspect.Price] = p, [SurveyAspect.Communication] = c,
    };

    [Theory]
    [InlineData(2026, 11, 6, "2026-H2")]
    [InlineData(2026, 6, 6, "2026-H1")]
    [InlineData(2026, 11, 3, "2026-Q4")]
    [InlineData(2026, 1, 12, "2026")]
    [InlineData(2026, 11, 1, "2026-11")]
    [InlineData(2026, 5, 4, "2026-P2")]
    public void Periods_are_named_as_people_say_them(int year, int month, int months, string name) =>
        Assert.Equal(name, SurveyPeriods.Of(new DateOnly(year, month, 15), months));

    [Fact]
    public void A_survey_may_be_for_this_period_or_the_one_before() =>
        Assert.Equal(["2026-H1", "2025-H2"], SurveyPeriods.Choosable(new DateOnly(2026, 1, 5), 6));

    [Fact]
    public void Only_sales_sends_a_survey_and_its_values_are_checked()
    {
        Assert.IsType<FormOutcome.Refused>(SatisfactionSurvey.Start("SV-2026-0001", "CU-1", "华美", "2026-H2", ["2026-H2"], "黄先生", ContactChannel.Email, Qc, At).Outcome);
        var invalid = Assert.IsType<FormOutcome.Invalid>(SatisfactionSurvey.Start("SV-2026-0001", "CU-1", "华美", "2019-H1", ["2026-H2"], " ", (ContactChannel)9, Sales, At).Outcome);
        Assert.Equal(["period", "respondent", "via"], invalid.Problems.Select(p => p.Field));
        Assert.Equal(SurveyStatus.AwaitingAnswers, Sent().Status);
    }

    [Fact]
    public void Scores_below_the_threshold_are_named_and_the_survey_completes()
    {
        var survey = Sent();
        var outcome = Assert.IsType<FormOutcome.Accepted>(survey.RecordAnswers(Sales, Scores(4, 2, 5, 1, 3), "交期总是晚", Today, threshold: 3, Today, At));
        Assert.Equal(SurveyStatus.Completed, survey.Status);
        Assert.Equal([SurveyAspect.Delivery, SurveyAspect.Price], survey.State.BelowThreshold);
        Assert.Equal("Delivery,Price", outcome.Events[0].Detail!["below"]);
        Assert.Equal(3.0, survey.State.Scores!.Average);
        Assert.False(survey.IsOpen);
        Assert.Contains("交期 Delivery 2/5", survey.Dissatisfaction(), StringComparison.Ordinal);
        Assert.Contains("交期总是晚", survey.Dissatisfaction(), StringComparison.Ordinal);

        Assert.IsType<FormOutcome.Accepted>(survey.LinkCorrectiveAction("CC-2026-0004", At));
        Assert.Equal("CC-2026-0004", survey.State.CorrectiveAction);
        Assert.IsType<FormOutcome.Refused>(survey.LinkCorrectiveAction("CC-2026-0005", At)); // once
        Assert.IsType<FormOutcome.Refused>(survey.RecordAnswers(Sales, Scores(5, 5, 5, 5, 5), null, Today, 3, Today, At)); // answered already
    }

    [Fact]
    public void Scores_at_the_threshold_open_nothing()
    {
        var survey = Sent();
        survey.RecordAnswers(Sales, Scores(3, 3, 3, 3, 3), null, Today, threshold: 3, Today, At);
        Assert.Empty(survey.State.BelowThreshold);
        Assert.IsType<FormOutcome.Refused>(survey.LinkCorrectiveAction("CC-2026-0001", At));

        var strict = Sent();
        strict.RecordAnswers(Sales, Scores(4, 4, 4, 4, 3), null, Today, threshold: 4, Today, At); // the threshold is configurable
        Assert.Equal([SurveyAspect.Communication], strict.State.BelowThreshold);
    }

    [Fact]
    public void Missing_out_of_range_and_future_answers_are_refused_and_nothing_changes()
    {
        var survey = Sent();
        var scores = Scores(6, 0, 5, 5, 5);
        scores[SurveyAspect.Service] = null;
        var invalid = Assert.IsType<FormOutcome.Invalid>(survey.RecordAnswers(Sales, scores, new string('x', 1001), Today.AddDays(1), 3, Today, At));
        Assert.Equal(["Quality", "Delivery", "Service", "answeredOn", "comments"], invalid.Problems.Select(p => p.Field));
        Assert.Equal(ProblemKind.Required, invalid.Problems[2].Kind);
        Assert.Equal(SurveyStatus.AwaitingAnswers, survey.Status);
        Assert.Null(survey.State.Scores);
        Assert.IsType<FormOutcome.Refused>(survey.RecordAnswers(Qc, Scores(5, 5, 5, 5, 5), null, Today, 3, Today, At));
    }

    [Fact]
    public void A_low_survey_opens_a_corrective_action_for_qc_without_a_quantity()
    {
        var survey = Sent();
        survey.RecordAnswers(Sales, Scores(1, 5, 5, 5, 5), null, Today, 3, Today, At);
        var (complaint, opened) = Complaint.OpenFromSurvey("CC-2026-0001", survey.Id, survey.State.CustomerId, survey.State.CustomerName, survey.Dissatisfaction(), survey.State.Via, survey.State.Originator, Today, At);
        Assert.Equal(ComplaintStatus.AwaitingAcknowledgement, complaint.Status);
        Assert.Equal(Department.QualityControl, complaint.State.AssignedTo);
        Assert.Equal("SV-2026-0001", complaint.State.Source);
        Assert.Equal("SV-2026-0001", complaint.State.Details.Reference);
        Assert.Equal(0, complaint.State.Details.QuantityAffected);
        Assert.Equal("opened-from-survey", opened.Action);
        Assert.Equal([Position.QcInspector, Position.QcManager], complaint.PositionsWaitedOn());
    }
}
