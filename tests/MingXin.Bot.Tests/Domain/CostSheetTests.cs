using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Tests.Domain;

public sealed class CostSheetTests
{
    private static CostSheet Sheet(decimal margin, int[] quantities, params CostLine[] lines)
    {
        var (sheet, problems) = CostSheet.Create(lines, margin, quantities);
        Assert.Empty(problems);
        return sheet!;
    }

    [Fact]
    public void Price_breaks_spread_the_fixed_cost_over_each_quantity_with_explicit_rounding()
    {
        // Plates 600 fixed; paper 0.35/pc; printing 200 make-ready + 0.12/pc; margin 25 %.
        var sheet = Sheet(
            25m,
            [10_000, 3_000, 5_000],
            new CostLine(CostCategory.Plates, "CTP plates ×4", 600m, 0m),
            new CostLine(CostCategory.Material, "300g C1S", 0m, 0.35m),
            new CostLine(CostCategory.Printing, null, 200m, 0.12m));

        var breaks = sheet.PriceBreaks();

        Assert.Equal([3_000, 5_000, 10_000], breaks.Select(b => b.Quantity));
        // 3,000: cost 800 + 0.47×3000 = 2210.00; ×1.25 = 2762.50; /3000 = 0.920833… → 0.9208; total 2762.40
        Assert.Equal(new PriceBreak(3_000, 2210.00m, 0.9208m, 2762.40m), breaks[0]);
        // 5,000: 800 + 2350 = 3150.00; ×1.25 = 3937.50; /5000 = 0.7875 exactly; total 3937.50
        Assert.Equal(new PriceBreak(5_000, 3150.00m, 0.7875m, 3937.50m), breaks[1]);
        // 10,000: 800 + 4700 = 5500.00; ×1.25 = 6875; 0.6875; 6875.00
        Assert.Equal(new PriceBreak(10_000, 5500.00m, 0.6875m, 6875.00m), breaks[2]);
        Assert.True(breaks[0].UnitPrice > breaks[1].UnitPrice && breaks[1].UnitPrice > breaks[2].UnitPrice);
    }

    [Fact]
    public void Halves_round_away_from_zero_not_to_even()
    {
        // 1.00 over 32 pieces = 0.03125 a piece: half away from zero gives 0.0313 (banker's would give 0.0312).
        var sheet = Sheet(0m, [32], new CostLine(CostCategory.Other, null, 1.00m, 0m));

        Assert.Equal(0.0313m, sheet.PriceAt(32).UnitPrice);
        Assert.Equal(1.00m, sheet.PriceAt(32).Total); // 0.0313 × 32 = 1.0016 → 1.00
        Assert.Equal(0.13m, CostSheet.Round(0.125m, 2)); // banker's rounding would give 0.12
        Assert.Equal(-0.13m, CostSheet.Round(-0.125m, 2));
    }

    [Fact]
    public void Category_costs_add_up_to_the_cost_at_that_quantity()
    {
        var sheet = Sheet(
            10m,
            [1_000],
            new CostLine(CostCategory.Material, null, 0m, 0.333m),
            new CostLine(CostCategory.Finishing, "UV + die-cut", 150m, 0.0505m),
            new CostLine(CostCategory.Freight, null, 80m, 0m));

        var sum = Enum.GetValues<CostCategory>().Sum(c => sheet.CategoryCost(c, 1_000));

        Assert.Equal(sheet.PriceAt(1_000).Cost, sum);
        Assert.Equal(613.50m, sum);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_nothing_is_created()
    {
        var (sheet, problems) = CostSheet.Create(
            [new CostLine(CostCategory.Material, new string('x', 101), -1m, 0.123456m)],
            -5m,
            [0, 500, 500]);

        Assert.Null(sheet);
        Assert.Contains(new FieldProblem("lines[0].fixed", ProblemKind.MustNotBeNegative), problems);
        Assert.Contains(new FieldProblem("lines[0].unit", ProblemKind.TooManyDecimals, 4), problems);
        Assert.Contains(new FieldProblem("lines[0].description", ProblemKind.TooLong, 100), problems);
        Assert.Contains(new FieldProblem("margin", ProblemKind.MustNotBeNegative), problems);
        Assert.Contains(new FieldProblem("quantities", ProblemKind.MustBePositive), problems);
        Assert.Contains(new FieldProblem("quantities", ProblemKind.Duplicate), problems);
    }

    [Theory]
    [InlineData(0, "quantities", ProblemKind.Required)]
    [InlineData(6, "quantities", ProblemKind.TooMany)]
    public void Between_one_and_five_quantities(int count, string field, ProblemKind kind)
    {
        var (_, problems) = CostSheet.Create([new CostLine(CostCategory.Printing, null, 100m, 0m)], 10m, Enumerable.Range(1, count).Select(i => i * 1000).ToList());

        Assert.Contains(problems, p => p.Field == field && p.Kind == kind);
    }

    [Fact]
    public void A_sheet_with_no_cost_at_all_is_refused()
    {
        var (_, problems) = CostSheet.Create([new CostLine(CostCategory.Other, "free", 0m, 0m)], 10m, [100]);

        Assert.Contains(new FieldProblem("lines", ProblemKind.Required), problems);
    }

    [Theory]
    [InlineData("1,234.50", 1234.50)]
    [InlineData("¥88", 88)]
    [InlineData("￥0.0350", 0.0350)]
    [InlineData(" 12 ", 12)]
    [InlineData("1，000", 1000)]
    public void Amounts_typed_by_people_parse(string text, double expected)
    {
        Assert.Equal((decimal)expected, CostSheet.ParseAmount(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1e5")]
    [InlineData("12元")]
    public void Non_numbers_do_not_parse(string text)
    {
        Assert.Null(CostSheet.ParseAmount(text));
    }
}
