using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Domain.Orders;

namespace MingXin.Bot.Tests.Domain.Complaints;

public sealed class ComplaintIntakeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<Customer> Register = ComplaintTextTests.Register;

    private static IntakeMessage M(string text, params ReferenceInfo[] references) =>
        new(text, ComplaintText.Read(text, new DateOnly(2026, 11, 27)), references, Register, [], T0);

    private static ComplaintIntake New() => ComplaintIntake.Start("i1", "user", "王芳", MingXin.Bot.Domain.Language.Chinese, T0);

    [Fact]
    public void A_bare_trigger_asks_every_slot_in_order_one_question_at_a_time()
    {
        var intake = New();
        var turn = intake.Take(M("投诉"), first: true);
        Assert.Equal((IntakeNext.Ask, IntakeSlot.Customer), (turn.Next, turn.Asking));

        Assert.Equal(IntakeSlot.Channel, intake.Take(M("华彩"), first: false).Asking);
        Assert.Equal(IntakeSlot.Kind, intake.Take(M("电话"), first: false).Asking);
        Assert.Equal(IntakeSlot.Subject, intake.Take(M("1"), first: false).Asking);
        Assert.Equal(IntakeSlot.Description, intake.Take(M("说明书"), first: false).Asking);
        Assert.Equal(IntakeSlot.Quantity, intake.Take(M("说明书装订顺序错了"), first: false).Asking);
        Assert.Equal(IntakeSlot.Severity, intake.Take(M("约 1,500 本"), first: false).Asking);
        Assert.Equal(IntakeNext.Confirm, intake.Take(M("2"), first: false).Next);

        var s = intake.State;
        Assert.Equal(("CU-2026-0001", ContactChannel.Phone, "说明书", 1500, Severity.Major), (s.CustomerId, s.Channel, s.Product, s.Quantity, s.Severity));
        Assert.Equal(IntakeStatus.Confirming, s.Status);
    }

    [Fact]
    public void A_full_note_asks_only_what_is_missing_and_a_looked_up_order_gives_product_and_customer()
    {
        var intake = New();
        var turn = intake.Take(M("complaint: PN-2026-0001 300 pcs with smeared ink", new ReferenceInfo("PN-2026-0001", true, "深圳华彩包装有限公司", "化妆品礼盒")), first: true);

        Assert.Equal(IntakeSlot.Channel, turn.Asking);
        Assert.Equal(("CU-2026-0001", "PN-2026-0001", "化妆品礼盒", 300), (intake.State.CustomerId, intake.State.Reference, intake.State.Product, intake.State.Quantity));
        Assert.Equal("PN-2026-0001 300 pcs with smeared ink", intake.State.Description);
        Assert.Equal(IntakeSlot.Severity, intake.Take(M("email"), first: false).Asking);
    }

    [Fact]
    public void Corrections_replace_a_value_in_either_language()
    {
        var intake = New();
        intake.Take(M("华彩来电，说明书 200本 装订错误，严重"), first: true);
        Assert.Equal(IntakeStatus.Confirming, intake.State.Status);
        Assert.Equal((ContactChannel.Phone, 200, Severity.Critical), (intake.State.Channel!.Value, intake.State.Quantity!.Value, intake.State.Severity!.Value));

        var turn = intake.Take(M("不是，客户是美华"), first: false);
        Assert.Contains(turn.Notes, x => x is IntakeNote.Noted { Slot: IntakeSlot.Customer, Corrected: true });
        Assert.Equal("CU-2026-0003", intake.State.CustomerId);

        intake.Take(M("no, the quantity is 250"), first: false);
        Assert.Equal(250, intake.State.Quantity);
        Assert.Equal(IntakeStatus.Confirming, intake.State.Status);
    }

    [Fact]
    public void An_unknown_customer_is_answered_with_the_closest_names_and_a_number_picks_one()
    {
        var intake = New();
        intake.Take(M("投诉"), first: true);
        var turn = intake.Take(M("Acne Printing"), first: false);

        var unknown = Assert.IsType<IntakeNote.UnknownCustomer>(Assert.Single(turn.Notes));
        Assert.Equal("CU-2026-0002", unknown.Closest[0].Id);
        Assert.Equal(IntakeSlot.Customer, turn.Asking);
        Assert.Null(intake.State.CustomerId);

        intake.Take(M("1"), first: false);
        Assert.Equal("CU-2026-0002", intake.State.CustomerId);
    }

    [Fact]
    public void Answers_that_do_not_fit_change_nothing_and_ask_again()
    {
        var intake = New();
        intake.Take(M("投诉 华彩来电 说明书 装订错误"), first: true);
        Assert.Equal(IntakeSlot.Quantity, intake.State.Asking);

        var turn = intake.Take(M("很多"), first: false);
        Assert.Equal(AnswerProblem.NotANumber, Assert.IsType<IntakeNote.NotUnderstood>(Assert.Single(turn.Notes)).Kind);
        Assert.Equal(IntakeSlot.Quantity, turn.Asking);
        Assert.Null(intake.State.Quantity);

        turn = intake.Take(M("0"), first: false);
        Assert.Equal(AnswerProblem.OutOfRange, Assert.IsType<IntakeNote.NotUnderstood>(Assert.Single(turn.Notes)).Kind);
        Assert.Equal(IntakeSlot.Quantity, turn.Asking);
    }

    [Fact]
    public void A_number_that_does_not_exist_is_named_and_not_used()
    {
        var intake = New();
        var turn = intake.Take(M("投诉 PN-2026-0999 坏了", new ReferenceInfo("PN-2026-0999", false, null, null)), first: true);

        Assert.Contains(turn.Notes, x => x is IntakeNote.UnknownReference { Number: "PN-2026-0999" });
        Assert.Null(intake.State.Reference);
    }

    [Fact]
    public void A_very_long_message_is_refused_whole_and_cancel_ends_the_conversation()
    {
        var intake = New();
        intake.Take(M("投诉"), first: true);
        var turn = intake.Take(M(new string('很', ComplaintText.MaxMessageLength + 1)), first: false);
        Assert.IsType<IntakeNote.MessageTooLong>(Assert.Single(turn.Notes));
        Assert.Null(intake.State.Description);

        Assert.Equal(IntakeNext.Cancelled, intake.Take(M("取消"), first: false).Next);
        Assert.False(intake.IsOpen);
    }

    [Fact]
    public void Attachments_are_kept_once()
    {
        var intake = New();
        var photo = new ComplaintAttachment("photo.jpg", "https://contoso.sharepoint.com/photo.jpg");
        intake.Take(M("投诉") with { Attachments = [photo] }, first: true);
        intake.Take(M("华彩") with { Attachments = [photo] }, first: false);
        Assert.Equal([photo], intake.State.Attachments);
    }

    [Fact]
    public void A_late_delivery_is_a_complaint_without_a_quantity_and_its_kind_is_asked_when_the_words_do_not_say()
    {
        var intake = New();
        intake.Take(M("投诉：华彩 PN-2026-0001 的货还没到，已经晚了三天", new ReferenceInfo("PN-2026-0001", true, "华彩包装", "化妆品礼盒")), first: true);
        var turn = intake.Take(M("电话"), first: false);
        Assert.Equal(IntakeSlot.Severity, turn.Asking); // no quantity for a delivery
        Assert.Equal(IntakeNext.Confirm, intake.Take(M("2"), first: false).Next);
        Assert.Equal((ComplaintKind.Delivery, (int?)null), (intake.State.Kind, intake.State.Quantity));

        var unclear = New();
        unclear.Take(M("投诉：华彩 客户有意见"), first: true);
        Assert.Equal(IntakeSlot.Kind, unclear.Take(M("电话"), first: false).Asking);
        Assert.Equal(IntakeSlot.Severity, unclear.Take(M("4"), first: false).Asking); // service: no order, product or quantity needed
        Assert.Equal(ComplaintKind.Service, unclear.State.Kind);

        // Changed its mind: a product complaint needs the goods and the quantity again.
        var back = unclear.Take(M("类型是 1"), first: false);
        Assert.Equal(IntakeSlot.Subject, back.Asking);
    }

    [Fact]
    public void The_received_day_and_the_customers_po_are_taken_and_can_be_corrected()
    {
        var intake = New();
        intake.Take(M("投诉：华彩昨天下午来电，订单号：HC-778 说明书 500本 装订错了"), first: true);
        Assert.Equal((new DateOnly(2026, 11, 26), "HC-778"), (intake.State.ReceivedOn, intake.State.CustomerOrder));

        intake.Take(M("收到日期是 11月24日"), first: false);
        Assert.Equal(new DateOnly(2026, 11, 24), intake.State.ReceivedOn);
        var refused = intake.Take(M("收到日期是 12月5日"), first: false);
        Assert.Contains(refused.Notes, n => n is IntakeNote.NotUnderstood { Slot: IntakeSlot.ReceivedOn, Kind: AnswerProblem.OutOfRange } or IntakeNote.NotUnderstood { Slot: IntakeSlot.ReceivedOn });
        Assert.Equal(new DateOnly(2026, 11, 24), intake.State.ReceivedOn);

        intake.Take(M("PO: HC-779"), first: false);
        Assert.Equal("HC-779", intake.State.CustomerOrder);
    }

    [Fact]
    public void A_po_at_the_start_of_a_complaint_does_not_swallow_the_sentence()
    {
        var intake = New();
        intake.Take(M("PO: HC-778, 500本说明书装订错了，华彩来电"), first: true);
        Assert.Equal("HC-778", intake.State.CustomerOrder);
        Assert.Equal(500, intake.State.Quantity);
        Assert.NotNull(intake.State.Description);
    }
}
