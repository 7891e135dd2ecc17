using MingXin.Bot.Conversations;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Tests.Domain;

public sealed class ChatCommandTests
{
    [Theory]
    [InlineData("help")]
    [InlineData("  HELP ")]
    [InlineData("帮助")]
    [InlineData("/help")]
    [InlineData("")]
    [InlineData("？")]
    [InlineData("hi")]
    [InlineData("Hello there")]
    [InlineData("你好")]
    public void Help_in_either_language(string text) => Assert.IsType<ChatCommand.Help>(ChatCommand.Parse(text));

    [Theory]
    [InlineData("Hi team,\nAbout 1,200 of the 20,000 hang tags have the wrong Pantone colour.")]
    [InlineData("Hello, about 1,200 of the 20,000 hang tags have the wrong Pantone colour")]
    [InlineData("你好，\n我们收到的礼盒有 300 个烫金脱落")]
    public void A_greeting_at_the_start_of_a_long_or_multi_line_message_is_no_command(string text) =>
        Assert.IsType<ChatCommand.Unknown>(ChatCommand.Parse(text));

    [Theory]
    [InlineData("报价", "en-US", MingXin.Bot.Domain.Language.Chinese)]
    [InlineData("记录 QT-2026-0001", "en-US", MingXin.Bot.Domain.Language.Chinese)]
    [InlineData("records customer 华美礼品", "zh-CN", MingXin.Bot.Domain.Language.English)]
    [InlineData("no, the quantity is 250", "zh-CN", MingXin.Bot.Domain.Language.English)]
    [InlineData("QT-2026-0001", "zh-CN", MingXin.Bot.Domain.Language.Chinese)]
    [InlineData("QT-2026-0001", "en-US", MingXin.Bot.Domain.Language.English)]
    [InlineData("250", "en-US", MingXin.Bot.Domain.Language.English)]
    [InlineData("Hi Sam,\nWe found 1,200 pcs misprinted.\n-----Original Message-----\nThe goods for 华美礼品 were shipped today.", "zh-CN", MingXin.Bot.Domain.Language.English)]
    public void Replies_follow_the_language_the_person_writes_in_else_the_locale(string text, string locale, MingXin.Bot.Domain.Language expected) =>
        Assert.Equal(expected, MingXin.Bot.Domain.Languages.FromText(text, MingXin.Bot.Domain.Languages.FromLocale(locale, MingXin.Bot.Domain.Language.Chinese)));

    [Theory]
    [InlineData("register 品管部", "品管部")]
    [InlineData("Register   quality control", "quality control")]
    [InlineData("注册 qc", "qc")]
    [InlineData("注册品管部", "品管部")]
    [InlineData("register", "")]
    public void Register_keeps_what_follows(string text, string argument) =>
        Assert.Equal(argument, Assert.IsType<ChatCommand.Register>(ChatCommand.Parse(text)).Argument);

    [Theory]
    [InlineData("departments")]
    [InlineData("部门")]
    public void Departments(string text) => Assert.IsType<ChatCommand.ListDepartments>(ChatCommand.Parse(text));

    [Theory]
    [InlineData("records customer 华美礼品", "customer 华美礼品")]
    [InlineData("记录 QT-2026-0001", "QT-2026-0001")]
    [InlineData("记录客户华美", "客户华美")]
    [InlineData("records", "")]
    public void Records_keep_the_search(string text, string query) =>
        Assert.Equal(query, Assert.IsType<ChatCommand.Records>(ChatCommand.Parse(text)).Query);

    [Theory]
    [InlineData("dashboard", "")]
    [InlineData("看板 客户 华美礼品", "客户 华美礼品")]
    public void Dashboard_with_or_without_a_customer(string text, string customer) =>
        Assert.Equal(customer, Assert.IsType<ChatCommand.Dashboard>(ChatCommand.Parse(text)).Customer);

    [Theory]
    [InlineData("survey Acme Printing Ltd", "SV", "Acme Printing Ltd")]
    [InlineData("满意度 华美礼品", "SV", "华美礼品")]
    [InlineData("客供品 华美礼品", "CP", "华美礼品")]
    [InlineData("property ACME", "CP", "ACME")]
    public void Surveys_and_customer_property_name_the_customer(string text, string prefix, string customer)
    {
        var start = Assert.IsType<ChatCommand.StartForm>(ChatCommand.Parse(text));
        Assert.Equal(prefix, start.Prefix);
        Assert.Equal(customer, start.ParentId);
    }

    [Theory]
    [InlineData("quote")]
    [InlineData("报价")]
    [InlineData("QUOTATION")]
    [InlineData("报价单")]
    public void Quote(string text) => Assert.IsType<ChatCommand.Quote>(ChatCommand.Parse(text));

    [Theory]
    [InlineData("投诉")]
    [InlineData("投诉华美礼盒烫金脱落")]
    [InlineData("客户投诉：华美")]
    [InlineData("complaint: ACME tags misprinted")]
    [InlineData("Complaint")]
    public void Complaint_keeps_the_whole_message(string text) =>
        Assert.Equal(text.Trim(), Assert.IsType<ChatCommand.Complaint>(ChatCommand.Parse(text)).Text);

    [Theory]
    [InlineData("customers")]
    [InlineData("客户")]
    [InlineData("客户名录")]
    public void Customers(string text) => Assert.IsType<ChatCommand.Customers>(ChatCommand.Parse(text));

    [Theory]
    [InlineData("客户华美来电说礼盒坏了", true)]
    [InlineData("From: a@b.com\nSubject: x", true)]
    [InlineData("thanks", false)]
    [InlineData("the boxes have a defect", true)]
    public void Unknown_text_that_reads_like_a_complaint(string text, bool complaint)
    {
        Assert.IsType<ChatCommand.Unknown>(ChatCommand.Parse(text));
        Assert.Equal(complaint, MingXin.Bot.Conversations.CommandHandler.LooksLikeAComplaint(text));
    }

    [Theory]
    [InlineData("what is this")]
    [InlineData("quote 5000 boxes")]
    [InlineData("departments please")]
    public void Anything_else_is_unknown(string text) =>
        Assert.Equal(text, Assert.IsType<ChatCommand.Unknown>(ChatCommand.Parse(text)).Text);

    [Theory]
    [InlineData("[link](http://x)", @"\[link\](http://x)")]
    [InlineData("- item", @"\- item")]
    [InlineData("a-b # c", "a-b # c")]
    [InlineData("**bold** _i_", @"\*\*bold\*\* \_i\_")]
    [InlineData("<at>Boss</at>", "‹at>Boss‹/at>")]
    [InlineData("line1\nline2\u0007", "line1 line2")]
    public void User_text_is_escaped_before_it_is_shown(string input, string expected) =>
        Assert.Equal(expected, CardText.Escape(input));

    [Fact]
    public void Long_user_text_is_shortened() =>
        Assert.Equal(new string('x', 10) + "…", CardText.Escape(new string('x', 50), 10));

    [Theory]
    [InlineData("[link](http://x)")]
    [InlineData("- item")]
    [InlineData("**bold** _i_ `code` C:\\path")]
    [InlineData("# heading > quote + plus")]
    public void Escaped_text_reads_back_as_typed_on_paper(string input) =>
        Assert.Equal(input, CardText.Plain(CardText.Escape(input))); // a PDF prints what a card shows, without the backslashes
}
