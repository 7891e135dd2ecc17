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

/// <summary>The passed order review a notice is issued from.</summary>
public sealed record OrderRef(string ReviewId, string QuotationId, string CustomerName, string Product, string Specification, int Quantity, DateOnly? DeliveryDate, string? CustomerSchedule, bool IsRepeatOrder, OrderReviewStatus Status);

/// <summary>An Order Amendment Notice applied to the notice: what changed from what to what.</summary>
public sealed record AppliedAmendment(string AmendmentId, AmendedField Field, string OldValue, string NewValue, string Reason, DateTimeOffset At);

public sealed class ProductionNoticeState : StepFormState
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

    /// <summary>Ordered − good stock, never below zero (4.1.8.1).</summary>
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
        var e = new FormEvent(actor.Person, at, "started", notice.State.Notes, notice.Status.ToString(), new Dictionary<string, string>
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
        return Accept(new FormEvent(actor.Person, at, "stock-card", null, Status.ToString(), new Dictionary<string, string> { ["onHand"] = onHand.ToString(CultureInfo.InvariantCulture) }));
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
        return Accept(new FormEvent(actor.Person, at, "stock-checked", State.StockCheckNote, Status.ToString(), new Dictionary<string, string>
        {
            ["good"] = good.ToString(CultureInfo.InvariantCulture),
            ["toMake"] = QuantityToMake.ToString(CultureInfo.InvariantCulture),
        }));
    }

    /// <summary>The GM approves: the notice goes to Production, and the two-hour answer clock starts (4.2.2).</summary>
    public FormOutcome GmApprove(Actor actor, string? comment, DateTimeOffset at)
    {
        if ((Guard(actor, NoticeStatus.AwaitingGmApproval) ?? CheckText(comment, required: false)) is { } refused)
        {
            return refused;
        }

        State.GmComment = Clean(comment);
        State.ReachedProductionAt = at;
        State.Status = NoticeStatus.AwaitingProductionTicket;
        return Accept(new FormEvent(actor.Person, at, "gm-approved", State.GmComment, Status.ToString(), new Dictionary<string, string>
        {
            ["toMake"] = QuantityToMake.ToString(CultureInfo.InvariantCulture),
            ["reachedProductionAt"] = at.ToString("O", CultureInfo.InvariantCulture),
        }));
    }

    public FormOutcome GmReject(Actor actor, string? reason, DateTimeOffset at)
    {
        if ((Guard(actor, NoticeStatus.AwaitingGmApproval) ?? CheckText(reason, required: true)) is { } refused)
        {
            return refused;
        }

        State.GmComment = Clean(reason);
        State.Status = NoticeStatus.ReturnedForRevision;
        return Accept(new FormEvent(actor.Person, at, "gm-rejected", State.GmComment, Status.ToString()));
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
        return Accept(new FormEvent(actor.Person, at, "revised", State.Notes, Status.ToString(), new Dictionary<string, string> { ["materials"] = string.Join(" | ", materials) }));
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
        return Accept(new FormEvent(actor.Person, at, "ticket", State.ProductionTicket, Status.ToString(), new Dictionary<string, string> { ["ticket"] = State.ProductionTicket }));
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
        return Accept(new FormEvent(by, at, "amended", $"{amendmentId}: {field} {old} → {newValue}", Status.ToString(), new Dictionary<string, string>
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
