using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Tests.Domain;

public sealed class ApprovalTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);

    private static Actor A(string id, params Position[] positions) => new(new PersonRef(id, "name-" + id), positions.ToHashSet());

    private static readonly Actor Sales = A("sales", Position.Salesperson);
    private static readonly Actor Prod = A("prod", Position.ProductionManager);
    private static readonly Actor Qc = A("qc", Position.QcManager);
    private static readonly Actor Qc2 = A("qc2", Position.QcManager);
    private static readonly Actor Mat = A("mat", Position.MaterialsController);
    private static readonly Actor Gm = A("gm", Position.GeneralManager);
    private static readonly Actor Insp1 = A("i1", Position.QcInspector);
    private static readonly Actor Insp2 = A("i2", Position.QcInspector);

    private static Approval ReviewThenGm() => Approval.Start(
        "IA-2026-0001",
        "InternalApproval",
        "New foil process",
        null,
        Sales.Person,
        [
            new StepDefinition("review", "评审", "Review", ApprovalRule.AllOf, [new Seat("production", Position.ProductionManager), new Seat("qc", Position.QcManager), new Seat("materials", Position.MaterialsController)], Department.Production),
            new StepDefinition("gm", "总经理批准", "GM approval", ApprovalRule.Single, [new Seat("gm", Position.GeneralManager)], Department.GeneralManagerOffice),
        ],
        T0).Approval;

    private static IReadOnlyList<ApprovalEvent> Accepted(ActionOutcome outcome) => Assert.IsType<ActionOutcome.Accepted>(outcome).Events;

    private static Refusal Refused(ActionOutcome outcome) => Assert.IsType<ActionOutcome.Refused>(outcome).Reason;

    [Fact]
    public void All_of_needs_every_seat_then_moves_to_the_next_step()
    {
        var approval = ReviewThenGm();

        Accepted(approval.Approve(Prod, null, "ok", T0));
        Accepted(approval.Approve(Qc, null, null, T0));
        Assert.Equal("review", approval.CurrentStep!.Definition.Key);
        Assert.Equal(["materials"], approval.OpenSeats().Select(s => s.Key));

        var events = Accepted(approval.Approve(Mat, null, null, T0));

        Assert.Equal(["approved", "step-completed", "step-started"], events.Select(e => e.Action));
        Assert.Equal("gm", approval.CurrentStep!.Definition.Key);
        Assert.Equal(4, approval.State.Version);
    }

    [Fact]
    public void The_last_single_approval_completes_the_form()
    {
        var approval = ReviewThenGm();
        foreach (var actor in new[] { Prod, Qc, Mat })
        {
            Accepted(approval.Approve(actor, null, null, T0));
        }

        var events = Accepted(approval.Approve(Gm, "gm", "go", T0));

        Assert.Equal(ApprovalStatus.Approved, approval.Status);
        Assert.Equal(ApprovalStatus.Approved, Assert.IsType<ApprovalCompleted>(events[^1]).Status);
        Assert.Null(approval.CurrentStep);
        Assert.Equal(Refusal.NotActive, Refused(approval.Approve(Gm, null, null, T0)));
    }

    [Fact]
    public void One_rejection_in_all_of_rejects_the_form_and_needs_a_reason()
    {
        var approval = ReviewThenGm();
        Accepted(approval.Approve(Prod, null, null, T0));

        Assert.Equal(Refusal.ReasonRequired, Refused(approval.Reject(Qc, null, "  ", T0)));
        var events = Accepted(approval.Reject(Qc, null, "ink not food-safe", T0));

        Assert.Equal(ApprovalStatus.Rejected, approval.Status);
        Assert.Equal("ink not food-safe", Assert.IsType<SeatDecided>(events[0]).Comment);
        Assert.Equal(Refusal.NotActive, Refused(approval.Approve(Mat, null, null, T0)));
    }

    [Fact]
    public void First_of_is_decided_by_whoever_acts_first()
    {
        var approval = Approval.Start("QC-1", "Sample", "check", null, Sales.Person,
            [new StepDefinition("check", "检验", "Check", ApprovalRule.FirstOf, [new Seat("a", Position.QcInspector), new Seat("b", Position.QcInspector)], Department.QualityControl)], T0).Approval;

        Accepted(approval.Approve(Insp2, null, null, T0));

        Assert.Equal(ApprovalStatus.Approved, approval.Status);
        Assert.Equal(Refusal.NotActive, Refused(approval.Approve(Insp1, null, null, T0)));
    }

    [Fact]
    public void Someone_without_the_position_or_who_already_decided_is_refused_and_nothing_changes()
    {
        var approval = ReviewThenGm();
        Accepted(approval.Approve(Prod, null, null, T0));
        var version = approval.State.Version;

        Assert.Equal(Refusal.NotYourTurn, Refused(approval.Approve(Sales, null, null, T0)));
        Assert.Equal(Refusal.NotYourTurn, Refused(approval.Approve(Gm, null, null, T0))); // GM's step has not started
        Assert.Equal(Refusal.AlreadyDecided, Refused(approval.Approve(Prod, null, null, T0)));
        Assert.Equal(Refusal.UnknownSeat, Refused(approval.Approve(Qc, "nope", null, T0)));
        Assert.Equal(Refusal.TextTooLong, Refused(approval.Approve(Qc, null, new string('x', Approval.MaxTextLength + 1), T0)));

        Assert.Equal(version, approval.State.Version);
        Assert.Single(approval.CurrentStep!.Decisions);
    }

    [Fact]
    public void A_seat_is_reassigned_to_a_colleague_with_the_same_position_who_then_decides()
    {
        var approval = ReviewThenGm();

        Assert.Equal(Refusal.ColleagueLacksPosition, Refused(approval.Reassign(Qc, "qc", Mat, null, T0)));
        var events = Accepted(approval.Reassign(Qc, "qc", Qc2, "on leave", T0));

        var reassigned = Assert.IsType<SeatReassigned>(Assert.Single(events));
        Assert.Equal(("qc", "qc2", "on leave"), (reassigned.By.Id, reassigned.To.Id, reassigned.Comment));
        Assert.Equal(Refusal.NotYourTurn, Refused(approval.Approve(Qc, null, null, T0))); // the seat is Qc2's now
        Accepted(approval.Approve(Qc2, null, null, T0));
    }

    [Fact]
    public void Only_the_originator_cancels_and_needs_a_reason()
    {
        var approval = ReviewThenGm();

        Assert.Equal(Refusal.NotOriginator, Refused(approval.Cancel(Gm, "no", T0)));
        Assert.Equal(Refusal.ReasonRequired, Refused(approval.Cancel(Sales, "", T0)));
        var events = Accepted(approval.Cancel(Sales, "customer withdrew", T0));

        Assert.Equal(["cancelled", "completed"], events.Select(e => e.Action));
        Assert.Equal(ApprovalStatus.Cancelled, approval.Status);
        Assert.Equal("customer withdrew", approval.State.CancelReason);
    }

    [Fact]
    public void Comments_are_kept_from_people_taking_part_only()
    {
        var approval = ReviewThenGm();

        Assert.Equal("commented", Accepted(approval.Comment(Gm, "please hurry", T0))[0].Action);
        Assert.Equal(Refusal.NotYourTurn, Refused(approval.Comment(Insp1, "hi", T0)));
    }

    [Fact]
    public void Definitions_must_be_well_formed()
    {
        Assert.Throws<ArgumentException>(() => Approval.Start("x", "k", "t", null, Sales.Person, [], T0));
        Assert.Throws<ArgumentException>(() => Approval.Start("x", "k", "t", null, Sales.Person,
            [new StepDefinition("s", "s", "s", ApprovalRule.Single, [new Seat("a", Position.QcManager), new Seat("b", Position.QcManager)], Department.QualityControl)], T0));
    }

    [Fact]
    public void Recent_activity_ids_are_remembered_up_to_a_limit()
    {
        var approval = ReviewThenGm();
        for (var i = 0; i < 30; i++)
        {
            approval.RememberActivity("act-" + i);
        }

        Assert.Equal(20, approval.State.RecentActivityIds.Count);
        Assert.Contains("act-29", approval.State.RecentActivityIds);
        Assert.DoesNotContain("act-0", approval.State.RecentActivityIds);
    }
}
