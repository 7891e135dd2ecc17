using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Samples;

public enum SampleStatus
{
    AwaitingGmApproval,
    InProduction,
    AwaitingQc,
    AwaitingClerkSignature,
    AwaitingWarehouseSignature,
    AwaitingDelivery,
    Delivered,
    Rejected,
    Cancelled,
}

/// <summary>The confirmed quotation a sample order is issued against (4.1.5: once the price is confirmed).</summary>
public sealed record QuotationRef(string Id, QuotationStatus Status, string CustomerName, string Product);

/// <summary>One QC check of a batch of samples: OK, or NG with the reason that sends them back to Production.</summary>
public sealed record SampleCheck(int Round, bool Ok, string? Note, PersonRef By, DateTimeOffset At);

/// <summary>A signature on the Sample Receipt 样品签收单.</summary>
public sealed record SignOff(PersonRef By, DateTimeOffset At);

/// <summary>The customer's people received the samples and signed the receipt (4.1.6).</summary>
public sealed record SampleDelivery(string RecipientName, DateOnly ReceivedOn, PersonRef RecordedBy, DateTimeOffset At);

public sealed class SampleOrderState : FormState
{
    public string QuotationId { get; set; } = string.Empty;

    public string CustomerName { get; set; } = string.Empty;

    public string Product { get; set; } = string.Empty;

    public int Quantity { get; set; }

    public DateOnly DueDate { get; set; }

    public string? Requirements { get; set; }

    public SampleStatus Status { get; set; }

    public string? GmComment { get; set; }

    /// <summary>Production rounds: 1, and one more after each NG.</summary>
    public int Round { get; set; } = 1;

    public List<SignOff> Made { get; set; } = [];

    public List<SampleCheck> Checks { get; set; } = [];

    public SignOff? ClerkSignature { get; set; }

    public SignOff? WarehouseSignature { get; set; }

    public SampleDelivery? Delivery { get; set; }
}

/// <summary>
/// Sample Production Order 样品制作单 and its Sample Receipt 样品签收单 (MX-QM-03 4.1.5–4.1.6):
/// GM approval → Production makes the samples → QC confirms OK (or NG, back to Production) → QC's
/// OK issues the receipt → signed by the sales follow-up clerk → signed by the warehouse → the
/// warehouse records delivery and the customer recipient's signature.
/// </summary>
public sealed class SampleOrder(SampleOrderState state) : StepForm<SampleOrderState>(state)
{
    public const string Kind = "SampleOrder";
    public const string Prefix = "SP";
    public const int MaxQuantity = 10_000;

    public SampleStatus Status => State.Status;

    public override bool IsOpen => Status is not (SampleStatus.Delivered or SampleStatus.Rejected or SampleStatus.Cancelled);

    public override string StatusName => Status.ToString();

    protected override void MarkCancelled() => State.Status = SampleStatus.Cancelled;

    public static string Name(Language l) => l == Language.Chinese ? "样品制作单" : "Sample Production Order";

    public static string ReceiptName(Language l) => l == Language.Chinese ? "样品签收单" : "Sample Receipt";

