using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Records;

namespace MingXin.Bot.Domain.Quotations;

/// <summary>The card verbs of the Quotation, each written here once (the card template receives them from the C# side).</summary>
public static class QuotationVerbs
{
    public const string Prefix = "qt-";
    public const string Start = "qt-start";
    public const string Review = "qt-review";
    public const string Approve = "qt-approve";
    public const string Reject = "qt-reject";
    public const string Revise = "qt-revise";
    public const string Sent = "qt-sent";
    public const string Confirm = "qt-confirm";
    public const string Object = "qt-object";
    public const string Decide = "qt-decide";
    public const string Cancel = "qt-cancel";
}

/// <summary>What happens to a quotation, as its audit rows name it (stored: never rename one).</summary>
public static class QuotationEventNames
{
    public const string Started = FormEvents.Started;
    public const string Reviewed = "reviewed";
    public const string GmApproved = "gm-approved";
    public const string GmRejected = "gm-rejected";
    public const string Revised = "revised";
    public const string Sent = "sent";
    public const string CustomerConfirmed = "customer-confirmed";
    public const string CustomerObjected = "customer-objected";
    public const string ObjectionDecided = "objection-decided";
    public const string Cancelled = FormEvents.Cancelled;
}

/// <summary>
/// The Quotation 报价单 with its Cost Calculation Sheet (MX-QM-03 4.1.3–4.1.4), step by step: an ordinary
/// order goes straight to the general manager; a new process or a special requirement first gets the
/// Contract Review Form 合同评审表 from Production, QC and Materials Control. The GM approves or returns
/// it; the salesperson sends it, then records the customer's signature or objection, which the GM decides.
/// </summary>
public static class QuotationSteps
{
    /// <summary>The form as the company names it, the clause it serves, how it is started from chat.</summary>
    public static FormName Form { get; } = new FormName("Quotation", "QT", "报价单", "Quotation", [("成本核算表", "Cost Calculation Sheet"), ("合同评审表", "Contract Review Form")], ["quotation", "quote", "报价", "报价单", "costsheet", "cost", "成本核算表", "成本", "contractreview", "review", "合同评审表", "合同评审"], "4.1.3–4.1.4", new FormCommand(["quote", "quotation", "报价", "报价单", "新报价"], "报价 / quote", "quote / 报价", "新报价单与成本核算表：一般新单/返单直接送总经理；新工艺/特殊要求先合同评审，业务员再参照评审填成本核算表（业务员、业务经理）", "New quotation with its cost sheet: ordinary orders go straight to the GM; new processes or special requirements get a contract review first, then the salesperson fills in the cost sheet with reference to it (sales only)", StartsForm: false));

