using System.Globalization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Orders;

public enum ContactStatus
{
    /// <summary>Sales has it: the follow-up clerk negotiates the proposed date with the customer (4.2.3).</summary>
    AwaitingCustomer,

    /// <summary>The customer agreed a new date; the notice carries it.</summary>
    DateAgreed,

    /// <summary>The customer refused; the notice keeps its date, at risk until the general manager decides.</summary>
    CustomerRefused,

    Cancelled,
}

/// <summary>
/// The Production Notice an Internal Contact Form is raised on, as it stands then. A form raised after
/// <see cref="LateAfter"/> is late under the two-hour rule (4.2.2); null when Production has already
/// answered the notice itself, so a form now reports a new problem in production, not a late answer.
/// </summary>
public sealed record ContactNotice(string Id, NoticeStatus Status, string CustomerName, string Product, DateOnly? DeliveryDate, bool InProduction, DateTimeOffset? LateAfter);

public sealed class InternalContactState : FormState
{
    public ContactNotice Notice { get; set; } = null!;

    public DateOnly ProposedDate { get; set; }

    public string Reason { get; set; } = string.Empty;

    /// <summary>Raised after the two-hour window with no answer of Production's own before it (4.2.2).</summary>
    public bool Late { get; set; }

    public ContactStatus Status { get; set; }

    public CustomerPermission? Permission { get; set; }

    public CustomerRefusal? Refusal { get; set; }
}

/// <summary>
/// Internal Contact Form 内部联络单 (MX-QM-03 4.2.2–4.2.3): Production tells Sales that a notice cannot
/// meet its delivery date — within two hours of receiving it, or whenever a problem arises in
/// production — with the reason and a proposed date. The follow-up clerk negotiates with the customer:
/// the customer's permission moves the notice's date; a refusal leaves the date and puts the notice at
/// risk until the general manager decides. A notice may have several.
/// </summary>
public sealed class InternalContact(InternalContactState state) : StepForm<InternalContactState>(state)
{
    public const string Kind = "InternalContact";
    public const string Prefix = "IC";

    public ContactStatus Status => State.Status;

    public override bool IsOpen => Status == ContactStatus.AwaitingCustomer;

    public override string StatusName => Status.ToString();

    protected override void MarkCancelled() => State.Status = ContactStatus.Cancelled;

    public static string Name(Language l) => l == Language.Chinese ? "内部联络单" : "Internal Contact Form";

    public static (InternalContact? Contact, FormOutcome Outcome) Start(string id, ContactNotice notice, DateOnly? proposedDate, string? reason, Actor actor, DateOnly today, DateTimeOffset at)
    {
        if (!(actor.Positions.Contains(Position.ProductionManager) || actor.Positions.Contains(Position.ProductionPlanner)))
        {
            return (null, Refuse(FormRefusal.NotYourTurn));
        }

        var problems = new List<FieldProblem>();
        if (!notice.InProduction)
        {
            problems.Add(new FieldProblem("notice", ProblemKind.Unknown));
        }

        if (proposedDate is null)
        {
            problems.Add(new FieldProblem("proposedDate", ProblemKind.Required));
        }
        else if (proposedDate < today)
        {
            problems.Add(new FieldProblem("proposedDate", ProblemKind.DateInPast));
        }
        else if (proposedDate == notice.DeliveryDate)
        {
            problems.Add(new FieldProblem("proposedDate", ProblemKind.Duplicate)); // that is the date in force
        }

        CheckField(problems, "contactReason", reason, required: true, MaxTextLength);
        if (problems.Count > 0)
        {
            return (null, new FormOutcome.Invalid(problems));
        }

        var contact = new InternalContact(new InternalContactState
        {
            Id = id,
            Originator = actor.Person,
            CreatedAt = at,
            Version = 1,
            Notice = notice,
            ProposedDate = proposedDate!.Value,
            Reason = reason!.Trim(),
            Late = notice.LateAfter is { } due && at >= due, // the breach is recorded at the due moment itself
            Status = ContactStatus.AwaitingCustomer,
        });
        var e = new FormEvent(actor.Person, at, ContactEvents.Started, contact.State.Reason, contact.StatusName, new Dictionary<string, string>
        {
            ["notice"] = notice.Id,
            ["proposedDate"] = contact.State.ProposedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["late"] = contact.State.Late ? "true" : "false",
        });
        contact.Record([e]);
        return (contact, new FormOutcome.Accepted([e]));
    }

    /// <summary>How the notice lists this form.</summary>
    public ContactLink Link => new(State.Id, State.ProposedDate, State.Reason, State.Originator, State.CreatedAt, State.Late);

    /// <summary>The follow-up clerk records the date the customer agreed (it may differ from the proposal): the notice takes it.</summary>
    public FormOutcome RecordPermission(Actor actor, DateOnly? agreedDate, string? agreedBy, ContactChannel via, DateOnly today, DateTimeOffset at)
    {
        if (Guard(actor) is { } refused)
        {
            return refused;
        }

        var problems = CustomerPermission.Problems(agreedDate, agreedBy, via, today);
        if (problems.Count > 0)
        {
            return new FormOutcome.Invalid(problems);
        }

        State.Permission = new CustomerPermission(State.Id, State.Notice.DeliveryDate, agreedDate!.Value, agreedBy!.Trim(), via, actor.Person, at, State.Notice.CustomerName);
        State.Status = ContactStatus.DateAgreed;
        return Accept(new FormEvent(actor.Person, at, ContactEvents.CustomerPermission, $"{State.Permission.AgreedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}（{State.Permission.AgreedBy}, {via}）", StatusName, new Dictionary<string, string>
        {
            ["agreedDate"] = State.Permission.AgreedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["agreedBy"] = State.Permission.AgreedBy,
            ["via"] = via.ToString(),
        }));
    }

    /// <summary>The customer refused the proposed date: recorded, and the notice goes to the general manager at risk.</summary>
    public FormOutcome RecordRefusal(Actor actor, string? refusedBy, ContactChannel via, string? note, DateTimeOffset at)
    {
        if (Guard(actor) is { } refused)
        {
            return refused;
        }

        var problems = CustomerRefusal.Problems(refusedBy, via, note);
        if (problems.Count > 0)
        {
            return new FormOutcome.Invalid(problems);
        }

        State.Refusal = new CustomerRefusal(State.Id, State.Notice.CustomerName, State.ProposedDate, refusedBy!.Trim(), via, note!.Trim(), actor.Person, at);
        State.Status = ContactStatus.CustomerRefused;
        return Accept(new FormEvent(actor.Person, at, ContactEvents.CustomerRefused, $"{State.Refusal.RefusedBy}（{via}）：{State.Refusal.Note}", StatusName, new Dictionary<string, string>
        {
            ["refusedBy"] = State.Refusal.RefusedBy,
            ["via"] = via.ToString(),
        }));
    }

    private FormOutcome.Refused? Guard(Actor actor) =>
        Status != ContactStatus.AwaitingCustomer ? Refuse(FormRefusal.WrongStep)
        : !(actor.Positions.Contains(Position.FollowUpClerk) || actor.Positions.Contains(Position.SalesManager)) ? Refuse(FormRefusal.NotYourTurn)
        : null;
}
