using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Samples;

namespace MingXin.Bot.Domain.Complaints;

public enum Severity
{
    Minor,
    Major,
    Critical,
}

/// <summary>
/// What the complaint is about. Only a product complaint has a defective quantity; a late delivery, a wrong
/// invoice or how someone was treated is a complaint too (4.3.1 registers every customer complaint).
/// </summary>
public enum ComplaintKind
{
    /// <summary>The goods: defects, wrong colour, damage (the default of complaints saved before kinds were asked).</summary>
    Product,

    /// <summary>Delivery: late, short, to the wrong place.</summary>
    Delivery,

    /// <summary>Invoice, price or documents.</summary>
    Invoice,

    /// <summary>Service: how the customer was answered or treated.</summary>
    Service,
    Other,
}

/// <summary>Where a complaint stands: the register entry's status and the corrective action's step.</summary>
public enum ComplaintStatus
{
    /// <summary>Issued to the department; waiting for it to take the complaint on (and contain it).</summary>
    AwaitingAcknowledgement,

    /// <summary>Containment, 5-why and the root cause (again, after an ineffective verification).</summary>
    RootCause,

    /// <summary>Corrective and preventive actions, each with an owner and a due date.</summary>
    Actions,

    /// <summary>The owners carry the actions out and confirm.</summary>
    Implementation,

    /// <summary>QC verifies that the actions worked.</summary>
    Verification,

    /// <summary>Sales replies to the customer.</summary>
    AwaitingReply,
    Closed,
    Cancelled,
}

/// <summary>The six cause categories (人机料法环测).</summary>
public enum CauseCategory
{
    Man,
    Machine,
    Material,
    Method,
    Environment,
    Measurement,
}

public enum ActionKind
{
    Corrective,
    Preventive,
}

/// <summary>What the conversation collected, checked: the complaint as it is registered.</summary>
/// <param name="QuantityAffected">Pieces affected; 0 for a complaint that is not about the goods.</param>
/// <param name="CustomerOrder">The customer's own PO or order number, as they wrote it.</param>
/// <param name="ReceivedOn">The day the complaint came in, when it was not the day it was registered.</param>
public sealed record ComplaintDetails(
    string CustomerId,
    string CustomerName,
    ContactChannel Channel,
    string? Reference,
    string? Product,
    string Description,
    int QuantityAffected,
    Severity Severity,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails,
    IReadOnlyList<DateOnly> DatesMentioned,
    IReadOnlyList<ComplaintAttachment> Attachments,
    IReadOnlyList<string> Messages,
    ComplaintKind Kind = ComplaintKind.Product,
    string? CustomerOrder = null,
    DateOnly? ReceivedOn = null)
{
    /// <summary>A product complaint names the goods (an order or a product) and how many are bad; a delivery complaint names the order.</summary>
    public static bool NeedsSubject(ComplaintKind kind) => kind is ComplaintKind.Product or ComplaintKind.Delivery;

    public static bool HasQuantity(ComplaintKind kind) => kind == ComplaintKind.Product;
}

/// <summary>One round of root-cause analysis: containment, the whys, the category and the cause.</summary>
public sealed record RootCauseAnalysis(int Round, string Containment, IReadOnlyList<string> Whys, CauseCategory Category, string RootCause, PersonRef By, DateTimeOffset At);

/// <summary>An action of a round: what, who, by when; <see cref="Done"/> once its owner confirmed it.</summary>
/// <remarks>The owner is a position (生产经理, 品管经理 …): whoever holds it confirms, and reminders reach all its holders.</remarks>
public sealed record ActionItem(int Round, int No, ActionKind Kind, string Text, Position Owner, DateOnly Due, SignOff? Done = null, string? DoneNote = null);

/// <summary>A planned action as typed.</summary>
public sealed record PlannedAction(ActionKind Kind, string? Text, Position? Owner, DateOnly? Due);

public sealed record VerificationResult(int Round, bool Effective, string? Comment, PersonRef By, DateTimeOffset At);

/// <summary>Sales' reply to the customer, which closes the complaint.</summary>
public sealed record CustomerReply(DateOnly RepliedOn, ContactChannel Via, string RepliedTo, string Content, PersonRef By, DateTimeOffset At);

