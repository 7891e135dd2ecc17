using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Tests.Domain;

public sealed class OrderAmendmentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static Actor A(string id, params Position[] positions) => new(new PersonRef(id, "name-" + id), positions.ToHashSet());

    private static readonly Actor Sales = A("sales", Position.Salesperson);
    private static readonly Actor SalesManager = A("sm", Position.SalesManager);
    private static readonly Actor ProductionManager = A("pm", Position.ProductionManager);
    private static readonly Actor Planner = A("planner", Position.ProductionPlanner);
    private static readonly NoticeRef Notice = new("PN-2026-0001", NoticeStatus.Released, "华美礼品", "礼盒", 5_000, new DateOnly(2026, 12, 30), "250×180×60");

    private static (OrderAmendment? A, FormOutcome O) Start(AmendedField field, string value, string? reason = "Customer asked") =>
        OrderAmendment.Start("OA-2026-0001", Notice, field, value, reason, Sales, Today, T0, "Mr Huang", ContactChannel.Phone);

    [Fact]
    public void A_new_delivery_date_needs_the_customers_permission_before_the_departments_hear_of_it()
    {
        var problems = Assert.IsType<FormOutcome.Invalid>(OrderAmendment.Start("OA-2026-0001", Notice, AmendedField.DeliveryDate, "2027-01-08", "Customer asked", Sales, Today, T0).Outcome).Problems;
        Assert.Equal(["agreedBy", "via"], problems.Select(p => p.Field));

        var amendment = Start(AmendedField.DeliveryDate, "2027-01-08").A!;
        var p = amendment.State.Permission!;
        Assert.Equal(("OA-2026-0001", new DateOnly(2026, 12, 30), new DateOnly(2027, 1, 8), "Mr Huang", ContactChannel.Phone, "华美礼品"), (p.Source, p.OldDate, p.AgreedDate, p.AgreedBy, p.Via, p.Customer));
        Assert.Null(Start(AmendedField.Quantity, "6000").A!.State.Permission);

        // A date amendment stored before the permission was asked: nobody confirms it until Sales records it.
        amendment.State.Permission = null;
        Assert.Equal(FormRefusal.CustomerPermissionRequired, Assert.IsType<FormOutcome.Refused>(amendment.Confirm(SalesManager, T0)).Reason);
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(amendment.RecordCustomerPermission(Planner, "Mr Huang", ContactChannel.Fax, T0)).Reason);
        Assert.IsType<FormOutcome.Accepted>(amendment.RecordCustomerPermission(Sales, "Mr Huang", ContactChannel.Fax, T0));
        Assert.Equal(new DateOnly(2027, 1, 8), amendment.State.Permission!.AgreedDate);
        Assert.IsType<FormOutcome.Accepted>(amendment.Confirm(SalesManager, T0));
    }

    [Fact]
    public void Sales_manager_then_production_manager_then_the_planner_who_applies_it()
    {
        var amendment = Start(AmendedField.DeliveryDate, "2027-01-08").A!;
        Assert.Equal("2026-12-30", amendment.State.OldValue);

        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(amendment.Confirm(ProductionManager, T0)).Reason);
        Assert.IsType<FormOutcome.Accepted>(amendment.Confirm(SalesManager, T0));
        Assert.IsType<FormOutcome.Accepted>(amendment.Confirm(ProductionManager, T0));
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(amendment.Reject(Planner, "no", T0)).Reason); // the planner acts, does not veto
        Assert.IsType<FormOutcome.Accepted>(amendment.Confirm(Planner, T0));

        Assert.Equal(AmendmentStatus.Applied, amendment.Status);
        Assert.False(amendment.IsOpen);
    }

    [Fact]
    public void A_refusal_needs_a_reason_and_ends_it()
    {
        var amendment = Start(AmendedField.Quantity, "6000").A!;

        Assert.Equal(FormRefusal.ReasonRequired, Assert.IsType<FormOutcome.Refused>(amendment.Reject(SalesManager, " ", T0)).Reason);
        Assert.IsType<FormOutcome.Accepted>(amendment.Reject(SalesManager, "Material not available", T0));
        Assert.Equal(AmendmentStatus.Rejected, amendment.Status);
    }

    [Theory]
    [InlineData(AmendedField.Quantity, "0", "value", ProblemKind.MustBePositive)]
    [InlineData(AmendedField.Quantity, "many", "value", ProblemKind.NotANumber)]
    [InlineData(AmendedField.Quantity, "5,000", "value", ProblemKind.Duplicate)]
    [InlineData(AmendedField.DeliveryDate, "2026-11-01", "value", ProblemKind.DateInPast)]
    [InlineData(AmendedField.Specification, "", "value", ProblemKind.Required)]
    public void A_change_that_is_not_valid_or_changes_nothing_is_refused(AmendedField field, string value, string problemField, ProblemKind kind)
    {
        var (amendment, outcome) = Start(field, value);

        Assert.Null(amendment);
        Assert.Contains(new FieldProblem(problemField, kind), Assert.IsType<FormOutcome.Invalid>(outcome).Problems.Select(p => p with { Limit = null }));
    }

    [Fact]
    public void The_reason_is_required()
    {
        Assert.Contains(new FieldProblem("reason", ProblemKind.Required), Assert.IsType<FormOutcome.Invalid>(Start(AmendedField.Quantity, "6000", null).O).Problems);
    }
}
