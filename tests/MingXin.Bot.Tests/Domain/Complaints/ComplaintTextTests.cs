using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Domain.Orders;

namespace MingXin.Bot.Tests.Domain.Complaints;

public sealed class ComplaintTextTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    internal static readonly IReadOnlyList<Customer> Register =
    [
        C("CU-2026-0001", "深圳华彩包装有限公司", "华彩", "0755-26881234", "purchasing@huacai-pack.com", "化妆品礼盒,说明书"),
        C("CU-2026-0002", "Acme Printing Ltd", "ACME", "+852 2345 6789", "qa@acmeprint.hk", "Hang tags,Gift boxes"),
        C("CU-2026-0003", "广州美华礼品有限公司", "美华", "020-87654321", "meihua@qq.com", "月饼盒"),
    ];

    internal static Customer C(string id, string name, string shortName, string phone, string email, string products) =>
        Customer.Create(id, name, shortName, phone, email, products, new PersonRef("admin", "Admin"), DateTimeOffset.UnixEpoch).Customer!;

    [Theory]
    [InlineData("Hi team,\nAbout 1,200 of the 20,000 hang tags have the wrong Pantone colour.", 1200)]
    [InlineData("300 out of 5000 boxes are scratched", 300)]
    [InlineData("礼盒 5000个中有300个烫金脱落", 300)]
    public void The_part_of_a_whole_is_what_is_affected(string text, int affected) =>
        Assert.Equal(affected, ComplaintText.Read(text, Today).AffectedQuantity);

    [Theory]
    [InlineData("From: Peter Chan <peter.chan@acmeprint.hk>\nThe tags are misprinted.")]
    [InlineData("The tags are misprinted.\n\n-----Original Message-----\nFrom: Sun Li\nShipped today.")]
    [InlineData("发件人: 黄先生\n礼盒烫金脱落")]
    public void Mail_headers_or_a_quoted_original_message_mean_it_came_by_e_mail(string text) =>
        Assert.Equal(ContactChannel.Email, ComplaintText.Read(text, Today).Channel);

    [Theory]
    [InlineData("华美礼品微信说礼盒 300个 烫金脱落", ContactChannel.WeChat)]
    [InlineData("华美礼品的黄先生今天来访，说礼盒 300个 烫金脱落", ContactChannel.Visit)]
    [InlineData("华美礼品来电，礼盒 300个 烫金脱落", ContactChannel.Phone)]
    public void WeChat_and_visits_are_channels_too(string text, ContactChannel channel) =>
        Assert.Equal(channel, ComplaintText.Read(text, Today).Channel);

    [Theory]
    [InlineData("微信", ContactChannel.WeChat)]
    [InlineData("4", ContactChannel.WeChat)]
    [InlineData("来访", ContactChannel.Visit)]
    [InlineData("other", ContactChannel.Other)]
    [InlineData("传真", ContactChannel.Fax)]
    public void The_channel_question_takes_every_channel(string answer, ContactChannel channel) =>
        Assert.Equal(channel, ComplaintIntake.ParseChannel(answer));

    [Fact]
    public void A_customer_in_a_hurry_is_urgency_not_a_critical_defect_so_severity_is_asked()
    {
        Assert.Null(ComplaintText.Read("华美礼品来电，礼盒 300个 烫金脱落，客户很着急", Today).Severity);
        Assert.Equal(Severity.Critical, ComplaintText.Read("礼盒全部不良，客户要索赔", Today).Severity);
    }

    [Fact]
    public void A_pasted_english_email_gives_its_numbers_quantity_channel_and_a_clean_body()
    {
        const string mail = """
            From: Peter Chan <peter.chan@acmeprint.hk>
            Sent: Thursday, November 26, 2026 4:12 PM
            To: sales@mingxin.example
            Subject: RE: PN-2026-0003 hang tags - misprint

            Hi Wang Fang,

            We found 1,200 pcs of the hang tags from PN-2026-0003 with the barcode misprinted (total shipment 10,000 pcs).
            Please arrange replacement before 2026-12-05. Photos attached.

            Best regards
            Peter Chan
            QA Manager, Acme Printing Ltd
            Tel: +852 2345 6789

            -----Original Message-----
            From: Wang Fang
            Sent: Monday, November 23, 2026
            Subject: PN-2026-0003 shipped
            The goods for SO-2026-0007 were shipped today.
            """;

        var facts = ComplaintText.Read(mail, Today);

        Assert.Equal(["PN-2026-0003"], facts.References); // SO-2026-0007 is in the quoted history, not this complaint
        Assert.Equal(ContactChannel.Email, facts.Channel);
        Assert.Equal(1200, facts.AffectedQuantity); // the defect word stands next to it, not to the shipment
        Assert.Contains(10_000, facts.Quantities);
        Assert.Contains(new DateOnly(2026, 12, 5), facts.Dates);
        Assert.Contains("peter.chan@acmeprint.hk", facts.Emails);
        Assert.Contains("+852 2345 6789", facts.Phones);
        Assert.Equal("RE: PN-2026-0003 hang tags - misprint", facts.Subject);
        Assert.Contains("barcode misprinted", facts.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Best regards", facts.Body, StringComparison.Ordinal); // signature off
        Assert.DoesNotContain("shipped today", facts.Body, StringComparison.Ordinal); // quoted history off

        Assert.Equal("CU-2026-0002", Assert.Single(ComplaintText.FindCustomers(mail, facts, Register)).Id);
    }

    [Fact]
    public void A_chinese_note_with_mixed_english_gives_customer_by_short_name_quantity_severity_and_phone()
    {
        const string note = "华彩采购李小姐来电：化妆品礼盒 批次 PN-2026-0001 有 300个 烫金脱落，客户很紧急，要求11月30日前回复。电话 138 2345 6789";

        var facts = ComplaintText.Read(note, Today);

        Assert.Equal(["PN-2026-0001"], facts.References);
        Assert.Equal(ContactChannel.Phone, facts.Channel);
        Assert.Null(facts.Severity); // "客户很紧急" is how soon they want an answer, not how bad the defect is
        Assert.Equal(ComplaintKind.Product, facts.Kind);
        Assert.Equal(300, facts.AffectedQuantity);
        Assert.Equal([new DateOnly(2026, 11, 30)], facts.Dates);
        Assert.Equal(["138 2345 6789"], facts.Phones);
        Assert.Equal("CU-2026-0001", Assert.Single(ComplaintText.FindCustomers(note, facts, Register)).Id);
        Assert.Equal(["化妆品礼盒"], ComplaintText.FindProducts(note, Register.SelectMany(c => c.Products)));
    }

    [Fact]
    public void A_fax_in_chinese_with_a_quoted_reply_and_a_chinese_signature()
    {
        const string fax = """
            传真 FAX
            美华礼品：月饼盒 500只 印刷偏色，请尽快处理。
            此致
            敬礼
            > 在 2026年11月20日 明新 写道：
            > 月饼盒 8000只 已发货
            """;

        var facts = ComplaintText.Read(fax, Today);

        Assert.Equal(ContactChannel.Fax, facts.Channel);
        Assert.Equal(500, facts.AffectedQuantity);
        Assert.DoesNotContain("已发货", facts.Body, StringComparison.Ordinal);
        Assert.Equal("CU-2026-0003", Assert.Single(ComplaintText.FindCustomers(fax, facts, Register)).Id);
    }

    [Fact]
    public void The_customer_is_found_by_the_company_domain_of_an_unknown_sender_but_not_by_a_public_mail_domain()
    {
        var byDomain = ComplaintText.Read("From: Jenny <jenny@huacai-pack.com>\nSubject: problem\nboxes crushed", Today);
        Assert.Equal("CU-2026-0001", Assert.Single(ComplaintText.FindCustomers("boxes crushed", byDomain, Register)).Id);

        var publicMail = ComplaintText.Read("From: someone <someone@qq.com>\nSubject: problem\nboxes crushed", Today);
        Assert.Empty(ComplaintText.FindCustomers("boxes crushed", publicMail, Register));
    }

    [Fact]
    public void A_short_latin_name_must_stand_as_a_word()
    {
        var facts = ComplaintText.Read("the ACMEX boxes are fine", Today);
        Assert.Empty(ComplaintText.FindCustomers("the ACMEX boxes are fine", facts, Register));
        Assert.Single(ComplaintText.FindCustomers("acme says the boxes are wet", ComplaintText.Read("acme says the boxes are wet", Today), Register));
    }

    [Fact]
    public void Unknown_names_get_the_closest_register_names()
    {
        Assert.Equal("CU-2026-0002", ComplaintText.Closest("Acme Prnting", Register)[0].Id);
        Assert.Equal("CU-2026-0001", ComplaintText.Closest("华采", Register)[0].Id);
        Assert.Empty(ComplaintText.Closest("Zebra Logistics International", Register));
    }

    [Theory]
    [InlineData("")]
    [InlineData("？？？")]
    [InlineData("asdf qwer zxcv")]
    public void Nonsense_gives_no_facts(string text)
    {
        var facts = ComplaintText.Read(text, Today);
        Assert.Empty(facts.References);
        Assert.Empty(facts.Phones);
        Assert.Null(facts.AffectedQuantity);
        Assert.Null(facts.Channel);
        Assert.Empty(ComplaintText.FindCustomers(text, facts, Register));
    }

    [Fact]
    public void Form_numbers_and_dates_are_not_read_as_phone_numbers()
    {
        var facts = ComplaintText.Read("PN-2026-0001 on 2026-11-20 10:30, order SO-2026-0002", Today);
        Assert.Empty(facts.Phones);
        Assert.Equal([new DateOnly(2026, 11, 20)], facts.Dates);
    }

    [Theory]
    [InlineData("华美来电：PN-2026-0001 的货还没到，比约定晚了三天", ComplaintKind.Delivery)]
    [InlineData("Acme says the delivery arrived late and two cartons were short-shipped", ComplaintKind.Delivery)]
    [InlineData("华美说上个月的发票金额不对，多收了 1,200 元", ComplaintKind.Invoice)]
    [InlineData("ACME: the invoice is wrong, the unit price should be 0.35", ComplaintKind.Invoice)]
    [InlineData("客户投诉我们业务员态度差，邮件三天没人回复", ComplaintKind.Service)]
    [InlineData("送错地址了，货到了旧仓库", ComplaintKind.Delivery)]
    [InlineData("礼盒 300个 烫金脱落，而且交货晚了两天", ComplaintKind.Product)] // a defect named: about the goods
    [InlineData("About 1,200 of the 20,000 hang tags have the wrong Pantone colour", ComplaintKind.Product)]
    [InlineData("说明书装订顺序错了", ComplaintKind.Product)]
    [InlineData("客户有意见，请回电", null)] // the words do not say: the conversation asks
    public void What_a_complaint_is_about_is_read_from_its_words(string text, ComplaintKind? kind) =>
        Assert.Equal(kind, ComplaintText.Read(text, Today).Kind);

    [Theory]
    [InlineData("华美昨天下午来电，礼盒烫金脱落", "2026-11-26")]
    [InlineData("前天客户来访，反映色差", "2026-11-25")]
    [InlineData("11月24日来电投诉手提袋提手断裂", "2026-11-24")]
    [InlineData("Peter called yesterday about the hang tags", "2026-11-26")]
    [InlineData("12月30日来电", "2025-12-30")] // a day after today is last year's
    [InlineData("要求11月30日前回复", null)] // a deadline, not when it came in
    public void The_day_a_complaint_came_in_is_read_when_the_text_says(string text, string? expected) =>
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ComplaintText.Read(text, Today).ReceivedOn);

    [Fact]
    public void A_pasted_mail_was_received_the_day_its_sent_header_says_and_its_po_is_kept()
    {
        var facts = ComplaintText.Read("From: Peter Chan <peter.chan@acmeprint.hk>\nSent: Wednesday, November 25, 2026 9:12 AM\nSubject: PO ACM-2231 hang tags\n\nHi team,\n1,200 pcs have the barcode misprinted.", Today);
        Assert.Equal(new DateOnly(2026, 11, 25), facts.ReceivedOn);
        Assert.Equal("ACM-2231", facts.CustomerOrder);

        Assert.Equal("HM-1102", ComplaintText.Read("华美：订单号：HM-1102 的礼盒有 300个 刮花", Today).CustomerOrder);
        Assert.Equal("4500012345", ComplaintText.Read("Customer order no. 4500012345: tags smeared", Today).CustomerOrder);
        Assert.Null(ComplaintText.Read("订单号 PN-2026-0001 的礼盒有问题", Today).CustomerOrder); // our own number is the reference, not their PO
        Assert.Null(ComplaintText.Read("Please reply by phone", Today).CustomerOrder);
    }

    [Fact]
    public void A_corrected_quantity_is_shown_where_the_description_quoted_the_old_one()
    {
        Assert.Equal("华美来电，礼盒 250个（更正，原写 300个） 烫金脱落", ComplaintIntake.Requoted("华美来电，礼盒 300个 烫金脱落", 300, 250));
        Assert.Equal("We found 1150 pcs (corrected; first given as 1,200 pcs) misprinted", ComplaintIntake.Requoted("We found 1,200 pcs misprinted", 1200, 1150));
        Assert.Equal("批次 3001 有问题，300 是总数", ComplaintIntake.Requoted("批次 3001 有问题，300 是总数", 300, 250)); // not quoted as a quantity: left alone
    }
}
