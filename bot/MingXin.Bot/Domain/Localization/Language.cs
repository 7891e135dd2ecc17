namespace MingXin.Bot.Domain;

/// <summary>The two languages every card and message is written in.</summary>
public enum Language
{
    Chinese,
    English,
}

public static class Languages
{
    /// <summary>
    /// Chooses the language from a Teams locale (<c>zh-CN</c>, <c>zh-cn</c>, <c>en-US</c> …); any Chinese
    /// locale gives Chinese, any other known locale English, and a missing one the configured default.
    /// </summary>
    public static Language FromLocale(string? locale, Language fallback)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return fallback;
        }

        return locale.Trim().StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Language.Chinese : Language.English;
    }

    /// <summary>
    /// The language a typed message is written in, when it says so: the script most of it is in, a
    /// Chinese character weighing as three Latin letters (form numbers such as QT-2026-0001 aside — an
    /// English e-mail that names 华美礼品 is still English, <c>records 华美</c> still a command in
    /// English); with neither (numbers, signs) the locale's.
    /// </summary>
    public static Language FromText(string? text, Language fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        var words = System.Text.RegularExpressions.Regex.Replace(text, @"\b[A-Za-z]{2}-\d{4}-\d+\b", " ", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        var han = words.Count(c => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF');
        var latin = words.Count(char.IsAsciiLetter);
        return han == 0 && latin < 2 ? fallback : han * 3 >= latin ? Language.Chinese : Language.English;
    }

    public static string Tag(this Language language) => language == Language.Chinese ? "zh-CN" : "en";

    /// <summary>The text in this language (the domain's messages; cards use the presentation layer's own helper).</summary>
    public static string Say(this Language language, string chinese, string english) => language == Language.Chinese ? chinese : english;
}
