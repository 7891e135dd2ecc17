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

    private static readonly Actor Clerk = A("clerk", Position.FollowUpClerk);

    /// <summary>Issued and passed on by the follow-up clerk: at the warehouse (repeat order) or the GM.</summary>
    private static ProductionNotice Start(bool repeat, int quantity = 5_000)
    {
        var notice = ProductionNotice.Start("PN-2026-0001", Order(repeat, quantity), ["客供烫金版 1 块", " ", "客供纸箱 50 个"], null, Sales, T0).Notice!;
        Assert.IsType<FormOutcome.Accepted>(notice.PassOn(Clerk, null, T0));
        return notice;
    }

    [Fact]
    public void The_salesperson_gives_it_to_the_follow_up_clerk_who_passes_it_on_with_the_registered_materials()
    {
        var registered = new PropertyRef("CP-2026-0001", "烫金版");
        var notice = ProductionNotice.Start("PN-2026-0001", Order(repeat: true), ["客供纸箱 50 个"], null, Sales, T0, [registered, registered]).Notice!;
        Assert.Equal(NoticeStatus.AwaitingFollowUpClerk, notice.Status);
        Assert.Equal([Position.FollowUpClerk], notice.PositionsWaitedOn());
        Assert.Equal([registered], notice.State.RegisteredMaterials);

        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(notice.PassOn(Keeper, null, T0)).Reason);
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(notice.RecordStock(Keeper, 10, T0)).Reason);
        Ok(notice.PassOn(Clerk, "返单，请查库存", T0));
        Assert.Equal((NoticeStatus.AwaitingStockCard, "返单，请查库存"), (notice.Status, notice.State.ClerkNote));
        Assert.Equal(NoticeStatus.AwaitingGmApproval, Start(repeat: false).Status);
    }

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

        Ok(notice.AnswerCanMeet(Planner, T0.AddMinutes(30)));

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

        Assert.Equal(T0.AddMinutes(120), notice.ContactLateAfter);
        Ok(notice.RecordContact(new ContactLink("IC-2026-0001", new DateOnly(2027, 1, 8), "Foil arrives late", ProductionManager.Person, T0.AddMinutes(150), Late: true))!);
        Assert.True(notice.State.Answer!.Late);
        Assert.Equal((new DateOnly(2027, 1, 8), "IC-2026-0001"), (notice.State.Answer.ProposedDate, notice.State.Answer.ContactId));
        Assert.Equal(new DateOnly(2026, 12, 30), notice.State.DeliveryDate); // a proposal is not a new date
        Assert.False(notice.PermissionPending); // the form itself asks the customer
        Assert.Null(notice.RecordContact(new ContactLink("IC-2026-0001", new DateOnly(2027, 1, 8), "again", ProductionManager.Person, T0.AddMinutes(151), Late: true)));
    }

    [Fact]
    public void Only_Production_answers_and_only_while_the_clock_runs()
    {
        var notice = AtProduction();
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(notice.AnswerCanMeet(Sales, T0)).Reason);
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(Start(repeat: false).AnswerCanMeet(Planner, T0)).Reason);
    }

    [Fact]
    public void As_the_procedure_is_written_silence_for_two_hours_means_the_date_stands_and_a_later_form_is_late()
    {
        var notice = Start(repeat: false);
        notice.GmApprove(Gm, null, T0, Clock(T0) with { Mode = TwoHourMode.OnlyWhenLate });

        Assert.Null(notice.RecordReminder(T0.AddMinutes(90))); // nobody is chased for silence
        Ok(notice.RecordBreach(T0.AddMinutes(120))!);
        Assert.Null(notice.State.BreachedAt);
        Assert.Equal(ProductionAnswerKind.DateStands, notice.State.Answer!.Kind);
        Assert.Equal((MingXin.Bot.Domain.Records.TwoHourOutcome.OnTime, (double?)null), notice.TwoHour());
        Assert.Equal(NoticeEvents.DateStands, notice.State.History[^1].Action);

        // A form after the window: late, and the two-hour figure says so.
        Assert.Equal(T0.AddMinutes(120), notice.ContactLateAfter);
        Ok(notice.RecordContact(new ContactLink("IC-2026-0001", new DateOnly(2027, 1, 8), "Die cutter broke", ProductionManager.Person, T0.AddHours(5), Late: true))!);
        Assert.Equal(MingXin.Bot.Domain.Records.TwoHourOutcome.Late, notice.TwoHour().Outcome);
    }

    [Fact]
    public void After_Production_said_it_can_meet_a_form_on_day_three_is_a_new_problem_not_a_late_answer()
    {
        var notice = AtProduction();
        Ok(notice.AnswerCanMeet(Planner, T0.AddMinutes(30)));
        Ok(notice.RecordTicket(Planner, "SC-1", T0.AddMinutes(40)));

        Assert.Null(notice.ContactLateAfter);
        Ok(notice.RecordContact(new ContactLink("IC-2026-0001", new DateOnly(2027, 1, 8), "Machine broke", ProductionManager.Person, T0.AddDays(3), Late: false))!);
        Ok(notice.RecordContact(new ContactLink("IC-2026-0002", new DateOnly(2027, 1, 12), "Foil short", ProductionManager.Person, T0.AddDays(4), Late: false))!);

        Assert.Equal(["IC-2026-0001", "IC-2026-0002"], notice.State.Contacts.Select(c => c.Id));
        Assert.Equal(ProductionAnswerKind.CanMeet, notice.State.Answer!.Kind);
        Assert.Equal(MingXin.Bot.Domain.Records.TwoHourOutcome.OnTime, notice.TwoHour().Outcome);
    }

    [Fact]
    public void A_refused_date_puts_the_notice_at_risk_until_the_GM_keeps_the_date_or_cancels()
    {
        var notice = AtProduction();
        Ok(notice.RecordTicket(Planner, "SC-1", T0));
        Assert.True(notice.IsOpen); // in production: open until it is shipped
        Assert.Empty(notice.PositionsWaitedOn()); // … waiting on nobody
        var refusal = new CustomerRefusal("IC-2026-0001", "华美礼品", new DateOnly(2027, 1, 8), "黄先生", ContactChannel.Phone, "展会用", Sales.Person, T0);

        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(notice.MarkAtRisk(refusal with { Source = "MI-2026-0001", Customer = "宏图包装" })!).Reason);
        Ok(notice.MarkAtRisk(refusal)!);
        Assert.Null(notice.MarkAtRisk(refusal));
        Assert.True(notice.AtRisk);
        Assert.True(notice.IsOpen);
        Assert.Contains(Position.GeneralManager, ProductionNoticeSteps.Build(_ => null!).PositionsWaitedOn(notice)); // it waits on the GM again
        Assert.Equal(new DateOnly(2026, 12, 30), notice.State.DeliveryDate);

        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(notice.KeepDate(Planner, RiskDecision.Expedite, null, T0)).Reason);
        Assert.IsType<FormOutcome.Invalid>(notice.KeepDate(Gm, RiskDecision.Cancel, null, T0));
        Ok(notice.KeepDate(Gm, RiskDecision.PartialShipment, "先交 3000", T0));
        Assert.False(notice.AtRisk);
        Assert.Equal((RiskDecision.PartialShipment, "先交 3000"), (notice.State.Risks[0].Decision, notice.State.Risks[0].Comment));
        Assert.Equal(NoticeStatus.Released, notice.Status);

        Ok(notice.MarkAtRisk(refusal with { Source = "IC-2026-0002" })!);
        Assert.Equal(FormRefusal.ReasonRequired, Assert.IsType<FormOutcome.Refused>(notice.CancelAtRisk(Gm, " ", T0)).Reason);
        Ok(notice.CancelAtRisk(Gm, "客户不接受任何延期", T0));
        Assert.Equal(NoticeStatus.Cancelled, notice.Status);
        Assert.False(notice.AtRisk);
    }

    [Fact]
    public void A_permission_moves_the_date_only_for_the_notices_own_customer()
    {
        var notice = AtProduction();
        var permission = new CustomerPermission("MI-2026-0001", null, new DateOnly(2027, 1, 15), "陈经理", ContactChannel.Email, Sales.Person, T0, "宏图包装");

        Assert.IsType<FormOutcome.Refused>(notice.ApplyPermissionFrom(permission));
        Assert.IsType<FormOutcome.Refused>(notice.ApplyPermissionFrom(permission with { Customer = null }));
        Assert.Equal(new DateOnly(2026, 12, 30), notice.State.DeliveryDate);

        Ok(notice.ApplyPermissionFrom(permission with { Customer = " 华美礼品 " })!);
        Assert.Equal(new DateOnly(2027, 1, 15), notice.State.DeliveryDate);
        Assert.Equal(new DateOnly(2026, 12, 30), Assert.Single(notice.State.Permissions).OldDate);
        Assert.Null(notice.ApplyPermissionFrom(permission with { Customer = "华美礼品" }));
    }

    [Fact]
    public void A_date_amendment_moves_the_date_only_with_the_customers_permission_for_that_date()
    {
        var notice = AtProduction();
        var permission = new CustomerPermission("OA-2026-0001", null, new DateOnly(2027, 1, 20), "黄先生", ContactChannel.Phone, Sales.Person, T0, "华美礼品");

        Assert.IsType<FormOutcome.Refused>(notice.ApplyAmendment("OA-2026-0001", AmendedField.DeliveryDate, "2027-01-20", "客户要求", Sales.Person, T0));
        Assert.IsType<FormOutcome.Refused>(notice.ApplyAmendment("OA-2026-0001", AmendedField.DeliveryDate, "2027-01-21", "客户要求", Sales.Person, T0, permission));
        Assert.Equal(new DateOnly(2026, 12, 30), notice.State.DeliveryDate);

        Ok(notice.ApplyAmendment("OA-2026-0001", AmendedField.DeliveryDate, "2027-01-20", "客户要求", Sales.Person, T0, permission)!);
        Assert.Equal(new DateOnly(2027, 1, 20), notice.State.DeliveryDate);
        Assert.Equal(("OA-2026-0001", new DateOnly(2026, 12, 30)), (notice.State.Permissions[0].Source, notice.State.Permissions[0].OldDate));
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
