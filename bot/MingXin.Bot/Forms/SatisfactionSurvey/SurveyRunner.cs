using MingXin.Bot.Domain.Quotations;
using System.ComponentModel.DataAnnotations;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Surveys;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>Section <c>Surveys</c>: how often customers are surveyed, and the score below which a corrective action opens.</summary>
public sealed class SurveyOptions : IValidatableObject
{
    public const string SectionName = "Surveys";

    /// <summary>Months per survey period: 1, 2, 3, 4, 6 or 12.</summary>
    public int PeriodMonths { get; set; } = 6;

    /// <summary>A score (1–5) below this opens a corrective action.</summary>
    [Range(SurveyScores.Min, SurveyScores.Max + 1)]
    public int Threshold { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!SurveyPeriods.IsAllowed(PeriodMonths))
        {
            yield return new ValidationResult("must be 1, 2, 3, 4, 6 or 12 (months per survey period).", [nameof(PeriodMonths)]);
        }
    }
}

/// <summary>
/// Customer Satisfaction Survey 顾客满意度调查表 in Teams (command <c>survey &lt;customer&gt;</c> /
/// <c>满意度 &lt;客户&gt;</c>): Sales sends it for a period and records the answers; the step's service
/// level reminds Sales while the answers are out; a score below the threshold opens a corrective
/// action through the outbox, and the survey records its number. The card shows the customer's trend.
/// </summary>
public sealed partial class SurveyRunner(StepFormServices services, CustomerStore customers, RecordIndex records, IOptions<SurveyOptions> options)
    : StepFormRunner<SatisfactionSurvey, SurveyState>(services), IFormChangeHandler<CorrectiveActionOpened>
{
    public override string Kind => SatisfactionSurvey.Kind;

    public override string Prefix => SatisfactionSurvey.Prefix;

    public override string VerbPrefix => SurveyVerbs.Prefix;

    public override StepTable<SatisfactionSurvey, SurveyStatus> Steps { get; } = SatisfactionSurveySteps.Build(() => options.Value.Threshold);

    private int Months => options.Value.PeriodMonths;

    private int Threshold => options.Value.Threshold;

    /// <summary>The corrective action a low score opened: recorded on the survey once (a repeat changes nothing).</summary>
    public async Task<string> ApplyAsync(CorrectiveActionOpened change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var partition = await Services.Store.LoadForStepAsync(change.SurveyId, cancellationToken).ConfigureAwait(false);
            if (partition is null || partition.State.Kind != Kind)
            {
                return "no such survey";
            }

            var survey = Load(partition);
            if (survey.State.CorrectiveAction is { } linked)
            {
                return "already linked to " + linked;
            }

            if (survey.LinkCorrectiveAction(change.CorrectiveActionId, Services.Time.GetUtcNow()) is not FormOutcome.Accepted accepted)
            {
                return "nothing below the threshold";
            }

            if (await CommitStepAsync(survey, partition, accepted.Events, cancellationToken).ConfigureAwait(false) is CommitResult.Committed)
            {
                return "linked to " + change.CorrectiveActionId;
            }
        }

        throw new InvalidOperationException($"{change.SurveyId} kept changing; the outbox tries again.");
    }

    public override string ParentHint(Language l) => l.Pick("请写上客户名称，例如：满意度 华美礼品", "Name the customer, e.g. survey Acme Printing Ltd");

    protected override Domain.Records.RecordFacts Facts(SatisfactionSurvey form) =>
        FactsOf(form, form.State.CustomerName, form.State.Period, form.State.ClosedAt) with
        {
            Period = form.State.Period,
            Scores = form.State.Scores is { } scores ? Enum.GetValues<SurveyAspect>().ToDictionary(SatisfactionSurveySteps.Field, a => scores[a], StringComparer.Ordinal) : null,
        };

    protected override SatisfactionSurvey Wrap(SurveyState state) => new(state);

    protected override async Task<(object? Parent, string? Problem)> FindParentAsync(string parentId, Language l, CancellationToken cancellationToken)
    {
        var customer = await customers.FindAsync(parentId, cancellationToken).ConfigureAwait(false);
        if (customer is null)
        {
            return (null, l.Pick($"客户名录中没有“{CardText.Escape(parentId, 60)}”。请写客户全称或简称，例如：满意度 华美礼品（命令“客户”可查看和登记客户）。", $"“{CardText.Escape(parentId, 60)}” is not in the customer register. Name the customer, e.g. survey Acme Printing Ltd (the command “customers” lists and adds them)."));
        }

        var today = FactoryToday(Services.Time.GetUtcNow());
        var (earlier, _) = await records.SearchAsync(new RecordSearch(null, customer.Name, FormCatalog.ByKind(Kind), null, null, null, null), [customer.Name], today, cancellationToken).ConfigureAwait(false);
        return (new SurveyParent(customer, earlier.Where(r => r.State == RecordState.Closed && r.Scores is not null).ToList(), SurveyPeriods.Choosable(today, Months)), null);
    }

    protected override (SatisfactionSurvey? Form, FormOutcome Outcome) Start(string id, object parent, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today)
    {
        var p = (SurveyParent)parent;
        return SatisfactionSurvey.Start(id, p.Customer.Id, p.Customer.Name, QuotationInput.Get(values, "period") is { Length: > 0 } period ? period : null, p.Periods, QuotationInput.Get(values, "respondent"), ParseVia(QuotationInput.Get(values, "via")), actor, now);
    }

    /// <summary>One survey per customer and period: the period is claimed in the turn ledger (a cancelled survey gives it back).</summary>
    protected override async Task<string?> ReserveAsync(object parent, IReadOnlyDictionary<string, string> values, Language l, CancellationToken cancellationToken)
    {
        var key = PeriodKey(((SurveyParent)parent).Customer.Name, QuotationInput.Get(values, "period"));
        var claim = await Services.Ledger.ClaimAsync(key, cancellationToken).ConfigureAwait(false);
        return claim.Claimed
            ? null
            : l.Pick($"这个客户本期（{CardText.Escape(QuotationInput.Get(values, "period"), 20)}）已有调查 {claim.ExistingWorkflowId ?? string.Empty}。", $"This customer already has a survey for {CardText.Escape(QuotationInput.Get(values, "period"), 20)}: {claim.ExistingWorkflowId ?? "being sent"}.");
    }

    protected override Task ReleaseReservationAsync(object parent, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken) =>
        Services.Ledger.ReleaseAsync(PeriodKey(((SurveyParent)parent).Customer.Name, QuotationInput.Get(values, "period")), cancellationToken);

    protected override async Task AfterCommitAsync(SatisfactionSurvey form, IReadOnlyList<FormEvent> events, CancellationToken cancellationToken)
    {
        var key = PeriodKey(form.State.CustomerName, form.State.Period);
        if (events.Any(e => e.Action == SurveyEvents.Sent))
        {
            await Services.Ledger.RecordAsync(key, form.Id, cancellationToken).ConfigureAwait(false);
        }
        else if (events.Any(e => e.Action == SurveyEvents.Cancelled))
        {
            await Services.Ledger.ReleaseAsync(key, cancellationToken).ConfigureAwait(false); // the period may be surveyed again
        }
    }

    private static string PeriodKey(string customer, string period) => $"survey-period-{Customer.NameKey(customer)}-{period}";

    private sealed record SurveyParent(Customer Customer, IReadOnlyList<RecordSummary> Earlier, IReadOnlyList<string> Periods);

}
