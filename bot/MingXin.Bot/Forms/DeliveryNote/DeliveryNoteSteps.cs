using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Records;

namespace MingXin.Bot.Domain.Shipments;

/// <summary>The card verbs of the Delivery Note, each written here once.</summary>
public static class DeliveryVerbs
{
    public const string Prefix = "dn-";
    public const string Start = "dn-start";
    public const string Pass = "dn-pass";
    public const string Hold = "dn-hold";
    public const string Ship = "dn-ship";
    public const string Receipt = "dn-receipt";
    public const string Cancel = "dn-cancel";
}

/// <summary>What happens to a Delivery Note, as its audit rows name it (stored: never rename one).</summary>
public static class DeliveryEvents
{
    public const string Started = FormEvents.Started;
    public const string Passed = "oqc-passed";
    public const string Held = "oqc-held";
    public const string Shipped = "shipped";
    public const string Received = "received";
    public const string Cancelled = FormEvents.Cancelled;
}

/// <summary>
/// The Delivery Note 送货单 step by step: QC's outgoing inspection (pass, or hold and inspect again), the
/// warehouse's shipment against what the notice still has due, Sales' record of the customer's receipt.
/// </summary>
public static class DeliveryNoteSteps
{
    /// <summary>The form as the company names it, the clause it serves, how it is started from chat.</summary>
    public static FormName Form { get; } = new FormName("DeliveryNote", "DN", "送货单", "Delivery Note", [("出货检验", "Outgoing inspection")], ["delivery", "deliverynote", "shipment", "送货单", "送货", "出货单", "出货"], "4.6 (出货及售后服务, scope 2; ISO 9001 8.5.5, 8.6, 9.1.3)", new FormCommand(["delivery", "ship", "送货单", "送货", "出货"], "送货单 <生产通知单号> / delivery", "delivery <notice no.> / 送货单", "送货单：品管出货检验，仓储按未交数量出货（可分批），业务记录客户签收；按生效交期计准时交货率", "Delivery Note: QC's outgoing inspection, the warehouse ships what is still due (in parts if need be), Sales records the customer's receipt; on-time delivery against the date in force"));

    public static StepTable<DeliveryNote, DeliveryStatus> Table { get; } =
        new StepTable<DeliveryNote, DeliveryStatus>(DeliveryStatus.AwaitingInspection, DeliveryStatus.Cancelled, f => f.Status, (f, a) => f.IsOriginator(a))
            .PostAtStartTo(Department.QualityControl, Department.Warehouse)
            .PostWhenReached(DeliveryStatus.AwaitingReceipt, Department.Sales)
            .DuringAny(DeliveryStatus.AwaitingInspection, DeliveryStatus.OnHold)
                .When(DeliveryVerbs.Pass, Position.QcInspector, Position.QcManager)
                .Then((f, c) => f.Inspect(c.Actor, passed: true, c.Values.Text("inspectionNote"), c.Now))
                .TransitionTo(DeliveryStatus.AwaitingShipment)
                .When(DeliveryVerbs.Hold, Position.QcInspector, Position.QcManager)
                .Then((f, c) => f.Inspect(c.Actor, passed: false, c.Values.Text("inspectionNote"), c.Now))
                .TransitionTo(DeliveryStatus.OnHold)
            .In(DeliveryStatus.AwaitingShipment)
                .When(DeliveryVerbs.Ship, Position.WarehouseKeeper)
                .Then((f, c) => c.Related is NoticeTerms terms
                    ? f.Ship(c.Actor, terms, c.Values.Int("quantity"), c.Values.Date("shippedOn"), c.Values.Text("carrier"), c.Values.Text("address"), c.Today, c.Now)
                    : new FormOutcome.Refused(FormRefusal.WrongStep))
                .TransitionTo(DeliveryStatus.AwaitingReceipt)
            .In(DeliveryStatus.AwaitingReceipt)
                .When(DeliveryVerbs.Receipt, Position.FollowUpClerk, Position.Salesperson).AlsoBy(Position.SalesManager)
                .Then((f, c) => f.RecordReceipt(c.Actor, c.Values.Text("signedBy"), c.Values.Date("receivedOn"), c.Values.Int("accepted"), c.Values.Text("remarks"), c.Today, c.Now))
                .TransitionTo(DeliveryStatus.Received)
            .Table
            .On(DeliveryEvents.Shipped, "lists the shipment on its Production Notice", (f, _) =>
                f.AsNoticeShipment() is { } shipment ? [new FormEffect.Change(new ShipmentRecorded(f.State.NoticeId, shipment))] : [])
            .Cancellable(DeliveryVerbs.Cancel, f => f.Status is DeliveryStatus.AwaitingInspection or DeliveryStatus.OnHold or DeliveryStatus.AwaitingShipment, (f, a, reason, at) => f.Cancel(a, reason, at), DeliveryStatus.AwaitingInspection, DeliveryStatus.OnHold, DeliveryStatus.AwaitingShipment);
}
