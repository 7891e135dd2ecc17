using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Shipments;

namespace MingXin.Bot.Tests.Domain.Shipments;

/// <summary>The Delivery Note 送货单 and what its shipments do to the Production Notice they ship against.</summary>
public sealed class DeliveryNoteTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 1, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly DateOnly Due = new(2026, 11, 25);

    private static Actor A(string id, params Position[] positions) => new(new PersonRef(id, "name-" + id), positions.ToHashSet());

    private static readonly Actor Sales = A("sales", Position.Salesperson);
    private static readonly Actor Clerk = A("clerk", Position.FollowUpClerk);
    private static readonly Actor Qc = A("qc", Position.QcInspector);
    private static readonly Actor Keeper = A("wh", Position.WarehouseKeeper);
    private static readonly Actor Gm = A("gm", Position.GeneralManager);
    private static readonly Actor Planner = A("planner", Position.ProductionPlanner);
    private static readonly Actor SalesManager = A("sm", Position.SalesManager);

    private static void Ok(FormOutcome? o) => Assert.IsType<FormOutcome.Accepted>(o);

    /// <summary>A notice for 5,000 pieces, due <see cref="Due"/>, in production under its ticket.</summary>
    private static ProductionNotice Released(int quantity = 5_000)
    {
        var order = new OrderRef("SO-2026-0001", "QT-2026-0001", "华美礼品", "礼盒", "250×180×60", quantity, Due, null, false, OrderReviewStatus.Passed);
        var notice = ProductionNotice.Start("PN-2026-0001", order, [], null, Sales, At).Notice!;
        Ok(notice.PassOn(Clerk, null, At));
        Ok(notice.GmApprove(Gm, null, At, new AnswerClock(At, At.AddMinutes(90), At.AddMinutes(120), WorkingTime: false)));
        Ok(notice.RecordTicket(Planner, "T-88", At));
        return notice;
    }

    private static NoticeTerms Terms(ProductionNotice n) => new(n.Id, n.Outstanding, n.State.DeliveryDate, n.Shippable);

    private static DeliveryNote Raise(ProductionNotice notice, int quantity, string id = "DN-2026-0001") =>
        DeliveryNote.Start(id, Terms(notice), "华美礼品", "礼盒", "250×180×60", "T-88", quantity, "深圳市宝安区凤凰工业区 8 栋", null, Clerk, At).Note!;

    private static DeliveryNote Passed(ProductionNotice notice, int quantity, string id = "DN-2026-0001")
    {
        var dn = Raise(notice, quantity, id);
        Ok(dn.Inspect(Qc, passed: true, null, At));
        return dn;
    }

    [Fact]
    public void A_note_is_raised_only_against_a_notice_in_production_and_never_for_more_than_is_due()
    {
        var notice = Released();
        Assert.Equal((5_000, 0, 5_000, true), (notice.State.Quantity, notice.Shipped, notice.Outstanding, notice.Shippable));

        var tooMuch = Assert.IsType<FormOutcome.Invalid>(DeliveryNote.Start("DN-2026-0001", Terms(notice), "华美礼品", "礼盒", "s", null, 5_001, " ", null, Clerk, At).Outcome);
        Assert.Equal([("quantity", ProblemKind.TooLarge), ("address", ProblemKind.Required)], tooMuch.Problems.Select(p => (p.Field, p.Kind)));
        Assert.Equal(5_000, tooMuch.Problems[0].Limit);
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(DeliveryNote.Start("DN-2026-0001", Terms(notice), "华美礼品", "礼盒", "s", null, 10, "地址", null, Qc, At).Outcome).Reason);

        var order = new OrderRef("SO-2026-0002", "QT-2026-0002", "华美礼品", "礼盒", "s", 100, Due, null, false, OrderReviewStatus.Passed);
        var notYet = ProductionNotice.Start("PN-2026-0002", order, [], null, Sales, At).Notice!;
        Assert.False(notYet.Shippable);
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(DeliveryNote.Start("DN-2026-0001", Terms(notYet), "华美礼品", "礼盒", "s", null, 10, "地址", null, Clerk, At).Outcome).Reason);

        var dn = Raise(notice, 3_000);
        Assert.Equal(DeliveryStatus.AwaitingInspection, dn.Status);
        Assert.Equal([Position.QcInspector, Position.QcManager], DeliveryNoteSteps.Table.PositionsWaitedOn(dn));
    }

    [Fact]
    public void Qc_holds_a_lot_with_the_reason_and_passes_it_when_put_right()
    {
        var dn = Raise(Released(), 3_000);
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(dn.Inspect(Keeper, true, null, At)).Reason);
        Assert.Equal("inspectionNote", Assert.IsType<FormOutcome.Invalid>(dn.Inspect(Qc, passed: false, " ", At)).Problems[0].Field);
        Ok(dn.Inspect(Qc, passed: false, "外箱唛头错误", At));
        Assert.Equal(DeliveryStatus.OnHold, dn.Status);
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(dn.Ship(Keeper, new NoticeTerms("PN-2026-0001", 5_000, Due, true), 3_000, Today, "粤B·12345", "地址", Today, At)).Reason);
        Ok(dn.Inspect(Qc, passed: true, "已换箱", At));
        Assert.Equal(DeliveryStatus.AwaitingShipment, dn.Status);
        Assert.Equal([false, true], dn.State.Inspections.Select(i => i.Passed));
    }

    [Fact]
    public void A_shipment_is_checked_against_what_the_notice_still_has_due_then_and_measured_against_the_date_in_force()
    {
        var notice = Released();
        var first = Passed(notice, 3_000);
        var second = Passed(notice, 2_000, "DN-2026-0002");

        // The first note ships 3,000 two days after the date in force; the notice lists it (once, however often it is relayed).
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(first.Ship(Clerk, Terms(notice), 3_000, Today, "顺丰", "地址", Today, At)).Reason);
        var future = Assert.IsType<FormOutcome.Invalid>(first.Ship(Keeper, Terms(notice), 3_001, Today.AddDays(1), " ", "地址", Today, At));
        Assert.Equal([("quantity", ProblemKind.TooLarge), ("shippedOn", ProblemKind.DateInFuture), ("carrier", ProblemKind.Required)], future.Problems.Select(p => (p.Field, p.Kind)));
        Ok(first.Ship(Keeper, Terms(notice), 3_000, Today, "粤B·12345", "深圳市宝安区凤凰工业区 8 栋 3 楼", Today, At));
        Assert.Equal((DeliveryStatus.AwaitingReceipt, 2, Due), (first.Status, first.State.Shipment!.DaysLate, first.State.Shipment.DueOn));
        Ok(notice.RecordShipment(first.AsNoticeShipment()!));
        Assert.Null(notice.RecordShipment(first.AsNoticeShipment()!));
        Assert.Equal((3_000, 2_000, NoticeStatus.Released, ShippingState.PartlyShipped, true), (notice.Shipped, notice.Outstanding, notice.Status, notice.Shipping, notice.IsOpen));

        // Meanwhile the customer agreed a later date: the second shipment is measured against it — on time.
        Ok(notice.ApplyPermissionFrom(new CustomerPermission("IC-2026-0001", null, Today.AddDays(3), "黄先生", ContactChannel.Phone, Clerk.Person, At, "华美礼品")));
        Assert.Equal(1_999, Assert.IsType<FormOutcome.Invalid>(second.Ship(Keeper, Terms(notice) with { Outstanding = 1_999 }, 2_000, Today, "顺丰", "地址", Today, At)).Problems[0].Limit);
        Ok(second.Ship(Keeper, Terms(notice), 2_000, Today, "顺丰", "地址", Today, At));
        Assert.Equal((0, Today.AddDays(3)), (second.State.Shipment!.DaysLate, second.State.Shipment.DueOn));
        Ok(notice.RecordShipment(second.AsNoticeShipment()!));

        // Everything is shipped: the notice closes, and nothing more can ship against it.
        Assert.Equal((5_000, 0, NoticeStatus.Shipped, ShippingState.Shipped, false, false), (notice.Shipped, notice.Outstanding, notice.Status, notice.Shipping, notice.IsOpen, notice.Shippable));
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(Passed(Released(), 10, "DN-2026-0003").Ship(Keeper, Terms(notice), 10, Today, "顺丰", "地址", Today, At)).Reason);
    }

    [Fact]
    public void The_customer_signs_for_what_they_accepted_and_a_shortfall_needs_a_remark()
    {
        var notice = Released();
        var dn = Passed(notice, 3_000);
        Ok(dn.Ship(Keeper, Terms(notice), 3_000, Today.AddDays(-1), "粤B·12345", "地址", Today, At));
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(dn.RecordReceipt(Keeper, "黄先生", Today, 3_000, null, Today, At)).Reason);

        var wrong = Assert.IsType<FormOutcome.Invalid>(dn.RecordReceipt(Clerk, "黄先生", Today.AddDays(-2), 2_950, null, Today, At));
        Assert.Equal([("receivedOn", ProblemKind.DateTooEarly), ("remarks", ProblemKind.Required)], wrong.Problems.Select(p => (p.Field, p.Kind)));
        Assert.Equal(Today.AddDays(-1).ToString("yyyy-MM-dd"), wrong.Problems[0].Detail); // not before it was shipped
        Assert.Equal(ProblemKind.TooLarge, Assert.IsType<FormOutcome.Invalid>(dn.RecordReceipt(Clerk, "黄先生", Today, 3_001, null, Today, At)).Problems[0].Kind);

        Ok(dn.RecordReceipt(Clerk, "黄先生", Today, 2_950, "外箱压坏 50 个，拒收", Today, At));
        Assert.Equal((DeliveryStatus.Received, false, 2_950), (dn.Status, dn.IsOpen, dn.State.Receipt!.QuantityAccepted));
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(dn.Cancel(Clerk, "错开", At)).Reason); // shipped goods stay on record
    }

    [Fact]
    public void Sales_cancels_the_rest_after_a_part_shipment_and_the_notice_closes_truthfully()
    {
        var notice = Released();
        Assert.Equal(ShippingState.InProduction, notice.Shipping);
        Assert.True(notice.IsOpen); // in production is open now: nothing has been delivered
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(notice.CancelRest(Sales, "客户不要了", At)).Reason); // nothing shipped yet: the GM cancels a notice in production

        var dn = Passed(notice, 4_000);
        Ok(dn.Ship(Keeper, Terms(notice), 4_000, Today, "顺丰", "地址", Today, At));
        Ok(notice.RecordShipment(dn.AsNoticeShipment()!));
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(notice.CancelRest(Keeper, "客户不要了", At)).Reason);
        Assert.Equal(FormRefusal.ReasonRequired, Assert.IsType<FormOutcome.Refused>(notice.CancelRest(SalesManager, " ", At)).Reason);
        Ok(notice.CancelRest(Sales, "客户只要 4,000", At));
        Assert.Equal((NoticeStatus.Shipped, 1_000, 0, false), (notice.Status, notice.State.RestCancelled!.Quantity, notice.Outstanding, notice.IsOpen));
    }

    [Fact]
    public void A_note_is_withdrawn_before_it_ships_by_whoever_raised_it()
    {
        var dn = Raise(Released(), 100);
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(dn.Cancel(Keeper, "开错", At)).Reason);
        Ok(dn.Cancel(Clerk, "开错", At));
        Assert.Equal((DeliveryStatus.Cancelled, false), (dn.Status, dn.IsOpen));
    }
}