    public static StepTable<Quotation, QuotationStatus> Table { get; } =
        new StepTable<Quotation, QuotationStatus>(QuotationStatus.AwaitingGmApproval, QuotationStatus.Cancelled, q => q.Status, (q, a) => q.IsOriginator(a))
            .StartsAlsoIn(QuotationStatus.InContractReview)
            .PostAtStartTo(Department.Sales)
            .PostWhenReached(QuotationStatus.InContractReview, [.. ContractReview.Seats.Select(s => s.Position.HomeDepartment()).OfType<Department>().Distinct()])
            .PostWhenReached(QuotationStatus.AwaitingGmApproval, Department.GeneralManagerOffice)
            .PostWhenReached(QuotationStatus.ObjectionRaised, Department.GeneralManagerOffice)
            .In(QuotationStatus.InContractReview)
                .When(QuotationVerbs.Review, ReviewersWho, q => q.OpenReviewSeats().Select(s => s.Position).ToList())
                .Separated(DutyRule.ReviewSeatsByDifferentPeople, (q, actor) => q.HasAnsweredThisRound(actor))
                .Then((q, c) => c.Values.OptionalChoice<Feasibility>("feasibility") is { } feasibility ? q.Review(c.Actor, feasibility, c.Values.Text("reviewNote"), c.Now) : Missing("feasibility"))
                .TransitionTo(QuotationStatus.InContractReview, QuotationStatus.AwaitingCostSheet, QuotationStatus.AwaitingGmApproval, QuotationStatus.ReturnedForRevision)
            .In(QuotationStatus.AwaitingGmApproval)
                .When(QuotationVerbs.Approve, Position.GeneralManager)
                .Separated(DutyRule.NoApprovalOfOwnForm, (q, actor) => q.IsOriginator(actor))
                .Then((q, c) => q.GmApprove(c.Actor, c.Values.Text("gmComment"), c.Now))
                .TransitionTo(QuotationStatus.ApprovedToSend)
                .When(QuotationVerbs.Reject, Position.GeneralManager)
                .Then((q, c) => q.GmReject(c.Actor, c.Values.Text("gmComment"), c.Now))
                .TransitionTo(QuotationStatus.ReturnedForRevision)
            .In(QuotationStatus.ReturnedForRevision)
                .WhenOriginator(QuotationVerbs.Revise).AlsoBy(Position.SalesManager)
                .Then((q, c) => QuotationInput.ParseCostSheet(c.Values.Raw) is ({ } sheet, _) ? q.Revise(c.Actor, sheet, c.Values.Text(QuotationInput.Note), c.Now) : new FormOutcome.Invalid(QuotationInput.ParseCostSheet(c.Values.Raw).Problems))
                .TransitionTo(QuotationStatus.AwaitingGmApproval, QuotationStatus.InContractReview)
            .In(QuotationStatus.AwaitingCostSheet)
                .WhenOriginator(QuotationVerbs.Revise).AlsoBy(Position.SalesManager)
                .Then((q, c) => QuotationInput.ParseCostSheet(c.Values.Raw) is ({ } sheet, _) ? q.Revise(c.Actor, sheet, c.Values.Text(QuotationInput.Note), c.Now) : new FormOutcome.Invalid(QuotationInput.ParseCostSheet(c.Values.Raw).Problems))
                .TransitionTo(QuotationStatus.AwaitingGmApproval)
            .In(QuotationStatus.ApprovedToSend)
                .WhenOriginator(QuotationVerbs.Sent).AlsoBy(Position.SalesManager)
                .Then((q, c) => c.Values.OptionalChoice<SendMethod>("method") is { } method ? q.RecordSent(c.Actor, method, c.Now) : Missing("method"))
                .TransitionTo(QuotationStatus.AwaitingCustomer)
            .In(QuotationStatus.AwaitingCustomer)
                .WhenOriginator(QuotationVerbs.Confirm).AlsoBy(Position.SalesManager)
                .Then((q, c) => c.Values.Date("signedOn") is { } signedOn ? q.RecordConfirmation(c.Actor, c.Values.Text("signedBy"), signedOn, c.Today, c.Now) : Missing("signedOn"))
                .TransitionTo(QuotationStatus.Confirmed)
                .WhenOriginator(QuotationVerbs.Object).AlsoBy(Position.SalesManager)
                .Then((q, c) => q.RecordObjection(c.Actor, c.Values.Text("objection"), c.Now))
                .TransitionTo(QuotationStatus.ObjectionRaised)
            .DuringAny(QuotationStatus.ObjectionRaised, QuotationStatus.OnHold)
                .When(QuotationVerbs.Decide, Position.GeneralManager)
                .Then((q, c) => c.Values.OptionalChoice<ObjectionDecision>("decision") is { } decision ? q.DecideObjection(c.Actor, decision, c.Values.Text("decisionNote"), c.Now) : Missing("decision"))
                .TransitionTo(QuotationStatus.ReturnedForRevision, QuotationStatus.OnHold, QuotationStatus.Declined)
            .Table
            .Cancellable(QuotationVerbs.Cancel, q => q.IsOpen, (q, a, reason, at) => q.Cancel(a, reason, at));

    /// <summary>The Contract Review Form's reviewers, for the procedure page.</summary>
    private static string ReviewersWho =>
        string.Join(", ", ContractReview.Seats.Select(s => $"{s.Position.Name(Language.English)} {s.Position.Name(Language.Chinese)}")) + " — each seat not yet answered this round 本轮未答席位";

    /// <summary>The card action each verb belongs to (the card draws its inputs by action).</summary>
    public static QuotationAction? ActionOf(string verb) => verb switch
    {
        QuotationVerbs.Review => QuotationAction.Review,
        QuotationVerbs.Approve or QuotationVerbs.Reject => QuotationAction.GmDecide,
        QuotationVerbs.Revise => QuotationAction.Revise,
        QuotationVerbs.Sent => QuotationAction.RecordSent,
        QuotationVerbs.Confirm or QuotationVerbs.Object => QuotationAction.RecordCustomerAnswer,
        QuotationVerbs.Decide => QuotationAction.DecideObjection,
        QuotationVerbs.Cancel => QuotationAction.Cancel,
        _ => null,
    };

    private static FormOutcome.Invalid Missing(string field) => new([new FieldProblem(field, ProblemKind.Required)]);
}
