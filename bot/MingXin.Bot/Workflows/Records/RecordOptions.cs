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

    /// <summary>How long an export link works after the search that made it.</summary>
    [Range(1, 1440)]
    public int ExportLinkMinutes { get; set; } = 60;
}
