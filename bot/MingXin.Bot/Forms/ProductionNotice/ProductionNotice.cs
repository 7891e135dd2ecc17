using System.Globalization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Orders;

public enum NoticeStatus
{
    /// <summary>Repeat order: the warehouse answers with the stock card (4.1.8.1).</summary>
    AwaitingStockCard,

    /// <summary>Repeat order: QC confirms how much of the stock is good.</summary>
    AwaitingStockCheck,

    AwaitingGmApproval,

    ReturnedForRevision,

    /// <summary>Approved and at Production: the production planner records the Production Ticket 生产传票 (4.1.9).</summary>
    AwaitingProductionTicket,

    /// <summary>In production under its ticket; amendments still apply.</summary>
    Released,

    Cancelled,
}

/// <summary>What a notice may be amended on (4.1.10).</summary>
public enum AmendedField
{
    Quantity,
    DeliveryDate,
    Specification,
    Other,
}

/// <summary>
/// The two-hour answer clock of a notice that reached Production (4.2.2): when the reminder goes
/// out and when the answer is overdue, computed by the application on the business calendar.
/// </summary>
public sealed record AnswerClock(DateTimeOffset StartedAt, DateTimeOffset RemindAt, DateTimeOffset DueAt, bool WorkingTime);

public enum ProductionAnswerKind
{
    /// <summary>Production can meet the delivery date.</summary>
    CanMeet,

    /// <summary>It cannot: an Internal Contact Form 内部联络单 to Sales proposes another date, with the reason.</summary>
    InternalContact,
}

/// <summary>Production's answer to the notice; <see cref="Late"/> when it came after the clock ran out.</summary>
public sealed record ProductionAnswer(ProductionAnswerKind Kind, DateOnly? ProposedDate, string? Reason, PersonRef By, DateTimeOffset At, bool Late);

public enum ContactChannel
{
    Phone,
    Email,
    Fax,
}

/// <summary>
/// The customer's permission for a new delivery date (4.2.3), recorded by the follow-up clerk: the
/// only way a delivery date moves after Production or Materials Control raised a problem.
/// <see cref="Source"/> names what asked for it (the notice's Internal Contact Form, or a material issue).
/// </summary>
public sealed record CustomerPermission(string Source, DateOnly? OldDate, DateOnly AgreedDate, string AgreedBy, ContactChannel Via, PersonRef RecordedBy, DateTimeOffset At)
{
    /// <summary>What is wrong with a permission as the clerk typed it (a date, not in the past; who agreed; how).</summary>
    public static IReadOnlyList<FieldProblem> Problems(DateOnly? agreedDate, string? agreedBy, ContactChannel via, DateOnly today)
    {
        var problems = new List<FieldProblem>();
        if (agreedDate is null)
        {
            problems.Add(new FieldProblem("agreedDate", ProblemKind.Required));
        }
        else if (agreedDate < today)
        {
            problems.Add(new FieldProblem("agreedDate", ProblemKind.DateInPast));
        }

        if (string.IsNullOrWhiteSpace(agreedBy))
        {
            problems.Add(new FieldProblem("agreedBy", ProblemKind.Required));
        }
        else if (agreedBy.Trim().Length > QuotationRequest.MaxNameLength)
        {
            problems.Add(new FieldProblem("agreedBy", ProblemKind.TooLong, QuotationRequest.MaxNameLength));
        }

        if (!Enum.IsDefined(via))
        {
            problems.Add(new FieldProblem("via", ProblemKind.Unknown));
        }

        return problems;
    }
}

/// <summary>The passed order review a notice is issued from.</summary>
public sealed record OrderRef(string ReviewId, string QuotationId, string CustomerName, string Product, string Specification, int Quantity, DateOnly? DeliveryDate, string? CustomerSchedule, bool IsRepeatOrder, OrderReviewStatus Status);

/// <summary>An Order Amendment Notice applied to the notice: what changed from what to what.</summary>
public sealed record AppliedAmendment(string AmendmentId, AmendedField Field, string OldValue, string NewValue, string Reason, DateTimeOffset At);

public sealed class ProductionNoticeState : FormState
{
    public OrderRef Order { get; set; } = null!;

