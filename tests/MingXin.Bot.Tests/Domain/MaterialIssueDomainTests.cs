using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Tests.Domain;

public sealed class MaterialIssueDomainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static Actor A(string id, params Position[] positions) => new(new PersonRef(id, "name-" + id), positions.ToHashSet());

    private static readonly Actor Materials = A("mc", Position.MaterialsController);
    private static readonly Actor Supervisor = A("pm", Position.ProductionManager);
    private static readonly Actor Clerk = A("clerk", Position.FollowUpClerk);

    private static MaterialIssue Start() =>
        MaterialIssue.Start("MI-2026-0001", [new("PN-2026-0001", "华美礼品"), new("PN-2026-0001", "华美礼品"), new("PN-2026-0002", "宏图包装"), new("PN-2026-0003", "华美礼品 ")], "华南纸业", "300g", MaterialProblem.Quality, "Coating peels", Today.AddDays(7), Materials, Today, T0).Issue!;

    [Fact]
    public void Each_customer_answers_for_its_own_notices_and_the_issue_is_settled_when_every_customer_has()
    {
        var issue = Start();
        Assert.Equal(["PN-2026-0001", "PN-2026-0002", "PN-2026-0003"], issue.State.AffectedNotices);
        Assert.Equal([("华美礼品", "PN-2026-0001,PN-2026-0003"), ("宏图包装", "PN-2026-0002")], issue.State.Customers.Select(c => (c.Customer, string.Join(",", c.Notices))));
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(issue.RecordCustomerPermission(Clerk, "华美礼品", Today.AddDays(20), "Mr Huang", ContactChannel.Phone, Today, T0)).Reason);

        Assert.IsType<FormOutcome.Accepted>(issue.PassToSales(Supervisor, null, T0));
        Assert.Equal([Position.FollowUpClerk], issue.PositionsWaitedOn());
        Assert.IsType<FormOutcome.Invalid>(issue.RecordCustomerPermission(Clerk, "华美礼品", Today.AddDays(-1), "Mr Huang", ContactChannel.Phone, Today, T0));
        Assert.Equal("customer", Assert.Single(Assert.IsType<FormOutcome.Invalid>(issue.RecordCustomerPermission(Clerk, "别的客户", Today.AddDays(20), "Mr Huang", ContactChannel.Phone, Today, T0)).Problems).Field);
        Assert.IsType<FormOutcome.Accepted>(issue.RecordCustomerPermission(Clerk, "华美礼品", Today.AddDays(20), "Mr Huang", ContactChannel.Phone, Today, T0));

        // 宏图包装 has not answered: the issue stays open, and 华美礼品 cannot answer twice.
        Assert.Equal(MaterialIssueStatus.AwaitingCustomerPermission, issue.Status);
        Assert.IsType<FormOutcome.Invalid>(issue.RecordCustomerPermission(Clerk, "华美礼品", Today.AddDays(21), "Mr Huang", ContactChannel.Phone, Today, T0));
        Assert.Equal("refusalNote", Assert.Single(Assert.IsType<FormOutcome.Invalid>(issue.RecordCustomerRefusal(Clerk, "宏图包装", "陈经理", ContactChannel.Email, " ", T0)).Problems).Field);
        Assert.IsType<FormOutcome.Accepted>(issue.RecordCustomerRefusal(Clerk, "宏图包装", "陈经理", ContactChannel.Email, "展会用，不能推迟", T0));

        Assert.Equal(MaterialIssueStatus.Resolved, issue.Status);
        Assert.Equal((Today.AddDays(20), "华美礼品"), (issue.State.Customers[0].Permission!.AgreedDate, issue.State.Customers[0].Permission!.Customer));
        Assert.Equal("陈经理", issue.State.Customers[1].Refusal!.RefusedBy);
    }

    [Fact]
    public void An_issue_stored_before_answers_were_kept_per_customer_takes_the_named_customers_answer()
    {
        var issue = Start();
        issue.State.Customers.Clear(); // as the previous version stored it
        Assert.IsType<FormOutcome.Accepted>(issue.PassToSales(Supervisor, null, T0));

        Assert.IsType<FormOutcome.Accepted>(issue.RecordCustomerPermission(Clerk, "华美礼品", Today.AddDays(20), "Mr Huang", ContactChannel.Phone, Today, T0));

        Assert.Equal(MaterialIssueStatus.Resolved, issue.Status);
        var answer = Assert.Single(issue.State.Customers);
        Assert.Equal(("华美礼品", 3), (answer.Permission!.Customer, answer.Notices.Count)); // each notice still checks it is its own customer's
    }

    [Fact]
    public void Only_Materials_Control_reports_it_with_every_field()
    {
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(MaterialIssue.Start("MI-1", [new("PN-2026-0001", "华美礼品")], "s", "m", MaterialProblem.Late, "d", Today, Clerk, Today, T0).Outcome).Reason);

        var problems = Assert.IsType<FormOutcome.Invalid>(MaterialIssue.Start("MI-1", [], " ", "", MaterialProblem.Late, null, Today.AddDays(-1), Materials, Today, T0).Outcome).Problems;

        Assert.Equal(["supplier", "material", "description", "expectedDate", "notices"], problems.Select(p => p.Field));
    }
}
