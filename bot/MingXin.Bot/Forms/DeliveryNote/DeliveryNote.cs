using System.Globalization;
using System.Text.Json.Serialization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Shipments;

public enum DeliveryStatus
{
    /// <summary>QC's outgoing inspection 出货检验 of the lot.</summary>
    AwaitingInspection,

    /// <summary>QC held the lot, with the reason; QC releases it once it is put right (or Sales withdraws the note).</summary>
    OnHold,

    /// <summary>Passed: the warehouse ships it and records the shipment.</summary>
    AwaitingShipment,

    /// <summary>Shipped: Sales records the customer's signed receipt.</summary>
    AwaitingReceipt,

    /// <summary>The customer signed for it: the note is closed.</summary>
    Received,

    Cancelled,
}

/// <summary>QC's outgoing inspection: passed, or held with the reason.</summary>
public sealed record OutgoingInspection(bool Passed, string? Note, PersonRef By, DateTimeOffset At);

/// <summary>
/// The shipment as the warehouse recorded it: quantity, the day it left, carrier or vehicle, address, and
/// the delivery date in force on the notice at that moment (null: the order had no fixed date).
/// </summary>
public sealed record ShipmentRecord(int Quantity, DateOnly ShippedOn, string Carrier, string Address, DateOnly? DueOn, PersonRef By, DateTimeOffset At)
{
    /// <summary>Calendar days after the date in force; 0 when on time or when there was no fixed date.</summary>
    public int DaysLate => DueOn is { } due && ShippedOn > due ? ShippedOn.DayNumber - due.DayNumber : 0;
}

/// <summary>The customer's receipt: who signed, when, how many they accepted, and what they remarked.</summary>
public sealed record CustomerReceipt(string SignedBy, DateOnly ReceivedOn, int QuantityAccepted, string? Remarks, PersonRef RecordedBy, DateTimeOffset At);

/// <summary>
/// What a Delivery Note reads of its Production Notice at the step that needs it (the runner reads the
/// notice; the domain decides): the quantity still due besides this note, the date in force, and whether
/// the notice can still be shipped against.
/// </summary>
public sealed record NoticeTerms(string NoticeId, int Outstanding, DateOnly? DueOn, bool Shippable);

/// <summary>A Delivery Note shipped against its notice: the notice lists the shipment. Sent by the note, applied by the notice.</summary>
public sealed record ShipmentRecorded(string NoticeId, NoticeShipment Shipment) : IFormChange
{
    /// <summary>Stored on outbox rows: never rename.</summary>
    public const string Name = "shipment-recorded";

    [JsonIgnore]
    public string ChangeName => Name;
}

public sealed class DeliveryNoteState : FormState
{
    public string NoticeId { get; set; } = string.Empty;

    public string CustomerName { get; set; } = string.Empty;

    public string Product { get; set; } = string.Empty;

    public string Specification { get; set; } = string.Empty;

    public string? ProductionTicket { get; set; }

    /// <summary>The lot Sales asked to ship, which QC inspects.</summary>
    public int Quantity { get; set; }

    /// <summary>The delivery address, from the customer register (edited when the customer wants it elsewhere).</summary>
    public string Address { get; set; } = string.Empty;

    public string? Note { get; set; }

    /// <summary>Every outgoing inspection, oldest first (a held lot is inspected again).</summary>
    public List<OutgoingInspection> Inspections { get; set; } = [];

    public ShipmentRecord? Shipment { get; set; }

    public CustomerReceipt? Receipt { get; set; }