    /// <summary>Customer-supplied materials 客供料, one per line (4.1.8.2).</summary>
    public List<string> CustomerMaterials { get; set; } = [];

    public string? Notes { get; set; }

    public NoticeStatus Status { get; set; }

    public int? StockOnHand { get; set; }

    public PersonRef? StockBy { get; set; }

    public int? GoodStock { get; set; }

    public string? StockCheckNote { get; set; }

    public PersonRef? StockCheckedBy { get; set; }

    public string? GmComment { get; set; }

    /// <summary>When the approved notice reached Production: the start of the two-hour answer rule (4.2.2).</summary>
    public DateTimeOffset? ReachedProductionAt { get; set; }

    public string? ProductionTicket { get; set; }

    // The values in force (amendments change them; the order keeps the originals).
    public int Quantity { get; set; }

    public DateOnly? DeliveryDate { get; set; }

    public string Specification { get; set; } = string.Empty;

    public List<AppliedAmendment> Amendments { get; set; } = [];

    public AnswerClock? AnswerClock { get; set; }

    public ProductionAnswer? Answer { get; set; }

    public DateTimeOffset? RemindedAt { get; set; }

    /// <summary>The two-hour rule was breached at this moment (recorded on the notice for the record and the dashboards).</summary>
    public DateTimeOffset? BreachedAt { get; set; }

    /// <summary>Every customer permission that moved the delivery date, oldest first.</summary>
    public List<CustomerPermission> Permissions { get; set; } = [];
}

/// <summary>
/// Production Notice 生产通知单 (MX-QM-03 4.1.8–4.1.9): issued by the salesperson from a passed order
/// review to the follow-up clerk; on a repeat order the warehouse gives the stock card and QC
/// confirms the good stock, which is subtracted from the quantity to make; customer-supplied
/// materials are listed; the GM approves; Production's planner records the Production Ticket.
/// </summary>
public sealed class ProductionNotice(ProductionNoticeState state) : StepForm<ProductionNoticeState>(state)
{
    public const string Kind = "ProductionNotice";
    public const string Prefix = "PN";
    public const int MaxMaterials = 20;
    public const int MaxTicketLength = 30;

    public NoticeStatus Status => State.Status;

    /// <summary>Open until it is released under a production ticket (or cancelled); amendments apply after that too.</summary>
    public override bool IsOpen => Status is not (NoticeStatus.Released or NoticeStatus.Cancelled);

    public override string StatusName => Status.ToString();

    protected override void MarkCancelled() => State.Status = NoticeStatus.Cancelled;

    /// <summary>The bot itself, as the author of the reminder and the overdue record.</summary>
    public static readonly PersonRef Clock = new("mingxin-bot", "明新客服助手 MingXin");

    /// <summary>Production still owes its answer (can meet the date, or an Internal Contact Form).</summary>
    public bool AnswerPending => State.AnswerClock is not null && State.Answer is null && Status != NoticeStatus.Cancelled;

    /// <summary>Ordered − good stock, never below zero (4.1.8.1).</summary>
    /// <summary>How the notice fared against the two-hour rule (4.2.2), and the minutes Production took to answer.</summary>
    public (Records.TwoHourOutcome Outcome, double? Minutes) TwoHour() =>
        State.AnswerClock is not { } clock ? (Records.TwoHourOutcome.None, null)
        : State.Answer is { } a ? (a.Late ? Records.TwoHourOutcome.Late : Records.TwoHourOutcome.OnTime, (a.At - clock.StartedAt).TotalMinutes)
        : State.BreachedAt is not null ? (Records.TwoHourOutcome.Late, null)
        : (Records.TwoHourOutcome.Pending, null);

    public int QuantityToMake => Math.Max(0, State.Quantity - (State.GoodStock ?? 0));

    public static string Name(Language l) => l == Language.Chinese ? "生产通知单" : "Production Notice";

    public static string TicketName(Language l) => l == Language.Chinese ? "生产传票" : "Production Ticket";

