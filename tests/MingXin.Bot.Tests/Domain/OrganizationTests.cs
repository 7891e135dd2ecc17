using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Documents;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Tests.Domain;

public sealed class OrganizationTests
{
    [Theory]
    [InlineData("品管部", Department.QualityControl)]
    [InlineData("qc", Department.QualityControl)]
    [InlineData(" Quality Control ", Department.QualityControl)]
    [InlineData("业务部", Department.Sales)]
    [InlineData("SALES", Department.Sales)]
    [InlineData("生产部", Department.Production)]
    [InlineData("物控部", Department.MaterialsControl)]
    [InlineData("materials control", Department.MaterialsControl)]
    [InlineData("仓储", Department.Warehouse)]
    [InlineData("总经办", Department.GeneralManagerOffice)]
    public void Departments_parse_from_codes_and_both_languages(string text, Department expected)
    {
        Assert.True(Departments.TryParse(text, out var department));
        Assert.Equal(expected, department);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("accounting")]
    [InlineData("品管部部")]
    public void Unknown_department_names_do_not_parse(string? text) => Assert.False(Departments.TryParse(text, out _));

    [Fact]
    public void Every_department_has_a_distinct_code_that_round_trips()
    {
        var codes = Departments.List.Select(d => d.Code()).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(Departments.List, d => Assert.True(Departments.TryFromCode(d.Code(), out var back) && back == d));
    }

    [Fact]
    public void Positions_belong_to_their_department_and_the_administrator_to_none()
    {
        Assert.Equal(Department.Sales, Position.FollowUpClerk.HomeDepartment());
        Assert.Equal(Department.Production, Position.ProductionPlanner.HomeDepartment());
        Assert.Equal(Department.QualityControl, Position.QcManager.HomeDepartment());
        Assert.Equal(Department.GeneralManagerOffice, Position.GeneralManager.HomeDepartment());
        Assert.Null(Position.Administrator.HomeDepartment());
        Assert.Equal("业务跟单员", Position.FollowUpClerk.Name(Language.Chinese));
        Assert.Equal(11, Positions.List.Count);
    }

    [Theory]
    [InlineData("zh-CN", Language.English, Language.Chinese)]
    [InlineData("zh-cn", Language.English, Language.Chinese)]
    [InlineData("zh-TW", Language.English, Language.Chinese)]
    [InlineData("en-US", Language.Chinese, Language.English)]
    [InlineData("de-DE", Language.Chinese, Language.English)]
    [InlineData(null, Language.Chinese, Language.Chinese)]
    [InlineData("", Language.English, Language.English)]
    public void The_language_follows_the_locale_or_the_default(string? locale, Language fallback, Language expected) =>
        Assert.Equal(expected, Languages.FromLocale(locale, fallback));

    [Fact]
    public void Document_numbers_format_and_parse()
    {
        var number = DocumentNumber.Create("QT", 2026, 1);

        Assert.Equal("QT-2026-0001", number.ToString());
        Assert.Equal("QT-2026-12345", DocumentNumber.Create("QT", 2026, 12345).ToString());
        Assert.True(DocumentNumber.TryParse(" qt-2026-0001 ", out var parsed));
        Assert.Equal(number, parsed);
        Assert.True(DocumentNumber.TryParse("qt-2026-1", out var typedShort)); // as people type it
        Assert.Equal(number, typedShort);
    }

    [Theory]
    [InlineData("QT-2026-0")]
    [InlineData("QT-26-0001")]
    [InlineData("Q-2026-0001")]
    [InlineData("QT/2026/0001")]
    [InlineData("QT-2026-0000")]
    [InlineData("")]
    public void Malformed_document_numbers_do_not_parse(string text) => Assert.False(DocumentNumber.TryParse(text, out _));

    [Fact]
    public void Document_numbers_refuse_bad_parts()
    {
        Assert.Throws<ArgumentException>(() => DocumentNumber.Create("qt", 2026, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentNumber.Create("QT", 2026, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentNumber.Create("QT", 1999, 1));
    }
}
