using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Domain.Orders;

/// <summary>The card verbs of the material issue, each written here once.</summary>
public static class MaterialIssueVerbs
{
    public const string Prefix = "mi-";
    public const string Start = "mi-start";
    public const string ToSales = "mi-to-sales";
    public const string Permission = "mi-permission";
    public const string Refused = "mi-refused";
    public const string Cancel = "mi-cancel";
}

/// <summary>What happens to a material issue, as its audit rows name it (stored: never rename one).</summary>
public static class MaterialIssueEvents
{
    public const string Started = FormEvents.Started;
    public const string PassedToSales = "passed-to-sales";
    public const string CustomerPermission = "customer-permission";
    public const string CustomerRefused = "customer-refused";
    public const string Cancelled = FormEvents.Cancelled;
}

/// <summary>
/// The material issue 物料异常 (MX-QM-03 4.2.1), step by step: Materials Control reports it to QC and
/// Production, the production supervisor tells Sales, the follow-up clerk agrees a date with the
/// customer — and only then do the affected notices take the new date (4.2.3).
/// </summary>
public static class MaterialIssueSteps
{
    /// <summary>The form as the company names it, the clause it serves, how it is started from chat.</summary>
    public static FormName Form { get; } = new FormName("MaterialIssue", "MI", "物料异常通知", "Material issue", [], ["material", "materialissue", "物料", "物料异常", "物料异常通知"], "4.2.1, 4.2.3", new FormCommand(["material", "物料", "物料异常"], "物料 <生产通知单号…> / material", "material <notice no. …> / 物料", "物料异常（物控）：通知品管、生产主管，转业务部取得客户许可后更新交期", "Material issue (Materials Control): QC and Production told, Sales gets the customer's permission, the notices take the new date"));

    public static StepTable<MaterialIssue, MaterialIssueStatus> Table { get; } =
        new StepTable<MaterialIssue, MaterialIssueStatus>(MaterialIssueStatus.AwaitingProductionSupervisor, MaterialIssueStatus.Cancelled, f => f.Status, (f, a) => f.IsOriginator(a))
            .PostAtStartTo(Department.MaterialsControl, Department.QualityControl, Department.Production)
            .PostWhenReached(MaterialIssueStatus.AwaitingCustomerPermission, Department.Sales)
            .In(MaterialIssueStatus.AwaitingProductionSupervisor)
                .When(MaterialIssueVerbs.ToSales, Position.ProductionManager)
                .Then((f, c) => f.PassToSales(c.Actor, c.Values.Text("note"), c.Now))
                .TransitionTo(MaterialIssueStatus.AwaitingCustomerPermission)
            .In(MaterialIssueStatus.AwaitingCustomerPermission)
                .When(MaterialIssueVerbs.Permission, Position.FollowUpClerk).AlsoBy(Position.SalesManager)
                .Then((f, c) => f.RecordCustomerPermission(c.Actor, c.Values.Text("customer"), c.Values.Date("agreedDate"), c.Values.Text("agreedBy"), c.Values.Choice<ContactChannel>("via"), c.Today, c.Now))
                .TransitionTo(MaterialIssueStatus.AwaitingCustomerPermission, MaterialIssueStatus.Resolved)
                .When(MaterialIssueVerbs.Refused, Position.FollowUpClerk).AlsoBy(Position.SalesManager)
                .Then((f, c) => f.RecordCustomerRefusal(c.Actor, c.Values.Text("customer"), c.Values.Text("refusedBy"), c.Values.Choice<ContactChannel>("refusalVia"), c.Values.Text("refusalNote"), c.Now))
                .TransitionTo(MaterialIssueStatus.AwaitingCustomerPermission, MaterialIssueStatus.Resolved)
            .Table
            .Cancellable(MaterialIssueVerbs.Cancel, f => f.IsOpen, (f, a, reason, at) => f.Cancel(a, reason, at))
            .On(MaterialIssueEvents.CustomerPermission, "gives that customer's affected Production Notices the agreed date", (f, e) =>
                AnswerIn(f, e) is { Permission: { } p } answer
                    ? answer.Notices.Select(n => new FormEffect.Change(new CustomerAgreedDate(n, f.Id, p.RecordedBy, p.AgreedDate, p.AgreedBy, p.Via, p.Customer)))
                    : [])
            .On(MaterialIssueEvents.CustomerRefused, "puts that customer's affected Production Notices at risk, for the general manager", (f, e) =>
                AnswerIn(f, e) is { Refusal: { } r } answer
                    ? answer.Notices.Select(n => new FormEffect.Change(new CustomerRefusedDate(n, r)))
                    : []);

    /// <summary>The customer whose answer the event recorded.</summary>
    private static CustomerAnswer? AnswerIn(MaterialIssue f, IFormEvent e) =>
        e is FormEvent { Detail: { } d } && d.TryGetValue("customer", out var customer)
            ? f.State.Customers.FirstOrDefault(c => string.Equals(c.Customer, customer, StringComparison.OrdinalIgnoreCase))
            : null;
}