    public static (ProductionNotice? Notice, FormOutcome Outcome) Start(string id, OrderRef order, IReadOnlyList<string> customerMaterials, string? notes, Actor actor, DateTimeOffset at)
    {
        if (!(actor.Positions.Contains(Position.Salesperson) || actor.Positions.Contains(Position.SalesManager)))
        {
            return (null, Refuse(FormRefusal.NotYourTurn));
        }

        var problems = new List<FieldProblem>();
        if (order.Status != OrderReviewStatus.Passed)
        {
            problems.Add(new FieldProblem("order", ProblemKind.Unknown));
        }

        var materials = customerMaterials.Select(m => m.Trim()).Where(m => m.Length > 0).ToList();
        if (materials.Count > MaxMaterials)
        {
            problems.Add(new FieldProblem("materials", ProblemKind.TooMany, MaxMaterials));
        }

        if (materials.Any(m => m.Length > QuotationRequest.MaxTextLength))
        {
            problems.Add(new FieldProblem("materials", ProblemKind.TooLong, QuotationRequest.MaxTextLength));
        }

        if ((notes?.Trim().Length ?? 0) > MaxTextLength)
        {
            problems.Add(new FieldProblem("notes", ProblemKind.TooLong, MaxTextLength));
        }

        if (problems.Count > 0)
        {
            return (null, new FormOutcome.Invalid(problems));
        }

        var notice = new ProductionNotice(new ProductionNoticeState
        {
            Id = id,
            Originator = actor.Person,
            CreatedAt = at,
            Version = 1,
            Order = order,
            CustomerMaterials = materials,
            Notes = Clean(notes),
            Status = order.IsRepeatOrder ? NoticeStatus.AwaitingStockCard : NoticeStatus.AwaitingGmApproval,
            Quantity = order.Quantity,
            DeliveryDate = order.DeliveryDate,
            Specification = order.Specification,
        });
        var e = new FormEvent(actor.Person, at, NoticeEvents.Started, notice.State.Notes, notice.Status.ToString(), new Dictionary<string, string>
        {
            ["order"] = order.ReviewId,
            ["quantity"] = order.Quantity.ToString(CultureInfo.InvariantCulture),
            ["materials"] = string.Join(" | ", materials),
        });
        notice.Record([e]);
        return (notice, new FormOutcome.Accepted([e]));
    }

    public IReadOnlyList<Position> PositionsWaitedOn() => Status switch
    {
        NoticeStatus.AwaitingStockCard => [Position.WarehouseKeeper],
        NoticeStatus.AwaitingStockCheck => [Position.QcInspector, Position.QcManager],
        NoticeStatus.AwaitingGmApproval => [Position.GeneralManager],
        NoticeStatus.AwaitingProductionTicket => [Position.ProductionPlanner],
        _ => [],
    };

    public bool WaitsOnOriginator => Status == NoticeStatus.ReturnedForRevision;

    /// <summary>The warehouse's stock card: pieces on hand. With none, there is nothing for QC to check.</summary>
    public FormOutcome RecordStock(Actor actor, int onHand, DateTimeOffset at)
    {
        if (Guard(actor, NoticeStatus.AwaitingStockCard) is { } refused)
        {
            return refused;
        }

        if (onHand < 0)
        {
            return Invalid(new FieldProblem("stock", ProblemKind.MustNotBeNegative));
        }

        if (onHand > CostSheet.MaxQuantity)
        {
            return Invalid(new FieldProblem("stock", ProblemKind.TooLarge, CostSheet.MaxQuantity));
        }

        State.StockOnHand = onHand;
        State.StockBy = actor.Person;
        if (onHand == 0)
        {
            State.GoodStock = 0;
        }

        State.Status = onHand == 0 ? NoticeStatus.AwaitingGmApproval : NoticeStatus.AwaitingStockCheck;
        return Accept(new FormEvent(actor.Person, at, NoticeEvents.StockCard, null, Status.ToString(), new Dictionary<string, string> { ["onHand"] = onHand.ToString(CultureInfo.InvariantCulture) }));
    }

