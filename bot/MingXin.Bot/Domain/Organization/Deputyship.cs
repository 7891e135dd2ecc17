using System.Globalization;
using System.Text.RegularExpressions;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Organization;

/// <summary>Someone away whose steps a deputy takes today, and the positions that brings.</summary>
public sealed record Cover(string PrincipalId, string PrincipalName, IReadOnlySet<Position> Positions);

/// <summary>
/// A person names a deputy for the days they are away (代理): from <see cref="From"/> to
/// <see cref="To"/> (factory dates, both included) the deputy acts on the principal's steps, the audit
/// names both, and reminders and escalations that would go to the principal also go to the deputy.
/// Ended early when the principal says so (<see cref="EndedAt"/>).
/// </summary>
public sealed record Deputyship(string PrincipalId, string PrincipalName, string DeputyId, string DeputyName, DateOnly From, DateOnly To, PersonRef RecordedBy, DateTimeOffset RecordedAt, DateTimeOffset? EndedAt = null)
{
    /// <summary>The longest absence one deputyship covers; a longer one is a change of position, not a deputy.</summary>
    public const int MaxDays = 92;

    public bool ActiveOn(DateOnly day) => EndedAt is null && From <= day && day <= To;

    /// <summary>Still to come or running on <paramref name="today"/>.</summary>
    public bool Current(DateOnly today) => EndedAt is null && To >= today;

    /// <summary>
    /// What is wrong with a deputyship as typed: dates missing or the wrong way round, in the past, too
    /// long; a deputy who is the principal; days that overlap another current deputyship of the principal.
    /// </summary>
    public static IReadOnlyList<FieldProblem> Problems(string principalId, string deputyId, DateOnly? from, DateOnly? to, DateOnly today, IEnumerable<Deputyship> existing)
    {
        var problems = new List<FieldProblem>();
        if (string.Equals(principalId, deputyId, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new FieldProblem("deputy", ProblemKind.Duplicate));
        }

        if (from is null || to is null)
        {
            problems.Add(new FieldProblem(from is null ? "from" : "to", ProblemKind.Required));
            return problems;
        }

        if (to < today)
        {
            problems.Add(new FieldProblem("to", ProblemKind.DateInPast));
        }
        else if (to < from)
        {
            problems.Add(new FieldProblem("to", ProblemKind.Unknown));
        }
        else if (to.Value.DayNumber - from.Value.DayNumber + 1 > MaxDays)
        {
            problems.Add(new FieldProblem("to", ProblemKind.TooLarge, MaxDays));
        }
        else if (existing.Any(d => string.Equals(d.PrincipalId, principalId, StringComparison.OrdinalIgnoreCase) && d.Current(today) && d.From <= to && from <= d.To))
        {
            problems.Add(new FieldProblem("from", ProblemKind.Duplicate)); // those days already have a deputy
        }

        return problems;
    }
}

/// <summary>
/// What <c>deputy …</c> / <c>代理 …</c> asks: name a deputy for a date range, end one's deputyships, or
/// (nothing after the word) list them. Parsing is pure.
/// </summary>
public abstract partial record DeputyRequest
{
    private DeputyRequest()
    {
    }

    public sealed record List : DeputyRequest;

    public sealed record End : DeputyRequest;

    /// <summary>A deputy by (part of) their name, and the days; a date that could not be read is null.</summary>
    public sealed record Name(string Deputy, DateOnly? From, DateOnly? To) : DeputyRequest;

    private static readonly string[] EndWords = ["off", "end", "stop", "cancel", "取消", "结束", "停止"];

    /// <param name="text">What followed the command word.</param>
    /// <param name="today">The factory's date: a date without a year is the next such day from today.</param>
    public static DeputyRequest Parse(string text, DateOnly today)
    {
        var t = text.Trim();
        if (t.Length == 0)
        {
            return new List();
        }

        if (EndWords.Contains(t.ToLowerInvariant()))
        {
            return new End();
        }

        var dates = DatePattern().Matches(t).ToList();
        var name = (dates.Count > 0 ? t[..dates[0].Index] : t).Trim();
        name = Joiners().Replace(name, string.Empty).Trim();
        DateOnly? Date(int i) => i < dates.Count ? Read(dates[i], today) : null;
        var from = Date(0);
        var to = dates.Count > 1 ? Date(1) : from; // one date: that day only
        return new Name(name, from, to);
    }

    private static DateOnly? Read(Match m, DateOnly today)
    {
        var year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : today.Year;
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        var date = new DateOnly(year, month, day);
        return !m.Groups["y"].Success && date < today.AddDays(-31) ? date.AddYears(1) : date;
    }

    // 2026-12-01, 2026/12/01, 12-01, 12/1, 12月1日, 2026年12月1日
    [GeneratedRegex(@"(?:(?<y>\d{4})\s*[-/年.]\s*)?(?<m>\d{1,2})\s*[-/月.]\s*(?<d>\d{1,2})\s*[日号]?")]
    private static partial Regex DatePattern();

    // "from … to …", "从 … 到/至 …" around the name and between the dates.
    [GeneratedRegex(@"\s*(?:\bfrom\b|\bto\b|\buntil\b|从|自|到|至|~|～|—|–)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Joiners();
}
