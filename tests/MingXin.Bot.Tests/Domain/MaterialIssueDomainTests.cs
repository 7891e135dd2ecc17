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
        MaterialIssue.Start("MI-2026-0001", ["PN-2026-0001", "PN-2026-0001", "PN-2026-0002"], "华南纸业", "300g", MaterialProblem.Quality, "Coating peels", Today.AddDays(7), Materials, Today, T0).Issue!;

    [Fact]
    public void Supervisor_then_clerk_and_the_permission_is_kept()
    {
        var issue = Start();
        Assert.Equal(["PN-2026-0001", "PN-2026-0002"], issue.State.AffectedNotices);
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(issue.RecordCustomerPermission(Clerk, Today.AddDays(20), "Mr Huang", ContactChannel.Phone, Today, T0)).Reason);

        Assert.IsType<FormOutcome.Accepted>(issue.PassToSales(Supervisor, null, T0));
        Assert.Equal([Position.FollowUpClerk], issue.PositionsWaitedOn());
        Assert.IsType<FormOutcome.Invalid>(issue.RecordCustomerPermission(Clerk, Today.AddDays(-1), "Mr Huang", ContactChannel.Phone, Today, T0));
        Assert.IsType<FormOutcome.Accepted>(issue.RecordCustomerPermission(Clerk, Today.AddDays(20), "Mr Huang", ContactChannel.Phone, Today, T0));

        Assert.Equal(MaterialIssueStatus.Resolved, issue.Status);
        Assert.Equal(Today.AddDays(20), issue.State.Permission!.AgreedDate);
    }

    [Fact]
    public void Only_Materials_Control_reports_it_with_every_field()
    {
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(MaterialIssue.Start("MI-1", ["PN-2026-0001"], "s", "m", MaterialProblem.Late, "d", Today, Clerk, Today, T0).Outcome).Reason);

        var problems = Assert.IsType<FormOutcome.Invalid>(MaterialIssue.Start("MI-1", [], " ", "", MaterialProblem.Late, null, Today.AddDays(-1), Materials, Today, T0).Outcome).Problems;

        Assert.Equal(["supplier", "material", "description", "expectedDate", "notices"], problems.Select(p => p.Field));
    }
}
