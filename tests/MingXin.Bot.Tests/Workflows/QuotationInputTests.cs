using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Workflows;

namespace MingXin.Bot.Tests.Workflows;

public sealed class QuotationInputTests
{
    [Theory]
    [InlineData("3000, 5000", new[] { 3000, 5000 })]
    [InlineData("3,000 5,000 10,000", new[] { 3000, 5000, 10000 })]
    [InlineData("3000,5000", new[] { 3000, 5000 })]
    [InlineData("1,000,000", new[] { 1000000 })]
    [InlineData("3000；5000、8000", new[] { 3000, 5000, 8000 })]
    [InlineData("3000，5000", new[] { 3000, 5000 })]
    public void Quantities_are_read_the_way_people_type_them(string text, int[] expected)
    {
        var problems = new List<FieldProblem>();

        Assert.Equal(expected, QuotationInput.ParseQuantities(text, problems));
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("3000 pcs")]
    [InlineData("三千")]
    [InlineData("3.5")]
    public void Anything_else_is_not_a_number(string text)
    {
        var problems = new List<FieldProblem>();

        QuotationInput.ParseQuantities(text, problems);

        Assert.Equal([new FieldProblem(QuotationInput.Quantities, ProblemKind.NotANumber)], problems);
    }

    [Fact]
    public void Problems_name_the_category_input_not_the_line_position()
    {
        var inputs = new Dictionary<string, string>
        {
            ["fixed_plates"] = "600",
            ["unit_finishing"] = "0.123456",
            ["desc_freight"] = "by truck", // a description without any amount
            ["margin"] = "20",
            ["quantities"] = "1000",
        };

        var (sheet, problems) = QuotationInput.ParseCostSheet(inputs);

        Assert.Null(sheet);
        Assert.Contains(new FieldProblem("unit_finishing", ProblemKind.TooManyDecimals, 4), problems);
        Assert.Contains(new FieldProblem("fixed_freight", ProblemKind.Required), problems);
    }

    [Fact]
    public void A_well_filled_form_gives_the_sheet()
    {
        var inputs = new Dictionary<string, string> { ["fixed_plates"] = "¥600", ["unit_material"] = " 0.35 ", ["margin"] = "25", ["quantities"] = "5,000 3,000" };

        var (sheet, problems) = QuotationInput.ParseCostSheet(inputs);

        Assert.Empty(problems);
        Assert.Equal([3000, 5000], sheet!.Quantities);
        Assert.Equal(600m, sheet.FixedCost);
        Assert.Equal(0.35m, sheet.UnitCost);
    }
}