    public static (SampleOrder? Order, FormOutcome Outcome) Start(string id, QuotationRef quotation, int quantity, DateOnly dueDate, string? requirements, Actor originator, DateOnly today, DateTimeOffset at)
    {
        if (!(originator.Positions.Contains(Position.Salesperson) || originator.Positions.Contains(Position.SalesManager)))
        {
            return (null, Refuse(FormRefusal.NotYourTurn));
        }

        var problems = new List<FieldProblem>();
        if (quotation.Status != QuotationStatus.Confirmed)
        {
            problems.Add(new FieldProblem("quotation", ProblemKind.Unknown));
        }

        if (quantity <= 0)
        {
            problems.Add(new FieldProblem("quantity", ProblemKind.MustBePositive));
        }
        else if (quantity > MaxQuantity)
        {
            problems.Add(new FieldProblem("quantity", ProblemKind.TooLarge, MaxQuantity));
        }

        if (dueDate < today)
        {
            problems.Add(new FieldProblem("due", ProblemKind.DateInPast));
        }

        if ((requirements?.Trim().Length ?? 0) > MaxTextLength)
        {
            problems.Add(new FieldProblem("requirements", ProblemKind.TooLong, MaxTextLength));
        }

        if (problems.Count > 0)
        {
            return (null, Invalid([.. problems]));
        }

        var order = new SampleOrder(new SampleOrderState
        {
            Id = id,
            Originator = originator.Person,
            CreatedAt = at,
            Version = 1,
            QuotationId = quotation.Id,
            CustomerName = quotation.CustomerName,
            Product = quotation.Product,
            Quantity = quantity,
            DueDate = dueDate,
            Requirements = Clean(requirements),
            Status = SampleStatus.AwaitingGmApproval,
        });
        var started = new FormEvent(originator.Person, at, SampleEvents.Started, order.State.Requirements, order.Status.ToString(), new Dictionary<string, string>
        {
            ["quotation"] = quotation.Id,
            ["quantity"] = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["due"] = dueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        order.Record([started]);
        return (order, new FormOutcome.Accepted([started]));
    }

    /// <summary>The positions the form waits on now, as its step table declares them.</summary>
    public IReadOnlyList<Position> PositionsWaitedOn() => SampleOrderSteps.Table.PositionsWaitedOn(this);

    public FormOutcome GmApprove(Actor actor, string? comment, DateTimeOffset at) => GmDecide(actor, approved: true, comment, at);

    public FormOutcome GmReject(Actor actor, string? reason, DateTimeOffset at) => GmDecide(actor, approved: false, reason, at);

    /// <summary>Production records that the samples are made; QC is next.</summary>
    public FormOutcome MarkMade(Actor actor, string? note, DateTimeOffset at) =>
        Step(actor, SampleStatus.InProduction, note, required: false, at, SampleEvents.Made, SampleStatus.AwaitingQc, () => State.Made.Add(new SignOff(actor.Person, at)));

    /// <summary>QC confirms the samples: OK issues the Sample Receipt; NG (with the reason) sends them back to Production.</summary>
    public FormOutcome QcCheck(Actor actor, bool ok, string? note, DateTimeOffset at) =>
        Step(actor, SampleStatus.AwaitingQc, note, required: !ok, at, ok ? SampleEvents.QcOk : SampleEvents.QcNg, ok ? SampleStatus.AwaitingClerkSignature : SampleStatus.InProduction, () =>
        {
            State.Checks.Add(new SampleCheck(State.Round, ok, Clean(note), actor.Person, at));
            if (!ok)
            {
                State.Round++;
            }
        });

    public FormOutcome ClerkSign(Actor actor, DateTimeOffset at) =>
        Step(actor, SampleStatus.AwaitingClerkSignature, null, required: false, at, SampleEvents.ClerkSigned, SampleStatus.AwaitingWarehouseSignature, () => State.ClerkSignature = new SignOff(actor.Person, at));

    public FormOutcome WarehouseSign(Actor actor, DateTimeOffset at) =>
        Step(actor, SampleStatus.AwaitingWarehouseSignature, null, required: false, at, SampleEvents.WarehouseSigned, SampleStatus.AwaitingDelivery, () => State.WarehouseSignature = new SignOff(actor.Person, at));

    /// <summary>The warehouse delivered the samples; the customer's recipient signed the receipt on that day.</summary>
    public FormOutcome RecordDelivery(Actor actor, string? recipient, DateOnly receivedOn, DateOnly today, DateTimeOffset at)
    {
        if (Status == SampleStatus.AwaitingDelivery && PositionsWaitedOn().Any(actor.Positions.Contains))
        {
            if (string.IsNullOrWhiteSpace(recipient))
            {
                return Invalid(new FieldProblem("recipient", ProblemKind.Required));
            }

            if (recipient.Trim().Length > QuotationRequest.MaxNameLength)
            {
                return Invalid(new FieldProblem("recipient", ProblemKind.TooLong, QuotationRequest.MaxNameLength));
            }

            if (receivedOn > today)
            {
                return Invalid(new FieldProblem("receivedOn", ProblemKind.DateInFuture));
            }
        }

        return Step(actor, SampleStatus.AwaitingDelivery, null, required: false, at, SampleEvents.Delivered, SampleStatus.Delivered, () => State.Delivery = new SampleDelivery(recipient!.Trim(), receivedOn, actor.Person, at), recipient?.Trim());
    }


    private FormOutcome GmDecide(Actor actor, bool approved, string? comment, DateTimeOffset at) =>
        Step(actor, SampleStatus.AwaitingGmApproval, comment, required: !approved, at, approved ? SampleEvents.GmApproved : SampleEvents.GmRejected, approved ? SampleStatus.InProduction : SampleStatus.Rejected, () => State.GmComment = Clean(comment));

    /// <summary>The common shape of a step: right status, right position, acceptable text, then the change.</summary>
    private FormOutcome Step(Actor actor, SampleStatus expected, string? text, bool required, DateTimeOffset at, string action, SampleStatus next, Action apply, string? comment = null)
    {
        if (Status != expected)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!PositionsWaitedOn().Any(actor.Positions.Contains))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (CheckText(text, required) is { } refused)
        {
            return refused;
        }

        apply();
        State.Status = next;
        return Accept(new FormEvent(actor.Person, at, action, comment ?? Clean(text), Status.ToString()));
    }
}
