using System.ComponentModel.DataAnnotations;
namespace MingXin.Bot.Scheduling;

/// <summary>Configuration section <c>Calendar</c>: the factory's working time.</summary>
public sealed class CalendarOptions : IValidatableObject
{
    public const string SectionName = "Calendar";

    /// <summary>Folder of the official holiday schedules, one <c>cn-YYYY.json</c> per year (relative to the app's folder).</summary>
    public string Folder { get; set; } = "Calendars";

    /// <summary>Worked days of an ordinary week.</summary>
    public List<DayOfWeek> WorkingDays { get; set; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday];

    /// <summary>Working periods of a day, <c>HH:mm-HH:mm</c>.</summary>
    public List<string> WorkingHours { get; set; } = ["08:00-12:00", "13:30-17:30"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var period in WorkingHours.Where(p => !System.Text.RegularExpressions.Regex.IsMatch(p ?? string.Empty, "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$")))
        {
            yield return new ValidationResult($"has '{period}'; write periods as HH:mm-HH:mm, e.g. 08:00-12:00.", [nameof(WorkingHours)]);
        }

        if (WorkingDays.Count == 0)
        {
            yield return new ValidationResult("names no working day.", [nameof(WorkingDays)]);
        }
    }
}
