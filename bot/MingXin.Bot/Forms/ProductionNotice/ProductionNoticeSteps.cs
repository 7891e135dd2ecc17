using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Domain.Orders;

/// <summary>The card verbs of the Production Notice, each written here once.</summary>
public static class NoticeVerbs
{
    public const string Prefix = "pn-";
    public const string Start = "pn-start";
    public const string PassOn = "pn-pass-on";
    public const string Stock = "pn-stock";
    public const string Check = "pn-check";
    public const string Approve = "pn-approve";
    public const string Reject = "pn-reject";
    public const string Revise = "pn-revise";
    public const string Ticket = "pn-ticket";
    public const string CanMeet = "pn-can-meet";
    public const string Permission = "pn-permission";
    public const string KeepDate = "pn-risk-keep";
    public const string CancelAtRisk = "pn-risk-cancel";
    public const string CancelRest = "pn-cancel-rest";
    public const string Cancel = "pn-cancel";
}

/// <summary>What happens to a Production Notice, as its audit rows name it (stored: never rename one).</summary>
public static class NoticeEvents
{
    public const string Started = FormEvents.Started;
    public const string PassedOn = "passed-on";
    public const string StockCard = "stock-card";
    public const string StockChecked = "stock-checked";
    public const string GmApproved = "gm-approved";
    public const string GmRejected = "gm-rejected";
    public const string Revised = "revised";
    public const string Ticket = "ticket";
    public const string Amended = "amended";
    public const string CanMeet = "can-meet";
    public const string InternalContact = "internal-contact";
    public const string CustomerPermission = "customer-permission";
    public const string AnswerReminder = "answer-reminder";
    public const string AnswerOverdue = "answer-overdue";
    public const string DateStands = "date-stands";
    public const string DateAtRisk = "date-at-risk";
    public const string RiskDecided = "risk-decided";
    public const string Shipment = "shipment";
    public const string AllShipped = "all-shipped";
    public const string RestCancelled = "rest-cancelled";
    public const string Cancelled = FormEvents.Cancelled;
}

/// <summary>
/// The Production Notice 生产通知单 (MX-QM-03 4.1.8–4.1.9, 4.2.2–4.2.3), step by step: a repeat order's
/// stock card and good stock, the GM's approval, the planner's Production Ticket — and beside those
/// states, Production's two-hour answer and the customer's permission for a new date.
/// </summary>
public static class ProductionNoticeSteps
{
    /// <summary>The form as the company names it, the clause it serves, how it is started from chat.</summary>
    public static FormName Form { get; } = new FormName("ProductionNotice", "PN", "生产通知单", "Production Notice", [("生产传票", "Production Ticket")], ["notice", "productionnotice", "生产通知单", "通知单", "生产传票"], "4.1.8–4.1.9, 4.2.2–4.2.3", new FormCommand(["notice", "生产通知单", "通知单", "生产通知"], "生产通知单 <订单评审号> / notice", "notice <order review no.> / 生产通知单", "生产通知单：返单扣减良品库存，总经理批准后发生产部", "Production Notice: repeat orders net off good stock; the GM approves, Production gets it"));

