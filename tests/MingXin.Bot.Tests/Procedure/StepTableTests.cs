using System.Text.Json;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Workflows;
using MingXin.Bot.Workflows.Forms;
using Moq;
using static MingXin.Bot.Tests.Procedure.StepTableHarness;

namespace MingXin.Bot.Tests.Procedure;

/// <summary>The forms on step tables, step by step in memory: fast tests of every step, refusal and effect.</summary>
public sealed class StepTableTests
{
    private static readonly StepTable<ProductionNotice, NoticeStatus> Notice = ProductionNoticeSteps.Build(start => new AnswerClock(start, start.AddMinutes(90), start.AddMinutes(120), WorkingTime: false));

    private static OrderRef Order(bool repeat) =>
        new("SO-2026-0001", "QT-2026-0001", "华美礼品", "礼盒", "250×180×60", 5_000, new DateOnly(2026, 12, 30), null, repeat, OrderReviewStatus.Passed);

    private static ProductionNotice NewNotice(bool repeat) => ProductionNotice.Start("PN-2026-0001", Order(repeat), [], null, Originator, T0).Notice!;

    private static IReadOnlyDictionary<string, string> Valid(string verb, Random random) => verb switch
    {
        NoticeVerbs.Stock => new Dictionary<string, string> { ["stock"] = random.Next(3) == 0 ? "x" : random.Next(0, 900).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        NoticeVerbs.Check => new Dictionary<string, string> { ["good"] = random.Next(0, 50).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        NoticeVerbs.Reject or AmendmentVerbs.Reject => new Dictionary<string, string> { ["comment"] = random.Next(2) == 0 ? string.Empty : "利润率太低" },
        NoticeVerbs.Ticket => new Dictionary<string, string> { ["ticket"] = "SC-26-1127-03" },
        NoticeVerbs.Contact => new Dictionary<string, string> { ["proposedDate"] = "2027-01-15", ["contactReason"] = "机器故障" },
        NoticeVerbs.Permission or MaterialIssueVerbs.Permission => new Dictionary<string, string> { ["agreedDate"] = "2027-01-15", ["agreedBy"] = "黄先生", ["via"] = "Phone" },
        NoticeVerbs.Cancel or AmendmentVerbs.Cancel or MaterialIssueVerbs.Cancel => new Dictionary<string, string> { ["cancelReason"] = random.Next(4) == 0 ? string.Empty : "客户取消" },
        _ => new Dictionary<string, string>(),
    };

    [Fact]
    public void Production_notice_walks_keep_every_promise_of_its_table()
    {
        var walked = Walk<ProductionNotice, ProductionNoticeState, NoticeStatus>(Notice, () => NewNotice(repeat: true), Valid, f => f.Status, walks: 200, seed: 42);
        var second = Walk<ProductionNotice, ProductionNoticeState, NoticeStatus>(Notice, () => NewNotice(repeat: false), Valid, f => f.Status, walks: 200, seed: 7);

        // Every step of the table was taken somewhere, so every promise was checked on it.
        Assert.Equal(Notice.Steps.Select(s => s.Verb).Distinct().Order(), walked.Applied.Keys.Concat(second.Applied.Keys).Distinct().Order());
        Assert.True(walked.Refused > 0);
    }

    [Fact]
    public void Order_amendment_and_material_issue_walks_keep_every_promise_of_their_tables()
    {
        var notice = new NoticeRef("PN-2026-0001", NoticeStatus.Released, "华美礼品", "礼盒", 5_000, new DateOnly(2026, 12, 30), "250×180×60");
        var amendments = Walk<OrderAmendment, OrderAmendmentState, AmendmentStatus>(
            OrderAmendmentSteps.Table, () => OrderAmendment.Start("OA-2026-0001", notice, AmendedField.Quantity, "6000", "加单", Originator, Today, T0).Amendment!, Valid, f => f.Status, walks: 300, seed: 1);
        Assert.Equal(OrderAmendmentSteps.Table.Steps.Select(s => s.Verb).Distinct().Order(), amendments.Applied.Keys.Order());

        var materials = new Actor(new PersonRef("aad-originator", "Originator"), new HashSet<Position> { Position.MaterialsController });
        var issues = Walk<MaterialIssue, MaterialIssueState, MaterialIssueStatus>(
            MaterialIssueSteps.Table, () => MaterialIssue.Start("MI-2026-0001", ["PN-2026-0001", "PN-2026-0002"], "华南纸业", "300g", MaterialProblem.Late, "晚到", Today.AddDays(7), materials, Today, T0).Issue!, Valid, f => f.Status, walks: 300, seed: 2);
        Assert.Equal(MaterialIssueSteps.Table.Steps.Select(s => s.Verb).Distinct().Order(), issues.Applied.Keys.Order());
    }

    [Fact]
    public void Whom_a_notice_waits_on_and_who_may_act_come_from_its_table()
    {
        var notice = NewNotice(repeat: false);
        Assert.Equal([Position.GeneralManager], Notice.PositionsWaitedOn(notice));
        var gm = People.Single(p => p.Positions.Contains(Position.GeneralManager));
        Assert.Equal([NoticeVerbs.Approve, NoticeVerbs.Reject], Notice.VerbsFor(notice, gm).Order());
        Assert.Equal([NoticeVerbs.Cancel], Notice.VerbsFor(notice, Originator));
        Assert.Equal([Department.Sales, Department.GeneralManagerOffice], Notice.PostTo(notice, started: true));

        // Approved: the planner's ticket and the two-hour answer are open side by side.
        Assert.IsType<FormOutcome.Accepted>(Notice.Act(notice, NoticeVerbs.Approve, new StepContext(gm, StepValues.None, T0, Today)));
        Assert.Equal([Position.ProductionPlanner, Position.ProductionManager], Notice.PositionsWaitedOn(notice).Order());
        var planner = People.Single(p => p.Positions.Contains(Position.ProductionPlanner));
        Assert.Equal([NoticeVerbs.CanMeet, NoticeVerbs.Contact, NoticeVerbs.Ticket], Notice.VerbsFor(notice, planner).Order());

        // The GM's verb on a notice that has left the GM is the wrong step; a planner's click on the GM's step is not their turn.
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(Notice.Act(notice, NoticeVerbs.Approve, new StepContext(gm, StepValues.None, T0, Today))).Reason);
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(Notice.Act(notice, NoticeVerbs.Ticket, new StepContext(gm, new StepValues(new Dictionary<string, string> { ["ticket"] = "T-1" }), T0, Today))).Reason);
    }

