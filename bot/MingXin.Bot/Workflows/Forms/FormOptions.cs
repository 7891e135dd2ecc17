using System.ComponentModel.DataAnnotations;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>
/// Section <c>Forms</c>: what every form accepts. A date typed on any card (a delivery date, the date a
/// customer agreed, a date received) lies in a window around today — 9999-12-31 is a typing slip, not a
/// delivery date.
/// </summary>
public sealed class FormOptions
{
    public const string SectionName = "Forms";

    /// <summary>How many days before today a date may be.</summary>
    [Range(1, 3660)]
    public int DatesPastDays { get; set; } = 366;

    /// <summary>How many days after today a date may be.</summary>
    [Range(1, 3660)]
    public int DatesFutureDays { get; set; } = 731;
}