    public DeliveryStatus Status { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>
/// Delivery Note 送货单 (MX-QM-03 scope "出货", ISO 9001 8.5.5, 8.6): a lot shipped against a Production
/// Notice in production. QC inspects it before it leaves (pass, or hold with the reason); the warehouse
/// ships it — never more than the notice still has due — with the date, carrier and address; Sales
/// records the customer's signed receipt. The shipment is measured against the delivery date in force
/// (the order's, or the one the customer agreed), and the notice lists it.
/// </summary>
public sealed class DeliveryNote(DeliveryNoteState state) : StepForm<DeliveryNoteState>(state)
{
    public const string Kind = "DeliveryNote";
    public const string Prefix = "DN";
    public const int MaxAddressLength = 300;
    public const int MaxCarrierLength = 100;
    public const int MaxInspections = 20;

    public DeliveryStatus Status => State.Status;

    public override bool IsOpen => Status is not (DeliveryStatus.Received or DeliveryStatus.Cancelled);

    public override string StatusName => Status.ToString();

    public static string Name(Language l) => l.Say("送货单", "Delivery Note");

    /// <summary>Who arranges a delivery: Sales (the follow-up clerk, salesperson, manager) and the warehouse.</summary>
    public static bool Arranges(Actor actor) =>
        actor.Positions.Any(p => p is Position.FollowUpClerk or Position.Salesperson or Position.SalesManager or Position.WarehouseKeeper);

    /// <summary>A note not yet shipped is withdrawn by whoever raised it; once shipped the goods have left and the record stays.</summary>
    public override FormOutcome Cancel(Actor actor, string? reason, DateTimeOffset at) =>
        Status is DeliveryStatus.AwaitingInspection or DeliveryStatus.OnHold or DeliveryStatus.AwaitingShipment ? base.Cancel(actor, reason, at) : Refuse(FormRefusal.WrongStep);

    protected override void MarkCancelled()
    {
        State.Status = DeliveryStatus.Cancelled;
        State.ClosedAt = State.History.LastOrDefault()?.At;
    }

    /// <summary>A lot to ship against <paramref name="notice"/>: never more than the notice still has due.</summary>
    public static (DeliveryNote? Note, FormOutcome Outcome) Start(string id, NoticeTerms terms, string customerName, string product, string specification, string? ticket, int? quantity, string? address, string? note, Actor actor, DateTimeOffset at)
    {
        if (!Arranges(actor))
        {
            return (null, Refuse(FormRefusal.NotYourTurn));
        }

        if (!terms.Shippable)
        {
            return (null, Refuse(FormRefusal.WrongStep));
        }

        var problems = new List<FieldProblem>();
        CheckQuantity(problems, quantity, terms.Outstanding);
        CheckField(problems, "address", address, required: true, MaxAddressLength);
        CheckField(problems, "note", note, required: false, MaxTextLength);
        if (problems.Count > 0)
        {
            return (null, Invalid([.. problems]));
        }

        var dn = new DeliveryNote(new DeliveryNoteState
        {
            Id = id,
            Originator = actor.Person,
            CreatedAt = at,
            Version = 1,
            NoticeId = terms.NoticeId,
            CustomerName = customerName,
            Product = product,
            Specification = specification,
            ProductionTicket = ticket,
            Quantity = quantity!.Value,
            Address = address!.Trim(),
            Note = Clean(note),
            Status = DeliveryStatus.AwaitingInspection,
        });
        var e = new FormEvent(actor.Person, at, DeliveryEvents.Started, dn.State.Note, dn.StatusName, new Dictionary<string, string>
        {
            ["notice"] = terms.NoticeId,
            ["quantity"] = quantity.Value.ToString(CultureInfo.InvariantCulture),
        });
        dn.Record([e]);
        return (dn, new FormOutcome.Accepted([e]));
    }

    /// <summary>QC's outgoing inspection: pass, or hold with the reason. A held lot is inspected again when put right.</summary>
    public FormOutcome Inspect(Actor actor, bool passed, string? note, DateTimeOffset at)
    {
        if (Status is not (DeliveryStatus.AwaitingInspection or DeliveryStatus.OnHold))
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!actor.Positions.Any(p => p is Position.QcInspector or Position.QcManager))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var problems = new List<FieldProblem>();
        CheckField(problems, "inspectionNote", note, required: !passed, MaxTextLength);
        if (State.Inspections.Count >= MaxInspections)
        {
            problems.Add(new FieldProblem("inspectionNote", ProblemKind.TooMany, MaxInspections));
        }

        if (problems.Count > 0)
        {
            return Invalid([.. problems]);
        }

        State.Inspections.Add(new OutgoingInspection(passed, Clean(note), actor.Person, at));
        State.Status = passed ? DeliveryStatus.AwaitingShipment : DeliveryStatus.OnHold;
        return Accept(new FormEvent(actor.Person, at, passed ? DeliveryEvents.Passed : DeliveryEvents.Held, Clean(note), StatusName));
    }

    /// <summary>
    /// The warehouse ships the lot: at most what QC passed and what the notice still has due now; the day
    /// it left (not after today); carrier or vehicle; address. The shipment is measured against the date in
    /// force on the notice, and the notice is told.
    /// </summary>
    public FormOutcome Ship(Actor actor, NoticeTerms terms, int? quantity, DateOnly? shippedOn, string? carrier, string? address, DateOnly today, DateTimeOffset at)
    {
        if (Status != DeliveryStatus.AwaitingShipment)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!actor.Positions.Contains(Position.WarehouseKeeper))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (!terms.Shippable)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        var problems = new List<FieldProblem>();
        CheckQuantity(problems, quantity, Math.Min(State.Quantity, terms.Outstanding));
        CheckDay(problems, "shippedOn", shippedOn, today);

        CheckField(problems, "carrier", carrier, required: true, MaxCarrierLength);
        CheckField(problems, "address", address, required: true, MaxAddressLength);
        if (problems.Count > 0)
        {
            return Invalid([.. problems]);
        }

        State.Shipment = new ShipmentRecord(quantity!.Value, shippedOn!.Value, carrier!.Trim(), address!.Trim(), terms.DueOn, actor.Person, at);
        State.Address = State.Shipment.Address;
        State.Status = DeliveryStatus.AwaitingReceipt;
        var s = State.Shipment;
        return Accept(new FormEvent(actor.Person, at, DeliveryEvents.Shipped, $"{s.Quantity.ToString(CultureInfo.InvariantCulture)} · {s.ShippedOn:yyyy-MM-dd} · {s.Carrier}", StatusName, new Dictionary<string, string>
        {
            ["quantity"] = s.Quantity.ToString(CultureInfo.InvariantCulture),
            ["shippedOn"] = s.ShippedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["dueOn"] = s.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
            ["daysLate"] = s.DaysLate.ToString(CultureInfo.InvariantCulture),
        }));
    }

