using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Tests.Domain;

public sealed class ProductionNoticeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);

    private static Actor A(string id, params Position[] positions) => new(new PersonRef(id, "name-" + id), positions.ToHashSet());

    private static readonly Actor Sales = A("sales", Position.Salesperson);
    private static readonly Actor Keeper = A("wh", Position.WarehouseKeeper);
    private static readonly Actor Qc = A("qc", Position.QcInspector);
    private static readonly Actor Gm = A("gm", Position.GeneralManager);
    private static readonly Actor Planner = A("planner", Position.ProductionPlanner);

    private static OrderRef Order(bool repeat, int quantity = 5_000) =>
        new("SO-2026-0001", "QT-2026-0001", "华美礼品", "礼盒", "250×180×60", quantity, new DateOnly(2026, 12, 30), null, repeat, OrderReviewStatus.Passed);

    private static ProductionNotice Start(bool repeat, int quantity = 5_000) =>
        ProductionNotice.Start("PN-2026-0001", Order(repeat, quantity), ["客供烫金版 1 块", " ", "客供纸箱 50 个"], null, Sales, T0).Notice!;

    private static void Ok(FormOutcome o) => Assert.IsType<FormOutcome.Accepted>(o);

    private static AnswerClock Clock(DateTimeOffset start) => new(start, start.AddMinutes(90), start.AddMinutes(120), WorkingTime: false);

    private static readonly Actor ProductionManager = A("pm", Position.ProductionManager);

    private static ProductionNotice AtProduction()
    {
        var notice = Start(repeat: false);
        notice.GmApprove(Gm, null, T0, Clock(T0));
        return notice;
    }

    [Fact]
    public void Answering_in_time_stops_the_clock_so_reminder_and_breach_record_nothing()
    {
        var notice = AtProduction();
        Assert.True(notice.AnswerPending);

        Ok(notice.AnswerFromProduction(Planner, ProductionAnswerKind.CanMeet, null, null, new DateOnly(2026, 11, 27), T0.AddMinutes(30)));

        Assert.False(notice.AnswerPending);
        Assert.False(notice.State.Answer!.Late);
        Assert.Null(notice.RecordReminder(T0.AddMinutes(90)));
        Assert.Null(notice.RecordBreach(T0.AddMinutes(120)));
        Assert.Null(notice.State.BreachedAt);
    }

    [Fact]
    public void No_answer_gets_one_reminder_then_one_breach_and_a_late_answer_is_marked_late()
    {
        var notice = AtProduction();

        Ok(notice.RecordReminder(T0.AddMinutes(90))!);
        Assert.Null(notice.RecordReminder(T0.AddMinutes(91)));
        Ok(notice.RecordBreach(T0.AddMinutes(120))!);
        Assert.Null(notice.RecordBreach(T0.AddMinutes(121)));
        Assert.Equal(T0.AddMinutes(120), notice.State.BreachedAt);

        Ok(notice.AnswerFromProduction(ProductionManager, ProductionAnswerKind.InternalContact, new DateOnly(2027, 1, 8), "Foil arrives late", new DateOnly(2026, 11, 27), T0.AddMinutes(150)));
        Assert.True(notice.State.Answer!.Late);
        Assert.Equal(new DateOnly(2027, 1, 8), notice.State.Answer.ProposedDate);
    }

    [Fact]
    public void An_Internal_Contact_Form_needs_a_date_not_in_the_past_and_a_reason_and_only_Production_answers()
    {
        var notice = AtProduction();
        var today = new DateOnly(2026, 11, 27);

        var invalid = Assert.IsType<FormOutcome.Invalid>(notice.AnswerFromProduction(Planner, ProductionAnswerKind.InternalContact, today.AddDays(-1), " ", today, T0)).Problems;
        Assert.Equal(["proposedDate", "contactReason"], invalid.Select(p => p.Field));
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(notice.AnswerFromProduction(Sales, ProductionAnswerKind.CanMeet, null, null, today, T0)).Reason);
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(Start(repeat: false).AnswerFromProduction(Planner, ProductionAnswerKind.CanMeet, null, null, today, T0)).Reason);
    }

    [Fact]
    public void A_new_order_goes_to_the_GM_then_Production_records_the_ticket()
    {
        var notice = Start(repeat: false);
        Assert.Equal(NoticeStatus.AwaitingGmApproval, notice.Status);
        Assert.Equal(["客供烫金版 1 块", "客供纸箱 50 个"], notice.State.CustomerMaterials);

        Ok(notice.GmApprove(Gm, null, T0.AddMinutes(5), Clock(T0.AddMinutes(5))));
        Assert.Equal(T0.AddMinutes(5), notice.State.ReachedProductionAt); // the two-hour rule starts here
        Assert.Equal([Position.ProductionPlanner], notice.PositionsWaitedOn());
        Assert.Equal([new FieldProblem("ticket", ProblemKind.Required)], Assert.IsType<FormOutcome.Invalid>(notice.RecordTicket(Planner, " ", T0)).Problems);
        Ok(notice.RecordTicket(Planner, "SC-26-1127-03", T0));

        Assert.Equal(NoticeStatus.Released, notice.Status);
        Assert.Equal(5_000, notice.QuantityToMake);
    }

    [Fact]
    public void A_repeat_order_subtracts_the_good_stock()
    {
        var notice = Start(repeat: true);
        Assert.Equal([Position.WarehouseKeeper], notice.PositionsWaitedOn());

        Ok(notice.RecordStock(Keeper, 1_200, T0));
        Assert.Equal(FormRefusal.ReasonRequired, Assert.IsType<FormOutcome.Refused>(notice.CheckStock(Qc, 1_000, null, T0)).Reason);
        Assert.IsType<FormOutcome.Invalid>(notice.CheckStock(Qc, 1_300, null, T0));
        Ok(notice.CheckStock(Qc, 1_000, "200 pcs scuffed", T0));

        Assert.Equal(4_000, notice.QuantityToMake);
        Assert.Equal(NoticeStatus.AwaitingGmApproval, notice.Status);
    }

    [Fact]
    public void More_good_stock_than_ordered_makes_nothing_never_a_negative_quantity()
    {
        var notice = Start(repeat: true, quantity: 500);
        notice.RecordStock(Keeper, 800, T0);
        notice.CheckStock(Qc, 800, null, T0);

        Assert.Equal(0, notice.QuantityToMake);
    }

    [Fact]
    public void No_stock_on_the_card_skips_the_QC_check()
    {
        var notice = Start(repeat: true);

        Ok(notice.RecordStock(Keeper, 0, T0));

        Assert.Equal(NoticeStatus.AwaitingGmApproval, notice.Status);
        Assert.Equal(0, notice.State.GoodStock);
        Assert.IsType<FormOutcome.Invalid>(Start(repeat: true).RecordStock(Keeper, -1, T0));
    }

    [Fact]
    public void A_rejection_returns_it_to_sales_who_revise_it_back_to_the_GM()
    {
        var notice = Start(repeat: false);
        Assert.Equal(FormRefusal.ReasonRequired, Assert.IsType<FormOutcome.Refused>(notice.GmReject(Gm, null, T0)).Reason);
        Ok(notice.GmReject(Gm, "List the customer's plates", T0));
        Assert.True(notice.WaitsOnOriginator);

        Ok(notice.Revise(Sales, ["客供烫金版 2 块"], "plates listed", T0));

        Assert.Equal(NoticeStatus.AwaitingGmApproval, notice.Status);
        Assert.Equal(["客供烫金版 2 块"], notice.State.CustomerMaterials);
    }

    [Fact]
    public void An_amendment_applies_once_and_keeps_the_old_value()
    {
        var notice = Start(repeat: false);

        Ok(notice.ApplyAmendment("OA-2026-0001", AmendedField.Quantity, "6000", "Customer added 1,000", Sales.Person, T0)!);
        Assert.Null(notice.ApplyAmendment("OA-2026-0001", AmendedField.Quantity, "6000", "again", Sales.Person, T0));

        Assert.Equal(6_000, notice.State.Quantity);
        Assert.Equal(5_000, notice.State.Order.Quantity);
        var applied = Assert.Single(notice.State.Amendments);
        Assert.Equal(("5000", "6000"), (applied.OldValue, applied.NewValue));
    }

    [Fact]
    public void Only_a_passed_order_review()
    {
        var (notice, outcome) = ProductionNotice.Start("PN-1", Order(false) with { Status = OrderReviewStatus.NeedsClarification }, [], null, Sales, T0);

        Assert.Null(notice);
        Assert.Contains(new FieldProblem("order", ProblemKind.Unknown), Assert.IsType<FormOutcome.Invalid>(outcome).Problems);
    }
}
