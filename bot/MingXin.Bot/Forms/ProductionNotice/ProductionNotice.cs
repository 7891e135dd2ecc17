using System.Globalization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Orders;

public enum NoticeStatus
{
    /// <summary>
    /// Given to the sales follow-up clerk (4.1.8), who for a repeat order asks the warehouse for the
    /// stock card and QC for the good stock, and passes the notice on to the GM.
    /// </summary>
    AwaitingFollowUpClerk,

    /// <summary>Repeat order: the warehouse answers with the stock card (4.1.8.1).</summary>
    AwaitingStockCard,

    /// <summary>Repeat order: QC confirms how much of the stock is good.</summary>
    AwaitingStockCheck,

    AwaitingGmApproval,

    ReturnedForRevision,

    /// <summary>Approved and at Production: the production planner records the Production Ticket 生产传票 (4.1.9).</summary>
    AwaitingProductionTicket,

    /// <summary>In production under its ticket, and shipped in part or not yet; amendments still apply.</summary>
    Released,

    Cancelled,

    /// <summary>Closed: everything ordered is shipped on Delivery Notes 送货单, or the rest was cancelled with a reason.</summary>
    Shipped,
}

/// <summary>Where a notice stands on shipping (its card and record say it in words).</summary>
public enum ShippingState
{
    NotReleased,
    InProduction,
    PartlyShipped,
    Shipped,
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
/// <see cref="Mode"/> is the reading of the rule the notice started under (null: a notice approved
/// before the reading was configurable, which ran under <see cref="TwoHourMode.AnswerRequired"/>).
/// </summary>
public sealed record AnswerClock(DateTimeOffset StartedAt, DateTimeOffset RemindAt, DateTimeOffset DueAt, bool WorkingTime, TwoHourMode? Mode = null)
{
    /// <summary>Every notice must be answered within the two hours (silence is a breach).</summary>
    public bool AnswerRequired => Mode != TwoHourMode.OnlyWhenLate;
}

/// <summary>
/// How the two-hour rule (4.2.2) is read. The procedure's words — "如果無法按期交貨，生產部必須在兩個小時內以
/// [內部聯絡單]的形式通知業務部" — ask for the form only when the date cannot be met; some factories ask
/// Production to confirm every notice. Configuration chooses.
/// </summary>
public enum TwoHourMode
{
    /// <summary>As written: silence within two hours means the date stands; an Internal Contact Form after that is late.</summary>
    OnlyWhenLate,

    /// <summary>The stricter reading: every notice gets an answer (can meet, or the form) within two hours, or a breach is recorded.</summary>
    AnswerRequired,
}

public enum ProductionAnswerKind
{
    /// <summary>Production can meet the delivery date.</summary>
    CanMeet,

    /// <summary>It cannot: an Internal Contact Form 内部联络单 to Sales proposes another date, with the reason.</summary>
    InternalContact,

    /// <summary>No Internal Contact Form within the two hours, under <see cref="TwoHourMode.OnlyWhenLate"/>: the date stands.</summary>
    DateStands,
}

/// <summary>
/// Production's answer to the notice; <see cref="Late"/> when it came after the clock ran out.
/// <see cref="ContactId"/> is the Internal Contact Form (IC-…) that answered it; null for an answer
/// given on the notice itself (and for the contact answers recorded before the form had its own number).
/// </summary>
public sealed record ProductionAnswer(ProductionAnswerKind Kind, DateOnly? ProposedDate, string? Reason, PersonRef By, DateTimeOffset At, bool Late, string? ContactId = null);

/// <summary>An Internal Contact Form raised on the notice: its number, the date it proposed, and whether it came after the two-hour window.</summary>
public sealed record ContactLink(string Id, DateOnly ProposedDate, string Reason, PersonRef By, DateTimeOffset At, bool Late);

/// <summary>What the general manager decides when the customer refuses a new date (4.2.3): the notice keeps its date, or is cancelled.</summary>
public enum RiskDecision
{
    /// <summary>Expedite: overtime or a faster route so the date in force is met.</summary>
    Expedite,

