using System.Globalization;
using System.Text.RegularExpressions;

namespace MingXin.Bot.Domain.Quotations;

/// <summary>
/// The quotation form's inputs as the card sends them (strings, untrusted), and their parsing into
/// the domain's values. Every problem is reported at once; nothing is half-accepted.
/// </summary>
public static partial class QuotationInput
{
    public const string Customer = "customer";
    public const string Product = "product";
    public const string Specification = "specification";
    public const string RepeatOrder = "repeat";
    public const string Path = "path";
    public const string Special = "special";

    /// <summary>The sales manager's or salesperson's evaluation of the customer's requirements (4.1.3.1).</summary>
    public const string Evaluation = "evaluation";
    public const string Quantities = "quantities";
    public const string Margin = "margin";
    public const string Note = "note";
    public const string Draft = "draft";

    public const string Ordinary = "ordinary";
    public const string SpecialRequirement = "special";

    public static string FixedId(CostCategory c) => "fixed_" + Code(c);

    public static string UnitId(CostCategory c) => "unit_" + Code(c);

    public static string DescriptionId(CostCategory c) => "desc_" + Code(c);

    public static string Code(CostCategory c) => c.ToString().ToLowerInvariant();

    /// <summary>The request part (new quotations only).</summary>
    public static (QuotationRequest Request, IReadOnlyList<FieldProblem> Problems) ParseRequest(IReadOnlyDictionary<string, string> inputs)
    {
        var problems = new List<FieldProblem>();
        var pathText = Get(inputs, Path);
        var path = pathText switch
        {
            SpecialRequirement => QuotationPath.SpecialRequirement,
            Ordinary or "" => QuotationPath.Ordinary,
            _ => (QuotationPath?)null,
        };
        if (path is null)
        {
            problems.Add(new FieldProblem(Path, ProblemKind.Unknown));
        }

        var request = new QuotationRequest(
            Get(inputs, Customer),
            Get(inputs, Product),
            Get(inputs, Specification),
            string.Equals(Get(inputs, RepeatOrder), "true", StringComparison.OrdinalIgnoreCase),
            path ?? QuotationPath.Ordinary,
            Get(inputs, Special),
            Get(inputs, Evaluation));
        problems.AddRange(request.Problems());

        // 4.1.3.1: the customer's requirements are evaluated before the quotation is made, and that is on record.
        var evaluation = Get(inputs, Evaluation);
        if (evaluation.Length == 0)
        {
            problems.Add(new FieldProblem(Evaluation, ProblemKind.Required));
        }
        else if (evaluation.Length > QuotationRequest.MaxTextLength)
        {
            problems.Add(new FieldProblem(Evaluation, ProblemKind.TooLong, QuotationRequest.MaxTextLength));
        }

        return (request, problems);
    }

    /// <summary>No cost, no margin typed: on the special path the cost sheet comes after the contract review (4.1.3.2).</summary>
    public static bool CostSheetLeftEmpty(IReadOnlyDictionary<string, string> inputs) =>
        Get(inputs, Margin).Length == 0
        && Enum.GetValues<CostCategory>().All(c => Get(inputs, FixedId(c)).Length == 0 && Get(inputs, UnitId(c)).Length == 0 && Get(inputs, DescriptionId(c)).Length == 0);

    /// <summary>The cost-sheet part (new quotations and revisions).</summary>
    public static (CostSheet? Sheet, IReadOnlyList<FieldProblem> Problems) ParseCostSheet(IReadOnlyDictionary<string, string> inputs)
    {
        var problems = new List<FieldProblem>();
        var lines = new List<CostLine>();
        var lineIndex = new List<CostCategory>();
        foreach (var category in Enum.GetValues<CostCategory>())
        {
            var fixedText = Get(inputs, FixedId(category));
            var unitText = Get(inputs, UnitId(category));
            var description = Get(inputs, DescriptionId(category));
            if (fixedText.Length == 0 && unitText.Length == 0)
            {
                if (description.Length > 0)
                {
                    problems.Add(new FieldProblem(FixedId(category), ProblemKind.Required));
                }

                continue;
            }

            var fixedCost = Amount(fixedText, FixedId(category), problems);
            var unitCost = Amount(unitText, UnitId(category), problems);
            lines.Add(new CostLine(category, description, fixedCost ?? 0m, unitCost ?? 0m));
            lineIndex.Add(category);
        }

        var margin = Amount(Get(inputs, Margin), Margin, problems, required: true);
        var quantities = ParseQuantities(Get(inputs, Quantities), problems);
        // The domain's checks run on whatever parsed, so every problem is reported at once; a field
        // that did not parse keeps only its parsing problem. The domain names lines by position, the
        // form by category.
        var (sheet, sheetProblems) = CostSheet.Create(lines, margin ?? 0m, quantities);
        var named = sheetProblems.Select(p => p.Field.StartsWith("lines[", StringComparison.Ordinal) && p.Field.Contains("].", StringComparison.Ordinal)
            ? p with { Field = FieldOfLine(p.Field, lineIndex) }
            : p);
        var failed = problems.Select(p => p.Field).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(named.Where(p => !failed.Contains(p.Field)));
        return problems.Count > 0 ? (null, problems) : (sheet, []);
    }

    /// <summary>"3000, 5000 10,000" → 3000, 5000, 10000 (commas before three digits are thousands separators).</summary>
    public static IReadOnlyList<int> ParseQuantities(string text, List<FieldProblem> problems)
    {
        var values = new List<int>();
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new FieldProblem(Quantities, ProblemKind.Required));
            return values;
        }

        foreach (var part in Separators().Split(Thousands().Replace(text.Trim(), string.Empty)).Where(p => p.Length > 0))
        {
            if (!long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                problems.Add(new FieldProblem(Quantities, ProblemKind.NotANumber));
                return [];
            }

            values.Add((int)Math.Clamp(value, int.MinValue, int.MaxValue));
        }

        return values;
    }

    private static string FieldOfLine(string field, List<CostCategory> lineIndex)
    {
        var index = int.Parse(field[6..field.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        var part = field[(field.IndexOf("].", StringComparison.Ordinal) + 2)..];
        var category = lineIndex[index];
        return part switch
        {
            "fixed" => FixedId(category),
            "unit" => UnitId(category),
            _ => DescriptionId(category),
        };
    }

    private static decimal? Amount(string text, string field, List<FieldProblem> problems, bool required = false)
    {
        if (text.Length == 0)
        {
            if (required)
            {
                problems.Add(new FieldProblem(field, ProblemKind.Required));
            }

            return null;
        }

        var value = CostSheet.ParseAmount(text);
        if (value is null)
        {
            problems.Add(new FieldProblem(field, ProblemKind.NotANumber));
        }

        return value;
    }

    public static string Get(IReadOnlyDictionary<string, string> inputs, string key) =>
        inputs.TryGetValue(key, out var value) && value is not null ? value.Trim() : string.Empty;

    [GeneratedRegex(@"(?<=\d),(?=\d{3}(?!\d))")]
    private static partial Regex Thousands();

    [GeneratedRegex(@"[\s,，;；、/|]+")]
    private static partial Regex Separators();
}
