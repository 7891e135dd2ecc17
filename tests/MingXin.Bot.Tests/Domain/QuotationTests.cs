using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Tests.Domain;

public sealed class QuotationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static Actor A(string id, params Position[] positions) => new(new PersonRef(id, "name-" + id), positions.ToHashSet());

    private static readonly Actor Sales = A("sales", Position.Salesperson);
    private static readonly Actor OtherSales = A("sales2", Position.Salesperson);
    private static readonly Actor SalesManager = A("sm", Position.SalesManager);
    private static readonly Actor Prod = A("prod", Position.ProductionManager);
    private static readonly Actor Qc = A("qc", Position.QcManager);
    private static readonly Actor Mat = A("mat", Position.MaterialsController);
    private static readonly Actor Gm = A("gm", Position.GeneralManager);

    private static CostSheet Sheet(decimal margin = 25m) =>
        CostSheet.Create([new CostLine(CostCategory.Plates, null, 600m, 0m), new CostLine(CostCategory.Material, null, 0m, 0.35m)], margin, [3_000, 5_000]).Sheet!;

    private static QuotationRequest Request(QuotationPath path = QuotationPath.Ordinary) =>
        new(" 华美礼品 ", "Gift box", "250×180×60 mm, 4C + gold foil", IsRepeatOrder: false, path, path == QuotationPath.SpecialRequirement ? "Cold foil on soft-touch laminate" : null);

    private static Quotation Start(QuotationPath path = QuotationPath.Ordinary) =>
        Quotation.Start("QT-2026-0001", Request(path), Sheet(), Sales, T0).Quotation!;

    private static IReadOnlyList<QuotationEvent> Accepted(QuotationOutcome outcome) => Assert.IsType<QuotationOutcome.Accepted>(outcome).Events;

    private static QuotationRefusal Refused(QuotationOutcome outcome) => Assert.IsType<QuotationOutcome.Refused>(outcome).Reason;

    [Fact]
    public void An_ordinary_quotation_goes_straight_to_the_general_manager()
    {
        var q = Start();

        Assert.Equal(QuotationStatus.AwaitingGmApproval, q.Status);
        Assert.Equal([Position.GeneralManager], q.PositionsWaitedOn());
        Assert.Empty(q.State.ReviewRounds);
        Assert.Equal("华美礼品", q.State.Request.CustomerName);
        Assert.Equal(QuotationRefusal.WrongStep, Refused(q.Review(Prod, Feasibility.Feasible, null, T0)));
    }

    [Fact]
    public void Only_sales_may_start_one()
    {
        var (q, outcome) = Quotation.Start("QT-2026-0001", Request(), Sheet(), Prod, T0);

        Assert.Null(q);
        Assert.Equal(QuotationRefusal.NotSales, Refused(outcome));
    }

    [Fact]
    public void A_special_requirement_needs_all_three_reviews_and_conditions_come_back_to_the_salesperson_to_price()
    {
        var q = Start(QuotationPath.SpecialRequirement);
        Assert.Equal(QuotationStatus.InContractReview, q.Status);
        Assert.Equal(QuotationRefusal.WrongStep, Refused(q.GmApprove(Gm, null, T0)));

        Accepted(q.Review(Prod, Feasibility.Feasible, null, T0));
        Accepted(q.Review(Qc, Feasibility.FeasibleWithConditions, "Rub test on every lot", T0));
        Assert.Equal([Position.MaterialsController], q.PositionsWaitedOn());
        var last = Accepted(q.Review(Mat, Feasibility.Feasible, "Foil in stock", T0));

        // 4.1.3.2: "feasible with conditions" goes back to the salesperson, who prices the conditions, then the GM.
        Assert.Equal(QuotationStatus.AwaitingCostSheet, Assert.Single(last).StatusAfter);
        Assert.True(q.WaitsOnOriginator);
        Assert.Equal(3, q.CurrentReview!.Answers.Count);
        Assert.Equal("Rub test on every lot", q.CurrentReview.Answers.Single(a => a.SeatKey == "qc").Note);
        Assert.Equal(QuotationRefusal.WrongStep, Refused(q.GmApprove(Gm, null, T0)));
        Accepted(q.Revise(Sales, Sheet(margin: 30m), "rub test priced in", T0));
        Assert.Equal((QuotationStatus.AwaitingGmApproval, 2), (q.Status, q.CurrentVersion!.Number));
    }

    [Fact]
    public void On_the_special_path_the_review_comes_first_and_the_salesperson_then_fills_in_the_cost_sheet()
    {
        var q = Quotation.Start("QT-2026-0001", Request(QuotationPath.SpecialRequirement), null, Sales, T0).Quotation!;
        Assert.Equal((QuotationStatus.InContractReview, 0), (q.Status, q.State.Versions.Count));
        Assert.Null(q.CurrentVersion);
        Assert.Equal(0, q.CurrentReview!.ForVersion);
        Assert.Throws<ArgumentException>(() => Quotation.Start("QT-2026-0002", Request(), null, Sales, T0));

        Accepted(q.Review(Prod, Feasibility.Feasible, null, T0));
        Accepted(q.Review(Qc, Feasibility.Feasible, null, T0));
        Accepted(q.Review(Mat, Feasibility.Feasible, null, T0));
        Assert.Equal(QuotationStatus.AwaitingCostSheet, q.Status); // all feasible, but nothing costed yet

        Assert.Equal(QuotationRefusal.NotYourTurn, Refused(q.Revise(Prod, Sheet(), null, T0)));
        Accepted(q.Revise(Sales, Sheet(), null, T0));
        Assert.Equal((QuotationStatus.AwaitingGmApproval, 1), (q.Status, q.CurrentVersion!.Number));
        Accepted(q.GmApprove(Gm, null, T0));
        Assert.Equal(1, q.State.GmDecisions[0].ForVersion);
    }

    [Fact]
    public void A_review_that_finds_every_point_feasible_as_costed_goes_straight_to_the_GM()
    {
        var q = Start(QuotationPath.SpecialRequirement);
        Accepted(q.Review(Prod, Feasibility.Feasible, null, T0));
        Accepted(q.Review(Qc, Feasibility.Feasible, null, T0));
        Accepted(q.Review(Mat, Feasibility.Feasible, null, T0));
        Assert.Equal(QuotationStatus.AwaitingGmApproval, q.Status);
    }

    [Fact]
    public void A_reviewer_answers_once_and_only_for_their_own_department()
    {
        var q = Start(QuotationPath.SpecialRequirement);
        Accepted(q.Review(Prod, Feasibility.Feasible, null, T0));

        Assert.Equal(QuotationRefusal.AlreadyAnswered, Refused(q.Review(Prod, Feasibility.NotFeasible, "changed my mind", T0)));
        Assert.Equal(QuotationRefusal.NotYourTurn, Refused(q.Review(Sales, Feasibility.Feasible, null, T0)));
        Assert.Equal(QuotationRefusal.NotYourTurn, Refused(q.Review(Gm, Feasibility.Feasible, null, T0)));
    }

    [Theory]
    [InlineData(Feasibility.FeasibleWithConditions)]
    [InlineData(Feasibility.NotFeasible)]
    public void Conditions_and_not_feasible_need_a_note(Feasibility feasibility)
    {
        var q = Start(QuotationPath.SpecialRequirement);
        var before = q.State.Version;

        Assert.Equal(QuotationRefusal.ReasonRequired, Refused(q.Review(Qc, feasibility, "  ", T0)));
        Assert.Equal(before, q.State.Version);
        Assert.Empty(q.CurrentReview!.Answers);
    }

    [Fact]
    public void Not_feasible_returns_it_and_the_revision_goes_to_a_new_review_round()
    {
        var q = Start(QuotationPath.SpecialRequirement);
        q.Review(Prod, Feasibility.NotFeasible, "Press cannot run 1200 g board", T0);
        q.Review(Qc, Feasibility.Feasible, null, T0);
        q.Review(Mat, Feasibility.Feasible, null, T0);
        Assert.Equal(QuotationStatus.ReturnedForRevision, q.Status);
        Assert.True(q.WaitsOnOriginator);

        var revised = Accepted(q.Revise(Sales, Sheet(30m), "Board changed to 800 g", T0.AddHours(1)));

        Assert.Equal(QuotationStatus.InContractReview, q.Status);
        Assert.Equal(2, q.CurrentReview!.Number);
        Assert.Equal(2, q.CurrentReview.ForVersion);
        Assert.Empty(q.CurrentReview.Answers);
        Assert.Equal(2, Assert.IsType<CostSheetRevised>(Assert.Single(revised)).Version);
    }

    [Fact]
    public void A_gm_rejection_needs_a_reason_and_a_revision_keeps_the_old_version()
    {
        var q = Start();
        Assert.Equal(QuotationRefusal.ReasonRequired, Refused(q.GmReject(Gm, "", T0)));
        Assert.Equal(QuotationRefusal.NotYourTurn, Refused(q.GmReject(Sales, "no", T0)));

        Accepted(q.GmReject(Gm, "Margin too low for a new customer", T0));
        Assert.Equal(QuotationStatus.ReturnedForRevision, q.Status);
        Assert.Equal(QuotationRefusal.NotYourTurn, Refused(q.Revise(OtherSales, Sheet(35m), null, T0)));
        Accepted(q.Revise(Sales, Sheet(35m), "Margin 35 %", T0));

        Assert.Equal(QuotationStatus.AwaitingGmApproval, q.Status);
        Assert.Equal([1, 2], q.State.Versions.Select(v => v.Number));
        Assert.Equal(25m, q.State.Versions[0].Data.MarginPercent);
        Assert.Equal(35m, q.CurrentVersion!.Data.MarginPercent);
        Assert.False(Assert.Single(q.State.GmDecisions).Approved);
        Assert.Equal(1, q.State.GmDecisions[0].ForVersion);
    }

    [Fact]
    public void The_sales_manager_may_stand_in_for_the_salesperson()
    {
        var q = Start();
        q.GmReject(Gm, "Recheck freight", T0);

        Accepted(q.Revise(SalesManager, Sheet(), "Freight rechecked", T0));
        Accepted(q.GmApprove(Gm, null, T0));
        Accepted(q.RecordSent(SalesManager, SendMethod.Email, T0));
    }

    [Fact]
    public void Approved_then_sent_then_confirmed_by_the_customer()
    {
        var q = Start();
        Assert.Equal(QuotationRefusal.WrongStep, Refused(q.RecordSent(Sales, SendMethod.Fax, T0)));
        Accepted(q.GmApprove(Gm, "OK", T0));
        Assert.Equal(QuotationStatus.ApprovedToSend, q.Status);

        Accepted(q.RecordSent(Sales, SendMethod.Fax, T0.AddHours(1)));
        Assert.Equal(QuotationStatus.AwaitingCustomer, q.Status);
        Assert.Equal(QuotationRefusal.DateInFuture, Refused(q.RecordConfirmation(Sales, "Mr Huang", Today.AddDays(1), Today, T0)));
        Assert.Equal(QuotationRefusal.ReasonRequired, Refused(q.RecordConfirmation(Sales, " ", Today, Today, T0)));
        Accepted(q.RecordConfirmation(Sales, " Mr Huang ", Today, Today, T0.AddDays(1)));

        Assert.Equal(QuotationStatus.Confirmed, q.Status);
        Assert.False(q.IsOpen);
        Assert.Equal(new CustomerConfirmation("Mr Huang", Today, Sales.Person, T0.AddDays(1)), q.State.Confirmation);
        Assert.Equal(SendMethod.Fax, q.State.Sent!.Method);
        Assert.Equal(QuotationRefusal.WrongStep, Refused(q.Cancel(Sales, "too late", T0)));
    }

    [Theory]
    [InlineData(ObjectionDecision.Revise, QuotationStatus.ReturnedForRevision)]
    [InlineData(ObjectionDecision.Hold, QuotationStatus.OnHold)]
    [InlineData(ObjectionDecision.Decline, QuotationStatus.Declined)]
    public void An_objection_goes_to_the_general_manager_who_decides(ObjectionDecision decision, QuotationStatus after)
    {
        var q = Start();
        q.GmApprove(Gm, null, T0);
        q.RecordSent(Sales, SendMethod.Email, T0);
        Assert.Equal(QuotationRefusal.ReasonRequired, Refused(q.RecordObjection(Sales, "", T0)));
        Accepted(q.RecordObjection(Sales, "Competitor quotes 0.70 at 5,000", T0));
        Assert.Equal([Position.GeneralManager], q.PositionsWaitedOn());
        Assert.Equal(QuotationRefusal.NotYourTurn, Refused(q.DecideObjection(Sales, decision, "x", T0)));

        Accepted(q.DecideObjection(Gm, decision, "Decided in the weekly meeting", T0));

        Assert.Equal(after, q.Status);
        Assert.Equal(decision, Assert.Single(q.State.Objections).Decision);
    }

    [Fact]
    public void A_decline_needs_a_reason_and_a_hold_is_decided_again_later()
    {
        var q = Start();
        q.GmApprove(Gm, null, T0);
        q.RecordSent(Sales, SendMethod.Email, T0);
        q.RecordObjection(Sales, "Too expensive", T0);

        Assert.Equal(QuotationRefusal.ReasonRequired, Refused(q.DecideObjection(Gm, ObjectionDecision.Decline, null, T0)));
        Accepted(q.DecideObjection(Gm, ObjectionDecision.Hold, null, T0));
        Assert.Equal(QuotationRefusal.WrongStep, Refused(q.DecideObjection(Gm, ObjectionDecision.Hold, null, T0)));
        Accepted(q.DecideObjection(Gm, ObjectionDecision.Revise, "Offer 0.72", T0));

        Assert.Equal(QuotationStatus.ReturnedForRevision, q.Status);
    }

    [Fact]
    public void Only_the_originator_cancels_with_a_reason()
    {
        var q = Start();

        Assert.Equal(QuotationRefusal.NotYourTurn, Refused(q.Cancel(OtherSales, "mine now", T0)));
        Assert.Equal(QuotationRefusal.ReasonRequired, Refused(q.Cancel(Sales, null, T0)));
        Accepted(q.Cancel(Sales, "Customer bought elsewhere", T0));
        Assert.Equal(QuotationStatus.Cancelled, q.Status);
        Assert.Equal(QuotationRefusal.WrongStep, Refused(q.GmApprove(Gm, null, T0)));
    }

    [Fact]
    public void Text_over_the_limit_is_refused_and_changes_nothing()
    {
        var q = Start();
        var version = q.State.Version;

        Assert.Equal(QuotationRefusal.TextTooLong, Refused(q.GmReject(Gm, new string('x', Quotation.MaxTextLength + 1), T0)));
        Assert.Equal(version, q.State.Version);
        Assert.Equal(QuotationStatus.AwaitingGmApproval, q.Status);
    }

    [Fact]
    public void Every_accepted_action_bumps_the_version_and_leaves_a_history_line()
    {
        var q = Start();
        q.GmReject(Gm, "Recheck", T0);
        q.Revise(Sales, Sheet(), null, T0);
        q.GmApprove(Gm, null, T0);

        Assert.Equal(4, q.State.Version);
        Assert.Equal(["started", "gm-rejected", "revised", "gm-approved"], q.State.History.Select(h => h.Action));
    }

    [Fact]
    public void The_request_reports_every_missing_or_long_field()
    {
        var problems = new QuotationRequest("", new string('p', 101), " ", false, QuotationPath.SpecialRequirement, null).Problems();

        Assert.Contains(new FieldProblem("customer", ProblemKind.Required), problems);
        Assert.Contains(new FieldProblem("product", ProblemKind.TooLong, 100), problems);
        Assert.Contains(new FieldProblem("specification", ProblemKind.Required), problems);
        Assert.Contains(new FieldProblem("special", ProblemKind.Required), problems);
    }
}

