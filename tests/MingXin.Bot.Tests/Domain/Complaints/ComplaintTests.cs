using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Tests.Domain.Complaints;

public sealed class ComplaintTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static Actor A(string id, params Position[] positions) => new(new PersonRef(id, "name-" + id), positions.ToHashSet());

    private static readonly Actor Clerk = A("clerk", Position.FollowUpClerk);
    private static readonly Actor Qc = A("qc", Position.QcInspector);
    private static readonly Actor QcManager = A("qcm", Position.QcManager);
    private static readonly Actor Production = A("pm", Position.ProductionManager);
    private static readonly Actor Warehouse = A("wh", Position.WarehouseKeeper);

    internal static readonly ComplaintDetails Details = new(
        "CU-2026-0001", "深圳华彩包装有限公司", ContactChannel.Phone, "PN-2026-0001", "化妆品礼盒", "烫金脱落", 300, Severity.Major, [], [], [], [], ["投诉 华彩 烫金脱落"]);

    private static Complaint Registered(Department to = Department.QualityControl) =>
        Complaint.Register("CC-2026-0001", Details, to, "intake", Clerk, Today, T0).Complaint!;

    private static Complaint AtActions(Department to = Department.QualityControl)
    {
        var c = Registered(to);
        Assert.IsType<FormOutcome.Accepted>(c.Acknowledge(Qc, "隔离库存 300 个", T0));
        Assert.IsType<FormOutcome.Accepted>(c.RecordRootCause(Qc, null, ["烫金温度低", "温控器漂移", "未按时校准"], CauseCategory.Machine, "温控器未校准", T0));
        return c;
    }

    private static PlannedAction Plan(ActionKind kind, string text, Actor owner, int days = 3) => new(kind, text, owner.Positions.Single(), Today.AddDays(days));

    [Fact]
    public void Only_sales_registers_and_it_is_issued_to_the_department_picked()
    {
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(Complaint.Register("CC-1", Details, Department.QualityControl, "i", Qc, Today, T0).Outcome).Reason);
        Assert.IsType<FormOutcome.Invalid>(Complaint.Register("CC-1", Details, Department.Sales, "i", Clerk, Today, T0).Outcome);
        Assert.IsType<FormOutcome.Invalid>(Complaint.Register("CC-1", Details with { QuantityAffected = 0 }, Department.QualityControl, "i", Clerk, Today, T0).Outcome);

        var c = Registered(Department.Production);
        Assert.Equal(ComplaintStatus.AwaitingAcknowledgement, c.Status);
        Assert.Equal([Position.ProductionPlanner, Position.ProductionManager], c.PositionsWaitedOn());
    }

    [Fact]
    public void From_registration_to_closure_with_one_ineffective_verification()
    {
        var c = AtActions();
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(c.PlanActions(Warehouse, [Plan(ActionKind.Corrective, "x", Production)], Today, T0)).Reason);
        Assert.IsType<FormOutcome.Accepted>(c.PlanActions(Qc, [Plan(ActionKind.Corrective, "校准温控器", Production), Plan(ActionKind.Preventive, "加入周点检表", QcManager)], Today, T0));
        Assert.Equal([Position.ProductionManager, Position.QcManager], c.PositionsWaitedOn());

        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(c.ConfirmDone(Qc, null, T0)).Reason); // not an owner
        Assert.IsType<FormOutcome.Accepted>(c.ConfirmDone(Production, "已校准", T0));
        Assert.Equal(ComplaintStatus.Implementation, c.Status);
        Assert.IsType<FormOutcome.Accepted>(c.ConfirmDone(QcManager, null, T0));
        Assert.Equal(ComplaintStatus.Verification, c.Status);

        Assert.Equal(FormRefusal.ReasonRequired, Assert.IsType<FormOutcome.Refused>(c.Verify(Qc, effective: false, " ", T0)).Reason);
        Assert.IsType<FormOutcome.Accepted>(c.Verify(Qc, effective: false, "复检仍有脱落", T0));
        Assert.Equal((ComplaintStatus.RootCause, 1, 2), (c.Status, c.State.Reopened, c.Round));

        Assert.IsType<FormOutcome.Accepted>(c.RecordRootCause(Qc, null, ["烫金纸批次不良"], CauseCategory.Material, "供应商烫金纸附着力不足", T0));
        Assert.IsType<FormOutcome.Accepted>(c.PlanActions(Production, [Plan(ActionKind.Corrective, "更换烫金纸供应商", Production)], Today, T0));
        Assert.Single(c.CurrentActions());
        Assert.Equal(3, c.State.Actions.Count); // the first round's actions are kept
        Assert.IsType<FormOutcome.Accepted>(c.ConfirmDone(Production, null, T0));
        Assert.IsType<FormOutcome.Accepted>(c.Verify(QcManager, effective: true, null, T0));
        Assert.Equal(ComplaintStatus.AwaitingReply, c.Status);

        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(c.RecordReply(Qc, Today, ContactChannel.Email, "李小姐", "已更换", Today, T0)).Reason);
        Assert.IsType<FormOutcome.Invalid>(c.RecordReply(Clerk, Today.AddDays(1), ContactChannel.Email, "李小姐", "已更换", Today, T0));
        Assert.IsType<FormOutcome.Accepted>(c.RecordReply(Clerk, Today, ContactChannel.Email, "李小姐", "已补货 300 个并更换供应商", Today, T0));
        Assert.Equal(ComplaintStatus.Closed, c.Status);
        Assert.Equal(2, c.State.Analyses.Count);
        Assert.False(c.IsOpen);
    }

    [Fact]
    public void Root_cause_needs_containment_a_chain_of_whys_a_category_and_the_cause()
    {
        var c = Registered();
        c.Acknowledge(Qc, null, T0);
        var invalid = Assert.IsType<FormOutcome.Invalid>(c.RecordRootCause(Qc, null, ["a", null, "c"], null, " ", T0));
        Assert.Equal(["containment", "why2", "category", "rootCause"], invalid.Problems.Select(p => p.Field));
        Assert.Equal(ComplaintStatus.RootCause, c.Status);
    }

    [Fact]
    public void Actions_need_a_corrective_one_and_every_row_an_owner_and_a_due_date_not_past()
    {
        var c = AtActions();
        var invalid = Assert.IsType<FormOutcome.Invalid>(c.PlanActions(Qc, [new PlannedAction(ActionKind.Preventive, "培训", null, Today.AddDays(-1))], Today, T0));
        Assert.Equal(["ca1", "pa1Owner", "pa1Due"], invalid.Problems.Select(p => p.Field));
        Assert.Equal(ProblemKind.DateInPast, invalid.Problems[2].Kind);
        Assert.Empty(c.State.Actions);
    }

    [Fact]
    public void Steps_refuse_wrong_state_and_cancel_needs_the_originator_and_a_reason()
    {
        var c = Registered();
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(c.Verify(Qc, true, null, T0)).Reason);
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(c.Acknowledge(Warehouse, null, T0)).Reason);
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(c.Cancel(Qc, "dup", T0)).Reason);
        Assert.Equal(FormRefusal.ReasonRequired, Assert.IsType<FormOutcome.Refused>(c.Cancel(Clerk, "", T0)).Reason);
        Assert.IsType<FormOutcome.Accepted>(c.Cancel(Clerk, "客户撤回投诉", T0));
        Assert.Equal(ComplaintStatus.Cancelled, c.Status);
    }
}
