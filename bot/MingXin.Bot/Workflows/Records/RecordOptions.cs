using System.ComponentModel.DataAnnotations;
namespace MingXin.Bot.Workflows.Records;

/// <summary>Records, exports and dashboards (section <c>Records</c>).</summary>
public sealed class RecordOptions
{
    public const string SectionName = "Records";

    /// <summary>The bot's public address, for export links (e.g. <c>https://mingxin-bot.azurewebsites.net</c>).</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:3978";

    /// <summary>How long an export link works after the search that made it (each link downloads once).</summary>
    [Range(1, 1440)]
    public int ExportLinkMinutes { get; set; } = 10;

    /// <summary>How many exports one person may download per minute (per instance of the bot).</summary>
    [Range(1, 1000)]
    public int ExportsPerMinute { get; set; } = 5;
}