    /// <summary>QC confirms how much of the stock is good; that much is subtracted from the quantity to make.</summary>
    public FormOutcome CheckStock(Actor actor, int good, string? note, DateTimeOffset at)
    {
        if (Guard(actor, NoticeStatus.AwaitingStockCheck) is { } refused)
        {
            return refused;
        }

        if (good < 0)
        {
            return Invalid(new FieldProblem("good", ProblemKind.MustNotBeNegative));
        }

        if (good > State.StockOnHand)
        {
            return Invalid(new FieldProblem("good", ProblemKind.TooLarge, State.StockOnHand));
        }

        if (good < State.StockOnHand && string.IsNullOrWhiteSpace(note))
        {
            return Refuse(FormRefusal.ReasonRequired); // why part of the stock is not good
        }

        if (CheckText(note, required: false) is { } tooLong)
        {
            return tooLong;
        }

        State.GoodStock = good;
        State.StockCheckNote = Clean(note);
        State.StockCheckedBy = actor.Person;
        State.Status = NoticeStatus.AwaitingGmApproval;
        return Accept(new FormEvent(actor.Person, at, NoticeEvents.StockChecked, State.StockCheckNote, Status.ToString(), new Dictionary<string, string>
        {
            ["good"] = good.ToString(CultureInfo.InvariantCulture),
            ["toMake"] = QuantityToMake.ToString(CultureInfo.InvariantCulture),
        }));
    }

    /// <summary>The GM approves: the notice goes to Production, and the two-hour answer clock starts (4.2.2).</summary>
    public FormOutcome GmApprove(Actor actor, string? comment, DateTimeOffset at, AnswerClock clock)
    {
        if ((Guard(actor, NoticeStatus.AwaitingGmApproval) ?? CheckText(comment, required: false)) is { } refused)
        {
            return refused;
        }

        State.GmComment = Clean(comment);
        State.ReachedProductionAt = at;
        State.AnswerClock = clock;
        State.Status = NoticeStatus.AwaitingProductionTicket;
        return Accept(new FormEvent(actor.Person, at, NoticeEvents.GmApproved, State.GmComment, Status.ToString(), new Dictionary<string, string>
        {
            ["toMake"] = QuantityToMake.ToString(CultureInfo.InvariantCulture),
            ["reachedProductionAt"] = at.ToString("O", CultureInfo.InvariantCulture),
            ["answerDueAt"] = clock.DueAt.ToString("O", CultureInfo.InvariantCulture),
        }));
    }

    /// <summary>
    /// Production answers the notice (4.2.2): it can meet the date, or an Internal Contact Form
    /// 内部联络单 proposes another date with the reason. Answering stops the clock.
    /// </summary>
    public FormOutcome AnswerFromProduction(Actor actor, ProductionAnswerKind kind, DateOnly? proposedDate, string? reason, DateOnly today, DateTimeOffset at)
    {
        if (!AnswerPending)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!(actor.Positions.Contains(Position.ProductionManager) || actor.Positions.Contains(Position.ProductionPlanner)))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (kind == ProductionAnswerKind.InternalContact)
        {
            var problems = new List<FieldProblem>();
            if (proposedDate is null)
            {
                problems.Add(new FieldProblem("proposedDate", ProblemKind.Required));
            }
            else if (proposedDate < today)
            {
                problems.Add(new FieldProblem("proposedDate", ProblemKind.DateInPast));
            }

            if (string.IsNullOrWhiteSpace(reason))
            {
                problems.Add(new FieldProblem("contactReason", ProblemKind.Required));
            }
            else if (reason.Trim().Length > MaxTextLength)
            {
                problems.Add(new FieldProblem("contactReason", ProblemKind.TooLong, MaxTextLength));
            }

            if (problems.Count > 0)
            {
                return new FormOutcome.Invalid(problems);
            }
        }

