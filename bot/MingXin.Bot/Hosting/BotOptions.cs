using System.ComponentModel.DataAnnotations;
namespace MingXin.Bot.Hosting;

/// <summary>Configuration section <c>Bot</c>.</summary>
public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>Language of posts that answer nobody in particular (channel posts), and of turns without a locale: <c>zh-CN</c> or <c>en</c>.</summary>
    [RegularExpression("^(zh|en)(-[A-Za-z]{2,4})?$", ErrorMessage = "must be a Chinese or English locale such as zh-CN or en-US.")]
    public string DefaultLanguage { get; set; } = "zh-CN";

    /// <summary>
    /// How many requests from Teams are read and decided at once; the others wait their turn before their body is
    /// read. A turn mostly waits on storage, so a few dozen keep both cores and the storage busy, and a burst of
    /// hundreds holds only what a waiting request is (its connection), not hundreds of turns half done. A turn
    /// leaves the count when it starts answering through Teams (which may make it wait for Teams' limits).
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentTurns { get; set; } = 32;

    /// <summary>How many may wait beyond those; one more is answered 503 with Retry-After, and Teams delivers it again later.</summary>
    [Range(0, 100_000)]
    public int MaxWaitingTurns { get; set; } = 2_000;
}
