using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Records;

namespace MingXin.Bot.Domain.Orders;

/// <summary>The card verbs of the Internal Contact Form, each written here once.</summary>
public static class ContactVerbs
{
    public const string Prefix = "ic-";
    public const string Start = "ic-start";
    public const string Permission = "ic-permission";
    public const string Refused = "ic-refused";
    public const string Cancel = "ic-cancel";
}

/// <summary>What happens to an Internal Contact Form, as its audit rows name it (stored: never rename one).</summary>
public static class ContactEvents
{
    public const string Started = FormEvents.Started;
    public const string CustomerPermission = "customer-permission";
    public const string CustomerRefused = "customer-refused";
    public const string Cancelled = FormEvents.Cancelled;
}

/// <summary>
/// The Internal Contact Form 内部联络单 (MX-QM-03 4.2.2–4.2.3), step by step: Production raises it on a
/// notice in production, the follow-up clerk records the customer's permission or refusal — and the
/// notice takes the agreed date, or goes to the general manager at risk.
/// </summary>
public static class InternalContactSteps
{
    /// <summary>The form as the company names it, the clause it serves, how it is started from chat.</summary>
    public static FormName Form { get; } = new FormName("InternalContact", "IC", "内部联络单", "Internal Contact Form", [], ["contact", "internalcontact", "内部联络单", "联络单"], "4.2.2–4.2.3", new FormCommand(["contact", "联络单", "内部联络单"], "联络单 <生产通知单号> / contact", "contact <notice no.> / 联络单", "内部联络单（生产部）：不能按期交货时通知业务部，客户许可后才改交期", "Internal Contact Form (Production): tells Sales a notice cannot meet its date; the date moves only with the customer's permission"));

    public static StepTable<InternalContact, ContactStatus> Table { get; } =
        new StepTable<InternalContact, ContactStatus>(ContactStatus.AwaitingCustomer, ContactStatus.Cancelled, f => f.Status, (f, a) => f.IsOriginator(a))
            .PostAtStartTo(Department.Sales, Department.Production)
            .PostWhenReached(ContactStatus.CustomerRefused, Department.GeneralManagerOffice)
            .In(ContactStatus.AwaitingCustomer)
                .When(ContactVerbs.Permission, Position.FollowUpClerk).AlsoBy(Position.SalesManager)
                .Then((f, c) => f.RecordPermission(c.Actor, c.Values.Date("agreedDate"), c.Values.Text("agreedBy"), c.Values.Choice<ContactChannel>("via"), c.Today, c.Now))
                .TransitionTo(ContactStatus.DateAgreed)
                .When(ContactVerbs.Refused, Position.FollowUpClerk).AlsoBy(Position.SalesManager)
                .Then((f, c) => f.RecordRefusal(c.Actor, c.Values.Text("refusedBy"), c.Values.Choice<ContactChannel>("refusalVia"), c.Values.Text("refusalNote"), c.Now))
                .TransitionTo(ContactStatus.CustomerRefused)
            .Table
            .Cancellable(ContactVerbs.Cancel, f => f.IsOpen, (f, a, reason, at) => f.Cancel(a, reason, at))
            .On(ContactEvents.Started, "lists it on the Production Notice (its answer when Production still owed one)", (f, _) =>
                [new FormEffect.Change(new ContactRaised(f.State.Notice.Id, f.Link))])
            .On(ContactEvents.CustomerPermission, "gives the Production Notice the agreed date", (f, _) =>
                f.State.Permission is { } p ? [new FormEffect.Change(new CustomerAgreedDate(f.State.Notice.Id, f.Id, p.RecordedBy, p.AgreedDate, p.AgreedBy, p.Via, p.Customer))] : [])
            .On(ContactEvents.CustomerRefused, "puts the Production Notice at risk, for the general manager", (f, _) =>
                f.State.Refusal is { } r ? [new FormEffect.Change(new CustomerRefusedDate(f.State.Notice.Id, r))] : []);
}
