using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Property;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Workflows;

namespace MingXin.Bot.Tests.Domain.Property;

public sealed class CustomerPropertyTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 1, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly Actor Sales = new(new PersonRef("s", "王芳"), new HashSet<Position> { Position.FollowUpClerk });
    private static readonly Actor Qc = new(new PersonRef("q", "周婷"), new HashSet<Position> { Position.QcInspector });
    private static readonly Actor Warehouse = new(new PersonRef("w", "孙丽"), new HashSet<Position> { Position.WarehouseKeeper });
    private static readonly Actor Gm = new(new PersonRef("g", "李强"), new HashSet<Position> { Position.GeneralManager });

    private static CustomerProperty Received(int quantity = 1000) =>
        CustomerProperty.Receive("CP-2026-0001", "CU-2026-0001", "华美礼品", "金卡纸 350g", PropertyType.Material, quantity, "张", Today, "pn-2026-0001", null, Warehouse, Today, At).Property!;

    private static CustomerProperty Held(int quantity = 1000)
    {
        var p = Received(quantity);
        Assert.IsType<FormOutcome.Accepted>(p.Verify(Qc, accepted: true, "A-3-2", null, At));
        return p;
    }

    [Fact]
    public void Receipt_is_checked_and_waits_for_qc()
    {
        var invalid = Assert.IsType<FormOutcome.Invalid>(CustomerProperty.Receive("CP-2026-0001", "CU-1", "华美", " ", (PropertyType)42, -5, "", Today.AddDays(1), "PO 17", null, Warehouse, Today, At).Outcome);
        Assert.Equal(["item", "unit", "type", "quantity", "receivedOn", "reference"], invalid.Problems.Select(p => p.Field));
        Assert.IsType<FormOutcome.Refused>(CustomerProperty.Receive("CP-2026-0001", "CU-1", "华美", "菲林", PropertyType.Film, 4, "张", Today, null, null, Gm, Today, At).Outcome);

        var p = Received();
        Assert.Equal(PropertyStatus.AwaitingInspection, p.Status);
        Assert.Equal("PN-2026-0001", p.State.Reference);
        Assert.Equal([Position.QcInspector, Position.QcManager], p.PositionsWaitedOn());
        Assert.IsType<FormOutcome.Refused>(p.Verify(Warehouse, true, "A-1", null, At)); // QC verifies
        Assert.IsType<FormOutcome.Refused>(p.Move(Warehouse, MovementKind.Issued, 10, "PN-2026-0001", null, At)); // not before verification
    }

    [Fact]
    public void Use_is_tracked_against_production_notices()
    {
        var p = Held(1000);
        Assert.IsType<FormOutcome.Accepted>(p.Move(Warehouse, MovementKind.Issued, 600, "pn-2026-0001", null, At));
        Assert.IsType<FormOutcome.Accepted>(p.Move(Warehouse, MovementKind.Issued, 300, "PN-2026-0002", null, At));
        Assert.IsType<FormOutcome.Accepted>(p.Move(Warehouse, MovementKind.Returned, 50, "PN-2026-0001", "余料", At));
        Assert.Equal(150, p.Held);
        Assert.Equal([("PN-2026-0001", 600, 50, 550), ("PN-2026-0002", 300, 0, 300)], p.ByNotice());

        // Never below zero: more than is held, more than was issued to that notice, a notice it never went to.
        Assert.Equal(ProblemKind.TooLarge, Assert.IsType<FormOutcome.Invalid>(p.Move(Warehouse, MovementKind.Issued, 151, "PN-2026-0001", null, At)).Problems[0].Kind);
        Assert.Equal(ProblemKind.TooLarge, Assert.IsType<FormOutcome.Invalid>(p.Move(Warehouse, MovementKind.Returned, 551, "PN-2026-0001", null, At)).Problems[0].Kind);
        Assert.Equal(ProblemKind.TooLarge, Assert.IsType<FormOutcome.Invalid>(p.Move(Warehouse, MovementKind.Returned, 1, "PN-2026-0003", null, At)).Problems[0].Kind);
        Assert.Equal("notice", Assert.IsType<FormOutcome.Invalid>(p.Move(Warehouse, MovementKind.Issued, 1, "SO-2026-0001", null, At)).Problems[0].Field);
        Assert.Equal(150, p.Held);
    }

    [Fact]
    public void A_loss_is_reported_to_the_customer_who_when_and_how()
    {
        var p = Held(100);
        Assert.IsType<FormOutcome.Invalid>(p.Move(Warehouse, MovementKind.Lost, 5, null, null, At)); // what happened is required
        Assert.IsType<FormOutcome.Accepted>(p.Move(Warehouse, MovementKind.Lost, 5, null, "搬运时遗失", At));
        Assert.IsType<FormOutcome.Accepted>(p.Move(Qc, MovementKind.Damaged, 10, null, "受潮", At));
        Assert.Equal(95, p.Held); // the lost are gone, the damaged stay held …
        Assert.Equal(85, p.Usable); // … but cannot be issued
        Assert.Equal(2, p.Unreported().Count);
        Assert.Equal([Position.FollowUpClerk, Position.Salesperson], p.PositionsWaitedOn());
        Assert.Equal(ProblemKind.TooLarge, Assert.IsType<FormOutcome.Invalid>(p.Move(Warehouse, MovementKind.Issued, 86, "PN-2026-0001", null, At)).Problems[0].Kind);

        Assert.IsType<FormOutcome.Refused>(p.ReportToCustomer(Warehouse, 1, "黄先生", Today, ContactChannel.Phone, "同意", Today, At));
        var invalid = Assert.IsType<FormOutcome.Invalid>(p.ReportToCustomer(Sales, 7, "", Today.AddDays(1), ContactChannel.Phone, "", Today, At));
        Assert.Equal(["incident", "reportedTo", "response", "reportedOn"], invalid.Problems.Select(x => x.Field));
        Assert.IsType<FormOutcome.Accepted>(p.ReportToCustomer(Sales, 1, "黄先生", Today, ContactChannel.Phone, "客户同意下批补足", Today, At));
        Assert.IsType<FormOutcome.Accepted>(p.ReportToCustomer(Sales, 2, "黄先生", Today, ContactChannel.Email, "受潮部分退回", Today, At));
        Assert.Empty(p.Unreported());
        Assert.Empty(p.PositionsWaitedOn());
        Assert.Equal("黄先生", p.State.Reports[0].ReportedTo);
    }

    [Fact]
    public void Unsuitable_on_receipt_is_reported_then_returned_with_consent_and_the_record_closes()
    {
        var p = Received(40);
        Assert.IsType<FormOutcome.Invalid>(p.Verify(Qc, accepted: false, "A-1", null, At)); // the reason is required
        Assert.IsType<FormOutcome.Accepted>(p.Verify(Qc, accepted: false, "待处理区", "菲林尺寸不对", At));
        Assert.Equal(40, p.Unusable);
        Assert.Equal(0, p.Usable);
        var unsuitable = Assert.Single(p.Unreported());
        Assert.Equal(MovementKind.Unsuitable, unsuitable.Kind);

        Assert.IsType<FormOutcome.Invalid>(p.Dispose(Sales, MovementKind.ReturnedToCustomer, 40, "", null, ContactChannel.Email, null, Today, At)); // consent: who and when
        Assert.IsType<FormOutcome.Accepted>(p.ReportToCustomer(Sales, unsuitable.No, "黄先生", Today, ContactChannel.Email, "请退回", Today, At));
        Assert.IsType<FormOutcome.Accepted>(p.Dispose(Sales, MovementKind.ReturnedToCustomer, 40, "黄先生", Today, ContactChannel.Email, "快递退回", Today, At));
        Assert.Equal(PropertyStatus.Closed, p.Status);
        Assert.Equal(0, p.Held);
        Assert.Equal(0, p.Unusable);
        Assert.Equal(At, p.State.ClosedAt);
        Assert.IsType<FormOutcome.Refused>(p.Move(Warehouse, MovementKind.Issued, 1, "PN-2026-0001", null, At));
    }

    [Fact]
    public void Random_sequences_of_movements_never_take_a_quantity_below_zero_and_refusals_change_nothing()
    {
        var random = new Random(20261127);
        var actors = new[] { Sales, Qc, Warehouse, Gm };
        var notices = new[] { "PN-2026-0001", "PN-2026-0002", "PN-2026-0003" };
        for (var run = 0; run < 300; run++)
        {
            var p = Held(random.Next(1, 200));
            for (var step = 0; step < 40 && p.IsOpen; step++)
            {
                var before = WorkflowJson.Serialize(p.State);
                var actor = actors[random.Next(actors.Length)];
                var quantity = random.Next(-5, 120);
                var outcome = random.Next(4) switch
                {
                    0 => p.Move(actor, (MovementKind)random.Next(0, 5), quantity, notices[random.Next(notices.Length)], "x", At),
                    1 => p.Dispose(actor, random.Next(2) == 0 ? MovementKind.ReturnedToCustomer : MovementKind.Disposed, quantity, "黄先生", Today, ContactChannel.Phone, null, Today, At),
                    2 => p.ReportToCustomer(actor, random.Next(1, 8), "黄先生", Today, ContactChannel.Fax, "知悉", Today, At),
                    _ => p.Move(actor, MovementKind.Returned, quantity, notices[random.Next(notices.Length)], null, At),
                };

                Assert.True(p.Held >= 0 && p.Usable >= 0 && p.Unusable >= 0, $"run {run} step {step}: held {p.Held}, usable {p.Usable}");
                Assert.All(notices, n => Assert.True(p.AtProduction(n) >= 0));
                Assert.Equal(p.State.Received, p.Held + p.Issued() - p.ReturnedFrom() + p.State.Movements.Where(m => m.Kind is MovementKind.Lost or MovementKind.ReturnedToCustomer or MovementKind.Disposed).Sum(m => m.Quantity));
                if (outcome is not FormOutcome.Accepted)
                {
                    Assert.Equal(before, WorkflowJson.Serialize(p.State));
                }
            }
        }
    }
}