public sealed class ComplaintState : FormState
{
    public ComplaintDetails Details { get; set; } = null!;

    public DateOnly ReceivedOn { get; set; }

    /// <summary>The department the corrective action is issued to (QC unless Sales picked another).</summary>
    public Department AssignedTo { get; set; }

    public ComplaintStatus Status { get; set; }

    public SignOff? Acknowledged { get; set; }

    public string? Containment { get; set; }

    /// <summary>Every round of analysis, oldest first; the last is current.</summary>
    public List<RootCauseAnalysis> Analyses { get; set; } = [];

    /// <summary>Every action of every round (nothing is deleted).</summary>
    public List<ActionItem> Actions { get; set; } = [];

    public List<VerificationResult> Verifications { get; set; } = [];

    /// <summary>How often verification found the actions ineffective and sent the form back to the root cause.</summary>
    public int Reopened { get; set; }

    public CustomerReply? Reply { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The satisfaction survey whose low score opened this corrective action (null: a complaint logged by Sales).</summary>
    public string? Source { get; set; }

    /// <summary>The conversation the complaint was logged in.</summary>
    public string IntakeId { get; set; } = string.Empty;

    /// <summary>Where that conversation is stored (set by the workflow layer).</summary>
    public string IntakeKey { get; set; } = string.Empty;
}

/// <summary>
/// A customer complaint (MX-QM-03 4.3): its entry in the Customer Complaint Register 顾客投诉登记表
/// and its Customer Dissatisfaction / Complaint Corrective Action Form 顾客不满意/投诉改善措施表 —
/// issued to QC (or the department Sales picks), acknowledged, root cause (5-why, category),
/// corrective and preventive actions with owners and due dates, confirmed by their owners, verified
/// by QC (ineffective → back to the root cause, counted), the reply to the customer closes it.
/// </summary>
public sealed class Complaint(ComplaintState state) : StepForm<ComplaintState>(state)
{
    public const string Kind = "Complaint";
    public const string Prefix = "CC";
    public const int MaxWhys = 5;
    public const int MaxActions = 8;

    public ComplaintStatus Status => State.Status;

    public int Round => State.Reopened + 1;

    public override bool IsOpen => Status is not (ComplaintStatus.Closed or ComplaintStatus.Cancelled);

    public override string StatusName => Status.ToString();

    protected override void MarkCancelled() => State.Status = ComplaintStatus.Cancelled;

    public static string RegisterName(Language l) => l == Language.Chinese ? "顾客投诉登记表" : "Customer Complaint Register";

    public static string ActionFormName(Language l) => l == Language.Chinese ? "顾客不满意/投诉改善措施表" : "Complaint Corrective Action Form";

    /// <summary>The departments a corrective action can be issued to.</summary>
    public static IReadOnlyList<Department> Assignable { get; } = [Department.QualityControl, Department.Production, Department.MaterialsControl, Department.Warehouse];

    public static bool IsSales(Actor actor) => actor.Positions.Contains(Position.FollowUpClerk) || actor.Positions.Contains(Position.Salesperson) || actor.Positions.Contains(Position.SalesManager);

