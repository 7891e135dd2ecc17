using System.Globalization;

namespace MingXin.Bot.Domain.Quotations;

/// <summary>The cost lines a printer budgets on the Cost Calculation Sheet 成本核算表.</summary>
public enum CostCategory
{
    /// <summary>纸张/材料: paper, board and other materials.</summary>
    Material,

    /// <summary>制版: plates, films, dies.</summary>
    Plates,

    /// <summary>印刷: press time and ink.</summary>
    Printing,

    /// <summary>后加工: lamination, foil, die-cutting, gluing, binding.</summary>
    Finishing,

    /// <summary>包装: cartons, pallets, wrapping.</summary>
    Packaging,

    /// <summary>运费: freight to the customer.</summary>
    Freight,

    /// <summary>其他.</summary>
    Other,
}

/// <summary>
/// One line of the cost sheet. A printer's cost has a part that does not depend on the quantity
/// (<see cref="FixedCost"/>: plates, make-ready, dies) and a part per piece (<see cref="UnitCost"/>:
/// paper, press run, finishing). Both in CNY.
/// </summary>
public sealed record CostLine(CostCategory Category, string? Description, decimal FixedCost, decimal UnitCost);

/// <summary>One quantity the customer asked a price for, as computed from the sheet.</summary>
/// <param name="Quantity">Pieces.</param>
/// <param name="Cost">Total cost at that quantity, CNY, rounded to the fen.</param>
/// <param name="UnitPrice">Price per piece, CNY, rounded half away from zero to <see cref="CostSheet.UnitPriceDecimals"/> places.</param>
/// <param name="Total">UnitPrice × Quantity, rounded half away from zero to the fen: what the customer can recompute.</param>
public sealed record PriceBreak(int Quantity, decimal Cost, decimal UnitPrice, decimal Total);

/// <summary>What is wrong with a value a user entered; <see cref="Field"/> names the input.</summary>
/// <summary>What is wrong with one value; <see cref="Detail"/> carries what the sentence needs besides a number (e.g. a date range).</summary>
public sealed record FieldProblem(string Field, ProblemKind Kind, decimal? Limit = null, string? Detail = null);

public enum ProblemKind
{
    Required,
    MustBePositive,
    MustNotBeNegative,
    TooManyDecimals,
    TooLarge,
    TooLong,
    TooMany,
    Duplicate,
    NotANumber,
    DateInPast,
    DateInFuture,
    Unknown,

    /// <summary>A date outside the window any form accepts (<see cref="FieldProblem.Detail"/>: "from – until").</summary>
    DateOutOfRange,

    /// <summary>A date before the one it follows (<see cref="FieldProblem.Detail"/>: that date, e.g. the day the goods were shipped).</summary>
    DateTooEarly,

    /// <summary>Quantities that must add up to <see cref="FieldProblem.Limit"/> (e.g. the dispositions of a returned consignment to what was counted).</summary>
    MustAddUp,
}

/// <summary>
/// The Cost Calculation Sheet 成本核算表: cost lines, margin, and the quantities to price. Money is
/// <see cref="decimal"/> CNY; rounding is explicit and half away from zero (四舍五入): costs and
/// totals to the fen (2 places), unit prices to 4 places, as printers quote fractions of a fen a piece.
/// </summary>
public sealed record CostSheet
{
    public const string Currency = "CNY";
    public const int MoneyDecimals = 2;
    public const int UnitPriceDecimals = 4;
    public const int UnitCostDecimals = 4;
    public const int MaxLines = 20;
    public const int MaxPriceBreaks = 5;
    public const int MaxQuantity = 100_000_000;
    public const decimal MaxAmount = 100_000_000m;
    public const decimal MaxMarginPercent = 500m;
    public const int MaxDescriptionLength = 100;

    private CostSheet(IReadOnlyList<CostLine> lines, decimal marginPercent, IReadOnlyList<int> quantities)
    {
        Lines = lines;
        MarginPercent = marginPercent;
        Quantities = quantities;
    }

    public IReadOnlyList<CostLine> Lines { get; }

    /// <summary>Mark-up on cost, in percent (25 = price is cost × 1.25).</summary>
    public decimal MarginPercent { get; }

    /// <summary>The quantities priced, ascending.</summary>
    public IReadOnlyList<int> Quantities { get; }