    /// <param name="answerClock">The two-hour clock that starts when the GM approves (on the business calendar).</param>
    public static StepTable<ProductionNotice, NoticeStatus> Build(Func<DateTimeOffset, AnswerClock> answerClock) =>
        new StepTable<ProductionNotice, NoticeStatus>(NoticeStatus.AwaitingFollowUpClerk, NoticeStatus.Cancelled, f => f.Status, (f, a) => f.IsOriginator(a))
            .PostAtStartTo(Department.Sales)
            .PostWhenReached(NoticeStatus.AwaitingStockCard, Department.Warehouse)
            .PostWhenReached(NoticeStatus.AwaitingStockCheck, Department.QualityControl)
            .PostWhenReached(NoticeStatus.AwaitingGmApproval, Department.GeneralManagerOffice)
            .PostWhenReached(NoticeStatus.AwaitingProductionTicket, Department.Production)
            .PostWhile("date at risk", f => f.AtRisk, Department.GeneralManagerOffice)
            .In(NoticeStatus.AwaitingFollowUpClerk)
                .When(NoticeVerbs.PassOn, Position.FollowUpClerk).AlsoBy(Position.SalesManager)
                .Then((f, c) => f.PassOn(c.Actor, c.Values.Text("clerkNote"), c.Now))
                .TransitionTo(NoticeStatus.AwaitingStockCard, NoticeStatus.AwaitingGmApproval)
            .In(NoticeStatus.AwaitingStockCard)
                .When(NoticeVerbs.Stock, Position.WarehouseKeeper)
                .Then((f, c) => c.Values.Int("stock") is { } onHand ? f.RecordStock(c.Actor, onHand, c.Now) : c.Values.NotANumber("stock"))
                .TransitionTo(NoticeStatus.AwaitingStockCheck, NoticeStatus.AwaitingGmApproval)
            .In(NoticeStatus.AwaitingStockCheck)
                .When(NoticeVerbs.Check, Position.QcInspector, Position.QcManager)
                .Then((f, c) => c.Values.Int("good") is { } good ? f.CheckStock(c.Actor, good, c.Values.Text("note"), c.Now) : c.Values.NotANumber("good"))
                .TransitionTo(NoticeStatus.AwaitingGmApproval)
            .In(NoticeStatus.AwaitingGmApproval)
                .When(NoticeVerbs.Approve, Position.GeneralManager)
                .Separated(DutyRule.NoApprovalOfOwnForm, (f, actor) => f.IsOriginator(actor))
                .Then((f, c) => f.GmApprove(c.Actor, c.Values.Text("comment"), c.Now, answerClock(c.Now)))
                .TransitionTo(NoticeStatus.AwaitingProductionTicket)
                .When(NoticeVerbs.Reject, Position.GeneralManager)
                .Then((f, c) => f.GmReject(c.Actor, c.Values.Text("comment"), c.Now))
                .TransitionTo(NoticeStatus.ReturnedForRevision)
            .In(NoticeStatus.ReturnedForRevision)
                .WhenOriginator(NoticeVerbs.Revise).AlsoBy(Position.SalesManager)
                .Then((f, c) => f.Revise(c.Actor, c.Values.Lines("materials"), c.Values.Text("notes"), c.Now))
                .TransitionTo(NoticeStatus.AwaitingGmApproval)
            .In(NoticeStatus.AwaitingProductionTicket)
                .When(NoticeVerbs.Ticket, Position.ProductionPlanner)
                .Then((f, c) => f.RecordTicket(c.Actor, c.Values.Text("ticket"), c.Now))
                .TransitionTo(NoticeStatus.Released)
            .While("two-hour answer pending", f => f.AnswerPending, NoticeStatus.AwaitingProductionTicket, NoticeStatus.Released)
                .When(NoticeVerbs.CanMeet, Position.ProductionManager).AlsoBy(Position.ProductionPlanner)
                .Then((f, c) => f.AnswerCanMeet(c.Actor, c.Now))
                .Stay()
            .While("customer permission pending (a contact answer recorded on the notice itself)", f => f.PermissionPending, NoticeStatus.AwaitingProductionTicket, NoticeStatus.Released)
                .When(NoticeVerbs.Permission, Position.FollowUpClerk).AlsoBy(Position.SalesManager)
                .Then((f, c) => f.RecordCustomerPermission(c.Actor, c.Values.Date("agreedDate"), c.Values.Text("agreedBy"), c.Values.Choice<ContactChannel>("via"), c.Today, c.Now))
                .Stay()
            .While("date at risk (the customer refused a new date)", f => f.AtRisk, NoticeStatus.AwaitingFollowUpClerk, NoticeStatus.AwaitingStockCard, NoticeStatus.AwaitingStockCheck, NoticeStatus.AwaitingGmApproval, NoticeStatus.ReturnedForRevision, NoticeStatus.AwaitingProductionTicket, NoticeStatus.Released)
                .When(NoticeVerbs.KeepDate, Position.GeneralManager)
                .Then((f, c) => f.KeepDate(c.Actor, c.Values.Choice<RiskDecision>("decision"), c.Values.Text("comment"), c.Now))
                .Stay()
                .When(NoticeVerbs.CancelAtRisk, Position.GeneralManager)
                .Then((f, c) => f.CancelAtRisk(c.Actor, c.Values.Text("comment"), c.Now))
                .TransitionTo(NoticeStatus.Cancelled)
            .While("partly shipped", f => f.Status == NoticeStatus.Released && f.State.Shipments.Count > 0 && f.Outstanding > 0, NoticeStatus.Released)
                .WhenOriginator(NoticeVerbs.CancelRest).AlsoBy(Position.SalesManager, Position.GeneralManager).Optional()
                .Then((f, c) => f.CancelRest(c.Actor, c.Values.Text("restReason"), c.Now))
                .TransitionTo(NoticeStatus.Shipped)
            .Table
            .On(NoticeEvents.Started, "lists the notice on each Customer Property Register entry it uses", (f, _) =>
                f.State.RegisteredMaterials.Select(r => new FormEffect.Change(new PropertyUsed(r.Id, f.Id))))
            .Cancellable(NoticeVerbs.Cancel, f => f.Status is not (NoticeStatus.Released or NoticeStatus.Cancelled), (f, a, reason, at) => f.Cancel(a, reason, at))
            .On(NoticeEvents.GmApproved, "starts the two-hour clock", (f, _) => ClockKeys(f) is { } due ? [new FormEffect.StartDeadlines(due)] : [])
            .On(NoticeEvents.CanMeet, "stops the two-hour clock", StopClock)
            .On(NoticeEvents.InternalContact, "stops the two-hour clock", StopClock)
            .On(NoticeEvents.Cancelled, "stops the two-hour clock", StopClock)
            .On(NoticeEvents.RiskDecided, "stops the two-hour clock when the notice is cancelled", (f, e) => f.Status == NoticeStatus.Cancelled ? StopClock(f, e) : []);

    private static IEnumerable<FormEffect> StopClock(ProductionNotice f, IFormEvent e) => ClockKeys(f) is { } due ? [new FormEffect.StopDeadlines(due)] : [];

    /// <summary>The two-hour rule's reminder and due moments of the notice's clock, when it has one.</summary>
    private static Dictionary<string, DateTimeOffset>? ClockKeys(ProductionNotice f) =>
        f.State.AnswerClock is not { } clock ? null
        : clock.AnswerRequired ? new() { [NoticeDeadlines.Remind] = clock.RemindAt, [NoticeDeadlines.Due] = clock.DueAt }
        : new() { [NoticeDeadlines.Due] = clock.DueAt }; // silence is an answer: nobody is reminded
}
