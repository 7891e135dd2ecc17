using System.Globalization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Orders;

/// <summary>The six points a customer order is checked on (MX-QM-03 4.1.7).</summary>
public enum OrderPoint
{
    Name,
    Specification,
    Quantity,
    Price,
    Quality,
    Delivery,
}

public enum OrderReviewStatus
{
    /// <summary>A point is not confirmed, or differs from the quotation without an explanation: back with the salesperson.</summary>
    NeedsClarification,

    /// <summary>All six confirmed: the order is stamped with the sales seal and returned to the customer.</summary>
    Passed,

    Cancelled,

    /// <summary>Everything confirmed but the ordered price differs from the quotation: the general manager decides (4.1.7).</summary>
    AwaitingGmPriceDecision,
}

/// <summary>The general manager's decision on an ordered price that differs from the quotation.</summary>
public sealed record PriceDecision(bool Accepted, PersonRef By, DateTimeOffset At, string? Comment);

/// <summary>The stamped order returned to the customer (4.1.7): to whom, when, how, recorded by whom.</summary>
public sealed record OrderReturn(string To, DateOnly On, ContactChannel Via, PersonRef By, DateTimeOffset At);

/// <summary>What the confirmed quotation said, for the side-by-side comparison.</summary>
public sealed record QuotedTerms(string QuotationId, string CustomerName, string Product, string Specification, IReadOnlyList<PriceBreak> Prices, bool IsRepeatOrder);

/// <summary>What the customer's order says.</summary>
public sealed record OrderTerms(string CustomerOrderNumber, string Product, string Specification, int Quantity, decimal UnitPrice, string QualityRequirements, DateOnly? DeliveryDate, string? CustomerSchedule)
{
    public const int MaxTextLength = 500;

    public IReadOnlyList<FieldProblem> Problems(DateOnly today)
    {
        var problems = new List<FieldProblem>();
        Text("po", CustomerOrderNumber, 50);
        Text("product", Product, 100);
        Text("specification", Specification, MaxTextLength);
        Text("quality", QualityRequirements, MaxTextLength);
        if (Quantity <= 0)
        {
            problems.Add(new FieldProblem("quantity", ProblemKind.MustBePositive));
        }
        else if (Quantity > CostSheet.MaxQuantity)
        {
            problems.Add(new FieldProblem("quantity", ProblemKind.TooLarge, CostSheet.MaxQuantity));
        }

        if (UnitPrice <= 0)
        {
            problems.Add(new FieldProblem("price", ProblemKind.MustBePositive));
        }
        else if (decimal.Round(UnitPrice, CostSheet.UnitPriceDecimals) != UnitPrice)
        {
            problems.Add(new FieldProblem("price", ProblemKind.TooManyDecimals, CostSheet.UnitPriceDecimals));
        }

        if (DeliveryDate is null && string.IsNullOrWhiteSpace(CustomerSchedule))
        {
            problems.Add(new FieldProblem("delivery", ProblemKind.Required));
        }
        else if (DeliveryDate is { } date && date < today)
        {
            problems.Add(new FieldProblem("delivery", ProblemKind.DateInPast));
        }

        if ((CustomerSchedule?.Trim().Length ?? 0) > MaxTextLength)
        {
            problems.Add(new FieldProblem("schedule", ProblemKind.TooLong, MaxTextLength));
        }

        return problems;

        void Text(string field, string? value, int max)
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
}

/// <summary>One point compared: what was quoted, what was ordered, whether they agree, whether the salesperson confirmed it.</summary>
public sealed record PointCheck(OrderPoint Point, string Quoted, string Ordered, bool Matches, bool Confirmed)
{
    /// <summary>A point passes when confirmed and either matching or explained in the review's note.</summary>
    public bool Passes(bool explained) => Confirmed && (Matches || explained);
}

public sealed class SalesOrderReviewState : FormState
{
    public QuotedTerms Quoted { get; set; } = null!;

    public OrderTerms Order { get; set; } = null!;

    public List<PointCheck> Points { get; set; } = [];

    /// <summary>How the differences from the quotation were settled with the customer.</summary>
    public string? DifferenceNote { get; set; }

    public OrderReviewStatus Status { get; set; }

    public int Submissions { get; set; }

    /// <summary>The GM's decision on the last price difference; null when the price matched (or before it was asked).</summary>
    public PriceDecision? PriceDecision { get; set; }

    /// <summary>Set when the review passes: the stamped order's return is then recorded. Reviews passed before it was asked have false.</summary>
    public bool ReturnExpected { get; set; }

