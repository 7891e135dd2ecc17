using System.Globalization;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Orders;

/// <summary>The card verbs of the sales-order review, each written here once.</summary>
public static class OrderReviewVerbs
{
    public const string Prefix = "so-";
    public const string Start = "so-start";
    public const string Resubmit = "so-resubmit";
    public const string Cancel = "so-cancel";
    public const string AcceptPrice = "so-price-accept";
    public const string RefusePrice = "so-price-refuse";
    public const string Returned = "so-returned";
}

/// <summary>What happens to a sales-order review, as its audit rows name it (stored: never rename one).</summary>
public static class OrderReviewEvents
{
    public const string Started = FormEvents.Started;
    public const string Passed = "passed";
    public const string Resubmitted = "resubmitted";
    public const string ResubmittedPassed = "resubmitted-passed";
    public const string PriceAccepted = "price-accepted";
    public const string PriceRefused = "price-refused";
    public const string Returned = "returned";
    public const string Cancelled = FormEvents.Cancelled;
}

/// <summary>
/// The sales-order review 订单评审 (MX-QM-03 4.1.7), step by step: the salesperson checks the six points
/// against the confirmed quotation; until all are confirmed (or a difference is explained) the order
/// stays with them to correct and resubmit.
/// </summary>
public static class SalesOrderReviewSteps
{
    /// <summary>The form as the company names it, the clause it serves, how it is started from chat.</summary>
    public static FormName Form { get; } = new FormName("SalesOrderReview", "SO", "订单评审", "Sales-order review", [], ["order", "orderreview", "订单", "订单评审"], "4.1.7", new FormCommand(["order", "订单", "订单评审"], "订单 <报价单号> / order", "order <quotation no.> / 订单", "订单评审：名称、规格、数量、价格、品质要求、交期六项与报价核对", "Sales-order review: name, specification, quantity, price, quality, delivery against the quotation"));

    public static StepTable<SalesOrderReview, OrderReviewStatus> Table { get; } =
        new StepTable<SalesOrderReview, OrderReviewStatus>(OrderReviewStatus.NeedsClarification, OrderReviewStatus.Cancelled, f => f.Status, (f, a) => f.IsOriginator(a))
            .StartsAlsoIn(OrderReviewStatus.Passed, OrderReviewStatus.AwaitingGmPriceDecision)
            .PostAtStartTo(Department.Sales)
            .PostWhenReached(OrderReviewStatus.AwaitingGmPriceDecision, Department.GeneralManagerOffice)
            .In(OrderReviewStatus.NeedsClarification)
                .WhenOriginator(OrderReviewVerbs.Resubmit).AlsoBy(Position.SalesManager)
                .Then((f, c) =>
                {
                    var (order, confirmed, problems) = ReadOrder(c.Values);
                    return problems.Count > 0 ? AllProblems(problems, order, c.Today) : f.Resubmit(order, confirmed, c.Values.Text("note"), c.Actor, c.Today, c.Now);
                })
                .TransitionTo(OrderReviewStatus.Passed, OrderReviewStatus.NeedsClarification, OrderReviewStatus.AwaitingGmPriceDecision)
            .In(OrderReviewStatus.AwaitingGmPriceDecision)
                .When(OrderReviewVerbs.AcceptPrice, Position.GeneralManager)
                .Then((f, c) => f.DecidePrice(c.Actor, accept: true, c.Values.Text("gmComment"), c.Now))
                .TransitionTo(OrderReviewStatus.Passed)
                .When(OrderReviewVerbs.RefusePrice, Position.GeneralManager)
                .Then((f, c) => f.DecidePrice(c.Actor, accept: false, c.Values.Text("gmComment"), c.Now))
                .TransitionTo(OrderReviewStatus.NeedsClarification)
            .While("the stamped order's return not yet recorded", f => f.ReturnPending, OrderReviewStatus.Passed)
                .WhenOriginator(OrderReviewVerbs.Returned).AlsoBy(Position.SalesManager)
                .Then((f, c) => f.RecordReturn(c.Actor, c.Values.Text("returnedTo"), c.Values.Date("returnedOn"), c.Values.Choice<ContactChannel>("via"), c.Today, c.Now))
                .Stay()
            .Table
            .Cancellable(OrderReviewVerbs.Cancel, f => f.Status is OrderReviewStatus.NeedsClarification or OrderReviewStatus.AwaitingGmPriceDecision, (f, a, reason, at) => f.Cancel(a, reason, at));

    /// <summary>What the card's problems are: those of reading the inputs, then the order's own (each field once).</summary>
    public static FormOutcome.Invalid AllProblems(List<FieldProblem> parsing, OrderTerms order, DateOnly today) =>
        new([.. parsing, .. order.Problems(today).Where(p => parsing.All(x => x.Field != p.Field))]);

    /// <summary>The six points as typed on the card, and which the salesperson ticked as checked.</summary>
    public static (OrderTerms Order, IReadOnlySet<OrderPoint> Confirmed, List<FieldProblem> Problems) ReadOrder(StepValues values)
    {
        var problems = new List<FieldProblem>();
        var quantityText = values.Text("quantity").Replace(",", string.Empty, StringComparison.Ordinal);
        if (!int.TryParse(quantityText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
        {
            problems.Add(new FieldProblem("quantity", quantityText.Length == 0 ? ProblemKind.Required : ProblemKind.NotANumber));
            quantity = 1;
        }

        var price = CostSheet.ParseAmount(values.Text("price"));
        if (price is null)
        {
            problems.Add(new FieldProblem("price", values.Text("price").Length == 0 ? ProblemKind.Required : ProblemKind.NotANumber));
        }

        var confirmed = values.Text("confirmed").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => Enum.TryParse<OrderPoint>(t, out var p) && Enum.IsDefined(p) ? p : (OrderPoint?)null)
            .OfType<OrderPoint>()
            .ToHashSet();
        var order = new OrderTerms(values.Text("po"), values.Text("product"), values.Text("specification"), quantity, price ?? 1m, values.Text("quality"), values.Date("delivery"), values.Text("schedule"));
        return (order, confirmed, problems);
    }
}