    /// <summary>The follow-up clerk (or another salesperson) registers the complaint and issues its corrective action.</summary>
    public static (Complaint? Complaint, FormOutcome Outcome) Register(string id, ComplaintDetails details, Department assignTo, string intakeId, Actor actor, DateOnly today, DateTimeOffset at)
    {
        if (!IsSales(actor))
        {
            return (null, Refuse(FormRefusal.NotYourTurn));
        }

        var problems = new List<FieldProblem>();
        if (!Assignable.Contains(assignTo))
        {
            problems.Add(new FieldProblem("assignTo", ProblemKind.Unknown));
        }

        if (string.IsNullOrWhiteSpace(details.CustomerId))
        {
            problems.Add(new FieldProblem("customer", ProblemKind.Required));
        }

        if (string.IsNullOrWhiteSpace(details.Description))
        {
            problems.Add(new FieldProblem("description", ProblemKind.Required));
        }
        else if (details.Description.Length > ComplaintIntake.MaxDescriptionLength)
        {
            problems.Add(new FieldProblem("description", ProblemKind.TooLong, ComplaintIntake.MaxDescriptionLength));
        }

        if (ComplaintDetails.HasQuantity(details.Kind) ? details.QuantityAffected <= 0 || details.QuantityAffected > ComplaintIntake.MaxQuantity : details.QuantityAffected < 0)
        {
            problems.Add(new FieldProblem("quantity", ProblemKind.MustBePositive));
        }

        if (ComplaintDetails.NeedsSubject(details.Kind) && details.Reference is null && string.IsNullOrWhiteSpace(details.Product))
        {
            problems.Add(new FieldProblem("subject", ProblemKind.Required));
        }

        if (!Enum.IsDefined(details.Channel) || !Enum.IsDefined(details.Severity) || !Enum.IsDefined(details.Kind))
        {
            problems.Add(new FieldProblem("channel", ProblemKind.Unknown));
        }

        if (details.ReceivedOn is { } received && received > today)
        {
            problems.Add(new FieldProblem("receivedOn", ProblemKind.DateInFuture));
        }
        else if (details.ReceivedOn is { } old && old < today.AddDays(-ComplaintIntake.MaxReceivedDaysAgo))
        {
            problems.Add(new FieldProblem("receivedOn", ProblemKind.DateOutOfRange, Detail: FormattableString.Invariant($"{today.AddDays(-ComplaintIntake.MaxReceivedDaysAgo):yyyy-MM-dd} – {today:yyyy-MM-dd}")));
        }

        if (problems.Count > 0)
        {
            return (null, new FormOutcome.Invalid(problems));
        }

        var complaint = new Complaint(new ComplaintState
        {
            Id = id,
            Originator = actor.Person,
            CreatedAt = at,
            Version = 1,
            Details = details,
            ReceivedOn = details.ReceivedOn ?? today,
            AssignedTo = assignTo,
            Status = ComplaintStatus.AwaitingAcknowledgement,
            IntakeId = intakeId,
        });
        var e = new FormEvent(actor.Person, at, ComplaintEvents.Registered, details.Description, complaint.StatusName, new Dictionary<string, string>
        {
            ["customer"] = details.CustomerId,
            ["assignedTo"] = assignTo.Code(),
            ["severity"] = details.Severity.ToString(),
            ["kind"] = details.Kind.ToString(),
            ["quantity"] = details.QuantityAffected.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        complaint.Record([e]);
        return (complaint, new FormOutcome.Accepted([e]));
    }

    /// <summary>
    /// A satisfaction survey scored below the threshold (9.1.2 → 10.2): the corrective action is opened
    /// for QC without a conversation; its description says which scores were low. Nothing was
    /// returned, so no quantity is affected.
    /// </summary>
    public static (Complaint Complaint, FormEvent Event) OpenFromSurvey(string id, string surveyId, string customerId, string customerName, string description, ContactChannel via, PersonRef surveyedBy, DateOnly today, DateTimeOffset at) =>
        OpenFor(id, surveyId, ComplaintEvents.OpenedFromSurvey, details: text => new ComplaintDetails(customerId, customerName, via, surveyId, null, text, 0, Severity.Minor, [], [], [], [], [], ComplaintKind.Other), description, surveyedBy, today, at);

    /// <summary>
    /// A Customer Return registered with no complaint named (ISO 9001 8.7, 10.2): a corrective action for QC,
    /// its description the return's reason and quantity; the return records its number.
    /// </summary>
    public static (Complaint Complaint, FormEvent Event) OpenFromReturn(string id, string returnId, string customerId, string customerName, string? reference, string product, int quantity, string reason, PersonRef registeredBy, DateOnly today, DateTimeOffset at) =>
        OpenFor(id, returnId, ComplaintEvents.OpenedFromReturn, details: text => new ComplaintDetails(customerId, customerName, ContactChannel.Other, reference, product, text, quantity, Severity.Major, [], [], [], [], [], ComplaintKind.Product), $"退货 Return {returnId}: {quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)} × {product} — {reason}", registeredBy, today, at);

    /// <summary>A corrective action another form opens for QC without a conversation (<paramref name="source"/>: that form, which is told the number).</summary>
    private static (Complaint Complaint, FormEvent Event) OpenFor(string id, string source, string opened, Func<string, ComplaintDetails> details, string description, PersonRef by, DateOnly today, DateTimeOffset at)
    {
        var text = description.Length > ComplaintIntake.MaxDescriptionLength ? description[..ComplaintIntake.MaxDescriptionLength] : description;
        var complaint = new Complaint(new ComplaintState
        {
            Id = id,
            Originator = by,
            CreatedAt = at,
            Version = 1,
            Details = details(text),
            ReceivedOn = today,
            AssignedTo = Department.QualityControl,
            Status = ComplaintStatus.AwaitingAcknowledgement,
            Source = source,
        });
        var e = new FormEvent(new PersonRef("mingxin-bot", "明新客服助手 MingXin"), at, opened, text, complaint.StatusName, new Dictionary<string, string>
        {
            ["customer"] = complaint.State.Details.CustomerId,
            ["assignedTo"] = Department.QualityControl.Code(),
            ["source"] = source,
        });
        complaint.Record([e]);
        return (complaint, e);
    }

    /// <summary>Positions of the department the corrective action is issued to.</summary>
    public IReadOnlyList<Position> DepartmentPositions() => Positions.List.Where(p => p.HomeDepartment() == State.AssignedTo).ToList();

    /// <summary>The positions the form waits on now, as its step table declares them.</summary>
    public IReadOnlyList<Position> PositionsWaitedOn() => ComplaintSteps.Table.PositionsWaitedOn(this);

    /// <summary>The clerk who registered the complaint replies to the customer.</summary>
    public IReadOnlyList<string> PeopleWaitedOn() => Status == ComplaintStatus.AwaitingReply ? [State.Originator.Id] : [];

    /// <summary>QC leads complaint handling and Production assists (3.2): both may act on the investigation steps, as may the department issued.</summary>
    public bool Investigates(Actor actor) => DepartmentPositions().Any(actor.Positions.Contains) || actor.Positions.Any(p => p.HomeDepartment() is Department.QualityControl or Department.Production);

    public IReadOnlyList<ActionItem> CurrentActions() => State.Actions.Where(a => a.Round == Round).ToList();

    /// <summary>Whether <paramref name="actor"/> confirmed one of this round's actions as its owner.</summary>
    public bool ConfirmedAnAction(Actor actor) =>
        CurrentActions().Any(a => a.Done is { } done && string.Equals(done.By.Id, actor.Person.Id, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<ActionItem> OpenActions() => CurrentActions().Where(a => a.Done is null).ToList();

    /// <summary>The department takes the complaint on; a containment action may be recorded now.</summary>
    public FormOutcome Acknowledge(Actor actor, string? containment, DateTimeOffset at)
    {
        if (Status != ComplaintStatus.AwaitingAcknowledgement)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!Investigates(actor))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (CheckText(containment, required: false) is { } refused)
        {
            return refused;
        }

        State.Acknowledged = new SignOff(actor.Person, at);
        State.Containment = Clean(containment);
        State.Status = ComplaintStatus.RootCause;
        return Accept(new FormEvent(actor.Person, at, ComplaintEvents.Acknowledged, State.Containment, StatusName));
    }

    /// <summary>Containment, the whys (at least one), the cause category and the root cause.</summary>
    public FormOutcome RecordRootCause(Actor actor, string? containment, IReadOnlyList<string?> whys, CauseCategory? category, string? rootCause, DateTimeOffset at)
    {
        if (Status != ComplaintStatus.RootCause)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!Investigates(actor))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var problems = new List<FieldProblem>();
        var contained = Clean(containment) ?? State.Containment;
        if (contained is null)
        {
            problems.Add(new FieldProblem("containment", ProblemKind.Required));
        }

        var answered = whys.Take(MaxWhys).Select(Clean).ToList();
        if (answered.Count == 0 || answered[0] is null)
        {
            problems.Add(new FieldProblem("why1", ProblemKind.Required));
        }

        var firstGap = answered.FindIndex(w => w is null);
        if (firstGap >= 0 && answered.Skip(firstGap).Any(w => w is not null))
        {
            problems.Add(new FieldProblem($"why{firstGap + 1}", ProblemKind.Required)); // the whys form a chain
        }

        if (category is null || !Enum.IsDefined(category.Value))
        {
            problems.Add(new FieldProblem("category", ProblemKind.Required));
        }

        if (string.IsNullOrWhiteSpace(rootCause))
        {
            problems.Add(new FieldProblem("rootCause", ProblemKind.Required));
        }

        foreach (var (text, field) in answered.Select((w, i) => (w, $"why{i + 1}")).Append((contained, "containment")).Append((Clean(rootCause), "rootCause")))
        {
            if (text is not null && text.Length > MaxTextLength)
            {
                problems.Add(new FieldProblem(field, ProblemKind.TooLong, MaxTextLength));
            }
        }

        if (problems.Count > 0)
        {
            return Invalid([.. problems]);
        }

        State.Containment = contained;
        var analysis = new RootCauseAnalysis(Round, contained!, answered.Where(w => w is not null).Select(w => w!).ToList(), category!.Value, Clean(rootCause)!, actor.Person, at);
        State.Analyses.Add(analysis);
        State.Status = ComplaintStatus.Actions;
        return Accept(new FormEvent(actor.Person, at, ComplaintEvents.RootCause, analysis.RootCause, StatusName, new Dictionary<string, string> { ["category"] = analysis.Category.ToString(), ["round"] = Round.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
    }

    /// <summary>Corrective (at least one) and preventive actions, each with an owner and a due date not in the past.</summary>
    public FormOutcome PlanActions(Actor actor, IReadOnlyList<PlannedAction> planned, DateOnly today, DateTimeOffset at)
    {
        if (Status != ComplaintStatus.Actions)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!Investigates(actor))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var problems = new List<FieldProblem>();
        var rows = planned.Select((p, i) => (Plan: p, Field: $"{(p.Kind == ActionKind.Corrective ? "ca" : "pa")}{planned.Take(i).Count(x => x.Kind == p.Kind) + 1}")).ToList();
        var used = rows.Where(r => !string.IsNullOrWhiteSpace(r.Plan.Text) || r.Plan.Owner is not null || r.Plan.Due is not null).ToList();
        if (!used.Any(r => r.Plan.Kind == ActionKind.Corrective && !string.IsNullOrWhiteSpace(r.Plan.Text)))
        {
            problems.Add(new FieldProblem("ca1", ProblemKind.Required));
        }

        if (used.Count > MaxActions)
        {
            problems.Add(new FieldProblem("ca1", ProblemKind.TooMany, MaxActions));
        }

        foreach (var (plan, field) in used)
        {
            if (string.IsNullOrWhiteSpace(plan.Text))
            {
                problems.Add(new FieldProblem(field, ProblemKind.Required));
            }
            else if (plan.Text.Trim().Length > MaxTextLength)
            {
                problems.Add(new FieldProblem(field, ProblemKind.TooLong, MaxTextLength));
            }

            if (plan.Owner is null || !Enum.IsDefined(plan.Owner.Value) || plan.Owner == Position.Administrator)
            {
                problems.Add(new FieldProblem(field + "Owner", ProblemKind.Required));
            }

            if (plan.Due is null)
            {
                problems.Add(new FieldProblem(field + "Due", ProblemKind.Required));
            }
            else if (plan.Due < today)
            {
                problems.Add(new FieldProblem(field + "Due", ProblemKind.DateInPast));
            }
        }

        if (problems.Count > 0)
        {
            return Invalid([.. problems]);
        }

        var no = State.Actions.Count;
        foreach (var (plan, _) in used)
        {
            State.Actions.Add(new ActionItem(Round, ++no, plan.Kind, plan.Text!.Trim(), plan.Owner!.Value, plan.Due!.Value));
        }

        State.Status = ComplaintStatus.Implementation;
        var owners = CurrentActions().Select(a => a.Owner).Distinct().ToList();
        return Accept(new FormEvent(actor.Person, at, ComplaintEvents.ActionsPlanned, string.Join("、", owners.Select(o => o.Name(Language.Chinese) + " " + o.Name(Language.English))), StatusName, new Dictionary<string, string>
        {
            ["count"] = used.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["owners"] = string.Join(",", owners),
        }));
    }

    /// <summary>An owner confirms the open actions of their position are carried out; the last confirmation sends the form to QC.</summary>
    public FormOutcome ConfirmDone(Actor actor, string? note, DateTimeOffset at)
    {
        if (Status != ComplaintStatus.Implementation)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        var mine = OpenActions().Where(a => actor.Positions.Contains(a.Owner)).ToList();
        if (mine.Count == 0)
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (CheckText(note, required: false) is { } refused)
        {
            return refused;
        }

        foreach (var action in mine)
        {
            var i = State.Actions.IndexOf(action);
            State.Actions[i] = action with { Done = new SignOff(actor.Person, at), DoneNote = Clean(note) };
        }

        if (OpenActions().Count == 0)
        {
            State.Status = ComplaintStatus.Verification;
        }

        return Accept(new FormEvent(actor.Person, at, ComplaintEvents.ActionDone, Clean(note), StatusName, new Dictionary<string, string> { ["actions"] = string.Join(",", mine.Select(a => a.No)) }));
    }

    /// <summary>QC verifies: effective → Sales replies to the customer; not effective (reason required) → back to the root cause, counted.</summary>
    public FormOutcome Verify(Actor actor, bool effective, string? comment, DateTimeOffset at)
    {
        if (Status != ComplaintStatus.Verification)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!PositionsWaitedOn().Any(actor.Positions.Contains))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (CheckText(comment, required: !effective) is { } refused)
        {
            return refused;
        }

        State.Verifications.Add(new VerificationResult(Round, effective, Clean(comment), actor.Person, at));
        if (effective)
        {
            State.Status = ComplaintStatus.AwaitingReply;
            return Accept(new FormEvent(actor.Person, at, ComplaintEvents.VerifiedEffective, Clean(comment), StatusName));
        }

        State.Reopened++;
        State.Status = ComplaintStatus.RootCause;
        return Accept(new FormEvent(actor.Person, at, ComplaintEvents.VerifiedIneffective, Clean(comment), StatusName, new Dictionary<string, string> { ["reopened"] = State.Reopened.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
    }

    /// <summary>Sales records the reply to the customer (when, how, to whom, what); the complaint closes.</summary>
    public FormOutcome RecordReply(Actor actor, DateOnly? repliedOn, ContactChannel via, string? repliedTo, string? content, DateOnly today, DateTimeOffset at)
    {
        if (Status != ComplaintStatus.AwaitingReply)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!IsSales(actor))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var problems = new List<FieldProblem>();
        if (repliedOn is null)
        {
            problems.Add(new FieldProblem("repliedOn", ProblemKind.Required));
        }
        else if (repliedOn > today)
        {
            problems.Add(new FieldProblem("repliedOn", ProblemKind.DateInFuture));
        }
        else if (repliedOn < State.ReceivedOn)
        {
            problems.Add(new FieldProblem("repliedOn", ProblemKind.DateInPast));
        }

        if (!Enum.IsDefined(via))
        {
            problems.Add(new FieldProblem("via", ProblemKind.Required));
        }

        if (string.IsNullOrWhiteSpace(repliedTo))
        {
            problems.Add(new FieldProblem("repliedTo", ProblemKind.Required));
        }
        else if (repliedTo.Trim().Length > QuotationRequest.MaxNameLength)
        {
            problems.Add(new FieldProblem("repliedTo", ProblemKind.TooLong, QuotationRequest.MaxNameLength));
        }

        if (string.IsNullOrWhiteSpace(content))
        {
            problems.Add(new FieldProblem("reply", ProblemKind.Required));
        }
        else if (content.Trim().Length > MaxTextLength)
        {
            problems.Add(new FieldProblem("reply", ProblemKind.TooLong, MaxTextLength));
        }

        if (problems.Count > 0)
        {
            return Invalid([.. problems]);
        }

        State.Reply = new CustomerReply(repliedOn!.Value, via, repliedTo!.Trim(), content!.Trim(), actor.Person, at);
        State.Status = ComplaintStatus.Closed;
        State.ClosedAt = at;
        return Accept(new FormEvent(actor.Person, at, ComplaintEvents.Closed, State.Reply.Content, StatusName, new Dictionary<string, string> { ["via"] = via.ToString(), ["repliedTo"] = State.Reply.RepliedTo }));
    }
}