    /// <summary>Ship what is ready by the date, the rest after it (with the customer's agreement).</summary>
    PartialShipment,

    /// <summary>Cancel the notice.</summary>
    Cancel,
}

/// <summary>
/// The customer refused a new date (4.2.3): who at the customer, how, what they said — recorded by the
/// follow-up clerk on the form that asked (an Internal Contact Form or a material issue).
/// </summary>
public sealed record CustomerRefusal(string Source, string Customer, DateOnly? ProposedDate, string RefusedBy, ContactChannel Via, string Note, PersonRef RecordedBy, DateTimeOffset At)
{
    /// <summary>What is wrong with a refusal as the clerk typed it (who refused, how, what they said).</summary>
    public static IReadOnlyList<FieldProblem> Problems(string? refusedBy, ContactChannel via, string? note)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(refusedBy))
        {
            problems.Add(new FieldProblem("refusedBy", ProblemKind.Required));
        }
        else if (refusedBy.Trim().Length > QuotationRequest.MaxNameLength)
        {
            problems.Add(new FieldProblem("refusedBy", ProblemKind.TooLong, QuotationRequest.MaxNameLength));
        }

        if (!Enum.IsDefined(via))
        {
            problems.Add(new FieldProblem("refusalVia", ProblemKind.Unknown));
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            problems.Add(new FieldProblem("refusalNote", ProblemKind.Required));
        }
        else if (note.Trim().Length > StepForm<FormState>.MaxTextLength)
        {
            problems.Add(new FieldProblem("refusalNote", ProblemKind.TooLong, StepForm<FormState>.MaxTextLength));
        }

        return problems;
    }
}

/// <summary>A refused date puts the notice at risk until the general manager decides.</summary>
public sealed record DateRisk(CustomerRefusal Refusal, RiskDecision? Decision = null, string? Comment = null, PersonRef? DecidedBy = null, DateTimeOffset? DecidedAt = null);

/// <summary>How the customer was reached, or how a complaint came in (stored by name: add, never rename).</summary>
public enum ContactChannel
{
    Phone,
    Email,
    Fax,

    /// <summary>微信: how many customers in China talk to their supplier.</summary>
    WeChat,

    /// <summary>来访: the customer came to the factory (or was visited).</summary>
    Visit,

    Other,
}

/// <summary>
/// The customer's permission for a new delivery date (4.2.3), recorded by the follow-up clerk: the
/// only way a delivery date moves after Production or Materials Control raised a problem.
/// <see cref="Source"/> names what asked for it (an Internal Contact Form, a material issue, an Order
/// Amendment Notice); <see cref="Customer"/> is the customer who gave it (null on permissions recorded
/// before it was kept: those were the notice's own customer's).
/// </summary>
public sealed record CustomerPermission(string Source, DateOnly? OldDate, DateOnly AgreedDate, string AgreedBy, ContactChannel Via, PersonRef RecordedBy, DateTimeOffset At, string? Customer = null)
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

/// <summary>A customer-supplied material from the customer's Customer Property Register 客供品登记表 (4.1.8.2, 7.5.4).</summary>
public sealed record PropertyRef(string Id, string Item);

/// <summary>Returned goods of the same customer and product that QC found good and the warehouse restocked (a Customer Return 退货单).</summary>
public sealed record ReturnedStock(string ReturnId, int Quantity);

/// <summary>The passed order review a notice is issued from.</summary>
public sealed record OrderRef(string ReviewId, string QuotationId, string CustomerName, string Product, string Specification, int Quantity, DateOnly? DeliveryDate, string? CustomerSchedule, bool IsRepeatOrder, OrderReviewStatus Status);

/// <summary>
/// A shipment on one of the notice's Delivery Notes 送货单: how many, when, against the delivery date in
/// force when it left (the order's, or the last one the customer agreed), and how many days late.
/// </summary>
public sealed record NoticeShipment(string DeliveryNote, int Quantity, DateOnly ShippedOn, DateOnly? DueOn, int DaysLate, DateTimeOffset At);