        var late = State.BreachedAt is not null || at > State.AnswerClock!.DueAt;
        State.Answer = new ProductionAnswer(kind, kind == ProductionAnswerKind.InternalContact ? proposedDate : null, kind == ProductionAnswerKind.InternalContact ? Clean(reason) : null, actor.Person, at, late);
        var detail = new Dictionary<string, string> { ["answer"] = kind.ToString(), ["late"] = late ? "true" : "false" };
        if (State.Answer.ProposedDate is { } date)
        {
            detail["proposedDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return Accept(new FormEvent(actor.Person, at, kind == ProductionAnswerKind.CanMeet ? NoticeEvents.CanMeet : NoticeEvents.InternalContact, State.Answer.Reason, Status.ToString(), detail));
    }

    /// <summary>An Internal Contact Form waits for the customer's answer, recorded by the follow-up clerk.</summary>
    public bool PermissionPending =>
        State.Answer is { Kind: ProductionAnswerKind.InternalContact } && State.Permissions.All(p => p.Source != State.Id) && Status != NoticeStatus.Cancelled;

    /// <summary>
    /// 4.2.3: the follow-up clerk negotiated with the customer and got its permission for a new date;
    /// only now does the notice's delivery date change and the departments hear of it.
    /// </summary>
    public FormOutcome RecordCustomerPermission(Actor actor, DateOnly? agreedDate, string? agreedBy, ContactChannel via, DateOnly today, DateTimeOffset at)
    {
        if (!PermissionPending)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!(actor.Positions.Contains(Position.FollowUpClerk) || actor.Positions.Contains(Position.SalesManager)))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        return ApplyPermission(State.Id, actor.Person, agreedDate, agreedBy, via, today, at) ?? Refuse(FormRefusal.WrongStep);
    }

    /// <summary>
    /// A new date agreed with the customer for another form's reason (a material issue), carried over by
    /// that form's outbox. Idempotent: a source already applied changes nothing and returns null.
    /// </summary>
    public FormOutcome? ApplyPermissionFrom(string source, PersonRef recordedBy, DateOnly agreedDate, string agreedBy, ContactChannel via, DateOnly today, DateTimeOffset at) =>
        Status == NoticeStatus.Cancelled || State.Permissions.Any(p => p.Source == source) ? null : ApplyPermission(source, recordedBy, agreedDate, agreedBy, via, today, at);

