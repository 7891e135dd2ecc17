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

    [Fact]
    public void A_new_order_goes_to_the_GM_then_Production_records_the_ticket()
    {
        var notice = Start(repeat: false);
        Assert.Equal(NoticeStatus.AwaitingGmApproval, notice.Status);
        Assert.Equal(["客供烫金版 1 块", "客供纸箱 50 个"], notice.State.CustomerMaterials);

        Ok(notice.GmApprove(Gm, null, T0.AddMinutes(5)));
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
