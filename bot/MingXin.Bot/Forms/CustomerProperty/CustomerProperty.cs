using System.Globalization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Documents;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Property;

/// <summary>What a customer supplies (ISO 9001 8.5.3).</summary>
public enum PropertyType
{
    Material,
    Plate,
    Film,
    Artwork,
    Data,
    Other,
}

public enum PropertyStatus
{
    /// <summary>Received; QC verifies it.</summary>
    AwaitingInspection,

    /// <summary>Verified and held for the customer: issued to production, returned, written off, returned to the customer.</summary>
    Held,

    /// <summary>Nothing is left: all of it returned to the customer or disposed of with their consent.</summary>
    Closed,

    Cancelled,
}

/// <summary>What happened to some of the property.</summary>
public enum MovementKind
{
    /// <summary>Issued to production against a Production Notice.</summary>
    Issued,

    /// <summary>What production did not use, back into the store (against the notice it was issued to).</summary>
    Returned,

    /// <summary>Lost: gone from the store; reported to the customer.</summary>
    Lost,

    /// <summary>Damaged: still held but not usable; reported to the customer.</summary>
    Damaged,

    /// <summary>Found unsuitable for use (by QC): still held but not usable; reported to the customer.</summary>
    Unsuitable,

    /// <summary>Given back to the customer, with their consent.</summary>
    ReturnedToCustomer,

    /// <summary>Disposed of, with the customer's consent.</summary>
    Disposed,
}

/// <summary>The customer's consent to a return or a disposal: who, when, how.</summary>
public sealed record CustomerConsent(string AgreedBy, DateOnly AgreedOn, ContactChannel Via);

/// <summary>One line of the property's ledger. <see cref="Notice"/>: the Production Notice of an issue or return.</summary>
public sealed record PropertyMovement(int No, MovementKind Kind, int Quantity, string? Notice, string? Note, PersonRef By, DateTimeOffset At, CustomerConsent? Consent = null);

/// <summary>A loss, damage or unsuitability reported to the customer (8.5.3): who was told, when, how, and what they said.</summary>
public sealed record CustomerReport(int Movement, string ReportedTo, DateOnly ReportedOn, ContactChannel Via, string Response, PersonRef By, DateTimeOffset At);

/// <summary>QC's verification on receipt.</summary>
public sealed record PropertyInspection(bool Accepted, string? Note, PersonRef By, DateTimeOffset At);

public sealed class CustomerPropertyState : FormState
{
    public string CustomerId { get; set; } = string.Empty;

    public string CustomerName { get; set; } = string.Empty;

    public string Item { get; set; } = string.Empty;

    public PropertyType Type { get; set; }

    public int Received { get; set; }

    public string Unit { get; set; } = string.Empty;

    public DateOnly ReceivedOn { get; set; }

    /// <summary>The order or notice it came for, when known.</summary>
    public string? Reference { get; set; }

    public string? Note { get; set; }

    public string? Location { get; set; }

    public PropertyInspection? Inspection { get; set; }

    public List<PropertyMovement> Movements { get; set; } = [];

    public List<CustomerReport> Reports { get; set; } = [];

    /// <summary>The Production Notices that name this entry among their customer-supplied materials (4.1.8.2).</summary>
    public List<string> UsedBy { get; set; } = [];

