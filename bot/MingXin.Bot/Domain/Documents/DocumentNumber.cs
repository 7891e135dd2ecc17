using System.Globalization;
using System.Text.RegularExpressions;

namespace MingXin.Bot.Domain.Documents;

/// <summary>
/// The number printed on a form: <c>{prefix}-{year}-{sequence:0000}</c>, e.g. <c>QT-2026-0001</c>.
/// It is also the Table Storage partition key of the form's workflow, so it only ever contains
/// characters that keys allow.
/// </summary>
public readonly partial record struct DocumentNumber
{
    private DocumentNumber(string prefix, int year, long sequence)
    {
        Prefix = prefix;
        Year = year;
        Sequence = sequence;
    }

    public string Prefix { get; }

    public int Year { get; }

    public long Sequence { get; }

    public static DocumentNumber Create(string prefix, int year, long sequence)
    {
        if (!PrefixPattern().IsMatch(prefix ?? string.Empty))
        {
            throw new ArgumentException("A prefix is 2 to 4 capital letters.", nameof(prefix));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return new DocumentNumber(prefix!, year, sequence);
    }

    public static bool TryParse(string? text, out DocumentNumber number)
    {
        number = default;
        var match = text is null ? Match.Empty : NumberPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (!long.TryParse(match.Groups["seq"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1 || year < 2000)
        {
            return false;
        }

        number = new DocumentNumber(match.Groups["prefix"].Value.ToUpperInvariant(), year, sequence);
        return true;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{Year:D4}-{Sequence:D4}");

    [GeneratedRegex("^[A-Z]{2,4}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^(?<prefix>[A-Za-z]{2,4})-(?<year>[0-9]{4})-(?<seq>[0-9]{1,9})$")]
    private static partial Regex NumberPattern();
}
