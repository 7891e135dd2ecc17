using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Samples;

/// <summary>The card verbs of the Sample Production Order, each written here once.</summary>
public static class SampleVerbs
{
    public const string Prefix = "sp-";
    public const string Start = "sp-start";
    public const string Approve = "sp-approve";
    public const string Reject = "sp-reject";
    public const string Made = "sp-made";
    public const string Qc = "sp-qc";
    public const string ClerkSign = "sp-clerk-sign";
    public const string WarehouseSign = "sp-warehouse-sign";
    public const string Delivered = "sp-delivered";
    public const string Cancel = "sp-cancel";
}

/// <summary>What happens to a sample order, as its audit rows name it (stored: never rename one).</summary>
public static class SampleEvents
{
    public const string Started = FormEvents.Started;
    public const string GmApproved = "gm-approved";
    public const string GmRejected = "gm-rejected";
    public const string Made = "made";
    public const string QcOk = "qc-ok";
    public const string QcNg = "qc-ng";
    public const string ClerkSigned = "clerk-signed";
    public const string WarehouseSigned = "warehouse-signed";
    public const string Delivered = "delivered";
    public const string Cancelled = FormEvents.Cancelled;
}

/// <summary>
/// The Sample Production Order 样品制作单 and its Sample Receipt 样品签收单 (MX-QM-03 4.1.5–4.1.6), step
/// by step: the GM approves, Production makes the samples, QC confirms them (NG goes back to
/// Production), the follow-up clerk and the warehouse sign the receipt, the customer's people sign for
/// the delivery.
/// </summary>
public static class SampleOrderSteps
{
    /// <summary>The form as the company names it, the clause it serves, how it is started from chat.</summary>
    public static FormName Form { get; } = new FormName("SampleOrder", "SP", "样品制作单", "Sample Production Order", [("样品签收单", "Sample Receipt")], ["sample", "samples", "样品", "样品制作单", "样品签收单", "samplereceipt"], "4.1.5–4.1.6", new FormCommand(["sample", "samples", "样品", "样品制作单", "做样"], "样品 <报价单号> / sample", "sample <quotation no.> / 样品", "样品制作单 → 样品签收单（报价已确认后）", "Sample Production Order → Sample Receipt (after the price is confirmed)"));

    public static StepTable<SampleOrder, SampleStatus> Table { get; } =
        new StepTable<SampleOrder, SampleStatus>(SampleStatus.AwaitingGmApproval, SampleStatus.Cancelled, f => f.Status, (f, a) => f.IsOriginator(a))
            .PostAtStartTo(Department.Sales, Department.GeneralManagerOffice)
            .PostWhenReached(SampleStatus.InProduction, Department.Production)
            .PostWhenReached(SampleStatus.AwaitingQc, Department.QualityControl)
            .PostWhenReached(SampleStatus.AwaitingWarehouseSignature, Department.Warehouse)
            .In(SampleStatus.AwaitingGmApproval)
                .When(SampleVerbs.Approve, Position.GeneralManager)
                .Separated(DutyRule.NoApprovalOfOwnForm, (f, actor) => f.IsOriginator(actor))
                .Then((f, c) => f.GmApprove(c.Actor, c.Values.Text("comment"), c.Now))
                .TransitionTo(SampleStatus.InProduction)
                .When(SampleVerbs.Reject, Position.GeneralManager)
                .Then((f, c) => f.GmReject(c.Actor, c.Values.Text("comment"), c.Now))
                .TransitionTo(SampleStatus.Rejected)
            .In(SampleStatus.InProduction)
                .When(SampleVerbs.Made, Position.ProductionManager, Position.ProductionPlanner)
                .Then((f, c) => f.MarkMade(c.Actor, c.Values.Text("note"), c.Now))
                .TransitionTo(SampleStatus.AwaitingQc)
            .In(SampleStatus.AwaitingQc)
                .When(SampleVerbs.Qc, Position.QcInspector, Position.QcManager)
                .Then((f, c) => c.Values.Text("check") switch
                {
                    "ok" => f.QcCheck(c.Actor, ok: true, c.Values.Text("note"), c.Now),
                    "ng" => f.QcCheck(c.Actor, ok: false, c.Values.Text("note"), c.Now),
                    _ => new FormOutcome.Invalid([new FieldProblem("check", ProblemKind.Required)]),
                })
                .TransitionTo(SampleStatus.AwaitingClerkSignature, SampleStatus.InProduction)
            .In(SampleStatus.AwaitingClerkSignature)
                .When(SampleVerbs.ClerkSign, Position.FollowUpClerk)
                .Then((f, c) => f.ClerkSign(c.Actor, c.Now))
                .TransitionTo(SampleStatus.AwaitingWarehouseSignature)
            .In(SampleStatus.AwaitingWarehouseSignature)
                .When(SampleVerbs.WarehouseSign, Position.WarehouseKeeper)
                .Then((f, c) => f.WarehouseSign(c.Actor, c.Now))
                .TransitionTo(SampleStatus.AwaitingDelivery)
            .In(SampleStatus.AwaitingDelivery)
                .When(SampleVerbs.Delivered, Position.WarehouseKeeper)
                .Then((f, c) => c.Values.Date("receivedOn") is { } on
                    ? f.RecordDelivery(c.Actor, c.Values.Text("recipient"), on, c.Today, c.Now)
                    : new FormOutcome.Invalid([new FieldProblem("receivedOn", ProblemKind.Required)]))
                .TransitionTo(SampleStatus.Delivered)
            .Table
            .Cancellable(SampleVerbs.Cancel, f => f.IsOpen, (f, a, reason, at) => f.Cancel(a, reason, at));
}
