using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Returns;

namespace MingXin.Bot.Tests.Domain.Returns;

/// <summary>The Customer Return 退货单: registered against what was shipped, counted, decided piece by piece, carried out.</summary>
public sealed class CustomerReturnTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 1, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);
    private const decimal CreditLimit = 5_000m;

    private static Actor A(string id, params Position[] positions) => new(new PersonRef(id, "name-" + id), positions.ToHashSet());

    private static readonly Actor Clerk = A("clerk", Position.FollowUpClerk);
    private static readonly Actor Keeper = A("wh", Position.WarehouseKeeper);
    private static readonly Actor Qc = A("qc", Position.QcInspector);
    private static readonly Actor Production = A("pm", Position.ProductionManager);
    private static readonly Actor Gm = A("gm", Position.GeneralManager);

    private static readonly ReturnSource Source = new("DN-2026-0001", "PN-2026-0001", "CU-2026-0001", "华美礼品", "礼盒", 3_000);

    private static void Ok(FormOutcome? o) => Assert.IsType<FormOutcome.Accepted>(o);

    private static CustomerReturn Registered(int quantity = 300, string? complaint = null) =>
        CustomerReturn.Register("RT-2026-0001", Source, complaint, quantity, "烫金脱落", ["https://mingxin.sharepoint.com/sites/qc/Shared%20Documents/rt-0001.jpg"], Clerk, At).Return!;

    private static CustomerReturn Counted(int received = 280)
    {
        var rt = Registered();
        Ok(rt.Receive(Keeper, received, Today, received == 300 ? null : "少 20 个", Today, At));
        return rt;
    }

    [Fact]
    public void Sales_registers_no_more_than_was_shipped_with_the_reason_and_links_to_photos()
    {
        var bad = Assert.IsType<FormOutcome.Invalid>(CustomerReturn.Register("RT-2026-0001", Source, null, 3_001, " ", ["file://c:/photo.jpg"], Clerk, At).Outcome);
        Assert.Equal([("quantity", ProblemKind.TooLarge), ("reason", ProblemKind.Required), ("files", ProblemKind.Unknown)], bad.Problems.Select(p => (p.Field, p.Kind)));
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(CustomerReturn.Register("RT-2026-0001", Source, null, 10, "x", [], Keeper, At).Outcome).Reason);

        var rt = Registered();
        Assert.Equal((ReturnStatus.AwaitingReceipt, 300, (string?)null), (rt.Status, rt.Returned, rt.State.Complaint));
        Ok(rt.LinkComplaint("CC-2026-0004", At));
        Assert.Null(rt.LinkComplaint("CC-2026-0005", At)); // once: a relay delivered twice links the first
        Assert.Equal("CC-2026-0004", rt.State.Complaint);
        Assert.Equal("CC-2026-0001", Registered(complaint: "CC-2026-0001").State.Complaint);
    }

    [Fact]
    public void The_warehouse_counts_what_arrived_and_a_difference_needs_a_note()
    {
        var rt = Registered();
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(rt.Receive(Qc, 300, Today, null, Today, At)).Reason);
        Assert.Equal("receiptNote", Assert.IsType<FormOutcome.Invalid>(rt.Receive(Keeper, 280, Today, null, Today, At)).Problems.Single().Field);
        Ok(rt.Receive(Keeper, 280, Today, "少 20 个", Today, At));
        Assert.Equal((ReturnStatus.AwaitingInspection, 280), (rt.Status, rt.Returned)); // the count replaces what was announced
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(rt.Cancel(Clerk, "登记错", At)).Reason);
    }

    [Fact]
    public void Qc_decides_a_disposition_for_every_piece_counted()
    {
        var rt = Counted(280);
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(rt.Decide(Keeper, "脱落", [(Disposition.Scrap, 280, null)], At)).Reason);
        var short1 = Assert.IsType<FormOutcome.Invalid>(rt.Decide(Qc, "烫金温度低", [(Disposition.Rework, 200, null), (Disposition.Scrap, 70, null)], At));
        Assert.Equal((ProblemKind.MustAddUp, 280m), (short1.Problems[0].Kind, short1.Problems[0].Limit));
        Assert.Equal("sendBackReason", Assert.IsType<FormOutcome.Invalid>(rt.Decide(Qc, "部分合格", [(Disposition.Rework, 200, null), (Disposition.SendBack, 80, " ")], At)).Problems[0].Field);
        Assert.Equal("findings", Assert.IsType<FormOutcome.Invalid>(rt.Decide(Qc, "", [(Disposition.Scrap, 280, null)], At)).Problems[0].Field);

        Ok(rt.Decide(Qc, "烫金温度低，200 个可返工", [(Disposition.Rework, 200, null), (Disposition.Credit, 50, null), (Disposition.Restock, 30, null)], At));
        Assert.Equal(ReturnStatus.AwaitingDisposition, rt.Status);
        Assert.Equal([(1, Disposition.Rework, 200), (2, Disposition.Credit, 50), (3, Disposition.Restock, 30)], rt.State.Dispositions.Select(d => (d.No, d.Kind, d.Quantity)));
    }

    [Fact]
    public void Each_department_carries_out_its_part_a_large_credit_waits_for_the_gm_and_the_return_closes()
    {
        var rt = Counted(280);
        Ok(rt.Decide(Qc, "烫金温度低", [(Disposition.Rework, 200, null), (Disposition.Credit, 50, null), (Disposition.Restock, 30, null)], At));

        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(rt.CarryOut(Keeper, 1, "已返工", null, null, CreditLimit, At)).Reason); // rework is Production's
        Ok(rt.CarryOut(Production, 1, "返工 200 个，已重新出货", null, null, CreditLimit, At));
        Assert.Equal("line", Assert.IsType<FormOutcome.Invalid>(rt.CarryOut(Production, 1, "again", null, null, CreditLimit, At)).Problems[0].Field); // done already

        Assert.Equal(ProblemKind.TooManyDecimals, Assert.IsType<FormOutcome.Invalid>(rt.CarryOut(Clerk, 2, null, null, 6_000.005m, CreditLimit, At)).Problems[0].Kind);
        Ok(rt.CarryOut(Clerk, 2, null, null, 6_000m, CreditLimit, At));
        Assert.True(rt.CreditAwaitsGm);
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(rt.DecideCredit(Clerk, true, null, At)).Reason);
        Assert.Equal(FormRefusal.ReasonRequired, Assert.IsType<FormOutcome.Refused>(rt.DecideCredit(Gm, false, null, At)).Reason);
        Ok(rt.DecideCredit(Gm, approved: true, "同意", At));
        Assert.False(rt.CreditAwaitsGm);
        Assert.Equal(ReturnStatus.AwaitingDisposition, rt.Status); // the restock is still to do

        Assert.Equal(0, rt.Restocked);
        Ok(rt.CarryOut(Keeper, 3, "成品仓 B-2", null, null, CreditLimit, At));
        Assert.Equal((ReturnStatus.Closed, false, 30), (rt.Status, rt.IsOpen, rt.Restocked));
    }

    [Fact]
    public void A_small_credit_needs_no_gm_and_a_replacement_names_its_new_notice_or_delivery()
    {
        var rt = Counted(300);
        Ok(rt.Decide(Qc, "印错颜色", [(Disposition.Replace, 250, null), (Disposition.Credit, 50, null)], At));
        Assert.Equal("replacement", Assert.IsType<FormOutcome.Invalid>(rt.CarryOut(Clerk, 1, null, "SO-2026-0001", null, CreditLimit, At)).Problems[0].Field);
        Ok(rt.CarryOut(Clerk, 1, null, "pn-2026-0007", null, CreditLimit, At));
        Assert.Equal("PN-2026-0007", rt.State.Dispositions[0].Done!.Reference);
        Ok(rt.CarryOut(Clerk, 2, null, null, 800m, CreditLimit, At));
        Assert.False(rt.CreditAwaitsGm);
        Assert.Equal(ReturnStatus.Closed, rt.Status);
    }
}
