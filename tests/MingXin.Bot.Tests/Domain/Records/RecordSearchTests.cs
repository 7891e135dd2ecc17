using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Records;

namespace MingXin.Bot.Tests.Domain.Records;

public sealed class RecordSearchTests
{
    [Fact]
    public void English_keys_with_a_customer_of_several_words()
    {
        var (s, problems) = RecordSearch.Parse("customer Acme Printing Ltd form quotation status open from 2026-11-01 to 2026-11-30", Language.English);
        Assert.Empty(problems);
        Assert.Equal("Acme Printing Ltd", s!.Customer);
        Assert.Equal("Quotation", s.Form!.Kind);
        Assert.Equal(RecordState.Open, s.State);
        Assert.Equal(new DateOnly(2026, 11, 1), s.From);
        Assert.Equal(new DateOnly(2026, 11, 30), s.To);
    }

    [Fact]
    public void Chinese_keys_glued_to_their_values_and_a_month()
    {
        var (s, problems) = RecordSearch.Parse("客户华美礼品 表单：合同评审表 状态 已取消 从2026-10 到 2026-11", Language.Chinese);
        Assert.Empty(problems);
        Assert.Equal("华美礼品", s!.Customer);
        Assert.Equal("Quotation", s.Form!.Kind); // the contract review is kept inside the quotation's record
        Assert.Equal(RecordState.Cancelled, s.State);
        Assert.Equal(new DateOnly(2026, 10, 1), s.From);
        Assert.Equal(new DateOnly(2026, 11, 30), s.To); // "to" a month: its last day
    }

    [Theory]
    [InlineData("qt-2026-0001", "QT-2026-0001")]
    [InlineData("CC-2026-0012", "CC-2026-0012")]
    public void A_form_number_alone_opens_that_record(string text, string number) =>
        Assert.Equal(number, RecordSearch.Parse(text, Language.English).Search!.Number);

    [Fact]
    public void A_step_name_is_a_status_and_an_empty_search_is_allowed()
    {
        Assert.Equal("RootCause", RecordSearch.Parse("status RootCause", Language.English).Search!.Status);
        Assert.True(RecordSearch.Parse("", Language.English).Search!.IsEmpty);
    }

    [Theory]
    [InlineData("form invoices", "There is no form called")]
    [InlineData("from 2026-13-01", "is no date")]
    [InlineData("from 2026-11-30 to 2026-11-01", "start date is after")]
    [InlineData("status ???", "Status can be")]
    [InlineData("banana", "is not understood")]
    public void Bad_searches_say_what_is_wrong(string text, string message)
    {
        var (s, problems) = RecordSearch.Parse(text, Language.English);
        Assert.Null(s);
        Assert.Contains(problems, p => p.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_are_in_the_users_language() =>
        Assert.Contains("没有叫", RecordSearch.Parse("表单 发票", Language.Chinese).Problems[0], StringComparison.Ordinal);

    [Fact]
    public void The_query_string_of_an_export_link_reads_back_the_same_search()
    {
        var s = RecordSearch.Parse("customer Acme Printing Ltd form complaint status closed from 2026-01-01 to 2026-06-30", Language.English).Search!;
        Assert.Equal(s, RecordSearch.FromQuery(s.ToQuery()));
        Assert.Null(RecordSearch.FromQuery("too\nfew"));
    }

    [Fact]
    public void Every_form_of_the_procedure_is_found_by_its_company_name()
    {
        foreach (var (name, kind) in new[] { ("报价单", "Quotation"), ("成本核算表", "Quotation"), ("样品签收单", "SampleOrder"), ("订单评审", "SalesOrderReview"), ("生产通知单", "ProductionNotice"), ("内部联络单", "InternalContact"), ("订单修正通知单", "OrderAmendment"), ("物料异常", "MaterialIssue"), ("顾客投诉登记表", "Complaint"), ("改善措施表", "Complaint"), ("客供品", "CustomerProperty"), ("满意度调查", "SatisfactionSurvey") })
        {
            Assert.True(FormCatalog.TryParse(name, out var form), name);
            Assert.Equal(kind, form.Kind);
        }
    }
}
