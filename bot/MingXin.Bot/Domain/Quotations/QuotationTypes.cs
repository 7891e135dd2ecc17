using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Domain.Quotations;

/// <summary>MX-QM-03 4.1.3: which way a quotation goes before the general manager.</summary>
public enum QuotationPath
{
    /// <summary>4.1.3.1 ordinary new order or repeat order (返单): cost sheet → GM.</summary>
    Ordinary,

    /// <summary>4.1.3.2 new process or special requirement: Contract Review 合同评审表 first.</summary>
    SpecialRequirement,
}

public enum QuotationStatus
{
    /// <summary>Production, QC and Materials Control are reviewing the contract (special path).</summary>
    InContractReview,

    /// <summary>The cost sheet waits for the general manager.</summary>
    AwaitingGmApproval,

    /// <summary>
    /// Special path, after the contract review (4.1.3.2): the salesperson fills in the cost sheet with
    /// reference to the review — its conditions in view — before it goes to the general manager.
    /// </summary>
    AwaitingCostSheet,

    /// <summary>Back with the salesperson: GM rejected it, the review found it not feasible, or the GM chose to revise after an objection.</summary>
    ReturnedForRevision,

    /// <summary>GM approved; the salesperson sends the quotation to the customer.</summary>
    ApprovedToSend,

    /// <summary>Sent by fax or e-mail; waiting for the customer's signature or objection.</summary>
    AwaitingCustomer,

    /// <summary>The customer confirmed and signed: the price is agreed (samples and orders build on it).</summary>
    Confirmed,

    /// <summary>The customer objected; the general manager decides (4.1.4).</summary>
    ObjectionRaised,

    /// <summary>The general manager put it on hold after an objection.</summary>
    OnHold,

    /// <summary>The general manager declined after an objection.</summary>
    Declined,

    /// <summary>Withdrawn by the salesperson, with a reason.</summary>
    Cancelled,
}

/// <summary>What a person can do on a quotation's card.</summary>
public enum QuotationAction
{
    Review,
    GmDecide,
    Revise,
    RecordSent,
    RecordCustomerAnswer,
    DecideObjection,
    Cancel,
}

/// <summary>A reviewer's answer on the Contract Review Form 合同评审表.</summary>
public enum Feasibility
{
    Feasible,
    FeasibleWithConditions,
    NotFeasible,
}

public enum SendMethod
{
    Fax,
    Email,
}

/// <summary>What the general manager decides on a customer's objection (4.1.4).</summary>
public enum ObjectionDecision
{
    /// <summary>Back to the salesperson for a new cost-sheet version.</summary>
    Revise,

    /// <summary>Park it; the GM decides again later.</summary>
    Hold,

    /// <summary>Do not quote this customer this price; the quotation ends.</summary>
    Decline,
}

/// <summary>What the salesperson asks a price for.</summary>
/// <param name="Evaluation">The evaluation of the customer's requirements by the sales manager or salesperson (4.1.3.1): whether
/// and how the factory can meet them. Required on every new quotation; quotations saved before it was asked have none.</param>
public sealed record QuotationRequest(string CustomerName, string Product, string Specification, bool IsRepeatOrder, QuotationPath Path, string? SpecialRequirement, string? Evaluation = null)
{
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 500;

    /// <summary>Checks the request; every problem at once.</summary>
    public IReadOnlyList<FieldProblem> Problems()
    {
        var problems = new List<FieldProblem>();
        Check("customer", CustomerName, MaxNameLength);
        Check("product", Product, MaxNameLength);
        Check("specification", Specification, MaxTextLength);
        if (Path == QuotationPath.SpecialRequirement)
        {
            Check("special", SpecialRequirement, MaxTextLength);
        }
        else if ((SpecialRequirement?.Length ?? 0) > MaxTextLength)
        {
            problems.Add(new FieldProblem("special", ProblemKind.TooLong, MaxTextLength));
        }

        return problems;

        void Check(string field, string? value, int max)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new FieldProblem(field, ProblemKind.Required));
            }
            else if (value.Trim().Length > max)
            {
                problems.Add(new FieldProblem(field, ProblemKind.TooLong, max));
            }
        }
    }

    public QuotationRequest Trimmed() => this with
    {
        CustomerName = CustomerName.Trim(),
        Product = Product.Trim(),
        Specification = Specification.Trim(),
        SpecialRequirement = string.IsNullOrWhiteSpace(SpecialRequirement) ? null : SpecialRequirement.Trim(),
        Evaluation = string.IsNullOrWhiteSpace(Evaluation) ? null : Evaluation.Trim(),
    };
}

