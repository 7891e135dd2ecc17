using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Tests.Domain;

public sealed class SalesOrderReviewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly Actor Sales = new(new PersonRef("sales", "Sam"), new HashSet<Position> { Position.Salesperson });
    private static readonly IReadOnlySet<OrderPoint> All = Enum.GetValues<OrderPoint>().ToHashSet();

    private static readonly QuotedTerms Quoted = new(
        "QT-2026-0001",
        "华美礼品",
        "Gift box",
        "250×180×60 mm, 4C + gold foil",
        [new PriceBreak(3_000, 2210m, 0.9208m, 2762.40m), new PriceBreak(5_000, 3150m, 0.7875m, 3937.50m)],
        IsRepeatOrder: false);

    private static OrderTerms Order(int quantity = 5_000, decimal price = 0.7875m, string spec = "250×180×60 mm, 4C + gold foil") =>
        new("PO-8812", "gift box", spec, quantity, price, "Rub test ≥ 200 cycles", Today.AddDays(30), null);

    [Fact]
    public void All_six_confirmed_and_matching_passes_at_once()
    {
        var (review, outcome) = SalesOrderReview.Start("SO-2026-0001", Quoted, Order(), All, null, Sales, Today, T0);

        Assert.Equal(OrderReviewStatus.Passed, review!.Status);
        Assert.All(review.State.Points, p => Assert.True(p.Matches && p.Confirmed));
        Assert.Equal("passed", Assert.Single(Assert.IsType<FormOutcome.Accepted>(outcome).Events).Action);

        // 4.1.7: the stamped order goes back to the customer, and that is recorded (who, when, how); until then it waits on Sales.
        Assert.True(review.ReturnPending);
        Assert.True(review.IsOpen);
        Assert.IsType<FormOutcome.Invalid>(review.RecordReturn(Sales, "黄先生", Today.AddDays(1), ContactChannel.Fax, Today, T0)); // not in the future
        Assert.IsType<FormOutcome.Accepted>(review.RecordReturn(Sales, "黄先生", Today, ContactChannel.Fax, Today, T0));
        Assert.Equal(("黄先生", Today, ContactChannel.Fax), (review.State.Returned!.To, review.State.Returned.On, review.State.Returned.Via));
        Assert.False(review.IsOpen);
        Assert.Equal(OrderReviewStatus.Passed, review.Status);
    }

    [Fact]
    public void A_price_that_differs_from_the_quotation_is_flagged_and_decided_by_the_general_manager_not_by_a_note()
    {
        var (review, _) = SalesOrderReview.Start("SO-2026-0001", Quoted, Order(price: 0.75m), All, "the customer asked for 0.75", Sales, Today, T0);

        Assert.Equal(OrderReviewStatus.AwaitingGmPriceDecision, review!.Status); // the salesperson's note does not settle a price
        var price = review.State.Points.Single(p => p.Point == OrderPoint.Price);
        Assert.False(price.Matches);
        Assert.Equal("0.7875 @ 5,000", price.Quoted);
        Assert.Equal("0.7500", price.Ordered);

        var gm = new Actor(new PersonRef("aad-gm", "GM"), new HashSet<Position> { Position.GeneralManager });
        Assert.IsType<FormOutcome.Refused>(review.DecidePrice(Sales, accept: true, null, T0)); // only the GM
        Assert.IsType<FormOutcome.Refused>(review.DecidePrice(gm, accept: false, null, T0)); // sending it back needs a reason
        Assert.IsType<FormOutcome.Accepted>(review.DecidePrice(gm, accept: false, "0.75 only above 10,000 pieces", T0));
        Assert.Equal(OrderReviewStatus.NeedsClarification, review.Status);

        Assert.IsType<FormOutcome.Accepted>(review.Resubmit(Order(price: 0.75m), All, "customer insists", Sales, Today, T0));
        Assert.Equal(OrderReviewStatus.AwaitingGmPriceDecision, review.Status);
        Assert.IsType<FormOutcome.Accepted>(review.DecidePrice(gm, accept: true, "accepted for this order", T0));
        Assert.Equal(OrderReviewStatus.Passed, review.Status);
        Assert.True(review.State.PriceDecision!.Accepted);
        Assert.True(review.ReturnPending);
        Assert.Equal(2, review.State.Submissions);
    }

    [Fact]
    public void A_quantity_between_breaks_is_priced_at_the_break_below_and_flagged()
    {
        var checks = SalesOrderReview.Compare(Quoted, Order(quantity: 4_000, price: 0.9208m), All);

        Assert.False(checks.Single(c => c.Point == OrderPoint.Quantity).Matches);
        Assert.True(checks.Single(c => c.Point == OrderPoint.Price).Matches); // 0.9208 is the 3,000 break
        Assert.Equal(3_000, SalesOrderReview.QuotedBreakFor(Quoted.Prices, 100).Quantity); // below every break: the smallest
    }

    [Fact]
    public void An_unconfirmed_point_keeps_it_open_even_when_everything_matches()
    {
        var (review, _) = SalesOrderReview.Start("SO-2026-0001", Quoted, Order(), All.Where(p => p != OrderPoint.Quality).ToHashSet(), "n/a", Sales, Today, T0);

        Assert.Equal(OrderReviewStatus.NeedsClarification, review!.Status);
        Assert.True(review.IsOpen);
    }

    [Fact]
    public void Bad_order_values_are_all_reported()
    {
        var bad = new OrderTerms(" ", "", "spec", 0, 0.12345m, "", Today.AddDays(-1), null);

        var (review, outcome) = SalesOrderReview.Start("SO-2026-0001", Quoted, bad, All, null, Sales, Today, T0);

        Assert.Null(review);
        var problems = Assert.IsType<FormOutcome.Invalid>(outcome).Problems;
        Assert.Equal(["po", "product", "quality", "quantity", "price", "delivery"], problems.Select(p => p.Field));
    }
}