    [Fact]
    public void A_notice_starts_and_stops_its_two_hour_clock_through_effects_not_calls()
    {
        var notice = NewNotice(repeat: false);
        var gm = People.Single(p => p.Positions.Contains(Position.GeneralManager));
        var approved = Assert.IsType<FormOutcome.Accepted>(Notice.Act(notice, NoticeVerbs.Approve, new StepContext(gm, StepValues.None, T0, Today)));
        var start = Assert.IsType<FormEffect.StartDeadlines>(Assert.Single(Notice.EffectsOf(notice, approved.Events)));
        Assert.Equal(new Dictionary<string, DateTimeOffset> { [NoticeDeadlines.Remind] = T0.AddMinutes(90), [NoticeDeadlines.Due] = T0.AddMinutes(120) }, start.Due);

        var manager = People.Single(p => p.Positions.Contains(Position.ProductionManager));
        var answered = Assert.IsType<FormOutcome.Accepted>(Notice.Act(notice, NoticeVerbs.CanMeet, new StepContext(manager, StepValues.None, T0.AddMinutes(30), Today)));
        Assert.Equal(start.Due, Assert.IsType<FormEffect.StopDeadlines>(Assert.Single(Notice.EffectsOf(notice, answered.Events))).Due);
    }

    [Fact]
    public void A_material_issue_asks_each_affected_notice_to_take_the_agreed_date()
    {
        var materials = new Actor(new PersonRef("aad-mc", "MC"), new HashSet<Position> { Position.MaterialsController });
        var issue = MaterialIssue.Start("MI-2026-0001", ["PN-2026-0001", "PN-2026-0002"], "华南纸业", "300g", MaterialProblem.Late, "晚到", Today.AddDays(7), materials, Today, T0).Issue!;
        var table = MaterialIssueSteps.Table;
        Assert.IsType<FormOutcome.Accepted>(table.Act(issue, MaterialIssueVerbs.ToSales, new StepContext(People.Single(p => p.Positions.Contains(Position.ProductionManager)), StepValues.None, T0, Today)));
        var clerk = People.Single(p => p.Positions.Contains(Position.FollowUpClerk));
        var agreed = Assert.IsType<FormOutcome.Accepted>(table.Act(issue, MaterialIssueVerbs.Permission, new StepContext(clerk, new StepValues(Valid(MaterialIssueVerbs.Permission, new Random(1))), T0, Today)));

        var changes = table.EffectsOf(issue, agreed.Events).Select(e => Assert.IsType<CustomerAgreedDate>(Assert.IsType<FormEffect.Change>(e).What)).ToList();
        Assert.Equal(["PN-2026-0001", "PN-2026-0002"], changes.Select(c => c.NoticeId));
        Assert.All(changes, c => Assert.Equal((new DateOnly(2027, 1, 15), "黄先生", ContactChannel.Phone, "MI-2026-0001"), (c.AgreedDate, c.AgreedBy, c.Via, c.Source)));

        // In the outbox a change is a relay row named for the change, with the payload its handler reads.
        var row = TableFormRunner<MaterialIssue, MaterialIssueState, MaterialIssueStatus>.ToOutbox(new FormEffect.Change(changes[0]));
        Assert.Equal((OutboxMessage.ToOtherForm, CustomerAgreedDate.Name), (row.Kind, row.Relay));
        Assert.Equal(changes[0], WorkflowJson.Deserialize<CustomerAgreedDate>(row.Payload!));
        Assert.DoesNotContain("changeName", row.Payload!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_change_row_reaches_its_one_handler_with_the_typed_change()
    {
        var handler = new Mock<IFormChangeHandler<AmendmentConfirmed>>();
        handler.Setup(h => h.ApplyAsync(It.IsAny<AmendmentConfirmed>(), It.IsAny<CancellationToken>())).ReturnsAsync("applied to PN-2026-0001");
        var relay = new FormChangeRelay<AmendmentConfirmed>(AmendmentConfirmed.Name, handler.Object);

        // The payload exactly as the previous version wrote it for a confirmed amendment.
        const string stored = "{\"noticeId\":\"PN-2026-0001\",\"amendmentId\":\"OA-2026-0001\",\"field\":\"Quantity\",\"newValue\":\"6000\",\"reason\":\"客户加单 1000 个\",\"by\":{\"id\":\"aad-sales\",\"name\":\"Sam Sales\"}}";
        Assert.Equal("applied to PN-2026-0001", await relay.RelayAsync(stored, default));

        handler.Verify(h => h.ApplyAsync(new AmendmentConfirmed("PN-2026-0001", "OA-2026-0001", AmendedField.Quantity, "6000", "客户加单 1000 个", new PersonRef("aad-sales", "Sam Sales")), It.IsAny<CancellationToken>()), Times.Once);
        handler.VerifyNoOtherCalls();
    }
}