/// <summary>The values of a cost sheet as stored (the sheet is rebuilt, and re-checked, from them).</summary>
public sealed record CostSheetData(IReadOnlyList<CostLine> Lines, decimal MarginPercent, IReadOnlyList<int> Quantities)
{
    public static CostSheetData From(CostSheet sheet) => new(sheet.Lines, sheet.MarginPercent, sheet.Quantities);

    public CostSheet ToSheet() => CostSheet.Create(Lines, MarginPercent, Quantities).Sheet
        ?? throw new InvalidOperationException("A stored cost sheet no longer passes its checks.");
}

/// <summary>One version of the cost sheet; a revision adds one and keeps the old.</summary>
public sealed record CostSheetVersion(int Number, CostSheetData Data, PersonRef By, DateTimeOffset At, string? Note);

/// <summary>One reviewer's answer in a review round.</summary>
public sealed record ReviewAnswer(string SeatKey, PersonRef By, Feasibility Feasibility, string? Note, DateTimeOffset At);

/// <summary>A round of contract review, on one cost-sheet version.</summary>
public sealed class ReviewRound
{
    public int Number { get; set; }

    public int ForVersion { get; set; }

    public List<ReviewAnswer> Answers { get; set; } = [];
}

public sealed record GmDecision(int ForVersion, PersonRef By, bool Approved, string? Comment, DateTimeOffset At);

public sealed record QuotationSent(SendMethod Method, PersonRef By, DateTimeOffset At);

public sealed record CustomerConfirmation(string SignedBy, DateOnly SignedOn, PersonRef RecordedBy, DateTimeOffset At);

public sealed record CustomerObjection(string Text, PersonRef RecordedBy, DateTimeOffset At, ObjectionDecision? Decision = null, PersonRef? DecidedBy = null, string? DecisionNote = null, DateTimeOffset? DecidedAt = null);

/// <summary>Why a quotation action was refused. Nothing changed.</summary>
public enum QuotationRefusal
{
    /// <summary>The quotation is not at the step this action belongs to (or it has ended).</summary>
    WrongStep,

    /// <summary>The actor does not hold the position this step needs.</summary>
    NotYourTurn,

    /// <summary>The actor's seat in this review round is answered already.</summary>
    AlreadyAnswered,

    /// <summary>A rejection, a condition, a "not feasible", an objection, a decline or a cancellation needs text.</summary>
    ReasonRequired,

    /// <summary>Text longer than <see cref="Quotation.MaxTextLength"/>.</summary>
    TextTooLong,

    /// <summary>A customer's signature date cannot be in the future.</summary>
    DateInFuture,

    /// <summary>Only a salesperson or sales manager may start a quotation.</summary>
    NotSales,
}

/// <summary>The outcome of an action on a quotation: what happened, or why nothing did.</summary>
public abstract record QuotationOutcome : Forms.IStepOutcome
{
    private QuotationOutcome()
    {
    }

    public sealed record Accepted(IReadOnlyList<QuotationEvent> Events) : QuotationOutcome;

    public sealed record Refused(QuotationRefusal Reason) : QuotationOutcome;
}

/// <summary>The three seats of the Contract Review Form 合同评审表.</summary>
public static class ContractReview
{
    public static IReadOnlyList<Seat> Seats { get; } =
    [
        new Seat("production", Position.ProductionManager),
        new Seat("qc", Position.QcManager),
        new Seat("materials", Position.MaterialsController),
    ];

    public static string Name(Language l) => l == Language.Chinese ? "合同评审表" : "Contract Review Form";
}
