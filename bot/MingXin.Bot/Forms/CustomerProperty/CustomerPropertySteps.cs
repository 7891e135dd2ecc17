using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Domain.Property;

/// <summary>The card verbs of the customer property register, each written here once.</summary>
public static class PropertyVerbs
{
    public const string Prefix = "cp-";
    public const string Start = "cp-start";
    public const string Verify = "cp-verify";
    public const string Reject = "cp-reject";
    public const string Move = "cp-move";
    public const string Report = "cp-report";
    public const string Dispose = "cp-dispose";
    public const string Cancel = "cp-cancel";
}

/// <summary>What happens to customer property, as its audit rows name it (stored: never rename one).</summary>
public static class PropertyEvents
{
    public const string Received = "received";
    public const string Verified = "verified";
    public const string RejectedOnReceipt = "rejected-on-receipt";
    public const string Issued = "issued";
    public const string Returned = "returned";
    public const string Lost = "lost";
    public const string Damaged = "damaged";
    public const string Unsuitable = "unsuitable";
    public const string ReportedToCustomer = "reported-to-customer";
    public const string ReturnedToCustomer = "returned-to-customer";
    public const string Disposed = "disposed";
    public const string Closed = "closed";
    public const string UsedByNotice = "used-by-notice";
    public const string Cancelled = FormEvents.Cancelled;

    /// <summary>The event of a movement of the property.</summary>
    public static string Of(MovementKind kind) => kind switch
    {
        MovementKind.Issued => Issued,
        MovementKind.Returned => Returned,
        MovementKind.Lost => Lost,
        MovementKind.Damaged => Damaged,
        MovementKind.Unsuitable => Unsuitable,
        MovementKind.ReturnedToCustomer => ReturnedToCustomer,
        _ => Disposed,
    };
}

/// <summary>
/// The Customer Property Register 客供品登记表 (MX-QM-03 3.3, ISO 9001 8.5.3), step by step: QC verifies
/// a receipt; while it is held, the warehouse, materials control, production and QC record what
/// happens to it; a loss, damage or unsuitability waits on Sales to tell the customer; what is left
/// goes back to the customer or is disposed of with their consent.
/// </summary>
public static class CustomerPropertySteps
{
    /// <summary>The form as the company names it, the clause it serves, how it is started from chat.</summary>
    public static FormName Form { get; } = new FormName("CustomerProperty", "CP", "客供品登记表", "Customer Property Register", [], ["property", "customerproperty", "客供品", "客供料", "客供品登记表"], "4.4 (3.3; ISO 9001 8.5.3)", new FormCommand(["property", "客供品", "客供料"], "客供品 <客户> / property", "property <customer> / 客供品", "客供品登记表：收货、品管验收、按生产通知单领用/退回、遗失损坏通知客户、经客户同意退还或处置", "Customer property: receipt, QC check, issue/return against Production Notices, loss or damage reported to the customer, return or disposal with consent"));

    public static StepTable<CustomerProperty, PropertyStatus> Table { get; } =
        new StepTable<CustomerProperty, PropertyStatus>(PropertyStatus.AwaitingInspection, PropertyStatus.Cancelled, f => f.Status, (f, a) => f.IsOriginator(a))
            .PostAtStartTo(Department.Warehouse, Department.QualityControl)
            .PostWhile("a loss not yet reported", f => f.Unreported().Count > 0, Department.Sales)
            .In(PropertyStatus.AwaitingInspection)
                .When(PropertyVerbs.Verify, Positions.In(Department.QualityControl))
                .Then((f, c) => f.Verify(c.Actor, accepted: true, c.Values.Text("location"), c.Values.Text("inspectionNote"), c.Now))
                .TransitionTo(PropertyStatus.Held)
                .When(PropertyVerbs.Reject, Positions.In(Department.QualityControl))
                .Then((f, c) => f.Verify(c.Actor, accepted: false, c.Values.Text("location"), c.Values.Text("inspectionNote"), c.Now))
                .TransitionTo(PropertyStatus.Held)
            .In(PropertyStatus.Held)
                .When(PropertyVerbs.Move, Positions.In(Department.Warehouse, Department.MaterialsControl, Department.Production, Department.QualityControl)).Optional()
                .Then((f, c) => f.Move(c.Actor, c.Values.Choice<MovementKind>("kind"), c.Values.Int("quantity"), c.Values.Text("notice"), c.Values.Text("note"), c.Now))
                .Stay()
            .While("a loss not yet reported", f => f.Status == PropertyStatus.Held && f.Unreported().Count > 0, PropertyStatus.Held)
                .When(PropertyVerbs.Report, Position.FollowUpClerk, Position.Salesperson).AlsoBy(Position.SalesManager)
                .Then((f, c) => f.ReportToCustomer(c.Actor, c.Values.Int("incident"), c.Values.Text("reportedTo"), c.Values.Date("reportedOn"), c.Values.Choice<ContactChannel>("reportVia"), c.Values.Text("response"), c.Today, c.Now))
                .Stay()
            .While("something is held", f => f.Status == PropertyStatus.Held && f.Held > 0, PropertyStatus.Held)
                .When(PropertyVerbs.Dispose, Positions.In(Department.Sales, Department.Warehouse, Department.MaterialsControl, Department.Production)).Optional()
                .Then((f, c) => DisposalNamed(f.Dispose(c.Actor, c.Values.Choice<MovementKind>("disposeKind"), c.Values.Int("disposeQuantity"), c.Values.Text("agreedBy"), c.Values.Date("agreedOn"), c.Values.Choice<ContactChannel>("disposeVia"), c.Values.Text("disposeNote"), c.Today, c.Now)))
                .TransitionTo(PropertyStatus.Held, PropertyStatus.Closed)
            .Table
            .Cancellable(PropertyVerbs.Cancel, f => f.Status == PropertyStatus.AwaitingInspection, (f, a, reason, at) => f.Cancel(a, reason, at), PropertyStatus.AwaitingInspection);

    /// <summary>The domain names a disposal's fields like a movement's; the card's inputs carry a prefix so no two inputs share an id.</summary>
    private static FormOutcome DisposalNamed(FormOutcome outcome) => outcome is FormOutcome.Invalid invalid
        ? new FormOutcome.Invalid(invalid.Problems.Select(p => p.Field is "quantity" or "via" or "note" ? p with { Field = "dispose" + char.ToUpperInvariant(p.Field[0]) + p.Field[1..] } : p).ToList())
        : outcome;
}
