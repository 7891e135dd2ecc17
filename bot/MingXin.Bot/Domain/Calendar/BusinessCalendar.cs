using System.Text.Json;

namespace MingXin.Bot.Domain.Calendar;

/// <summary>One stretch of working time in a day, e.g. 08:00–12:00.</summary>
public sealed record WorkingPeriod(TimeOnly Start, TimeOnly End)
{
    public TimeSpan Length => End - Start;
}

/// <summary>The factory's ordinary week: which days are worked, and the periods of a working day.</summary>
public sealed record WorkWeek(IReadOnlySet<DayOfWeek> WorkingDays, IReadOnlyList<WorkingPeriod> Periods)
{
    /// <summary>Mon–Sat, 08:00–12:00 and 13:30–17:30.</summary>
    public static WorkWeek Default { get; } = new(
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday },
        [new WorkingPeriod(new TimeOnly(8, 0), new TimeOnly(12, 0)), new WorkingPeriod(new TimeOnly(13, 30), new TimeOnly(17, 30))]);
}

/// <summary>
/// One year's official schedule: public holidays and make-up working days (调休), as the State
/// Council publishes it (<c>Calendars/cn-YYYY.json</c>).
/// </summary>
public sealed record HolidaySchedule(int Year, IReadOnlyList<Holiday> Holidays, IReadOnlySet<DateOnly> MakeUpWorkdays)
{
    /// <summary>Reads the JSON form: <c>{ "year": 2026, "holidays": [{ "name", "from", "to" }], "makeUpWorkdays": ["2026-01-04"] }</c>.</summary>
    public static HolidaySchedule Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var year = root.GetProperty("year").GetInt32();
        var holidays = root.GetProperty("holidays").EnumerateArray()
            .Select(h => new Holiday(h.GetProperty("name").GetString() ?? string.Empty, DateOnly.Parse(h.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(h.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        var makeUp = root.TryGetProperty("makeUpWorkdays", out var days)
            ? days.EnumerateArray().Select(d => DateOnly.Parse(d.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet()
            : [];
        if (holidays.Any(h => h.To < h.From) || holidays.Any(h => h.From.Year != year && h.To.Year != year))
        {
            throw new FormatException($"The {year} calendar has a holiday that ends before it starts or lies outside the year.");
        }

        return new HolidaySchedule(year, holidays, makeUp);
    }
}

public sealed record Holiday(string Name, DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;
}

/// <summary>
/// Working-time arithmetic in the factory's time zone: working hours, rest days, public holidays and
/// make-up working days. A date in a year no schedule covers follows the ordinary week, and
/// <c>yearNotCovered</c> is told once per such year (so it can be logged).
/// </summary>
public sealed class BusinessCalendar
{
    private const int MaxDaysSearched = 3660;
    private readonly WorkWeek _week;
    private readonly Dictionary<int, HolidaySchedule> _years;
    private readonly TimeZoneInfo _zone;
    private readonly Action<int>? _yearNotCovered;
    private readonly HashSet<int> _reported = [];
    private readonly Lock _gate = new();

    public BusinessCalendar(WorkWeek week, IEnumerable<HolidaySchedule> schedules, TimeZoneInfo zone, Action<int>? yearNotCovered = null)
    {
        if (week.Periods.Count == 0 || week.Periods.Any(p => p.End <= p.Start) || week.Periods.Zip(week.Periods.Skip(1)).Any(x => x.Second.Start < x.First.End))
        {
            throw new ArgumentException("Working periods must be non-empty, in order and not overlap.", nameof(week));
        }

        _week = week;
        _years = schedules.ToDictionary(s => s.Year);
        _zone = zone;
        _yearNotCovered = yearNotCovered;
    }

    public static TimeZoneInfo FactoryZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public IReadOnlyCollection<int> YearsCovered => _years.Keys;

    public bool IsWorkingDay(DateOnly day)
    {
        if (_years.TryGetValue(day.Year, out var schedule))
        {
            if (schedule.MakeUpWorkdays.Contains(day))
            {
                return true;
            }

            if (schedule.Holidays.Any(h => h.Contains(day)))
            {
                return false;
            }
        }
        else
        {
            ReportOnce(day.Year);
        }

        return _week.WorkingDays.Contains(day.DayOfWeek);
    }

    /// <summary>The moment when <paramref name="duration"/> of working time has passed after <paramref name="start"/>.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (duration == TimeSpan.Zero)
        {
            return start;
        }

        var cursor = TimeZoneInfo.ConvertTime(start, _zone).DateTime;
        var remaining = duration;
        for (var i = 0; i < MaxDaysSearched; i++)
        {
            var day = DateOnly.FromDateTime(cursor);
            if (IsWorkingDay(day))
            {
                foreach (var period in _week.Periods)
                {
                    var periodEnd = day.ToDateTime(period.End);
                    if (cursor >= periodEnd)
                    {
                        continue;
                    }

                    var from = cursor > day.ToDateTime(period.Start) ? cursor : day.ToDateTime(period.Start);
                    var available = periodEnd - from;
                    if (remaining <= available)
                    {
                        return ToOffset(from + remaining);
                    }

                    remaining -= available;
                    cursor = periodEnd;
                }
            }

            cursor = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        }

        throw new InvalidOperationException($"No working time found within {MaxDaysSearched} days of {start:O}.");
    }

    /// <summary>Working time between two moments (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var start = TimeZoneInfo.ConvertTime(from, _zone).DateTime;
        var end = TimeZoneInfo.ConvertTime(to, _zone).DateTime;
        var total = TimeSpan.Zero;
        for (var day = DateOnly.FromDateTime(start); day <= DateOnly.FromDateTime(end); day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            foreach (var period in _week.Periods)
            {
                var a = Max(start, day.ToDateTime(period.Start));
                var b = Min(end, day.ToDateTime(period.End));
                if (b > a)
                {
                    total += b - a;
                }
            }
        }

        return total;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private DateTimeOffset ToOffset(DateTime local) => new(local, _zone.GetUtcOffset(local));

    private void ReportOnce(int year)
    {
        bool first;
        lock (_gate)
        {
            first = _reported.Add(year);
        }

        if (first)
        {
            _yearNotCovered?.Invoke(year);
        }
    }
}