public sealed class QuotationActionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);

    private static Actor A(string id, params Position[] positions) => new(new PersonRef(id, "name-" + id), positions.ToHashSet());

    [Fact]
    public void Each_person_is_offered_exactly_what_the_step_lets_them_do()
    {
        var sales = A("sales", Position.Salesperson);
        var prod = A("prod", Position.ProductionManager);
        var gm = A("gm", Position.GeneralManager);
        var sheet = CostSheet.Create([new CostLine(CostCategory.Printing, null, 100m, 0.1m)], 20m, [1000]).Sheet!;
        var q = Quotation.Start("QT-2026-0002", new QuotationRequest("C", "P", "S", false, QuotationPath.SpecialRequirement, "New foil"), sheet, sales, T0).Quotation!;

        Assert.Equal([QuotationAction.Review], q.ActionsFor(prod));
        Assert.Equal([QuotationAction.Cancel], q.ActionsFor(sales));
        Assert.Empty(q.ActionsFor(gm));

        q.Review(prod, Feasibility.Feasible, null, T0);
        Assert.Empty(q.ActionsFor(prod));
        q.Review(A("qc", Position.QcManager), Feasibility.Feasible, null, T0);
        q.Review(A("mat", Position.MaterialsController), Feasibility.Feasible, null, T0);
        Assert.Equal([QuotationAction.GmDecide], q.ActionsFor(gm));

        q.GmApprove(gm, null, T0);
        Assert.Equal(new HashSet<QuotationAction> { QuotationAction.RecordSent, QuotationAction.Cancel }, q.ActionsFor(sales));
        q.RecordSent(sales, SendMethod.Email, T0);
        q.RecordObjection(sales, "Too dear", T0);
        Assert.Equal([QuotationAction.DecideObjection], q.ActionsFor(gm));
        q.DecideObjection(gm, ObjectionDecision.Decline, "Below cost", T0);
        Assert.Empty(q.ActionsFor(sales));
        Assert.Empty(q.ActionsFor(gm));
    }
}
