using System.Globalization;
using System.Text;

namespace MingXin.Bot.Domain;

/// <summary>
/// What people type, as the bot keeps and compares it: Unicode compatibility form (NFKC: full-width
/// digits and letters from a Chinese input method become ordinary ones, "１２００" is 1200) with the
/// invisible format characters removed — zero-width spaces and joiners, direction overrides (U+202E),
/// byte-order marks — which otherwise make "华美\u200b礼品" a second customer that looks the same.
/// </summary>
public static class TypedText
{
    public static string Clean(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var normalized = text.Normalize(NormalizationForm.FormKC);
        if (!normalized.Any(IsInvisible))
        {
            return normalized;
        }

        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (!IsInvisible(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A format character (Unicode category Cf): shapes or directs text but shows nothing itself.</summary>
    public static bool IsInvisible(char c) => char.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
