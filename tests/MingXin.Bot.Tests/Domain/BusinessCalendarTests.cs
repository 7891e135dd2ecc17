using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Scheduling;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace MingXin.Bot.Tests.Domain;

public sealed class BusinessCalendarTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly HolidaySchedule Official2026 = HolidaySchedule.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "bot", "MingXin.Bot", "Calendars", "cn-2026.json")));

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0, int year = 2026) => new(year, month, day, hour, minute, 0, China);

    private static BusinessCalendar Calendar(List<int>? notCovered = null) =>
        new(WorkWeek.Default, [Official2026], BusinessCalendar.FactoryZone, year => notCovered?.Add(year));

    [Theory]
    [InlineData(11, 27, 11, 0, 2, 11, 27, 14, 30)] // across lunch (12:00–13:30)
    [InlineData(11, 27, 9, 0, 2, 11, 27, 11, 0)] // inside the morning
    [InlineData(11, 27, 17, 0, 2, 11, 28, 9, 30)] // across the night: Saturday is a working day
    [InlineData(11, 28, 17, 0, 2, 11, 30, 9, 30)] // Saturday evening: Sunday is a rest day
    [InlineData(11, 27, 6, 0, 1, 11, 27, 9, 0)] // before the day starts
    [InlineData(11, 27, 12, 30, 1, 11, 27, 14, 30)] // asked during lunch
    [InlineData(9, 30, 17, 0, 2, 10, 8, 9, 30)] // National Day holiday, 1–7 October
    [InlineData(1, 3, 10, 0, 2, 1, 4, 10, 0)] // 3 January is a holiday; Sunday 4 January a make-up working day (调休)
    [InlineData(2, 13, 17, 0, 2, 2, 14, 9, 30)] // into Saturday 14 February, a make-up working day before Spring Festival
    [InlineData(2, 14, 17, 0, 2, 2, 24, 9, 30)] // Spring Festival, 15–23 February
    public void Working_time_is_added_across_lunch_nights_rest_days_holidays_and_make_up_days(
        int month, int day, int hour, int minute, int hours, int toMonth, int toDay, int toHour, int toMinute)
    {
        var due = Calendar().AddWorkingTime(At(month, day, hour, minute), TimeSpan.FromHours(hours));

        Assert.Equal(At(toMonth, toDay, toHour, toMinute), due);
    }

    [Fact]
    public void Time_given_in_utc_is_worked_out_in_the_factorys_zone()
    {
        var start = new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero); // 11:00 in Shenzhen

        Assert.Equal(At(11, 27, 14, 30), Calendar().AddWorkingTime(start, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Working_time_between_two_moments_skips_lunch_nights_and_rest_days()
    {
        var calendar = Calendar();

        Assert.Equal(TimeSpan.FromHours(2), calendar.WorkingTimeBetween(At(11, 27, 11, 0), At(11, 27, 14, 30)));
        Assert.Equal(TimeSpan.FromHours(8), calendar.WorkingTimeBetween(At(11, 28, 8, 0), At(11, 30, 8, 0)));
        Assert.Equal(TimeSpan.FromHours(0.5), calendar.WorkingTimeBetween(At(9, 30, 17, 0), At(10, 8, 8, 0)));
        Assert.Equal(TimeSpan.Zero, calendar.WorkingTimeBetween(At(11, 27, 14, 0), At(11, 27, 13, 0)));
    }

    [Fact]
    public void Adding_and_measuring_agree()
    {
        var calendar = Calendar();
        for (var minutes = 1; minutes < 3 * 24 * 60; minutes += 97)
        {
            var start = At(9, 28, 7, 13).AddMinutes(minutes * 3);
            var due = calendar.AddWorkingTime(start, TimeSpan.FromMinutes(minutes));
            Assert.Equal(TimeSpan.FromMinutes(minutes), calendar.WorkingTimeBetween(start, due));
        }
    }

    [Fact]
    public void A_year_without_a_schedule_follows_the_ordinary_week_and_is_reported_once()
    {
        var notCovered = new List<int>();
        var calendar = Calendar(notCovered);

        var due = calendar.AddWorkingTime(At(1, 1, 10, 0, year: 2027), TimeSpan.FromHours(1)); // a Friday: worked, no schedule says otherwise
        calendar.AddWorkingTime(At(1, 2, 10, 0, year: 2027), TimeSpan.FromHours(1));

        Assert.Equal(At(1, 1, 11, 0, year: 2027), due);
        Assert.Equal([2027], notCovered);
    }

    [Fact]
    public void The_shipped_2026_schedule_has_the_official_holidays_and_make_up_days()
    {
        Assert.Equal(2026, Official2026.Year);
        Assert.Equal(7, Official2026.Holidays.Count);
        Assert.Equal(6, Official2026.MakeUpWorkdays.Count);
        Assert.False(Calendar().IsWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.True(Calendar().IsWorkingDay(new DateOnly(2026, 1, 4)));
        Assert.False(Calendar().IsWorkingDay(new DateOnly(2026, 11, 29)));
    }

    [Fact]
    public void The_loader_reads_every_schedule_file_and_the_configured_hours()
    {
        var options = new CalendarOptions { Folder = Path.Combine(RepositoryRoot.Path, "bot", "MingXin.Bot", "Calendars"), WorkingDays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], WorkingHours = ["09:00-18:00"] };

        var calendar = CalendarLoader.Load(options, RepositoryRoot.Path, NullLogger.Instance);

        Assert.Equal([2026], calendar.YearsCovered);
        Assert.Equal(At(11, 30, 10, 0), calendar.AddWorkingTime(At(11, 27, 17, 0), TimeSpan.FromHours(2))); // no Saturday in this week
    }

    [Theory]
    [InlineData("8:00-12:00")]
    [InlineData("08:00")]
    [InlineData("noon-night")]
    public void Badly_written_hours_stop_the_start_with_a_clear_message(string hours) =>
        Assert.Contains("HH:mm-HH:mm", Assert.Throws<InvalidOperationException>(() => CalendarLoader.ParsePeriod(hours)).Message, StringComparison.Ordinal);

    [Fact]
    public void Overlapping_periods_are_refused() =>
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(
            new WorkWeek(new HashSet<DayOfWeek> { DayOfWeek.Monday }, [new WorkingPeriod(new TimeOnly(8, 0), new TimeOnly(12, 0)), new WorkingPeriod(new TimeOnly(11, 0), new TimeOnly(13, 0))]),
            [],
            BusinessCalendar.FactoryZone));
}