    /// <summary>
    /// Sales records the customer's signed receipt: who signed, when (not before it was shipped, not after
    /// today), how many they accepted (at most what was shipped; a shortfall needs a remark).
    /// </summary>
    public FormOutcome RecordReceipt(Actor actor, string? signedBy, DateOnly? receivedOn, int? accepted, string? remarks, DateOnly today, DateTimeOffset at)
    {
        if (Status != DeliveryStatus.AwaitingReceipt)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!actor.Positions.Any(p => p.HomeDepartment() == Department.Sales))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var shipped = State.Shipment!;
        var problems = new List<FieldProblem>();
        CheckField(problems, "signedBy", signedBy, required: true, QuotationRequest.MaxNameLength);
        CheckDay(problems, "receivedOn", receivedOn, today);
        if (receivedOn is { } day && day < shipped.ShippedOn)
        {
            problems.Add(new FieldProblem("receivedOn", ProblemKind.DateTooEarly, Detail: shipped.ShippedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        if (accepted is null)
        {
            problems.Add(new FieldProblem("accepted", ProblemKind.Required));
        }
        else if (accepted < 0)
        {
            problems.Add(new FieldProblem("accepted", ProblemKind.MustNotBeNegative));
        }
        else if (accepted > shipped.Quantity)
        {
            problems.Add(new FieldProblem("accepted", ProblemKind.TooLarge, shipped.Quantity));
        }

        CheckField(problems, "remarks", remarks, required: accepted < shipped.Quantity, MaxTextLength);
        if (problems.Count > 0)
        {
            return Invalid([.. problems]);
        }

        State.Receipt = new CustomerReceipt(signedBy!.Trim(), receivedOn!.Value, accepted!.Value, Clean(remarks), actor.Person, at);
        State.Status = DeliveryStatus.Received;
        State.ClosedAt = at;
        return Accept(new FormEvent(actor.Person, at, DeliveryEvents.Received, $"{State.Receipt.SignedBy} · {State.Receipt.ReceivedOn:yyyy-MM-dd} · {accepted.Value.ToString(CultureInfo.InvariantCulture)}" + (State.Receipt.Remarks is { } r ? ": " + r : string.Empty), StatusName, new Dictionary<string, string>
        {
            ["accepted"] = accepted.Value.ToString(CultureInfo.InvariantCulture),
            ["short"] = (shipped.Quantity - accepted.Value).ToString(CultureInfo.InvariantCulture),
        }));
    }

    /// <summary>The shipment as its notice lists it.</summary>
    public NoticeShipment? AsNoticeShipment() =>
        State.Shipment is { } s ? new NoticeShipment(State.Id, s.Quantity, s.ShippedOn, s.DueOn, s.DaysLate, s.At) : null;
}
