using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Samples;

namespace MingXin.Bot.Tests.Domain;

public sealed class SampleOrderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static Actor A(string id, params Position[] positions) => new(new PersonRef(id, "name-" + id), positions.ToHashSet());

    private static readonly Actor Sales = A("sales", Position.Salesperson);
    private static readonly Actor Gm = A("gm", Position.GeneralManager);
    private static readonly Actor Planner = A("planner", Position.ProductionPlanner);
    private static readonly Actor Inspector = A("qc", Position.QcInspector);
    private static readonly Actor Clerk = A("clerk", Position.FollowUpClerk);
    private static readonly Actor Keeper = A("wh", Position.WarehouseKeeper);
    private static readonly QuotationRef Confirmed = new("QT-2026-0001", QuotationStatus.Confirmed, "华美礼品", "礼盒");

    private static SampleOrder Start() => SampleOrder.Start("SP-2026-0001", Confirmed, 20, Today.AddDays(5), "Same board as the order", Sales, Today, T0).Order!;

    private static FormRefusal Refused(FormOutcome o) => Assert.IsType<FormOutcome.Refused>(o).Reason;

    private static void Ok(FormOutcome o) => Assert.IsType<FormOutcome.Accepted>(o);

    [Fact]
    public void The_whole_chain_from_GM_approval_to_the_customers_signature()
    {
        var order = Start();
        Assert.Equal([Position.GeneralManager], order.PositionsWaitedOn());

        Ok(order.GmApprove(Gm, null, T0));
        Assert.Equal([SampleVerbs.Made], SampleOrderSteps.Table.VerbsFor(order, Planner));
        Ok(order.MarkMade(Planner, "20 pcs", T0));
        Ok(order.QcCheck(Inspector, ok: true, null, T0));
        Assert.Equal(SampleStatus.AwaitingClerkSignature, order.Status);
        Assert.Equal(FormRefusal.WrongStep, Refused(order.WarehouseSign(Keeper, T0))); // the clerk signs first
        Assert.Equal(FormRefusal.NotYourTurn, Refused(order.ClerkSign(Keeper, T0)));
        Ok(order.ClerkSign(Clerk, T0));
        Ok(order.WarehouseSign(Keeper, T0));
        Ok(order.RecordDelivery(Keeper, " 黄先生 ", Today, Today, T0));

        Assert.Equal(SampleStatus.Delivered, order.Status);
        Assert.False(order.IsOpen);
        Assert.Equal(new SampleDelivery("黄先生", Today, Keeper.Person, T0), order.State.Delivery);
        Assert.Equal(["started", "gm-approved", "made", "qc-ok", "clerk-signed", "warehouse-signed", "delivered"], order.State.History.Select(h => h.Action));
    }

    [Fact]
    public void NG_needs_a_reason_and_sends_the_samples_back_for_another_round()
    {
        var order = Start();
        order.GmApprove(Gm, null, T0);
        order.MarkMade(Planner, null, T0);

        Assert.Equal(FormRefusal.ReasonRequired, Refused(order.QcCheck(Inspector, ok: false, " ", T0)));
        Ok(order.QcCheck(Inspector, ok: false, "Colour off the approved proof", T0));

        Assert.Equal(SampleStatus.InProduction, order.Status);
        Assert.Equal(2, order.State.Round);
        order.MarkMade(Planner, "Reprinted", T0);
        Ok(order.QcCheck(Inspector, ok: true, null, T0));
        Assert.Equal([(1, false), (2, true)], order.State.Checks.Select(c => (c.Round, c.Ok)));
    }

    [Fact]
    public void Only_a_confirmed_quotation_a_positive_quantity_and_a_future_due_date()
    {
        var (order, outcome) = SampleOrder.Start("SP-2026-0001", Confirmed with { Status = QuotationStatus.AwaitingCustomer }, 0, Today.AddDays(-1), null, Sales, Today, T0);

        Assert.Null(order);
        var problems = Assert.IsType<FormOutcome.Invalid>(outcome).Problems;
        Assert.Contains(new FieldProblem("quotation", ProblemKind.Unknown), problems);
        Assert.Contains(new FieldProblem("quantity", ProblemKind.MustBePositive), problems);
        Assert.Contains(new FieldProblem("due", ProblemKind.DateInPast), problems);
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(SampleOrder.Start("SP-1", Confirmed, 1, Today, null, Clerk, Today, T0).Outcome).Reason);
    }

    [Fact]
    public void A_GM_rejection_ends_it_and_needs_a_reason()
    {
        var order = Start();

        Assert.Equal(FormRefusal.ReasonRequired, Refused(order.GmReject(Gm, null, T0)));
        Assert.Equal(FormRefusal.NotYourTurn, Refused(order.GmApprove(Sales, null, T0)));
        Ok(order.GmReject(Gm, "Customer has not paid the sample fee", T0));
        Assert.Equal(SampleStatus.Rejected, order.Status);
        Assert.Equal(FormRefusal.WrongStep, Refused(order.MarkMade(Planner, null, T0)));
    }

    [Fact]
    public void A_signature_date_in_the_future_is_refused_and_changes_nothing()
    {
        var order = Start();
        order.GmApprove(Gm, null, T0);
        order.MarkMade(Planner, null, T0);
        order.QcCheck(Inspector, true, null, T0);
        order.ClerkSign(Clerk, T0);
        order.WarehouseSign(Keeper, T0);
        var version = order.State.Version;

        var outcome = order.RecordDelivery(Keeper, "黄先生", Today.AddDays(1), Today, T0);

        Assert.Equal([new FieldProblem("receivedOn", ProblemKind.DateInFuture)], Assert.IsType<FormOutcome.Invalid>(outcome).Problems);
        Assert.Equal(version, order.State.Version);
        Assert.Equal(SampleStatus.AwaitingDelivery, order.Status);
    }
}