/// <summary>What was still due when Sales cancelled the rest of the order (the customer no longer wants it), and why.</summary>
public sealed record RestCancellation(int Quantity, string Reason, PersonRef By, DateTimeOffset At);

/// <summary>An Order Amendment Notice applied to the notice: what changed from what to what.</summary>
public sealed record AppliedAmendment(string AmendmentId, AmendedField Field, string OldValue, string NewValue, string Reason, DateTimeOffset At);

public sealed class ProductionNoticeState : FormState
{
    public OrderRef Order { get; set; } = null!;

    /// <summary>Customer-supplied materials 客供料 that are not in the register, one per line (4.1.8.2).</summary>
    public List<string> CustomerMaterials { get; set; } = [];

    /// <summary>Customer-supplied materials chosen from the customer's Customer Property Register (each register entry lists the notice back).</summary>
    public List<PropertyRef> RegisteredMaterials { get; set; } = [];

    /// <summary>Repeat order: returned goods of this product put back into stock, for the warehouse's stock card and QC's check (4.1.8.1).</summary>
    public List<ReturnedStock> ReturnedStock { get; set; } = [];

    /// <summary>The customer's usual delivery address when the notice was issued (from the register), offered to its Delivery Notes.</summary>
    public string? DeliveryAddress { get; set; }

    /// <summary>The follow-up clerk who took the notice on and passed it on (4.1.8), with their note.</summary>
    public PersonRef? ClerkBy { get; set; }

    public string? ClerkNote { get; set; }

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

    /// <summary>The Internal Contact Forms raised on the notice while in production, oldest first.</summary>
    public List<ContactLink> Contacts { get; set; } = [];

    /// <summary>Every new date the customer refused, with the general manager's decision once taken.</summary>
    public List<DateRisk> Risks { get; set; } = [];

    /// <summary>What left the factory on the notice's Delivery Notes, oldest first.</summary>
    public List<NoticeShipment> Shipments { get; set; } = [];

