using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Domain.Orders;

/// <summary>The card verbs of the Order Amendment Notice, each written here once.</summary>
public static class AmendmentVerbs
{
    public const string Prefix = "oa-";
    public const string Start = "oa-start";
    public const string Confirm = "oa-confirm";
    public const string Reject = "oa-reject";
    public const string Permission = "oa-permission";
    public const string Cancel = "oa-cancel";
}

/// <summary>What happens to an Order Amendment Notice, as its audit rows name it (stored: never rename one).</summary>
public static class AmendmentEvents
{
    public const string Started = FormEvents.Started;
    public const string SalesManagerConfirmed = "sales-manager-confirmed";
    public const string ProductionManagerConfirmed = "production-manager-confirmed";
    public const string PlannerAcknowledged = "planner-acknowledged";
    public const string Rejected = "rejected";
    public const string CustomerPermission = "customer-permission";
    public const string Cancelled = FormEvents.Cancelled;
}

/// <summary>
/// The Order Amendment Notice 订单修正通知单 (MX-QM-03 4.1.10), step by step: the sales manager confirms,
/// then the production manager, then the production planner acts on it — and the notice takes the change.
/// </summary>
public static class OrderAmendmentSteps
{
    /// <summary>The form as the company names it, the clause it serves, how it is started from chat.</summary>
    public static FormName Form { get; } = new FormName("OrderAmendment", "OA", "订单修正通知单", "Order Amendment Notice", [], ["amendment", "amend", "订单修正", "订单修正通知单", "修正"], "4.1.10", new FormCommand(["amend", "amendment", "修正", "订单修正", "订单修正通知单"], "修正 <生产通知单号> / amend", "amend <notice no.> / 修正", "订单修正通知单：业务经理、生产经理确认，生管执行", "Order Amendment Notice: sales manager and production manager confirm, the planner acts"));

    public static StepTable<OrderAmendment, AmendmentStatus> Table { get; } =
        new StepTable<OrderAmendment, AmendmentStatus>(AmendmentStatus.AwaitingSalesManager, AmendmentStatus.Cancelled, f => f.Status, (f, a) => f.IsOriginator(a))
            .PostAtStartTo(Department.Sales)
            .PostWhenReached(AmendmentStatus.AwaitingProductionManager, Department.Production)
            .In(AmendmentStatus.AwaitingSalesManager)
                .When(AmendmentVerbs.Confirm, Position.SalesManager)
                .Then((f, c) => f.Confirm(c.Actor, c.Now))
                .TransitionTo(AmendmentStatus.AwaitingProductionManager)
                .When(AmendmentVerbs.Reject, Position.SalesManager)
                .Then((f, c) => f.Reject(c.Actor, c.Values.Text("comment"), c.Now))
                .TransitionTo(AmendmentStatus.Rejected)
            .In(AmendmentStatus.AwaitingProductionManager)
                .When(AmendmentVerbs.Confirm, Position.ProductionManager)
                .Then((f, c) => f.Confirm(c.Actor, c.Now))
                .TransitionTo(AmendmentStatus.AwaitingPlanner)
                .When(AmendmentVerbs.Reject, Position.ProductionManager)
                .Then((f, c) => f.Reject(c.Actor, c.Values.Text("comment"), c.Now))
                .TransitionTo(AmendmentStatus.Rejected)
            .In(AmendmentStatus.AwaitingPlanner)
                .When(AmendmentVerbs.Confirm, Position.ProductionPlanner)
                .Then((f, c) => f.Confirm(c.Actor, c.Now))
                .TransitionTo(AmendmentStatus.Applied)
            .While("a new delivery date without the customer's permission (written before it was asked)", f => f.PermissionMissing, AmendmentStatus.AwaitingSalesManager, AmendmentStatus.AwaitingProductionManager, AmendmentStatus.AwaitingPlanner)
                .WhenOriginator(AmendmentVerbs.Permission).AlsoBy(Position.SalesManager, Position.FollowUpClerk)
                .Then((f, c) => f.RecordCustomerPermission(c.Actor, c.Values.Text("agreedBy"), c.Values.Choice<ContactChannel>("via"), c.Now))
                .Stay()
            .Table
            .Cancellable(AmendmentVerbs.Cancel, f => f.IsOpen, (f, a, reason, at) => f.Cancel(a, reason, at))
            .On(AmendmentEvents.PlannerAcknowledged, "amends the Production Notice", (f, _) =>
                [new FormEffect.Change(new AmendmentConfirmed(f.State.Notice.Id, f.State.Id, f.State.Field, f.State.NewValue, f.State.Reason, f.State.Originator, f.State.Permission))]);
}