    private FormOutcome? ApplyPermission(string source, PersonRef by, DateOnly? agreedDate, string? agreedBy, ContactChannel via, DateOnly today, DateTimeOffset at)
    {
        var problems = CustomerPermission.Problems(agreedDate, agreedBy, via, today);
        if (problems.Count > 0)
        {
            return new FormOutcome.Invalid(problems);
        }

        var permission = new CustomerPermission(source, State.DeliveryDate, agreedDate!.Value, agreedBy!.Trim(), via, by, at);
        State.Permissions.Add(permission);
        State.DeliveryDate = permission.AgreedDate;
        return Accept(new FormEvent(by, at, NoticeEvents.CustomerPermission, $"{source}: {permission.OldDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"} → {permission.AgreedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}（{permission.AgreedBy}, {via}）", Status.ToString(), new Dictionary<string, string>
        {
            ["source"] = source,
            ["old"] = permission.OldDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
            ["new"] = permission.AgreedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["agreedBy"] = permission.AgreedBy,
            ["via"] = via.ToString(),
        }));
    }

    /// <summary>The reminder moment came with no answer yet: recorded once. Null when there is nothing to remind of.</summary>
    public FormOutcome? RecordReminder(DateTimeOffset at)
    {
        if (!AnswerPending || State.RemindedAt is not null)
        {
            return null;
        }

        State.RemindedAt = at;
        return Accept(new FormEvent(Clock, at, NoticeEvents.AnswerReminder, null, Status.ToString(), new Dictionary<string, string> { ["dueAt"] = State.AnswerClock!.DueAt.ToString("O", CultureInfo.InvariantCulture) }));
    }

    /// <summary>The clock ran out with no answer: the breach is recorded on the notice, once. Null when answered in time.</summary>
    public FormOutcome? RecordBreach(DateTimeOffset at)
    {
        if (!AnswerPending || State.BreachedAt is not null)
        {
            return null;
        }

        State.BreachedAt = at;
        return Accept(new FormEvent(Clock, at, NoticeEvents.AnswerOverdue, null, Status.ToString(), new Dictionary<string, string> { ["dueAt"] = State.AnswerClock!.DueAt.ToString("O", CultureInfo.InvariantCulture) }));
    }

    public FormOutcome GmReject(Actor actor, string? reason, DateTimeOffset at)
    {
        if ((Guard(actor, NoticeStatus.AwaitingGmApproval) ?? CheckText(reason, required: true)) is { } refused)
        {
            return refused;
        }

        State.GmComment = Clean(reason);
        State.Status = NoticeStatus.ReturnedForRevision;
        return Accept(new FormEvent(actor.Person, at, NoticeEvents.GmRejected, State.GmComment, Status.ToString()));
    }

    /// <summary>The salesperson corrects the materials and notes after a rejection; back to the GM.</summary>
    public FormOutcome Revise(Actor actor, IReadOnlyList<string> customerMaterials, string? notes, DateTimeOffset at)
    {
        if (Status != NoticeStatus.ReturnedForRevision)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!(IsOriginator(actor) || actor.Positions.Contains(Position.SalesManager)))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (CheckText(notes, required: false) is { } refused)
        {
            return refused;
        }

        var materials = customerMaterials.Select(m => m.Trim()).Where(m => m.Length > 0).ToList();
        if (materials.Count > MaxMaterials || materials.Any(m => m.Length > QuotationRequest.MaxTextLength))
        {
            return Invalid(new FieldProblem("materials", materials.Count > MaxMaterials ? ProblemKind.TooMany : ProblemKind.TooLong, materials.Count > MaxMaterials ? MaxMaterials : QuotationRequest.MaxTextLength));
        }

        State.CustomerMaterials = materials;
        State.Notes = Clean(notes);
        State.Status = NoticeStatus.AwaitingGmApproval;
        return Accept(new FormEvent(actor.Person, at, NoticeEvents.Revised, State.Notes, Status.ToString(), new Dictionary<string, string> { ["materials"] = string.Join(" | ", materials) }));
    }

    /// <summary>The production planner turns the notice into a Production Ticket 生产传票 (4.1.9).</summary>
    public FormOutcome RecordTicket(Actor actor, string? ticket, DateTimeOffset at)
    {
        if (Guard(actor, NoticeStatus.AwaitingProductionTicket) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(ticket))
        {
            return Invalid(new FieldProblem("ticket", ProblemKind.Required));
        }

        if (ticket.Trim().Length > MaxTicketLength)
        {
            return Invalid(new FieldProblem("ticket", ProblemKind.TooLong, MaxTicketLength));
        }

        State.ProductionTicket = ticket.Trim();
        State.Status = NoticeStatus.Released;
        return Accept(new FormEvent(actor.Person, at, NoticeEvents.Ticket, State.ProductionTicket, Status.ToString(), new Dictionary<string, string> { ["ticket"] = State.ProductionTicket }));
    }

    /// <summary>
    /// Applies a confirmed Order Amendment Notice. Idempotent: an amendment already applied changes
    /// nothing and returns null (the amendment's outbox may deliver it more than once).
    /// </summary>
    public FormOutcome? ApplyAmendment(string amendmentId, AmendedField field, string newValue, string reason, PersonRef by, DateTimeOffset at)
    {
        if (State.Amendments.Any(a => a.AmendmentId == amendmentId))
        {
            return null;
        }

        var old = field switch
        {
            AmendedField.Quantity => State.Quantity.ToString(CultureInfo.InvariantCulture),
            AmendedField.DeliveryDate => State.DeliveryDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? State.Order.CustomerSchedule ?? string.Empty,
            AmendedField.Specification => State.Specification,
            _ => string.Empty,
        };
        switch (field)
        {
            case AmendedField.Quantity:
                State.Quantity = int.Parse(newValue, CultureInfo.InvariantCulture);
                break;
            case AmendedField.DeliveryDate:
                State.DeliveryDate = DateOnly.ParseExact(newValue, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
            case AmendedField.Specification:
                State.Specification = newValue;
                break;
        }

        State.Amendments.Add(new AppliedAmendment(amendmentId, field, old, newValue, reason, at));
        return Accept(new FormEvent(by, at, NoticeEvents.Amended, $"{amendmentId}: {field} {old} → {newValue}", Status.ToString(), new Dictionary<string, string>
        {
            ["amendment"] = amendmentId,
            ["field"] = field.ToString(),
            ["old"] = old,
            ["new"] = newValue,
        }));
    }


    private FormOutcome.Refused? Guard(Actor actor, NoticeStatus expected) =>
        Status != expected ? Refuse(FormRefusal.WrongStep)
        : !PositionsWaitedOn().Any(actor.Positions.Contains) ? Refuse(FormRefusal.NotYourTurn)
        : null;
}