    public OrderReturn? Returned { get; set; }
}

/// <summary>
/// Sales-order review 订单评审 (MX-QM-03 4.1.7): the customer's order against the confirmed quotation
/// on name, specification, quantity, price, quality requirements and delivery date. All six
/// confirmed (differences explained) → the order is stamped and returned to the customer.
/// </summary>
public sealed class SalesOrderReview(SalesOrderReviewState state) : StepForm<SalesOrderReviewState>(state)
{
    public const string Kind = "SalesOrderReview";
    public const string Prefix = "SO";

    public OrderReviewStatus Status => State.Status;

    /// <summary>Open while it needs clarification, waits on the GM's price decision, or the stamped order's return is not yet recorded; a passed review is the basis of a Production Notice.</summary>
    public override bool IsOpen => Status is OrderReviewStatus.NeedsClarification or OrderReviewStatus.AwaitingGmPriceDecision || ReturnPending;

    /// <summary>Passed, and the stamped order's return to the customer is not recorded yet.</summary>
    public bool ReturnPending => Status == OrderReviewStatus.Passed && State.ReturnExpected && State.Returned is null;

    /// <summary>The general manager accepts the ordered price, or sends the order back to the salesperson (a reason needed).</summary>
    public FormOutcome DecidePrice(Actor actor, bool accept, string? comment, DateTimeOffset at)
    {
        if (Status != OrderReviewStatus.AwaitingGmPriceDecision)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!actor.Positions.Contains(Position.GeneralManager))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (CheckText(comment, required: !accept) is { } refused)
        {
            return refused;
        }

        State.PriceDecision = new PriceDecision(accept, actor.Person, at, Clean(comment));
        State.Status = accept ? OrderReviewStatus.Passed : OrderReviewStatus.NeedsClarification;
        State.ReturnExpected = accept;
        return Accept(new FormEvent(actor.Person, at, accept ? OrderReviewEvents.PriceAccepted : OrderReviewEvents.PriceRefused, Clean(comment), Status.ToString()));
    }

