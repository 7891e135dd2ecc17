using MingXin.Bot.Hosting;
using System.Globalization;
using MingXin.Bot.Domain.Calendar;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Scheduling;

/// <summary>Builds the <see cref="BusinessCalendar"/> from configuration and the schedule files.</summary>
public static class CalendarLoader
{
    public static BusinessCalendar Load(CalendarOptions options, string contentRoot, ILogger logger)
    {
        var folder = Path.IsPathRooted(options.Folder) ? options.Folder : Path.Combine(contentRoot, options.Folder);
        var schedules = new List<HolidaySchedule>();
        if (System.IO.Directory.Exists(folder))
        {
            foreach (var file in System.IO.Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                try
                {
                    schedules.Add(HolidaySchedule.Parse(File.ReadAllText(file)));
                }
                catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    throw new InvalidOperationException($"The holiday schedule {Path.GetFileName(file)} is not valid: {ex.Message}", ex);
                }
            }
        }

        logger.LogInformation("Business calendar: holiday schedules for {Years}.", schedules.Count == 0 ? "no year" : string.Join(", ", schedules.Select(s => s.Year)));
        var week = new WorkWeek(options.WorkingDays.ToHashSet(), options.WorkingHours.Select(ParsePeriod).ToList());
        return new BusinessCalendar(week, schedules, BusinessCalendar.FactoryZone, year =>
            logger.LogWarning("No holiday schedule for {Year}: dates in it follow the ordinary working week. Add Calendars/cn-{Year}.json.", year, year));
    }

    internal static WorkingPeriod ParsePeriod(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            throw new InvalidOperationException($"Calendar:WorkingHours has '{text}'; write periods as HH:mm-HH:mm, e.g. 08:00-12:00.");
        }

        return new WorkingPeriod(start, end);
    }

    public static IServiceCollection AddBusinessCalendar(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CalendarOptions>(configuration, CalendarOptions.SectionName);
        services.AddSingleton(sp => Load(
            sp.GetRequiredService<IOptions<CalendarOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath is { Length: > 0 } root && System.IO.Directory.Exists(Path.Combine(root, "Calendars")) ? root : AppContext.BaseDirectory,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("MingXin.Bot.Scheduling.Calendar")));
        return services;
    }
}
