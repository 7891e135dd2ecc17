namespace MingXin.Bot.Scheduling;

/// <summary>Configuration section <c>Calendar</c>: the factory's working time.</summary>
public sealed class CalendarOptions
{
    public const string SectionName = "Calendar";

    /// <summary>Folder of the official holiday schedules, one <c>cn-YYYY.json</c> per year (relative to the app's folder).</summary>
    public string Folder { get; set; } = "Calendars";

    /// <summary>Worked days of an ordinary week.</summary>
    public List<DayOfWeek> WorkingDays { get; set; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday];

    /// <summary>Working periods of a day, <c>HH:mm-HH:mm</c>.</summary>
    public List<string> WorkingHours { get; set; } = ["08:00-12:00", "13:30-17:30"];
}
