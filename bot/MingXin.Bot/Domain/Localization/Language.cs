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

    public static string Tag(this Language language) => language == Language.Chinese ? "zh-CN" : "en";

    /// <summary>The text in this language (the domain's messages; cards use the presentation layer's own helper).</summary>
    public static string Say(this Language language, string chinese, string english) => language == Language.Chinese ? chinese : english;
}
