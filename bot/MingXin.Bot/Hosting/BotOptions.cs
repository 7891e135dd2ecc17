using System.ComponentModel.DataAnnotations;
namespace MingXin.Bot.Hosting;

/// <summary>Configuration section <c>Bot</c>.</summary>
public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>Language of posts that answer nobody in particular (channel posts), and of turns without a locale: <c>zh-CN</c> or <c>en</c>.</summary>
    [RegularExpression("^(zh|en)(-[A-Za-z]{2,4})?$", ErrorMessage = "must be a Chinese or English locale such as zh-CN or en-US.")]
    public string DefaultLanguage { get; set; } = "zh-CN";
}
