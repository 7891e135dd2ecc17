using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using static MingXin.Bot.Tests.Procedure.StepTableHarness;

namespace MingXin.Bot.Tests.Procedure;

/// <summary>
/// Separation of duties on the step tables, in memory: the rule refuses the step by name and changes
/// nothing; with the rule turned off the same person takes it (a small factory's choice).
/// </summary>
public sealed class SeparationOfDutiesTests
{
    private static readonly IReadOnlySet<DutyRule> None = new HashSet<DutyRule>();

    /// <summary>One person who holds two review seats' positions (a small factory's production and QC manager).</summary>
    private static readonly Actor TwoHats = new(new PersonRef("aad-two-hats", "Two Hats"), new HashSet<Position> { Position.ProductionManager, Position.QcManager });

    private static StepContext Context(Actor actor, IReadOnlySet<DutyRule>? duties, params (string Key, string Value)[] values) =>
        new(actor, new StepValues(values.ToDictionary(v => v.Key, v => v.Value)), T0, Today, Duties: duties);

    private static Quotation SpecialQuotation()
    {
        var sheet = CostSheet.Create([new CostLine(CostCategory.Plates, "CTP", 600m, 0m)], 25m, [3000]).Sheet!;
        return Quotation.Start("QT-2026-0001", new QuotationRequest("华美礼品", "礼盒", "250×180×60 mm", false, QuotationPath.SpecialRequirement, "冷烫金"), sheet, Originator, T0).Quotation!;
    }

    [Fact]
    public void One_person_does_not_answer_two_seats_of_a_contract_review_unless_the_rule_is_off()
    {
        foreach (var duties in new[] { null, None })
        {
            var q = SpecialQuotation();
            Assert.IsType<QuotationOutcome.Accepted>(QuotationSteps.Table.Act(q, QuotationVerbs.Review, Context(TwoHats, duties, ("feasibility", "Feasible"))));
            var answered = q.CurrentReview!.Answers.Count;

            var second = QuotationSteps.Table.Act(q, QuotationVerbs.Review, Context(TwoHats, duties, ("feasibility", "Feasible")));

            if (duties is null)
            {
                Assert.Equal(DutyRule.ReviewSeatsByDifferentPeople, Assert.IsType<DutyRefused>(second).Rule);
                Assert.Equal(answered, q.CurrentReview!.Answers.Count); // nothing changed
            }
            else
            {
                Assert.IsType<QuotationOutcome.Accepted>(second);
            }
        }
    }

    [Fact]
    public void One_person_does_not_sign_two_seats_of_an_internal_approvals_joint_review()
    {
        var (approval, _) = Approval.Start("IA-2026-0001", InternalApprovalForm.Kind, "试产", null, Originator.Person, InternalApprovalForm.Route, T0);
        Assert.IsType<ActionOutcome.Accepted>(InternalApprovalSteps.Table.Act(approval, InternalApprovalVerbs.Approve, Context(TwoHats, null, ("seat", "production"))));

        var second = InternalApprovalSteps.Table.Act(approval, InternalApprovalVerbs.Approve, Context(TwoHats, null, ("seat", "qc")));

        Assert.Equal(DutyRule.ReviewSeatsByDifferentPeople, Assert.IsType<DutyRefused>(second).Rule);
        Assert.Single(approval.CurrentStep!.Decisions);
    }

    [Fact]
    public void The_general_manager_does_not_approve_a_form_they_started_unless_the_rule_is_off()
    {
        var gmWhoAsks = new Actor(new PersonRef("aad-gm", "GM"), new HashSet<Position> { Position.GeneralManager, Position.ProductionManager, Position.QcManager, Position.MaterialsController });
        var reviewers = new[] { Position.ProductionManager, Position.QcManager, Position.MaterialsController }
            .Select(p => new Actor(new PersonRef("aad-" + p, p.ToString()), new HashSet<Position> { p })).ToList();
        foreach (var duties in new[] { null, None })
        {
            var (approval, _) = Approval.Start("IA-2026-0001", InternalApprovalForm.Kind, "试产", null, gmWhoAsks.Person, InternalApprovalForm.Route, T0);
            foreach (var (reviewer, seat) in reviewers.Zip(new[] { "production", "qc", "materials" }))
            {
                Assert.IsType<ActionOutcome.Accepted>(InternalApprovalSteps.Table.Act(approval, InternalApprovalVerbs.Approve, Context(reviewer, duties, ("seat", seat))));
            }

            var gm = InternalApprovalSteps.Table.Act(approval, InternalApprovalVerbs.Approve, Context(gmWhoAsks, duties, ("seat", "gm")));

            if (duties is null)
            {
                Assert.Equal(DutyRule.NoApprovalOfOwnForm, Assert.IsType<DutyRefused>(gm).Rule);
                Assert.Equal(ApprovalStatus.InProgress, approval.Status);
            }
            else
            {
                Assert.IsType<ActionOutcome.Accepted>(gm);
                Assert.Equal(ApprovalStatus.Approved, approval.Status);
            }
        }
    }
}