    /// <summary>Checks every value; returns the sheet, or every problem found (nothing is half-accepted).</summary>
    public static (CostSheet? Sheet, IReadOnlyList<FieldProblem> Problems) Create(IReadOnlyList<CostLine> lines, decimal marginPercent, IReadOnlyList<int> quantities)
    {
        var problems = new List<FieldProblem>();
        if (lines.Count == 0 || lines.All(l => l.FixedCost == 0 && l.UnitCost == 0))
        {
            problems.Add(new FieldProblem("lines", ProblemKind.Required));
        }

        if (lines.Count > MaxLines)
        {
            problems.Add(new FieldProblem("lines", ProblemKind.TooMany, MaxLines));
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            CheckMoney($"lines[{i}].fixed", line.FixedCost, MoneyDecimals, problems);
            CheckMoney($"lines[{i}].unit", line.UnitCost, UnitCostDecimals, problems);
            if ((line.Description?.Length ?? 0) > MaxDescriptionLength)
            {
                problems.Add(new FieldProblem($"lines[{i}].description", ProblemKind.TooLong, MaxDescriptionLength));
            }

            if (!Enum.IsDefined(line.Category))
            {
                problems.Add(new FieldProblem($"lines[{i}].category", ProblemKind.Unknown));
            }
        }

        if (marginPercent < 0)
        {
            problems.Add(new FieldProblem("margin", ProblemKind.MustNotBeNegative));
        }
        else if (marginPercent > MaxMarginPercent)
        {
            problems.Add(new FieldProblem("margin", ProblemKind.TooLarge, MaxMarginPercent));
        }
        else if (decimal.Round(marginPercent, 2) != marginPercent)
        {
            problems.Add(new FieldProblem("margin", ProblemKind.TooManyDecimals, 2));
        }

        if (quantities.Count == 0)
        {
            problems.Add(new FieldProblem("quantities", ProblemKind.Required));
        }
        else if (quantities.Count > MaxPriceBreaks)
        {
            problems.Add(new FieldProblem("quantities", ProblemKind.TooMany, MaxPriceBreaks));
        }

        if (quantities.Any(q => q <= 0))
        {
            problems.Add(new FieldProblem("quantities", ProblemKind.MustBePositive));
        }
        else if (quantities.Any(q => q > MaxQuantity))
        {
            problems.Add(new FieldProblem("quantities", ProblemKind.TooLarge, MaxQuantity));
        }

        if (quantities.Distinct().Count() != quantities.Count)
        {
            problems.Add(new FieldProblem("quantities", ProblemKind.Duplicate));
        }

        return problems.Count > 0
            ? (null, problems)
            : (new CostSheet(lines.Select(l => l with { Description = string.IsNullOrWhiteSpace(l.Description) ? null : l.Description.Trim() }).ToList(), marginPercent, quantities.Order().ToList()), []);
    }

    public decimal FixedCost => Lines.Sum(l => l.FixedCost);

    public decimal UnitCost => Lines.Sum(l => l.UnitCost);

    /// <summary>Cost and price at every quantity asked.</summary>
    public IReadOnlyList<PriceBreak> PriceBreaks() => Quantities.Select(PriceAt).ToList();

    public PriceBreak PriceAt(int quantity)
    {
        var cost = Round(FixedCost + UnitCost * quantity, MoneyDecimals);
        var unitPrice = Round(cost * (1 + MarginPercent / 100m) / quantity, UnitPriceDecimals);
        return new PriceBreak(quantity, cost, unitPrice, Round(unitPrice * quantity, MoneyDecimals));
    }

    /// <summary>Cost of one category at a quantity, to the fen.</summary>
    public decimal CategoryCost(CostCategory category, int quantity) =>
        Round(Lines.Where(l => l.Category == category).Sum(l => l.FixedCost + l.UnitCost * quantity), MoneyDecimals);

    public static decimal Round(decimal value, int decimals) => decimal.Round(value, decimals, MidpointRounding.AwayFromZero);

    /// <summary>Parses money typed by a person ("1,234.50", "¥88", " 12 "); null when it is not a number.</summary>
    public static decimal? ParseAmount(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = text.Trim().TrimStart('¥', '￥').Replace(",", string.Empty, StringComparison.Ordinal).Replace("，", string.Empty, StringComparison.Ordinal).Trim();
        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static void CheckMoney(string field, decimal value, int decimals, List<FieldProblem> problems)
    {
        if (value < 0)
        {
            problems.Add(new FieldProblem(field, ProblemKind.MustNotBeNegative));
        }
        else if (value > MaxAmount)
        {
            problems.Add(new FieldProblem(field, ProblemKind.TooLarge, MaxAmount));
        }
        else if (decimal.Round(value, decimals) != value)
        {
            problems.Add(new FieldProblem(field, ProblemKind.TooManyDecimals, decimals));
        }
    }
}
