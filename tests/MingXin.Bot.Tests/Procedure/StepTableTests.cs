using System.Text.Json;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Surveys;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Returns;
using MingXin.Bot.Domain.Shipments;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Property;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Samples;
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

    private static ProductionNotice NewNotice(bool repeat) => ProductionNotice.Start("PN-2026-0001", Order(repeat), [], null, Originator, T0, [new PropertyRef("CP-2026-0001", "烫金版")]).Notice!;

    /// <summary>In production under its ticket, with part of it shipped on a Delivery Note.</summary>
    private static ProductionNotice PartlyShipped()
    {
        var notice = AtRiskOrLegacyContact(atRisk: false);
        notice.RecordTicket(new Actor(new PersonRef("aad-planner", "Planner"), new HashSet<Position> { Position.ProductionPlanner }), "SC-1", T0);
        notice.RecordShipment(new NoticeShipment("DN-2026-0001", 3_000, Today, Today, 0, T0));
        return notice;
    }

    private static ProductionNotice AtRiskOrLegacyContact(bool atRisk)
    {
        var notice = NewNotice(repeat: false);
        notice.PassOn(new Actor(new PersonRef("aad-clerk", "Clerk"), new HashSet<Position> { Position.FollowUpClerk }), null, T0);
        notice.GmApprove(new Actor(new PersonRef("aad-gm", "GM"), new HashSet<Position> { Position.GeneralManager }), null, T0, new AnswerClock(T0, T0.AddMinutes(90), T0.AddMinutes(120), WorkingTime: false));
        if (atRisk)
        {
            notice.MarkAtRisk(new CustomerRefusal("IC-2026-0001", "华美礼品", new DateOnly(2027, 1, 15), "黄先生", ContactChannel.Phone, "不能推迟", new PersonRef("aad-clerk", "Clerk"), T0));
        }
        else
        {
            notice.State.Answer = new ProductionAnswer(ProductionAnswerKind.InternalContact, new DateOnly(2027, 1, 15), "机器故障", new PersonRef("aad-pm", "PM"), T0, Late: false);
        }

        return notice;
    }

    private static IReadOnlyDictionary<string, string> Valid(string verb, Random random) => verb switch
    {
        NoticeVerbs.Stock => new Dictionary<string, string> { ["stock"] = random.Next(3) == 0 ? "x" : random.Next(0, 900).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        NoticeVerbs.Check => new Dictionary<string, string> { ["good"] = random.Next(0, 50).ToString(System.Globalization.CultureInfo.InvariantCulture), ["note"] = random.Next(2) == 0 ? string.Empty : "擦花" },
        NoticeVerbs.Reject or AmendmentVerbs.Reject => new Dictionary<string, string> { ["comment"] = random.Next(2) == 0 ? string.Empty : "利润率太低" },
        NoticeVerbs.Ticket => new Dictionary<string, string> { ["ticket"] = "SC-26-1127-03" },
        NoticeVerbs.CancelRest => new Dictionary<string, string> { ["restReason"] = random.Next(4) == 0 ? string.Empty : "客户只要已出货的数量" },
        ReturnVerbs.Receive => new Dictionary<string, string> { ["received"] = random.Next(4) == 0 ? "90" : "100", ["receivedOn"] = "2026-11-27", ["receiptNote"] = random.Next(2) == 0 ? string.Empty : "少了" },
        ReturnVerbs.Decide => new Dictionary<string, string>
        {
            ["findings"] = random.Next(5) == 0 ? string.Empty : "烫金脱落",
            ["d1Kind"] = ((Disposition)random.Next(0, 6)).ToString(), ["d1Quantity"] = "60", ["d1Reason"] = random.Next(2) == 0 ? string.Empty : "在允收范围内",
            ["d2Kind"] = ((Disposition)random.Next(0, 6)).ToString(), ["d2Quantity"] = random.Next(3) == 0 ? "30" : "40",
        },
        ReturnVerbs.CarryOut => new Dictionary<string, string> { ["line"] = random.Next(1, 3).ToString(System.Globalization.CultureInfo.InvariantCulture), ["doneNote"] = random.Next(4) == 0 ? string.Empty : "已处理", ["replacement"] = "PN-2026-0009", ["amount"] = random.Next(2) == 0 ? "800" : "8,000.50" },
        ReturnVerbs.ApproveCredit or ReturnVerbs.RefuseCredit => new Dictionary<string, string> { ["creditComment"] = random.Next(3) == 0 ? string.Empty : "同意" },
        DeliveryVerbs.Pass or DeliveryVerbs.Hold => new Dictionary<string, string> { ["inspectionNote"] = random.Next(3) == 0 ? string.Empty : "唛头错误" },
        DeliveryVerbs.Ship => new Dictionary<string, string> { ["quantity"] = random.Next(1, 1200).ToString(System.Globalization.CultureInfo.InvariantCulture), ["shippedOn"] = "2026-11-27", ["carrier"] = random.Next(4) == 0 ? string.Empty : "粤B·12345", ["address"] = "深圳市宝安区" },
        DeliveryVerbs.Receipt => new Dictionary<string, string> { ["signedBy"] = "黄先生", ["receivedOn"] = "2026-11-27", ["accepted"] = random.Next(900, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), ["remarks"] = random.Next(2) == 0 ? string.Empty : "外箱压坏" },
        NoticeVerbs.Permission or ContactVerbs.Permission => new Dictionary<string, string> { ["agreedDate"] = "2027-01-15", ["agreedBy"] = "黄先生", ["via"] = "Phone" },
        MaterialIssueVerbs.Permission => new Dictionary<string, string> { ["customer"] = random.Next(2) == 0 ? "华美礼品" : "宏图包装", ["agreedDate"] = "2027-01-15", ["agreedBy"] = "黄先生", ["via"] = "Phone" },
        MaterialIssueVerbs.Refused => new Dictionary<string, string> { ["customer"] = random.Next(2) == 0 ? "华美礼品" : "宏图包装", ["refusedBy"] = "黄先生", ["refusalVia"] = "Phone", ["refusalNote"] = random.Next(4) == 0 ? string.Empty : "不能推迟" },
        ContactVerbs.Refused => new Dictionary<string, string> { ["refusedBy"] = "黄先生", ["refusalVia"] = "Email", ["refusalNote"] = random.Next(4) == 0 ? string.Empty : "不能推迟" },
        AmendmentVerbs.Permission => new Dictionary<string, string> { ["agreedBy"] = random.Next(4) == 0 ? string.Empty : "黄先生", ["via"] = "Phone" },
        NoticeVerbs.KeepDate => new Dictionary<string, string> { ["decision"] = random.Next(3) switch { 0 => "Expedite", 1 => "PartialShipment", _ => "Cancel" }, ["comment"] = "加班" },
        NoticeVerbs.CancelAtRisk => new Dictionary<string, string> { ["comment"] = random.Next(3) == 0 ? string.Empty : "客户不接受" },
        NoticeVerbs.Cancel or AmendmentVerbs.Cancel or MaterialIssueVerbs.Cancel or SampleVerbs.Cancel or OrderReviewVerbs.Cancel or PropertyVerbs.Cancel => new Dictionary<string, string> { ["cancelReason"] = random.Next(4) == 0 ? string.Empty : "客户取消" },
        SampleVerbs.Reject => new Dictionary<string, string> { ["comment"] = random.Next(2) == 0 ? string.Empty : "太贵" },
        SampleVerbs.Qc => new Dictionary<string, string> { ["check"] = random.Next(3) switch { 0 => "ok", 1 => "ng", _ => string.Empty }, ["note"] = random.Next(2) == 0 ? string.Empty : "颜色偏黄" },
        SampleVerbs.Delivered => new Dictionary<string, string> { ["recipient"] = random.Next(4) == 0 ? string.Empty : "黄先生", ["receivedOn"] = "2026-11-27" },
        OrderReviewVerbs.Resubmit => new Dictionary<string, string>
        {
            ["po"] = "PO-8812", ["product"] = "礼盒", ["specification"] = "250×180×60", ["quantity"] = random.Next(3) == 0 ? "x" : "5000", ["price"] = random.Next(3) == 0 ? "0.75" : "0.7875",
            ["quality"] = "耐磨", ["delivery"] = "2026-12-30", ["confirmed"] = random.Next(2) == 0 ? "Name,Specification,Quantity,Price,Quality,Delivery" : "Name,Quantity",
        },
        OrderReviewVerbs.AcceptPrice or OrderReviewVerbs.RefusePrice => new Dictionary<string, string> { ["gmComment"] = random.Next(3) == 0 ? string.Empty : "按客户还价" },
        OrderReviewVerbs.Returned => new Dictionary<string, string> { ["returnedTo"] = random.Next(4) == 0 ? string.Empty : "黄先生", ["returnedOn"] = "2026-11-27", ["via"] = "Fax" },
        PropertyVerbs.Verify or PropertyVerbs.Reject => new Dictionary<string, string> { ["location"] = random.Next(4) == 0 ? string.Empty : "A-01", ["inspectionNote"] = "划伤" },
        PropertyVerbs.Move => new Dictionary<string, string> { ["kind"] = ((MovementKind)random.Next(0, 5)).ToString(), ["quantity"] = random.Next(1, 40).ToString(System.Globalization.CultureInfo.InvariantCulture), ["notice"] = "PN-2026-0001", ["note"] = "破损" },
        PropertyVerbs.Report => new Dictionary<string, string> { ["incident"] = random.Next(1, 4).ToString(System.Globalization.CultureInfo.InvariantCulture), ["reportedTo"] = "黄先生", ["reportedOn"] = "2026-11-27", ["reportVia"] = "Phone", ["response"] = "同意" },
        PropertyVerbs.Dispose => new Dictionary<string, string> { ["disposeKind"] = random.Next(2) == 0 ? "ReturnedToCustomer" : "Disposed", ["disposeQuantity"] = random.Next(1, 120).ToString(System.Globalization.CultureInfo.InvariantCulture), ["agreedBy"] = "黄先生", ["agreedOn"] = "2026-11-27", ["disposeVia"] = "Email", ["disposeNote"] = "客户同意" },
        ComplaintVerbs.Acknowledge => new Dictionary<string, string> { ["containment"] = "隔离库存" },
        ComplaintVerbs.RootCause => new Dictionary<string, string> { ["containment"] = "隔离库存", ["why1"] = "烫金温度低", ["why2"] = random.Next(2) == 0 ? string.Empty : "温控坏了", ["category"] = random.Next(4) == 0 ? string.Empty : "Machine", ["rootCause"] = "温控器老化" },
        ComplaintVerbs.Actions => new Dictionary<string, string>
        {
            ["ca1"] = "更换温控器", ["ca1Owner"] = random.Next(2) == 0 ? "ProductionManager" : "QcManager", ["ca1Due"] = "2026-12-05",
            ["pa1"] = random.Next(2) == 0 ? string.Empty : "每班点检", ["pa1Owner"] = "ProductionPlanner", ["pa1Due"] = "2026-12-10",
        },
        ComplaintVerbs.Done => new Dictionary<string, string> { ["doneNote"] = "已完成" },
        ComplaintVerbs.Ineffective => new Dictionary<string, string> { ["comment"] = random.Next(4) == 0 ? string.Empty : "仍有脱落" },
        ComplaintVerbs.Reply => new Dictionary<string, string> { ["repliedOn"] = "2026-11-27", ["via"] = "Email", ["repliedTo"] = "黄先生", ["reply"] = "已改善" },
        SurveyVerbs.Answers => new Dictionary<string, string>
        {
            ["quality"] = random.Next(1, 6).ToString(System.Globalization.CultureInfo.InvariantCulture), ["delivery"] = "4", ["service"] = "5", ["price"] = random.Next(3) == 0 ? "x" : "4", ["communication"] = "5", ["answeredOn"] = "2026-11-27",
        },
        _ when verb.EndsWith("-cancel", StringComparison.Ordinal) => new Dictionary<string, string> { ["cancelReason"] = random.Next(4) == 0 ? string.Empty : "客户取消" },
        _ => new Dictionary<string, string>(),
    };

    [Fact]
    public void Production_notice_walks_keep_every_promise_of_its_table()
    {
        var walked = Walk<ProductionNotice, ProductionNoticeState, NoticeStatus>(Notice, () => NewNotice(repeat: true), Valid, f => f.Status, walks: 200, seed: 42);
        var second = Walk<ProductionNotice, ProductionNoticeState, NoticeStatus>(Notice, () => NewNotice(repeat: false), Valid, f => f.Status, walks: 200, seed: 7);

        // Notices as other forms leave them: at risk after a customer's refusal, or (as stored by the
        // previous version) answered with a contact on the notice itself, waiting for the permission.
        var pick = new Random(11);
        var third = Walk<ProductionNotice, ProductionNoticeState, NoticeStatus>(Notice, () => pick.Next(3) switch { 0 => AtRiskOrLegacyContact(true), 1 => AtRiskOrLegacyContact(false), _ => PartlyShipped() }, Valid, f => f.Status, walks: 300, seed: 9);

        // Every step of the table was taken somewhere, so every promise was checked on it.
        Assert.Equal(Notice.Steps.Select(s => s.Verb).Distinct().Order(), walked.Applied.Keys.Concat(second.Applied.Keys).Concat(third.Applied.Keys).Distinct().Order());
        Assert.True(walked.Refused > 0);
    }

    [Fact]
    public void Order_amendment_and_material_issue_walks_keep_every_promise_of_their_tables()
    {
        var notice = new NoticeRef("PN-2026-0001", NoticeStatus.Released, "华美礼品", "礼盒", 5_000, new DateOnly(2026, 12, 30), "250×180×60");
        var kinds = new Random(5);
        var amendments = Walk<OrderAmendment, OrderAmendmentState, AmendmentStatus>(
            OrderAmendmentSteps.Table,
            () =>
            {
                var kind = kinds.Next(3);
                var amendment = kind == 0
                    ? OrderAmendment.Start("OA-2026-0001", notice, AmendedField.Quantity, "6000", "加单", Originator, Today, T0).Amendment!
                    : OrderAmendment.Start("OA-2026-0001", notice, AmendedField.DeliveryDate, "2027-01-20", "客户要求", Originator, Today, T0, "黄先生", ContactChannel.Phone).Amendment!;
                if (kind == 2)
                {
                    amendment.State.Permission = null; // as the previous version stored a date amendment
                }

                return amendment;
            },
            Valid,
            f => f.Status,
            walks: 300,
            seed: 1);
        Assert.Equal(OrderAmendmentSteps.Table.Steps.Select(s => s.Verb).Distinct().Order(), amendments.Applied.Keys.Order());

        var materials = new Actor(new PersonRef("aad-originator", "Originator"), new HashSet<Position> { Position.MaterialsController });
        var issues = Walk<MaterialIssue, MaterialIssueState, MaterialIssueStatus>(
            MaterialIssueSteps.Table, () => MaterialIssue.Start("MI-2026-0001", [new("PN-2026-0001", "华美礼品"), new("PN-2026-0002", "宏图包装"), new("PN-2026-0003", "华美礼品")], "华南纸业", "300g", MaterialProblem.Late, "晚到", Today.AddDays(7), materials, Today, T0).Issue!, Valid, f => f.Status, walks: 300, seed: 2);
        Assert.Equal(MaterialIssueSteps.Table.Steps.Select(s => s.Verb).Distinct().Order(), issues.Applied.Keys.Order());

        var production = new Actor(new PersonRef("aad-originator", "Originator"), new HashSet<Position> { Position.ProductionManager });
        var contactNotice = new ContactNotice("PN-2026-0001", NoticeStatus.Released, "华美礼品", "礼盒", new DateOnly(2026, 12, 30), InProduction: true, LateAfter: null);
        var contacts = Walk<InternalContact, InternalContactState, ContactStatus>(
            InternalContactSteps.Table, () => InternalContact.Start("IC-2026-0001", contactNotice, new DateOnly(2027, 1, 15), "机器故障", production, Today, T0).Contact!, Valid, f => f.Status, walks: 300, seed: 4);
        Assert.Equal(InternalContactSteps.Table.Steps.Select(s => s.Verb).Distinct().Order(), contacts.Applied.Keys.Order());
    }

    [Fact]
    public void Sample_order_review_and_customer_property_walks_keep_every_promise_of_their_tables()
    {
        var quotation = new QuotationRef("QT-2026-0001", QuotationStatus.Confirmed, "华美礼品", "礼盒");
        var samples = Walk<SampleOrder, SampleOrderState, SampleStatus>(
            SampleOrderSteps.Table, () => SampleOrder.Start("SP-2026-0001", quotation, 20, Today.AddDays(5), null, Originator, Today, T0).Order!, Valid, f => f.Status, walks: 300, seed: 3);
        Assert.Equal(SampleOrderSteps.Table.Steps.Select(s => s.Verb).Distinct().Order(), samples.Applied.Keys.Order());

        var quoted = new QuotedTerms("QT-2026-0001", "华美礼品", "礼盒", "250×180×60", [new PriceBreak(5_000, 3150m, 0.7875m, 3937.50m)], IsRepeatOrder: false);
        var unconfirmed = new OrderTerms("PO-8812", "礼盒", "250×180×60", 5_000, 0.7875m, "耐磨", new DateOnly(2026, 12, 30), null);
        var reviews = Walk<SalesOrderReview, SalesOrderReviewState, OrderReviewStatus>(
            SalesOrderReviewSteps.Table, () => SalesOrderReview.Start("SO-2026-0001", quoted, unconfirmed, new HashSet<OrderPoint> { OrderPoint.Name }, null, Originator, Today, T0).Review!, Valid, f => f.Status, walks: 200, seed: 4);
        Assert.Equal(SalesOrderReviewSteps.Table.Steps.Select(s => s.Verb).Distinct().Order(), reviews.Applied.Keys.Order());

        var keeper = new Actor(new PersonRef("aad-originator", "Originator"), new HashSet<Position> { Position.WarehouseKeeper });
        var property = Walk<CustomerProperty, CustomerPropertyState, PropertyStatus>(
            CustomerPropertySteps.Table, () => CustomerProperty.Receive("CP-2026-0001", "CU-1", "华美礼品", "金卡纸 350g", PropertyType.Material, 100, "张", Today, null, null, keeper, Today, T0).Property!, Valid, f => f.Status, walks: 300, seed: 5,
            refusedByValue: (verb, actor) => verb == PropertyVerbs.Move && CustomerProperty.IsQc(actor)); // QC records damage and unsuitability only

        Assert.Equal(CustomerPropertySteps.Table.Steps.Select(s => s.Verb).Distinct().Order(), property.Applied.Keys.Order());
    }

    [Fact]
    public void Customer_return_walks_keep_every_promise_of_their_table()
    {
        var table = CustomerReturnSteps.Build(creditLimit: 5_000m);
        var source = new ReturnSource("DN-2026-0001", "PN-2026-0001", "CU-2026-0001", "华美礼品", "礼盒", 3_000);
        var returns = Walk<CustomerReturn, CustomerReturnState, ReturnStatus>(
            table, () => CustomerReturn.Register("RT-2026-0001", source, null, 100, "烫金脱落", [], Originator, T0).Return!, Valid, f => f.Status, walks: 400, seed: 17,
            refusedByValue: (verb, _) => verb == ReturnVerbs.CarryOut); // each line is carried out by its own department
        Assert.Equal(table.Steps.Select(s => s.Verb).Distinct().Order(), returns.Applied.Keys.Order());
        Assert.True(returns.Refused > 0);
    }

    [Fact]
    public void Delivery_note_walks_keep_every_promise_of_their_table()
    {
        var terms = new NoticeTerms("PN-2026-0001", 1_000, Today, Shippable: true);
        var notes = Walk<DeliveryNote, DeliveryNoteState, DeliveryStatus>(
            DeliveryNoteSteps.Table, () => DeliveryNote.Start("DN-2026-0001", terms, "华美礼品", "礼盒", "250×180×60", "SC-1", 1_000, "深圳市宝安区", null, Originator, T0).Note!, Valid, f => f.Status, walks: 300, seed: 13,
            related: _ => terms);
        Assert.Equal(DeliveryNoteSteps.Table.Steps.Select(s => s.Verb).Distinct().Order(), notes.Applied.Keys.Order());
        Assert.True(notes.Refused > 0);
    }

    [Fact]
    public void Complaint_and_survey_walks_keep_every_promise_of_their_tables()
    {
        var clerk = new Actor(new PersonRef("aad-originator", "Originator"), new HashSet<Position> { Position.FollowUpClerk });
        var details = new ComplaintDetails("CU-2026-0001", "华彩包装", ContactChannel.Phone, "PN-2026-0001", "礼盒", "烫金脱落", 300, Severity.Major, [], [], [], [], ["投诉"]);
        foreach (var (department, seed) in new[] { (Department.QualityControl, 11), (Department.Production, 12), (Department.Warehouse, 13) })
        {
            var complaints = Walk<Complaint, ComplaintState, ComplaintStatus>(
                ComplaintSteps.Table, () => Complaint.Register("CC-2026-0001", details, department, "intake", clerk, Today, T0).Complaint!, Valid, f => f.Status, walks: 200, seed: seed);
            Assert.Equal(ComplaintSteps.Table.Steps.Select(s => s.Verb).Distinct().Order(), complaints.Applied.Keys.Order());
        }

        var table = SatisfactionSurveySteps.Build(() => 3);
        var surveys = Walk<SatisfactionSurvey, SurveyState, SurveyStatus>(
            table, () => SatisfactionSurvey.Start("SV-2026-0001", "CU-2026-0001", "华美礼品", "2026-H2", ["2026-H2"], "黄先生", ContactChannel.Email, Originator, T0).Survey!, Valid, f => f.Status, walks: 100, seed: 14);
        Assert.Equal(table.Steps.Select(s => s.Verb).Distinct().Order(), surveys.Applied.Keys.Order());
    }

    [Fact]
    public void A_low_survey_score_asks_for_a_corrective_action_and_the_action_answers_with_its_number()
    {
        var table = SatisfactionSurveySteps.Build(() => 3);
        var survey = SatisfactionSurvey.Start("SV-2026-0001", "CU-2026-0001", "华美礼品", "2026-H2", ["2026-H2"], "黄先生", ContactChannel.Email, Originator, T0).Survey!;
        var values = new Dictionary<string, string> { ["quality"] = "2", ["delivery"] = "4", ["service"] = "5", ["price"] = "4", ["communication"] = "5", ["answeredOn"] = "2026-11-27" };
        var answered = Assert.IsType<FormOutcome.Accepted>(table.Act(survey, SurveyVerbs.Answers, new StepContext(Originator, new StepValues(values), T0, Today)));
        var low = Assert.IsType<SurveyScoredLow>(Assert.IsType<FormEffect.Change>(Assert.Single(table.EffectsOf(survey, answered.Events))).What);
        Assert.Equal("SV-2026-0001", low.SurveyId);

        var (complaint, opened) = Complaint.OpenFromSurvey("CC-2026-0001", survey.Id, "CU-2026-0001", "华美礼品", survey.Dissatisfaction(), ContactChannel.Email, Originator.Person, Today, T0);
        var back = Assert.IsType<CorrectiveActionOpened>(Assert.IsType<FormEffect.Change>(Assert.Single(ComplaintSteps.Table.EffectsOf(complaint, [opened]))).What);
        Assert.Equal(("SV-2026-0001", "CC-2026-0001"), (back.SurveyId, back.CorrectiveActionId));

        // Scores at or above the threshold ask for nothing.
        var fine = SatisfactionSurvey.Start("SV-2026-0002", "CU-2026-0001", "华美礼品", "2026-H2", ["2026-H2"], "黄先生", ContactChannel.Email, Originator, T0).Survey!;
        var good = Assert.IsType<FormOutcome.Accepted>(table.Act(fine, SurveyVerbs.Answers, new StepContext(Originator, new StepValues(new Dictionary<string, string>(values) { ["quality"] = "3" }), T0, Today)));
        Assert.Empty(table.EffectsOf(fine, good.Events));
    }

    [Fact]
    public void Whom_a_notice_waits_on_and_who_may_act_come_from_its_table()
    {
        var notice = NewNotice(repeat: false);
        Assert.Equal([Position.FollowUpClerk], Notice.PositionsWaitedOn(notice));
        Assert.Equal([Department.Sales], Notice.PostTo(notice, started: true));

        // The notice lists itself on the register entry of each customer-supplied material it uses.
        var started = new FormEvent(Originator.Person, T0, NoticeEvents.Started, null, notice.StatusName);
        Assert.Equal(new PropertyUsed("CP-2026-0001", "PN-2026-0001"), Assert.IsType<FormEffect.Change>(Assert.Single(Notice.EffectsOf(notice, [started]))).What);

        var clerk = People.Single(p => p.Positions.Contains(Position.FollowUpClerk));
        Assert.IsType<FormOutcome.Accepted>(Notice.Act(notice, NoticeVerbs.PassOn, new StepContext(clerk, StepValues.None, T0, Today)));
        Assert.Equal([Position.GeneralManager], Notice.PositionsWaitedOn(notice));
        var gm = People.Single(p => p.Positions.Contains(Position.GeneralManager));
        Assert.Equal([NoticeVerbs.Approve, NoticeVerbs.Reject], Notice.VerbsFor(notice, gm).Order());
        Assert.Equal([NoticeVerbs.Cancel], Notice.VerbsFor(notice, Originator));
        Assert.Equal([Department.Sales, Department.GeneralManagerOffice], Notice.PostTo(notice, started: true));

        // Approved: the planner's ticket and the two-hour answer are open side by side.
        Assert.IsType<FormOutcome.Accepted>(Notice.Act(notice, NoticeVerbs.Approve, new StepContext(gm, StepValues.None, T0, Today)));
        Assert.Equal([Position.ProductionPlanner, Position.ProductionManager], Notice.PositionsWaitedOn(notice).Order());
        var planner = People.Single(p => p.Positions.Contains(Position.ProductionPlanner));
        Assert.Equal([NoticeVerbs.CanMeet, NoticeVerbs.Ticket], Notice.VerbsFor(notice, planner).Order());

        // The GM's verb on a notice that has left the GM is the wrong step; a planner's click on the GM's step is not their turn.
        Assert.Equal(FormRefusal.WrongStep, Assert.IsType<FormOutcome.Refused>(Notice.Act(notice, NoticeVerbs.Approve, new StepContext(gm, StepValues.None, T0, Today))).Reason);
        Assert.Equal(FormRefusal.NotYourTurn, Assert.IsType<FormOutcome.Refused>(Notice.Act(notice, NoticeVerbs.Ticket, new StepContext(gm, new StepValues(new Dictionary<string, string> { ["ticket"] = "T-1" }), T0, Today))).Reason);
    }

    [Fact]
    public void A_notice_starts_and_stops_its_two_hour_clock_through_effects_not_calls()
    {
        var notice = NewNotice(repeat: false);
        Notice.Act(notice, NoticeVerbs.PassOn, new StepContext(People.Single(p => p.Positions.Contains(Position.FollowUpClerk)), StepValues.None, T0, Today));
        var gm = People.Single(p => p.Positions.Contains(Position.GeneralManager));
        var approved = Assert.IsType<FormOutcome.Accepted>(Notice.Act(notice, NoticeVerbs.Approve, new StepContext(gm, StepValues.None, T0, Today)));
        var start = Assert.IsType<FormEffect.StartDeadlines>(Assert.Single(Notice.EffectsOf(notice, approved.Events)));
        Assert.Equal(new Dictionary<string, DateTimeOffset> { [NoticeDeadlines.Remind] = T0.AddMinutes(90), [NoticeDeadlines.Due] = T0.AddMinutes(120) }, start.Due);

        var manager = People.Single(p => p.Positions.Contains(Position.ProductionManager));
        var answered = Assert.IsType<FormOutcome.Accepted>(Notice.Act(notice, NoticeVerbs.CanMeet, new StepContext(manager, StepValues.None, T0.AddMinutes(30), Today)));
        Assert.Equal(start.Due, Assert.IsType<FormEffect.StopDeadlines>(Assert.Single(Notice.EffectsOf(notice, answered.Events))).Due);
    }

    [Fact]
    public void A_material_issue_asks_only_that_customers_notices_to_take_the_agreed_date_and_puts_a_refusers_at_risk()
    {
        var materials = new Actor(new PersonRef("aad-mc", "MC"), new HashSet<Position> { Position.MaterialsController });
        var issue = MaterialIssue.Start("MI-2026-0001", [new("PN-2026-0001", "华美礼品"), new("PN-2026-0002", "宏图包装"), new("PN-2026-0003", "华美礼品")], "华南纸业", "300g", MaterialProblem.Late, "晚到", Today.AddDays(7), materials, Today, T0).Issue!;
        var table = MaterialIssueSteps.Table;
        Assert.IsType<FormOutcome.Accepted>(table.Act(issue, MaterialIssueVerbs.ToSales, new StepContext(People.Single(p => p.Positions.Contains(Position.ProductionManager)), StepValues.None, T0, Today)));
        var clerk = People.Single(p => p.Positions.Contains(Position.FollowUpClerk));
        var values = new Dictionary<string, string> { ["customer"] = "华美礼品", ["agreedDate"] = "2027-01-15", ["agreedBy"] = "黄先生", ["via"] = "Phone" };
        var agreed = Assert.IsType<FormOutcome.Accepted>(table.Act(issue, MaterialIssueVerbs.Permission, new StepContext(clerk, new StepValues(values), T0, Today)));
        Assert.Equal(MaterialIssueStatus.AwaitingCustomerPermission, issue.Status); // 宏图包装 has not answered

        var changes = table.EffectsOf(issue, agreed.Events).Select(e => Assert.IsType<CustomerAgreedDate>(Assert.IsType<FormEffect.Change>(e).What)).ToList();
        Assert.Equal(["PN-2026-0001", "PN-2026-0003"], changes.Select(c => c.NoticeId));
        Assert.All(changes, c => Assert.Equal((new DateOnly(2027, 1, 15), "黄先生", ContactChannel.Phone, "MI-2026-0001", "华美礼品"), (c.AgreedDate, c.AgreedBy, c.Via, c.Source, c.Customer)));

        var refused = Assert.IsType<FormOutcome.Accepted>(table.Act(issue, MaterialIssueVerbs.Refused, new StepContext(clerk, new StepValues(new Dictionary<string, string> { ["customer"] = "宏图包装", ["refusedBy"] = "陈经理", ["refusalVia"] = "Email", ["refusalNote"] = "展会用，不能推迟" }), T0, Today)));
        Assert.Equal(MaterialIssueStatus.Resolved, issue.Status);
        var atRisk = Assert.IsType<CustomerRefusedDate>(Assert.IsType<FormEffect.Change>(Assert.Single(table.EffectsOf(issue, refused.Events))).What);
        Assert.Equal(("PN-2026-0002", "宏图包装", "陈经理"), (atRisk.NoticeId, atRisk.Refusal.Customer, atRisk.Refusal.RefusedBy));

        // In the outbox a change is a relay row named for the change, with the payload its handler reads.
        var row = FormEffectRows.ToOutbox(new FormEffect.Change(changes[0]));
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