    public PropertyStatus Status { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>
/// Customer property 客供品 (MX-QM-03 §3.3, ISO 9001 8.5.3): what a customer supplies — materials,
/// plates, films, artwork, data — recorded on receipt with quantity and type, verified by QC, held
/// at a storage location, issued to and returned from production against Production Notices, any
/// loss, damage or unsuitability reported to the customer, returned or disposed of with the
/// customer's consent. Its quantities never go below zero: every movement is checked against what
/// is held, usable, or outstanding at the notice.
/// </summary>
public sealed class CustomerProperty(CustomerPropertyState state) : StepForm<CustomerPropertyState>(state)
{
    public const string Kind = "CustomerProperty";
    public const string Prefix = "CP";
    public const int MaxQuantity = 10_000_000;
    public const int MaxNameLength = 200;
    public const int MaxMovements = 200;

    public PropertyStatus Status => State.Status;

    public override bool IsOpen => Status is PropertyStatus.AwaitingInspection or PropertyStatus.Held;

    public override string StatusName => Status.ToString();

    public static string Name(Language l) => l.Say("客供品登记表", "Customer Property Register");

    public static bool IsSales(Actor actor) => actor.Positions.Any(p => p.HomeDepartment() == Department.Sales);

    public static bool IsQc(Actor actor) => actor.Positions.Any(p => p.HomeDepartment() == Department.QualityControl);

    /// <summary>Who keeps and moves the property: warehouse, materials control, production.</summary>
    public static bool Handles(Actor actor) => actor.Positions.Any(p => p.HomeDepartment() is Department.Warehouse or Department.MaterialsControl or Department.Production);

    /// <summary>A Production Notice names this entry as one of its customer-supplied materials: listed once.</summary>
    public FormOutcome? RecordUse(string noticeId, DateTimeOffset at)
    {
        if (State.UsedBy.Contains(noticeId, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        State.UsedBy.Add(noticeId);
        return Accept(new FormEvent(new PersonRef("mingxin-bot", "明新客服助手 MingXin"), at, PropertyEvents.UsedByNotice, noticeId, StatusName, new Dictionary<string, string> { ["notice"] = noticeId }));
    }

    // ---- quantities -------------------------------------------------------------------------------

    private int Sum(params MovementKind[] kinds) => State.Movements.Where(m => kinds.Contains(m.Kind)).Sum(m => m.Quantity);

    /// <summary>Held for the customer now (usable or not): received − issued + returned − lost − given back − disposed.</summary>
    public int Held => State.Received - Sum(MovementKind.Issued) + Sum(MovementKind.Returned) - Sum(MovementKind.Lost) - Sum(MovementKind.ReturnedToCustomer) - Sum(MovementKind.Disposed);

    /// <summary>Held but damaged or unsuitable, waiting to be returned or disposed of (a return or disposal takes these first).</summary>
    public int Unusable => Math.Max(0, Sum(MovementKind.Damaged, MovementKind.Unsuitable) - Sum(MovementKind.ReturnedToCustomer, MovementKind.Disposed));

    public int Usable => Held - Unusable;

    public int Issued(string? notice = null) => State.Movements.Where(m => m.Kind == MovementKind.Issued && (notice is null || m.Notice == notice)).Sum(m => m.Quantity);

    public int ReturnedFrom(string? notice = null) => State.Movements.Where(m => m.Kind == MovementKind.Returned && (notice is null || m.Notice == notice)).Sum(m => m.Quantity);

    /// <summary>Issued to a notice and not returned: used in its production (or still there).</summary>
    public int AtProduction(string notice) => Issued(notice) - ReturnedFrom(notice);

    /// <summary>Every notice the property was issued to, with issued, returned and used.</summary>
    public IReadOnlyList<(string Notice, int Issued, int Returned, int Used)> ByNotice() =>
        State.Movements.Where(m => m.Notice is not null).Select(m => m.Notice!).Distinct().Select(n => (n, Issued(n), ReturnedFrom(n), AtProduction(n))).ToList();

    /// <summary>Losses, damage and unsuitability not yet reported to the customer.</summary>
    public IReadOnlyList<PropertyMovement> Unreported() =>
        State.Movements.Where(m => m.Kind is MovementKind.Lost or MovementKind.Damaged or MovementKind.Unsuitable && State.Reports.All(r => r.Movement != m.No)).ToList();

    /// <summary>The positions the form waits on now, as its step table declares them.</summary>
    public IReadOnlyList<Position> PositionsWaitedOn() => CustomerPropertySteps.Table.PositionsWaitedOn(this);

    /// <summary>A receipt entered by mistake is cancelled before QC verifies it; after that, only its movements tell what happened to it.</summary>
    public override FormOutcome Cancel(Actor actor, string? reason, DateTimeOffset at) =>
        Status == PropertyStatus.AwaitingInspection ? base.Cancel(actor, reason, at) : Refuse(FormRefusal.WrongStep);

    protected override void MarkCancelled()
    {
        State.Status = PropertyStatus.Cancelled;
        State.ClosedAt = State.History.LastOrDefault()?.At;
    }

    // ---- transitions ------------------------------------------------------------------------------

    /// <summary>Sales, the warehouse or materials control records what the customer supplied.</summary>
    public static (CustomerProperty? Property, FormOutcome Outcome) Receive(string id, string customerId, string customerName, string? item, PropertyType type, int? quantity, string? unit, DateOnly? receivedOn, string? reference, string? note, Actor actor, DateOnly today, DateTimeOffset at)
    {
        if (!IsSales(actor) && !Handles(actor))
        {
            return (null, Refuse(FormRefusal.NotYourTurn));
        }

        var problems = new List<FieldProblem>();
        CheckField(problems, "item", item, required: true, MaxNameLength);
        CheckField(problems, "unit", unit, required: true, 20);
        CheckField(problems, "note", note, required: false, MaxTextLength);
        if (!Enum.IsDefined(type))
        {
            problems.Add(new FieldProblem("type", ProblemKind.Unknown));
        }

        CheckQuantity(problems, quantity, limit: MaxQuantity);
        CheckDay(problems, "receivedOn", receivedOn, today);

        var cleanReference = Clean(reference)?.ToUpperInvariant();
        if (cleanReference is not null && !DocumentNumber.TryParse(cleanReference, out _))
        {
            problems.Add(new FieldProblem("reference", ProblemKind.Unknown));
        }

        if (problems.Count > 0)
        {
            return (null, Invalid([.. problems]));
        }

        var property = new CustomerProperty(new CustomerPropertyState
        {
            Id = id,
            Originator = actor.Person,
            CreatedAt = at,
            Version = 1,
            CustomerId = customerId,
            CustomerName = customerName,
            Item = item!.Trim(),
            Type = type,
            Received = quantity!.Value,
            Unit = unit!.Trim(),
            ReceivedOn = receivedOn!.Value,
            Reference = cleanReference,
            Note = Clean(note),
            Status = PropertyStatus.AwaitingInspection,
        });
        var e = new FormEvent(actor.Person, at, PropertyEvents.Received, $"{property.State.Item} × {quantity} {property.State.Unit}", property.StatusName, new Dictionary<string, string> { ["customer"] = customerId, ["quantity"] = quantity.Value.ToString(CultureInfo.InvariantCulture) });
        property.Record([e]);
        return (property, new FormOutcome.Accepted([e]));
    }

    /// <summary>QC verifies on receipt: accepted → held at the location; not accepted → all of it unsuitable, to be reported to the customer.</summary>
    public FormOutcome Verify(Actor actor, bool accepted, string? location, string? note, DateTimeOffset at)
    {
        if (Status != PropertyStatus.AwaitingInspection)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!IsQc(actor))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var problems = new List<FieldProblem>();
        CheckField(problems, "location", location, required: true, MaxNameLength);
        CheckField(problems, "inspectionNote", note, required: !accepted, MaxTextLength);
        if (problems.Count > 0)
        {
            return Invalid([.. problems]);
        }

        State.Inspection = new PropertyInspection(accepted, Clean(note), actor.Person, at);
        State.Location = location!.Trim();
        State.Status = PropertyStatus.Held;
        var events = new List<FormEvent> { new(actor.Person, at, accepted ? PropertyEvents.Verified : PropertyEvents.RejectedOnReceipt, Clean(note), StatusName, new Dictionary<string, string> { ["location"] = State.Location }) };
        if (!accepted)
        {
            var m = AddMovement(MovementKind.Unsuitable, State.Received, null, Clean(note), actor.Person, at, null);
            events.Add(new FormEvent(actor.Person, at, PropertyEvents.Unsuitable, $"{m.Quantity} {State.Unit}: {m.Note}", StatusName, MovementDetail(m)));
        }

        return Accept([.. events]);
    }

    /// <summary>
    /// Issue to production, return from production, or a loss, damage or unsuitability found — checked
    /// against what is usable (or outstanding at the notice, for a return), so no quantity goes below zero.
    /// </summary>
    public FormOutcome Move(Actor actor, MovementKind kind, int? quantity, string? notice, string? note, DateTimeOffset at)
    {
        if (Status != PropertyStatus.Held)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        var qcMayReport = kind is MovementKind.Damaged or MovementKind.Unsuitable && IsQc(actor);
        if (kind is MovementKind.ReturnedToCustomer or MovementKind.Disposed || !Enum.IsDefined(kind) || (!Handles(actor) && !qcMayReport))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (State.Movements.Count >= MaxMovements)
        {
            return Invalid(new FieldProblem("quantity", ProblemKind.TooMany, MaxMovements));
        }

        var problems = new List<FieldProblem>();
        var cleanNotice = Clean(notice)?.ToUpperInvariant();
        if (kind is MovementKind.Issued or MovementKind.Returned)
        {
            if (cleanNotice is null)
            {
                problems.Add(new FieldProblem("notice", ProblemKind.Required));
            }
            else if (!DocumentNumber.TryParse(cleanNotice, out var n) || n.Prefix != ProductionNotice.Prefix)
            {
                problems.Add(new FieldProblem("notice", ProblemKind.Unknown));
            }
        }
        else
        {
            cleanNotice = null;
        }

        CheckField(problems, "note", note, required: kind is MovementKind.Lost or MovementKind.Damaged or MovementKind.Unsuitable, MaxTextLength);
        var limit = kind == MovementKind.Returned ? (cleanNotice is null ? 0 : AtProduction(cleanNotice)) : Usable;
        CheckQuantity(problems, quantity, limit);
        if (problems.Count > 0)
        {
            return Invalid([.. problems]);
        }

        var m = AddMovement(kind, quantity!.Value, cleanNotice, Clean(note), actor.Person, at, null);
        return Accept(new FormEvent(actor.Person, at, PropertyEvents.Of(kind), $"{m.Quantity} {State.Unit}" + (m.Notice is null ? string.Empty : $" · {m.Notice}") + (m.Note is null ? string.Empty : $": {m.Note}"), StatusName, MovementDetail(m)));
    }

    /// <summary>Sales tells the customer about a loss, damage or unsuitability and records who, when, how and what they said.</summary>
    public FormOutcome ReportToCustomer(Actor actor, int? movement, string? reportedTo, DateOnly? reportedOn, ContactChannel via, string? response, DateOnly today, DateTimeOffset at)
    {
        if (Status != PropertyStatus.Held || Unreported().Count == 0)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!IsSales(actor))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var problems = new List<FieldProblem>();
        if (movement is null || Unreported().All(m => m.No != movement))
        {
            problems.Add(new FieldProblem("incident", ProblemKind.Unknown));
        }

        CheckField(problems, "reportedTo", reportedTo, required: true, MaxNameLength);
        CheckField(problems, "response", response, required: true, MaxTextLength);
        CheckDay(problems, "reportedOn", reportedOn, today);
        if (!Enum.IsDefined(via))
        {
            problems.Add(new FieldProblem("via", ProblemKind.Unknown));
        }

        if (problems.Count > 0)
        {
            return Invalid([.. problems]);
        }

        var report = new CustomerReport(movement!.Value, reportedTo!.Trim(), reportedOn!.Value, via, response!.Trim(), actor.Person, at);
        State.Reports.Add(report);
        return Accept(new FormEvent(actor.Person, at, PropertyEvents.ReportedToCustomer, $"#{report.Movement} → {report.ReportedTo} ({via}, {report.ReportedOn:yyyy-MM-dd}): {report.Response}", StatusName, new Dictionary<string, string> { ["movement"] = report.Movement.ToString(CultureInfo.InvariantCulture), ["via"] = via.ToString() }));
    }

    /// <summary>Returned to the customer or disposed of, with the customer's consent; when nothing is left the record closes.</summary>
    public FormOutcome Dispose(Actor actor, MovementKind kind, int? quantity, string? agreedBy, DateOnly? agreedOn, ContactChannel via, string? note, DateOnly today, DateTimeOffset at)
    {
        if (Status != PropertyStatus.Held)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (kind is not (MovementKind.ReturnedToCustomer or MovementKind.Disposed) || (!IsSales(actor) && !Handles(actor)))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var problems = new List<FieldProblem>();
        CheckQuantity(problems, quantity, Held);
        CheckField(problems, "agreedBy", agreedBy, required: true, MaxNameLength);
        CheckField(problems, "note", note, required: false, MaxTextLength);
        CheckDay(problems, "agreedOn", agreedOn, today);
        if (!Enum.IsDefined(via))
        {
            problems.Add(new FieldProblem("via", ProblemKind.Unknown));
        }

        if (problems.Count > 0)
        {
            return Invalid([.. problems]);
        }

        var m = AddMovement(kind, quantity!.Value, null, Clean(note), actor.Person, at, new CustomerConsent(agreedBy!.Trim(), agreedOn!.Value, via));
        var events = new List<FormEvent> { new(actor.Person, at, PropertyEvents.Of(kind), $"{m.Quantity} {State.Unit} · {m.Consent!.AgreedBy} ({via}, {m.Consent.AgreedOn:yyyy-MM-dd})", StatusName, MovementDetail(m)) };
        if (Held == 0 && Unreported().Count == 0)
        {
            State.Status = PropertyStatus.Closed;
            State.ClosedAt = at;
            events.Add(new FormEvent(actor.Person, at, PropertyEvents.Closed, null, StatusName));
        }

        return Accept([.. events]);
    }

    private PropertyMovement AddMovement(MovementKind kind, int quantity, string? notice, string? note, PersonRef by, DateTimeOffset at, CustomerConsent? consent)
    {
        var m = new PropertyMovement(State.Movements.Count + 1, kind, quantity, notice, note, by, at, consent);
        State.Movements.Add(m);
        return m;
    }

    private Dictionary<string, string> MovementDetail(PropertyMovement m) => new()
    {
        ["movement"] = m.No.ToString(CultureInfo.InvariantCulture),
        ["kind"] = m.Kind.ToString(),
        ["quantity"] = m.Quantity.ToString(CultureInfo.InvariantCulture),
        ["notice"] = m.Notice ?? string.Empty,
        ["held"] = Held.ToString(CultureInfo.InvariantCulture),
        ["usable"] = Usable.ToString(CultureInfo.InvariantCulture),
    };
}