    /// <summary>The rest of the order, cancelled by Sales after part of it was shipped.</summary>
    public RestCancellation? RestCancelled { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
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

    /// <summary>
    /// Open until everything ordered is shipped or the rest cancelled (or the notice is cancelled) — and
    /// again while it is at risk, waiting for the general manager; amendments apply in production too.
    /// </summary>
    public override bool IsOpen => Status is not (NoticeStatus.Shipped or NoticeStatus.Cancelled) || AtRisk;

    public override string StatusName => Status.ToString();

    protected override void MarkCancelled() => State.Status = NoticeStatus.Cancelled;

    /// <summary>The salesperson withdraws a notice not yet in production under its ticket; a released one only the GM cancels (at risk).</summary>
    public override FormOutcome Cancel(Actor actor, string? reason, DateTimeOffset at) =>
        Status == NoticeStatus.Released ? Refuse(FormRefusal.WrongStep) : base.Cancel(actor, reason, at);

    /// <summary>The bot itself, as the author of the reminder and the overdue record.</summary>
    public static readonly PersonRef Clock = new("mingxin-bot", "明新客服助手 MingXin");

    /// <summary>Production still owes its answer (can meet the date, or an Internal Contact Form).</summary>
    public bool AnswerPending => State.AnswerClock is not null && State.Answer is null && Status != NoticeStatus.Cancelled;

    /// <summary>In production: an Internal Contact Form may be raised on it (4.2.2), as often as problems arise.</summary>
    public bool InProduction => Status is NoticeStatus.AwaitingProductionTicket or NoticeStatus.Released;

    /// <summary>The customer refused a new date and the general manager has not yet decided what to do.</summary>
    public bool AtRisk => Status != NoticeStatus.Cancelled && State.Risks.Any(r => r.Decision is null);

    /// <summary>Ordered − good stock, never below zero (4.1.8.1).</summary>
    /// <summary>How the notice fared against the two-hour rule (4.2.2), and the minutes Production took to answer.</summary>
    public (Records.TwoHourOutcome Outcome, double? Minutes) TwoHour() =>
        State.AnswerClock is not { } clock ? (Records.TwoHourOutcome.None, null)
        : State.Answer is { Kind: ProductionAnswerKind.DateStands } ? (Records.TwoHourOutcome.OnTime, null)
        : State.Answer is { } a ? (a.Late ? Records.TwoHourOutcome.Late : Records.TwoHourOutcome.OnTime, (a.At - clock.StartedAt).TotalMinutes)
        : State.BreachedAt is not null ? (Records.TwoHourOutcome.Late, null)
        : (Records.TwoHourOutcome.Pending, null);

    public int QuantityToMake => Math.Max(0, State.Quantity - (State.GoodStock ?? 0));

    /// <summary>Shipped on the notice's Delivery Notes so far.</summary>
    public int Shipped => State.Shipments.Sum(s => s.Quantity);

    /// <summary>
    /// Still due to the customer: the quantity ordered in force (amendments included; the good stock a
    /// repeat order nets off is shipped too — it is made less, not delivered less) − shipped − the rest cancelled.
    /// </summary>
    public int Outstanding => Math.Max(0, State.Quantity - Shipped - (State.RestCancelled?.Quantity ?? 0));

    /// <summary>A Delivery Note may ship against it: in production under its ticket, with something still due.</summary>
    public bool Shippable => Status == NoticeStatus.Released && Outstanding > 0;

    /// <summary>Where the notice stands on shipping, for its card and the records: in production, partly shipped, shipped.</summary>
    public ShippingState Shipping => Status switch
    {
        NoticeStatus.Shipped => ShippingState.Shipped,
        NoticeStatus.Released when State.Shipments.Count > 0 => ShippingState.PartlyShipped,
        NoticeStatus.Released or NoticeStatus.AwaitingProductionTicket => ShippingState.InProduction,
        _ => ShippingState.NotReleased,
    };

    public static string Name(Language l) => l == Language.Chinese ? "生产通知单" : "Production Notice";

    public static string TicketName(Language l) => l == Language.Chinese ? "生产传票" : "Production Ticket";

    /// <param name="registered">Materials chosen from the customer's Customer Property Register (the runner read them from that customer's open entries).</param>
    /// <param name="returned">Repeat order: the customer's returned goods of this product back in stock (the runner read them from the closed Customer Returns).</param>
    /// <param name="deliveryAddress">The customer's usual delivery address in the register, if any.</param>
    public static (ProductionNotice? Notice, FormOutcome Outcome) Start(string id, OrderRef order, IReadOnlyList<string> customerMaterials, string? notes, Actor actor, DateTimeOffset at, IReadOnlyList<PropertyRef>? registered = null, IReadOnlyList<ReturnedStock>? returned = null, string? deliveryAddress = null)
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
        if (materials.Count + (registered?.Count ?? 0) > MaxMaterials)
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
            RegisteredMaterials = registered?.DistinctBy(r => r.Id).ToList() ?? [],
            ReturnedStock = order.IsRepeatOrder ? returned?.ToList() ?? [] : [],
            DeliveryAddress = string.IsNullOrWhiteSpace(deliveryAddress) ? null : deliveryAddress.Trim(),
            Notes = Clean(notes),
            Status = NoticeStatus.AwaitingFollowUpClerk,
            Quantity = order.Quantity,
            DeliveryDate = order.DeliveryDate,
            Specification = order.Specification,
        });
        var e = new FormEvent(actor.Person, at, NoticeEvents.Started, notice.State.Notes, notice.Status.ToString(), new Dictionary<string, string>
        {
            ["order"] = order.ReviewId,
            ["quantity"] = order.Quantity.ToString(CultureInfo.InvariantCulture),
            ["materials"] = string.Join(" | ", materials),
            ["registered"] = string.Join(",", notice.State.RegisteredMaterials.Select(r => r.Id)),
        });
        notice.Record([e]);
        return (notice, new FormOutcome.Accepted([e]));
    }

    public IReadOnlyList<Position> PositionsWaitedOn() => Status switch
    {
        NoticeStatus.AwaitingFollowUpClerk => [Position.FollowUpClerk],
        NoticeStatus.AwaitingStockCard => [Position.WarehouseKeeper],
        NoticeStatus.AwaitingStockCheck => [Position.QcInspector, Position.QcManager],
        NoticeStatus.AwaitingGmApproval => [Position.GeneralManager],
        NoticeStatus.AwaitingProductionTicket => [Position.ProductionPlanner],
        _ => [],
    };

    public bool WaitsOnOriginator => Status == NoticeStatus.ReturnedForRevision;

    /// <summary>
    /// The follow-up clerk takes the notice on (4.1.8): a repeat order goes to the warehouse for the stock
    /// card and then QC for the good stock, on its way to the GM; a new order goes to the GM.
    /// </summary>
    public FormOutcome PassOn(Actor actor, string? note, DateTimeOffset at)
    {
        if (Status != NoticeStatus.AwaitingFollowUpClerk)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!(actor.Positions.Contains(Position.FollowUpClerk) || actor.Positions.Contains(Position.SalesManager)))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (CheckText(note, required: false) is { } refused)
        {
            return refused;
        }

        State.ClerkBy = actor.Person;
        State.ClerkNote = Clean(note);
        State.Status = State.Order.IsRepeatOrder ? NoticeStatus.AwaitingStockCard : NoticeStatus.AwaitingGmApproval;
        return Accept(new FormEvent(actor.Person, at, NoticeEvents.PassedOn, State.ClerkNote, Status.ToString()));
    }

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

    /// <summary>Production answers that it can meet the date (4.2.2). Answering stops the clock.</summary>
    public FormOutcome AnswerCanMeet(Actor actor, DateTimeOffset at)
    {
        if (!AnswerPending)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!(actor.Positions.Contains(Position.ProductionManager) || actor.Positions.Contains(Position.ProductionPlanner)))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var late = State.BreachedAt is not null || at > State.AnswerClock!.DueAt;
        State.Answer = new ProductionAnswer(ProductionAnswerKind.CanMeet, null, null, actor.Person, at, late);
        return Accept(new FormEvent(actor.Person, at, NoticeEvents.CanMeet, null, Status.ToString(), new Dictionary<string, string> { ["answer"] = nameof(ProductionAnswerKind.CanMeet), ["late"] = late ? "true" : "false" }));
    }

    /// <summary>
    /// After when an Internal Contact Form is late under the two-hour rule: while Production has given no
    /// answer of its own ("can meet", or an earlier form). Null once it has — a form raised after
    /// Production said it can meet reports a new problem in production, not a late answer.
    /// </summary>
    public DateTimeOffset? ContactLateAfter =>
        State.AnswerClock is { } clock && State.Answer is null or { Kind: ProductionAnswerKind.DateStands } ? clock.DueAt : null;

    /// <summary>
    /// An Internal Contact Form (IC-…) was raised on the notice, relayed by that form's outbox: the notice
    /// lists it and, when Production still owed its answer, it is the answer and stops the clock. The date
    /// does not move: only the customer's permission moves it. Idempotent (null when already recorded).
    /// </summary>
    public FormOutcome? RecordContact(ContactLink contact)
    {
        if (State.Contacts.Any(c => c.Id == contact.Id))
        {
            return null;
        }

        State.Contacts.Add(contact);

        // The first form is the answer; after a silent window ("the date stands") a late form replaces that
        // answer, so the two-hour figure counts it late, as the procedure's words make it.
        var answers = AnswerPending || (State.Answer is { Kind: ProductionAnswerKind.DateStands } && contact.Late && Status != NoticeStatus.Cancelled);
        if (answers)
        {
            State.Answer = new ProductionAnswer(ProductionAnswerKind.InternalContact, contact.ProposedDate, contact.Reason, contact.By, contact.At, contact.Late, contact.Id);
        }

        return Accept(new FormEvent(contact.By, contact.At, NoticeEvents.InternalContact, $"{contact.Id}: {contact.Reason}", Status.ToString(), new Dictionary<string, string>
        {
            ["contact"] = contact.Id,
            ["proposedDate"] = contact.ProposedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["late"] = contact.Late ? "true" : "false",
            ["answer"] = answers ? "true" : "false",
        }));
    }

    /// <summary>A contact answer recorded on the notice before Internal Contact Forms had their own number waits for the customer's answer here.</summary>
    public bool PermissionPending =>
        State.Answer is { Kind: ProductionAnswerKind.InternalContact, ContactId: null } && State.Permissions.All(p => p.Source != State.Id) && Status != NoticeStatus.Cancelled;

    /// <summary>
    /// 4.2.3, for a contact answer recorded on the notice itself (before Internal Contact Forms had their
    /// own number): the follow-up clerk records the customer's permission; only now does the date change.
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

        var problems = CustomerPermission.Problems(agreedDate, agreedBy, via, today);
        return problems.Count > 0
            ? new FormOutcome.Invalid(problems)
            : MoveDate(new CustomerPermission(State.Id, State.DeliveryDate, agreedDate!.Value, agreedBy!.Trim(), via, actor.Person, at, State.Order.CustomerName));
    }

    /// <summary>
    /// A new date the customer agreed, recorded on another form (an Internal Contact Form, a material
    /// issue) and carried over by that form's outbox. It moves the date only when it is this notice's
    /// own customer's permission: one customer never agrees for another. Idempotent: a source already
    /// applied changes nothing and returns null.
    /// </summary>
    public FormOutcome? ApplyPermissionFrom(CustomerPermission permission)
    {
        if (State.Permissions.Any(p => p.Source == permission.Source))
        {
            return null;
        }

        return Status == NoticeStatus.Cancelled || !IsOwnCustomer(permission.Customer)
            ? Refuse(FormRefusal.WrongStep)
            : MoveDate(permission with { OldDate = State.DeliveryDate });
    }

    /// <summary>Whether <paramref name="customer"/> is the customer of this notice (names as the register spells them, case and spacing aside).</summary>
    public bool IsOwnCustomer(string? customer) =>
        customer is not null && string.Equals(customer.Trim(), State.Order.CustomerName.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The one place the delivery date in force changes (4.2: "得到允許後再知會相關部門"): with a
    /// permission of this notice's customer, kept beside the date it replaced.
    /// </summary>
    private FormOutcome MoveDate(CustomerPermission permission)
    {
        SetDate(permission);
        var source = permission.Source;
        return Accept(new FormEvent(permission.RecordedBy, permission.At, NoticeEvents.CustomerPermission, $"{source}: {permission.OldDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"} → {permission.AgreedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}（{permission.AgreedBy}, {permission.Via}）", Status.ToString(), new Dictionary<string, string>
        {
            ["source"] = source,
            ["old"] = permission.OldDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
            ["new"] = permission.AgreedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["agreedBy"] = permission.AgreedBy,
            ["via"] = permission.Via.ToString(),
            ["customer"] = State.Order.CustomerName,
        }));
    }

    /// <summary>The only assignment of the delivery date in force after the notice is issued: always beside the customer's permission.</summary>
    private void SetDate(CustomerPermission permission)
    {
        State.Permissions.Add(permission);
        State.DeliveryDate = permission.AgreedDate;
    }

    /// <summary>
    /// The customer refused the new date (4.2.3), relayed from the form that asked: the notice keeps its
    /// date and is at risk until the general manager decides. Idempotent by the refusing form.
    /// </summary>
    public FormOutcome? MarkAtRisk(CustomerRefusal refusal)
    {
        if (State.Risks.Any(r => r.Refusal.Source == refusal.Source))
        {
            return null;
        }

        if (Status == NoticeStatus.Cancelled || !IsOwnCustomer(refusal.Customer))
        {
            return Refuse(FormRefusal.WrongStep);
        }

        State.Risks.Add(new DateRisk(refusal));
        return Accept(new FormEvent(refusal.RecordedBy, refusal.At, NoticeEvents.DateAtRisk, $"{refusal.Source}: {refusal.RefusedBy}（{refusal.Via}）{refusal.Note}", Status.ToString(), new Dictionary<string, string>
        {
            ["source"] = refusal.Source,
            ["refusedBy"] = refusal.RefusedBy,
            ["via"] = refusal.Via.ToString(),
        }));
    }

    /// <summary>
    /// The general manager keeps the date in force although the customer refused a new one: expedite
    /// (overtime, a faster route) or ship in part. Every open risk is settled by the one decision.
    /// </summary>
    public FormOutcome KeepDate(Actor actor, RiskDecision decision, string? comment, DateTimeOffset at) =>
        decision is RiskDecision.Expedite or RiskDecision.PartialShipment ? DecideRisk(actor, decision, comment, at)
        : AtRisk ? Invalid(new FieldProblem("decision", ProblemKind.Unknown))
        : Refuse(FormRefusal.WrongStep);

    /// <summary>The general manager cancels the notice whose new date the customer refused, with the reason.</summary>
    public FormOutcome CancelAtRisk(Actor actor, string? reason, DateTimeOffset at) => DecideRisk(actor, RiskDecision.Cancel, reason, at);

    private FormOutcome DecideRisk(Actor actor, RiskDecision decision, string? comment, DateTimeOffset at)
    {
        if (!AtRisk)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!actor.Positions.Contains(Position.GeneralManager))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (CheckText(comment, required: decision == RiskDecision.Cancel) is { } refused)
        {
            return refused;
        }

        var text = Clean(comment);
        for (var i = 0; i < State.Risks.Count; i++)
        {
            if (State.Risks[i].Decision is null)
            {
                State.Risks[i] = State.Risks[i] with { Decision = decision, Comment = text, DecidedBy = actor.Person, DecidedAt = at };
            }
        }

        if (decision == RiskDecision.Cancel)
        {
            State.CancelReason = text;
            State.Status = NoticeStatus.Cancelled;
        }

        return Accept(new FormEvent(actor.Person, at, NoticeEvents.RiskDecided, text, Status.ToString(), new Dictionary<string, string> { ["decision"] = decision.ToString() }));
    }

    /// <summary>The reminder moment came with no answer yet: recorded once. Null when there is nothing to remind of.</summary>
    public FormOutcome? RecordReminder(DateTimeOffset at)
    {
        if (!AnswerPending || State.RemindedAt is not null || !State.AnswerClock!.AnswerRequired)
        {
            return null;
        }

        State.RemindedAt = at;
        return Accept(new FormEvent(Clock, at, NoticeEvents.AnswerReminder, null, Status.ToString(), new Dictionary<string, string> { ["dueAt"] = State.AnswerClock!.DueAt.ToString("O", CultureInfo.InvariantCulture) }));
    }

    /// <summary>
    /// The clock ran out with no answer. Where every notice must be answered, the breach is recorded on
    /// the notice, once; under the procedure's own words silence means the date stands, and that is
    /// recorded instead. Null when answered in time.
    /// </summary>
    public FormOutcome? RecordBreach(DateTimeOffset at)
    {
        if (!AnswerPending || State.BreachedAt is not null)
        {
            return null;
        }

        if (!State.AnswerClock!.AnswerRequired)
        {
            State.Answer = new ProductionAnswer(ProductionAnswerKind.DateStands, null, null, Clock, at, Late: false);
            return Accept(new FormEvent(Clock, at, NoticeEvents.DateStands, null, Status.ToString(), new Dictionary<string, string> { ["dueAt"] = State.AnswerClock.DueAt.ToString("O", CultureInfo.InvariantCulture) }));
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
    /// nothing and returns null (the amendment's outbox may deliver it more than once). A new delivery
    /// date needs the permission of this notice's customer (4.2), recorded on the amendment; without it
    /// nothing changes.
    /// </summary>
    public FormOutcome? ApplyAmendment(string amendmentId, AmendedField field, string newValue, string reason, PersonRef by, DateTimeOffset at, CustomerPermission? permission = null)
    {
        if (State.Amendments.Any(a => a.AmendmentId == amendmentId))
        {
            return null;
        }

        if (field == AmendedField.DeliveryDate
            && (permission is null || !IsOwnCustomer(permission.Customer) || permission.AgreedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) != newValue || Status == NoticeStatus.Cancelled))
        {
            return Refuse(FormRefusal.WrongStep);
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
                SetDate(permission! with { OldDate = State.DeliveryDate });
                break;
            case AmendedField.Specification:
                State.Specification = newValue;
                break;
        }

        State.Amendments.Add(new AppliedAmendment(amendmentId, field, old, newValue, reason, at));
        if (field == AmendedField.Quantity && Status == NoticeStatus.Released && State.Shipments.Count > 0 && Outstanding == 0)
        {
            // The quantity was cut to what has been shipped: nothing more is due.
            State.Status = NoticeStatus.Shipped;
            State.ClosedAt = at;
        }

        return Accept(new FormEvent(by, at, NoticeEvents.Amended, $"{amendmentId}: {field} {old} → {newValue}", Status.ToString(), new Dictionary<string, string>
        {
            ["amendment"] = amendmentId,
            ["field"] = field.ToString(),
            ["old"] = old,
            ["new"] = newValue,
        }));
    }


    /// <summary>
    /// A Delivery Note shipped against the notice, relayed by its outbox: the notice lists the shipment and
    /// closes when nothing more is due. Idempotent (null when already listed). A shipment is a fact — the
    /// goods have left — so it is listed even when it was more than was due (two notes shipped at the same
    /// moment from two instances); the card then shows the excess.
    /// </summary>
    public FormOutcome? RecordShipment(NoticeShipment shipment)
    {
        if (State.Shipments.Any(s => s.DeliveryNote == shipment.DeliveryNote))
        {
            return null;
        }

        State.Shipments.Add(shipment);
        var events = new List<FormEvent>
        {
            new(Clock, shipment.At, NoticeEvents.Shipment, $"{shipment.DeliveryNote}: {shipment.Quantity.ToString(CultureInfo.InvariantCulture)}", Status.ToString(), new Dictionary<string, string>
            {
                ["deliveryNote"] = shipment.DeliveryNote,
                ["quantity"] = shipment.Quantity.ToString(CultureInfo.InvariantCulture),
                ["shipped"] = Shipped.ToString(CultureInfo.InvariantCulture),
                ["outstanding"] = Outstanding.ToString(CultureInfo.InvariantCulture),
                ["daysLate"] = shipment.DaysLate.ToString(CultureInfo.InvariantCulture),
            }),
        };
        if (Status == NoticeStatus.Released && Outstanding == 0)
        {
            State.Status = NoticeStatus.Shipped;
            State.ClosedAt = shipment.At;
            events.Add(new FormEvent(Clock, shipment.At, NoticeEvents.AllShipped, null, Status.ToString()));
        }

        return Accept([.. events]);
    }

    /// <summary>
    /// Sales cancels what is still due after part of the order was shipped (the customer no longer wants
    /// it), with the reason; the notice closes. Before anything is shipped a notice in production is
    /// cancelled by the general manager only (at risk), not here.
    /// </summary>
    public FormOutcome CancelRest(Actor actor, string? reason, DateTimeOffset at)
    {
        if (Status != NoticeStatus.Released || State.Shipments.Count == 0 || Outstanding == 0)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!(IsOriginator(actor) || actor.Positions.Contains(Position.SalesManager) || actor.Positions.Contains(Position.GeneralManager)))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (CheckText(reason, required: true) is { } refused)
        {
            return refused;
        }

        State.RestCancelled = new RestCancellation(Outstanding, reason!.Trim(), actor.Person, at);
        State.Status = NoticeStatus.Shipped;
        State.ClosedAt = at;
        return Accept(new FormEvent(actor.Person, at, NoticeEvents.RestCancelled, $"{State.RestCancelled.Quantity.ToString(CultureInfo.InvariantCulture)}: {State.RestCancelled.Reason}", Status.ToString(), new Dictionary<string, string> { ["quantity"] = State.RestCancelled.Quantity.ToString(CultureInfo.InvariantCulture) }));
    }

    private FormOutcome.Refused? Guard(Actor actor, NoticeStatus expected) =>
        Status != expected ? Refuse(FormRefusal.WrongStep)
        : !PositionsWaitedOn().Any(actor.Positions.Contains) ? Refuse(FormRefusal.NotYourTurn)
        : null;
}
