using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Tests.Domain;

public sealed class InternalContactTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static Actor A(string id, params Position[] positions) => new(new PersonRef(id, "name-" + id), positions.ToHashSet());

    private static readonly Actor Planner = A("planner", Position.ProductionPlanner);
    private static readonly Actor Clerk = A("clerk", Position.FollowUpClerk);
    private static readonly Actor Sales = A("sales", Position.Salesperson);

    private static ContactNotice Notice(bool inProduction = true, DateTimeOffset? lateAfter = null) =>
        new("PN-2026-0001", NoticeStatus.Released, "华美礼品", "礼盒", new DateOnly(2026, 12, 30), inProduction, lateAfter);

    [Fact]
    public void Production_raises_it_on_a_notice_in_production_with_a_new_date_and_the_reason()
    {
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(InternalContact.Start("IC-1", Notice(), Today.AddDays(30), "机器故障", Sales, Today, T0).Outcome).Reason);
        var problems = Assert.IsType<FormOutcome.Invalid>(InternalContact.Start("IC-1", Notice(inProduction: false), Today.AddDays(-1), " ", Planner, Today, T0).Outcome).Problems;
        Assert.Equal(["notice", "proposedDate", "contactReason"], problems.Select(p => p.Field));
        Assert.Equal(MingXin.Bot.Domain.Quotations.ProblemKind.Duplicate, ProblemKindOf(InternalContact.Start("IC-1", Notice(), new DateOnly(2026, 12, 30), "x", Planner, Today, T0).Outcome)); // the date in force

        var (contact, _) = InternalContact.Start("IC-2026-0001", Notice(lateAfter: T0.AddMinutes(-1)), Today.AddDays(30), " 机器故障 ", Planner, Today, T0);
        Assert.Equal((ContactStatus.AwaitingCustomer, "机器故障", true), (contact!.Status, contact.State.Reason, contact.State.Late));
        Assert.Equal(new ContactLink("IC-2026-0001", Today.AddDays(30), "机器故障", Planner.Person, T0, Late: true), contact.Link);
        Assert.False(InternalContact.Start("IC-2026-0002", Notice(lateAfter: null), Today.AddDays(30), "机器故障", Planner, Today, T0).Contact!.State.Late);
    }

    [Fact]
    public void The_clerk_records_the_customers_permission_or_refusal_once()
    {
        var agreed = InternalContact.Start("IC-2026-0001", Notice(), Today.AddDays(30), "机器故障", Planner, Today, T0).Contact!;
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(agreed.RecordPermission(Planner, Today.AddDays(30), "黄先生", ContactChannel.Phone, Today, T0)).Reason);
        Assert.Equal(["agreedBy"], Assert.IsType<FormOutcome.Invalid>(agreed.RecordPermission(Clerk, Today.AddDays(30), " ", ContactChannel.Phone, Today, T0)).Problems.Select(p => p.Field));
        Assert.IsType<FormOutcome.Accepted>(agreed.RecordPermission(Clerk, Today.AddDays(25), "黄先生", ContactChannel.Phone, Today, T0));
        Assert.Equal((ContactStatus.DateAgreed, Today.AddDays(25), "华美礼品", new DateOnly(2026, 12, 30)), (agreed.Status, agreed.State.Permission!.AgreedDate, agreed.State.Permission.Customer, agreed.State.Permission.OldDate));
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(agreed.RecordRefusal(Clerk, "黄先生", ContactChannel.Phone, "no", T0)).Reason);

        var refused = InternalContact.Start("IC-2026-0002", Notice(), Today.AddDays(30), "机器故障", Planner, Today, T0).Contact!;
        Assert.Equal(["refusedBy", "refusalVia", "refusalNote"], Assert.IsType<FormOutcome.Invalid>(refused.RecordRefusal(Clerk, null, (ContactChannel)(-1), null, T0)).Problems.Select(p => p.Field));
        Assert.IsType<FormOutcome.Accepted>(refused.RecordRefusal(Clerk, "黄先生", ContactChannel.Email, "展会用，不能推迟", T0));
        Assert.Equal((ContactStatus.CustomerRefused, "华美礼品", Today.AddDays(30)), (refused.Status, refused.State.Refusal!.Customer, refused.State.Refusal.ProposedDate));
        Assert.False(refused.IsOpen);
    }

    private static MingXin.Bot.Domain.Quotations.ProblemKind ProblemKindOf(FormOutcome outcome) => Assert.Single(Assert.IsType<FormOutcome.Invalid>(outcome).Problems).Kind;
}
