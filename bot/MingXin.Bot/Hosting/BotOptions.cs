namespace MingXin.Bot.Hosting;

/// <summary>Configuration section <c>Bot</c>.</summary>
public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>Language of posts that answer nobody in particular (channel posts), and of turns without a locale: <c>zh-CN</c> or <c>en</c>.</summary>
    public string DefaultLanguage { get; set; } = "zh-CN";
}
