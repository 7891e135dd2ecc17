using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Workflows;

namespace MingXin.Bot.Tests.Properties;

/// <summary>
/// Whatever a person (or a broken client) types into the quotation form, parsing never throws, and a
/// sheet comes back only when no problem was found — then its figures are consistent.
/// </summary>
public sealed class FormInputProperties
{
    private static readonly string[] Fields =
    [
        QuotationInput.Customer, QuotationInput.Product, QuotationInput.Specification, QuotationInput.RepeatOrder, QuotationInput.Path,
        QuotationInput.Special, QuotationInput.Quantities, QuotationInput.Margin,
        .. Enum.GetValues<CostCategory>().SelectMany(c => new[] { QuotationInput.FixedId(c), QuotationInput.UnitId(c), QuotationInput.DescriptionId(c) }),
    ];

    /// <summary>Typical, edge and hostile values, and arbitrary strings.</summary>
    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.Elements("", " ", "0", "-1", "1e5", "abc", "600", "0.35", "0.12345", "3000 5000", "1,000", "3000,5000,3000", "¥88", "9999999999999", "79228162514264337593543950335", "25", "special", "ordinary", "true", "<at>x</at>", "\u0000\u200b", new string('x', 600)),
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty));

    private static readonly Gen<Dictionary<string, string>> Inputs =
        Gen.CollectToArray(Fields, f => Gen.Frequency((1, Gen.Constant<string?>(null)), (4, Value.Select(v => (string?)v))).Select(v => (Field: f, Value: v)))
            .Select(pairs => pairs.Where(p => p.Value is not null).ToDictionary(p => p.Field, p => p.Value!));

    [Property(MaxTest = 500)]
    public Property Parsing_never_throws_and_a_sheet_comes_only_without_problems() =>
        Prop.ForAll(Inputs.ToArbitrary(), inputs =>
        {
            var (request, requestProblems) = QuotationInput.ParseRequest(inputs);
            var (sheet, problems) = QuotationInput.ParseCostSheet(inputs);
            if (sheet is null)
            {
                return problems.Count > 0;
            }

            var breaks = sheet.PriceBreaks();
            return problems.Count == 0
                && breaks.Count == sheet.Quantities.Count
                && breaks.All(b => b.Cost >= 0 && b.UnitPrice >= 0 && b.Total == CostSheet.Round(b.UnitPrice * b.Quantity, 2))
                && (requestProblems.Count > 0 || request.CustomerName.Length > 0);
        });
}
