using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Records;

namespace MingXin.Bot.Domain.Returns;

/// <summary>The card verbs of the Customer Return, each written here once.</summary>
public static class ReturnVerbs
{
    public const string Prefix = "rt-";
    public const string Start = "rt-start";
    public const string Receive = "rt-receive";
    public const string Decide = "rt-decide";
    public const string CarryOut = "rt-done";
    public const string ApproveCredit = "rt-credit-approve";
    public const string RefuseCredit = "rt-credit-refuse";
    public const string Cancel = "rt-cancel";
}

/// <summary>What happens to a Customer Return, as its audit rows name it (stored: never rename one).</summary>
public static class ReturnEvents
{
    public const string Registered = FormEvents.Started;
    public const string ComplaintLinked = "complaint-linked";
    public const string Received = "received";
    public const string Decided = "disposition-decided";
    public const string CarriedOut = "disposition-done";
    public const string CreditApproved = "credit-approved";
    public const string CreditRefused = "credit-refused";
    public const string Closed = "closed";
    public const string Cancelled = FormEvents.Cancelled;
}

/// <summary>
/// The Customer Return 退货单 step by step: the warehouse receives and counts, QC inspects and decides what
/// happens to every piece, each department carries out its part (a large credit waits for the GM).
/// </summary>
public static class CustomerReturnSteps
{
    /// <summary>The form as the company names it, the clause it serves, how it is started from chat.</summary>
    public static FormName Form { get; } = new FormName("CustomerReturn", "RT", "退货单", "Customer Return", [], ["return", "returns", "customerreturn", "退货单", "退货", "退货品"], "4.6 (退货, 3.4; ISO 9001 8.7, 10.2)", new FormCommand(["return", "退货", "退货单"], "退货 <送货单号或生产通知单号> [投诉编号] / return", "return <delivery note or notice no.> [complaint no.] / 退货", "退货单：仓储点收，品管检验并逐数量决定返工、补货、折让、报废、退回客户或良品入库，各部门执行；每张退货单都挂投诉改善措施", "Customer Return: the warehouse counts it, QC decides rework, replace, credit, scrap, send back or restock for every piece, each is carried out; every return belongs to a corrective action"));

    /// <param name="creditLimit">A credit above this amount (CNY) needs the general manager.</param>
    public static StepTable<CustomerReturn, ReturnStatus> Build(decimal creditLimit) =>
        new StepTable<CustomerReturn, ReturnStatus>(ReturnStatus.AwaitingReceipt, ReturnStatus.Cancelled, f => f.Status, (f, a) => f.IsOriginator(a))
            .PostAtStartTo(Department.Sales, Department.Warehouse)
            .PostWhenReached(ReturnStatus.AwaitingInspection, Department.QualityControl)
            .PostWhile("a disposition for Production", f => f.Pending().Any(d => CustomerReturn.CarriedOutBy(d.Kind) == Department.Production), Department.Production)
            .PostWhile("a credit waits for the GM", f => f.CreditAwaitsGm, Department.GeneralManagerOffice)
            .In(ReturnStatus.AwaitingReceipt)
                .When(ReturnVerbs.Receive, Position.WarehouseKeeper)
                .Then((f, c) => f.Receive(c.Actor, c.Values.Int("received"), c.Values.Date("receivedOn"), c.Values.Text("receiptNote"), c.Today, c.Now))
                .TransitionTo(ReturnStatus.AwaitingInspection)
            .In(ReturnStatus.AwaitingInspection)
                .When(ReturnVerbs.Decide, Position.QcInspector, Position.QcManager)
                .Then((f, c) => f.Decide(c.Actor, c.Values.Text("findings"), Lines(c.Values), c.Now))
                .TransitionTo(ReturnStatus.AwaitingDisposition)
            .In(ReturnStatus.AwaitingDisposition)
                .When(ReturnVerbs.CarryOut, "the department of each disposition", f => f.Pending().Select(d => CustomerReturn.CarriedOutBy(d.Kind)).Distinct().SelectMany(d => Positions.In(d)).ToList())
                .Then((f, c) => f.CarryOut(c.Actor, c.Values.Int("line"), c.Values.Text("doneNote"), c.Values.Text("replacement"), Domain.Quotations.CostSheet.ParseAmount(c.Values.Text("amount")), creditLimit, c.Now))
                .TransitionTo(ReturnStatus.AwaitingDisposition, ReturnStatus.Closed)
            .While("a credit waits for the GM", f => f.CreditAwaitsGm, ReturnStatus.AwaitingDisposition)
                .When(ReturnVerbs.ApproveCredit, Position.GeneralManager)
                .Then((f, c) => f.DecideCredit(c.Actor, approved: true, c.Values.Text("creditComment"), c.Now))
                .TransitionTo(ReturnStatus.AwaitingDisposition, ReturnStatus.Closed)
                .When(ReturnVerbs.RefuseCredit, Position.GeneralManager)
                .Then((f, c) => f.DecideCredit(c.Actor, approved: false, c.Values.Text("creditComment"), c.Now))
                .TransitionTo(ReturnStatus.AwaitingDisposition, ReturnStatus.Closed)
            .Table
            .On(ReturnEvents.Registered, "opens a corrective action for QC when no complaint was named", (f, _) =>
                f.State.Complaint is null ? [new FormEffect.Change(new ReturnRegistered(f.Id))] : [])
            .Cancellable(ReturnVerbs.Cancel, f => f.Status == ReturnStatus.AwaitingReceipt, (f, a, reason, at) => f.Cancel(a, reason, at), ReturnStatus.AwaitingReceipt);

    /// <summary>The card's disposition rows (d1…d6): what, how many, the reason the customer is given for a send-back.</summary>
    public static List<(Disposition Kind, int? Quantity, string? Reason)> Lines(StepValues values) =>
        Enumerable.Range(1, CustomerReturn.MaxLines)
            .Where(i => values.Text($"d{i}Quantity").Length > 0)
            .Select(i => (values.Choice<Disposition>($"d{i}Kind"), values.Int($"d{i}Quantity") ?? -1, (string?)values.Text($"d{i}Reason")))
            .Select(x => (x.Item1, (int?)x.Item2, x.Item3))
            .ToList();
}