    /// <summary>The salesperson records that the stamped order went back to the customer: to whom, when, how.</summary>
    public FormOutcome RecordReturn(Actor actor, string? to, DateOnly? on, ContactChannel via, DateOnly today, DateTimeOffset at)
    {
        if (!ReturnPending)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!(IsOriginator(actor) || actor.Positions.Contains(Position.SalesManager)))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(to))
        {
            problems.Add(new FieldProblem("returnedTo", ProblemKind.Required));
        }
        else if (to.Trim().Length > 100)
        {
            problems.Add(new FieldProblem("returnedTo", ProblemKind.TooLong, 100));
        }

        if (on is null)
        {
            problems.Add(new FieldProblem("returnedOn", ProblemKind.Required));
        }
        else if (on > today)
        {
            problems.Add(new FieldProblem("returnedOn", ProblemKind.DateInFuture));
        }

        if (!Enum.IsDefined(via))
        {
            problems.Add(new FieldProblem("via", ProblemKind.Required));
        }

        if (problems.Count > 0)
        {
            return new FormOutcome.Invalid(problems);
        }

        State.Returned = new OrderReturn(to!.Trim(), on!.Value, via, actor.Person, at);
        return Accept(new FormEvent(actor.Person, at, OrderReviewEvents.Returned, to.Trim(), Status.ToString(), new Dictionary<string, string>
        {
            ["returnedOn"] = on.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["via"] = via.ToString(),
        }));
    }

    public override string StatusName => Status.ToString();

    protected override void MarkCancelled() => State.Status = OrderReviewStatus.Cancelled;

    public static string Name(Language l) => l == Language.Chinese ? "订单评审" : "Sales-order review";

    public static (SalesOrderReview? Review, FormOutcome Outcome) Start(string id, QuotedTerms quoted, OrderTerms order, IReadOnlySet<OrderPoint> confirmed, string? differenceNote, Actor actor, DateOnly today, DateTimeOffset at)
    {
        if (!(actor.Positions.Contains(Position.Salesperson) || actor.Positions.Contains(Position.SalesManager)))
        {
            return (null, Refuse(FormRefusal.NotYourTurn));
        }

        var problems = order.Problems(today);
        if (problems.Count > 0)
        {
            return (null, new FormOutcome.Invalid(problems));
        }

        if (CheckText(differenceNote, required: false) is { } refused)
        {
            return (null, refused);
        }

        var review = new SalesOrderReview(new SalesOrderReviewState { Id = id, Originator = actor.Person, CreatedAt = at, Version = 1, Quoted = quoted });
        var e = review.Evaluate(order, confirmed, differenceNote, actor, at, OrderReviewEvents.Started);
        review.Record([e]);
        return (review, new FormOutcome.Accepted([e]));
    }

    /// <summary>The salesperson corrects the order's values or confirms more points after talking to the customer.</summary>
    public FormOutcome Resubmit(OrderTerms order, IReadOnlySet<OrderPoint> confirmed, string? differenceNote, Actor actor, DateOnly today, DateTimeOffset at)
    {
        if (Status != OrderReviewStatus.NeedsClarification)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!(IsOriginator(actor) || actor.Positions.Contains(Position.SalesManager)))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var problems = order.Problems(today);
        if (problems.Count > 0)
        {
            return new FormOutcome.Invalid(problems);
        }

        if (CheckText(differenceNote, required: false) is { } refused)
        {
            return refused;
        }

        return Accept(Evaluate(order, confirmed, differenceNote, actor, at, OrderReviewEvents.Resubmitted));
    }


    /// <summary>The quoted price for a quantity: the break with the largest quoted quantity not above it (the smallest break below all).</summary>
    public static PriceBreak QuotedBreakFor(IReadOnlyList<PriceBreak> prices, int quantity) =>
        prices.Where(p => p.Quantity <= quantity).OrderByDescending(p => p.Quantity).FirstOrDefault() ?? prices.OrderBy(p => p.Quantity).First();

    /// <summary>Compares the six points against the quotation.</summary>
    public static IReadOnlyList<PointCheck> Compare(QuotedTerms quoted, OrderTerms order, IReadOnlySet<OrderPoint> confirmed)
    {
        var priceBreak = QuotedBreakFor(quoted.Prices, order.Quantity);
        string Q(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
        string P(decimal p) => p.ToString("0.0000", CultureInfo.InvariantCulture);
        return
        [
            new(OrderPoint.Name, quoted.Product, order.Product.Trim(), Same(quoted.Product, order.Product), confirmed.Contains(OrderPoint.Name)),
            new(OrderPoint.Specification, quoted.Specification, order.Specification.Trim(), Same(quoted.Specification, order.Specification), confirmed.Contains(OrderPoint.Specification)),
            new(OrderPoint.Quantity, string.Join(" / ", quoted.Prices.Select(p => Q(p.Quantity))), Q(order.Quantity), quoted.Prices.Any(p => p.Quantity == order.Quantity), confirmed.Contains(OrderPoint.Quantity)),
            new(OrderPoint.Price, $"{P(priceBreak.UnitPrice)} @ {Q(priceBreak.Quantity)}", P(order.UnitPrice), priceBreak.UnitPrice == order.UnitPrice, confirmed.Contains(OrderPoint.Price)),
            new(OrderPoint.Quality, "—", order.QualityRequirements.Trim(), true, confirmed.Contains(OrderPoint.Quality)),
            new(OrderPoint.Delivery, "—", order.DeliveryDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? order.CustomerSchedule!.Trim(), true, confirmed.Contains(OrderPoint.Delivery)),
        ];
    }

    private static bool Same(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private FormEvent Evaluate(OrderTerms order, IReadOnlySet<OrderPoint> confirmed, string? differenceNote, Actor actor, DateTimeOffset at, string action)
    {
        State.Order = order with { CustomerOrderNumber = order.CustomerOrderNumber.Trim(), Product = order.Product.Trim(), Specification = order.Specification.Trim(), QualityRequirements = order.QualityRequirements.Trim(), CustomerSchedule = Clean(order.CustomerSchedule) };
        State.Points = Compare(State.Quoted, State.Order, confirmed).ToList();
        State.DifferenceNote = Clean(differenceNote);
        State.Submissions++;
        var explained = State.DifferenceNote is not null;

        // A difference in price is not the salesperson's to settle with a note: the general manager decides (4.1.7).
        var price = State.Points.Single(p => p.Point == OrderPoint.Price);
        var othersPass = State.Points.Where(p => p.Point != OrderPoint.Price).All(p => p.Passes(explained));
        State.PriceDecision = null;
        State.Status = !othersPass || !price.Confirmed ? OrderReviewStatus.NeedsClarification
            : price.Matches ? OrderReviewStatus.Passed
            : OrderReviewStatus.AwaitingGmPriceDecision;
        State.ReturnExpected = State.Status == OrderReviewStatus.Passed;
        var open = State.Points.Where(p => p.Point == OrderPoint.Price ? !(price.Confirmed && price.Matches) : !p.Passes(explained)).Select(p => p.Point.ToString());
        return new FormEvent(actor.Person, at, State.Status == OrderReviewStatus.Passed ? (action == OrderReviewEvents.Started ? OrderReviewEvents.Passed : OrderReviewEvents.ResubmittedPassed) : action, State.DifferenceNote, Status.ToString(), new Dictionary<string, string>
        {
            ["po"] = State.Order.CustomerOrderNumber,
            ["quantity"] = State.Order.Quantity.ToString(CultureInfo.InvariantCulture),
            ["unitPrice"] = State.Order.UnitPrice.ToString(CultureInfo.InvariantCulture),
            ["open"] = string.Join(",", open),
        });
    }
}
