using System.Globalization;

namespace MingXin.Bot.Domain.Records;

/// <summary>How the two-hour rule (4.2.2) went for the notices that reached Production in a window.</summary>
public sealed record TwoHourFigures(int OnTime, int Late, int Pending)
{
    public int Answered => OnTime + Late;

    /// <summary>On time as a share of those answered or breached, in percent (one decimal); null when none were.</summary>
    public double? OnTimeRate => Answered == 0 ? null : Math.Round(100.0 * OnTime / Answered, 1);
}

/// <summary>Open records waiting on one department, by how long they have waited.</summary>
public sealed record OpenItems(string Department, IReadOnlyList<int> ByAge)
{
    /// <summary>The age buckets, in days: under 1, 1–3, 3–7, 7 and over.</summary>
    public static readonly double[] Bounds = [1, 3, 7];

    public int Total => ByAge.Sum();
}

/// <summary>Complaints closed in a month: how many, and their average days from registration to closure.</summary>
public sealed record ClosureMonth(string Month, int Closed, double AverageDays);

/// <summary>Surveys of a period: how many, and their average score over all five aspects.</summary>
public sealed record SurveyPeriodScore(string Period, int Surveys, double Average);

/// <summary>
/// On-time delivery in a month (by the day the goods left), for one customer or for all (<see cref="Customer"/>
/// null): shipments measured against a delivery date in force, and how many left by it.
/// </summary>
public sealed record OnTimeMonth(string Month, string? Customer, int Shipments, int OnTime)
{
    /// <summary>On time as a share of the shipments, in percent (one decimal).</summary>
    public double Rate => Shipments == 0 ? 0 : Math.Round(100.0 * OnTime / Shipments, 1);
}

/// <summary>
/// Returns in a month for one customer or for all (<see cref="Customer"/> null): pieces returned on Customer
/// Returns registered that month against pieces shipped on Delivery Notes that month.
/// </summary>
public sealed record ReturnMonth(string Month, string? Customer, int Shipped, int Returned)
{
    /// <summary>Returned per million shipped (ppm, whole numbers); null when nothing was shipped that month.</summary>
    public double? Ppm => Shipped == 0 ? null : Math.Round(1_000_000.0 * Returned / Shipped);
}

/// <summary>The dashboard's figures, computed from the record index alone (no form is read).</summary>
public sealed record DashboardFigures(
    DateOnly From,
    DateOnly To,
    TwoHourFigures TwoHour,
    IReadOnlyList<OpenItems> Open,
    IReadOnlyList<ClosureMonth> Closure,
    IReadOnlyList<SurveyPeriodScore> Satisfaction,
    string? Customer,
    IReadOnlyList<string>? AtRisk = null,
    IReadOnlyList<OnTimeMonth>? OnTimeDelivery = null,
    IReadOnlyList<ReturnMonth>? ReturnRate = null,
    IReadOnlyList<int>? OpenReturns = null)
{
    /// <summary>The return rate over the whole window, all customers (or the one asked for); null when nothing was shipped.</summary>
    public ReturnMonth? ReturnTotal => ReturnRate?.Where(m => m.Customer is null).ToList() is { Count: > 0 } all && all.Sum(m => m.Shipped) > 0
        ? new ReturnMonth(string.Empty, Customer, all.Sum(m => m.Shipped), all.Sum(m => m.Returned))
        : null;

    /// <summary>How many customers the on-time chart draws besides all of them (the most shipments first).</summary>
    public const int OnTimeCustomersCharted = 4;

    /// <summary>On-time delivery over the whole window, all customers (or the one asked for); null when nothing was shipped against a date.</summary>
    public OnTimeMonth? OnTimeTotal => OnTimeDelivery?.Where(m => m.Customer is null).ToList() is { Count: > 0 } all
        ? new OnTimeMonth(string.Empty, Customer, all.Sum(m => m.Shipments), all.Sum(m => m.OnTime))
        : null;

    public int OpenTotal => Open.Sum(o => o.Total);

    public int ClosedComplaints => Closure.Sum(c => c.Closed);

    /// <summary>The average closure time over the whole window (weighted by month), in days; null when none closed.</summary>
    public double? AverageClosureDays => ClosedComplaints == 0 ? null : Math.Round(Closure.Sum(c => c.AverageDays * c.Closed) / ClosedComplaints, 1);

    /// <summary>
    /// Computes the figures. <paramref name="notices"/>, <paramref name="complaints"/> and
    /// <paramref name="surveys"/> are the index rows of those kinds made in the window; <paramref name="open"/>
    /// every open record; <paramref name="customer"/> limits everything but the open items to one customer.
    /// </summary>
    /// <param name="deliveries">Delivery Notes made in the window: each shipped one counts in the month it left.</param>
    /// <param name="returns">Customer Returns made in the window: each counts in the month it was registered.</param>
    public static DashboardFigures Compute(DateOnly from, DateOnly to, IEnumerable<RecordSummary> notices, IEnumerable<RecordSummary> complaints, IEnumerable<RecordSummary> surveys, IEnumerable<RecordSummary> open, DateTimeOffset now, TimeZoneInfo zone, string? customer = null, IEnumerable<RecordSummary>? deliveries = null, IEnumerable<RecordSummary>? returns = null)
    {
        bool Ours(RecordSummary r) => customer is null || string.Equals(r.Customer, customer, StringComparison.Ordinal);
        var n = notices.Where(Ours).ToList();
        var twoHour = new TwoHourFigures(n.Count(r => r.TwoHour == TwoHourOutcome.OnTime), n.Count(r => r.TwoHour == TwoHourOutcome.Late), n.Count(r => r.TwoHour == TwoHourOutcome.Pending));

        var waiting = open.Where(r => r.State == RecordState.Open && r.WaitingOn is { Count: > 0 }).ToList();
        var openItems = waiting.SelectMany(r => r.WaitingOn!.Select(d => (Department: d, Days: (now - (r.WaitingSince ?? r.CreatedAt)).TotalDays)))
            .GroupBy(x => x.Department)
            .Select(g => new OpenItems(g.Key, Enumerable.Range(0, OpenItems.Bounds.Length + 1).Select(b => g.Count(x => Bucket(x.Days) == b)).ToList()))
            .OrderByDescending(o => o.Total).ThenBy(o => o.Department, StringComparer.Ordinal)
            .ToList();

        var closure = complaints.Where(Ours).Where(r => r.State == RecordState.Closed && r.ClosedAt is not null)
            .GroupBy(r => TimeZoneInfo.ConvertTime(r.ClosedAt!.Value, zone).ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ClosureMonth(g.Key, g.Count(), Math.Round(g.Average(r => (r.ClosedAt!.Value - r.CreatedAt).TotalDays), 1)))
            .ToList();

        var satisfaction = surveys.Where(Ours).Where(r => r.State == RecordState.Closed && r.Scores is { Count: > 0 } && r.Period is not null)
            .GroupBy(r => r.Period!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SurveyPeriodScore(g.Key, g.Count(), Math.Round(g.Average(r => r.Scores!.Values.Average()), 2)))
            .ToList();

        // Notices whose customer refused a new date, waiting for the general manager (4.2.3).
        var atRisk = open.Where(r => r.AtRisk && r.State == RecordState.Open && Ours(r)).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
        // Open returns by age (since registered), whoever they wait on.
        var openReturns = open.Where(r => r.Kind == Returns.CustomerReturn.Kind && r.State == RecordState.Open && Ours(r)).Select(r => Bucket((now - r.CreatedAt).TotalDays)).ToList();
        var returnAges = Enumerable.Range(0, OpenItems.Bounds.Length + 1).Select(b => openReturns.Count(x => x == b)).ToList();
        var deliveryRows = (deliveries ?? []).ToList();
        return new DashboardFigures(from, to, twoHour, openItems, closure, satisfaction, customer, atRisk, OnTime(deliveryRows, customer), ReturnRates(deliveryRows, returns ?? [], zone, customer), returnAges);
    }

    /// <summary>Returned ÷ shipped per month, all customers (or the one asked for), then — for all — each customer that shipped or returned.</summary>
    private static List<ReturnMonth> ReturnRates(IReadOnlyList<RecordSummary> deliveries, IEnumerable<RecordSummary> returns, TimeZoneInfo zone, string? customer)
    {
        bool Ours(RecordSummary r) => r.State != RecordState.Cancelled && (customer is null || string.Equals(r.Customer, customer, StringComparison.Ordinal));
        var shipped = deliveries.Where(r => Ours(r) && r.Delivery is not null)
            .Select(r => (Month: r.Delivery!.ShippedOn.ToString("yyyy-MM", CultureInfo.InvariantCulture), r.Customer, Shipped: r.Delivery.Quantity, Returned: 0));
        var returned = returns.Where(r => Ours(r) && r.Returned is > 0)
            .Select(r => (Month: TimeZoneInfo.ConvertTime(r.CreatedAt, zone).ToString("yyyy-MM", CultureInfo.InvariantCulture), r.Customer, Shipped: 0, Returned: r.Returned!.Value));
        var rows = shipped.Concat(returned).ToList();
        var all = rows.GroupBy(x => x.Month).Select(g => new ReturnMonth(g.Key, null, g.Sum(x => x.Shipped), g.Sum(x => x.Returned)));
        var perCustomer = customer is not null ? [] : rows.Where(x => x.Customer is not null).GroupBy(x => (x.Month, x.Customer)).Select(g => new ReturnMonth(g.Key.Month, g.Key.Customer, g.Sum(x => x.Shipped), g.Sum(x => x.Returned)));
        return all.Concat(perCustomer).OrderBy(m => m.Month, StringComparer.Ordinal).ThenBy(m => m.Customer ?? string.Empty, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// On-time delivery per month: all customers (or the one asked for), then — for all — each customer with
    /// shipments. A shipment counts against the delivery date in force when it left; one with no fixed date
    /// (the order gave a schedule instead) is not counted.
    /// </summary>
    private static List<OnTimeMonth> OnTime(IEnumerable<RecordSummary> deliveries, string? customer)
    {
        var shipped = deliveries.Where(r => r.State != RecordState.Cancelled && r.Delivery is { DueOn: not null } && (customer is null || string.Equals(r.Customer, customer, StringComparison.Ordinal))).ToList();
        static string Month(RecordSummary r) => r.Delivery!.ShippedOn.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var all = shipped.GroupBy(Month).Select(g => new OnTimeMonth(g.Key, null, g.Count(), g.Count(r => !r.Delivery!.Late)));
        var perCustomer = customer is not null ? [] : shipped.Where(r => r.Customer is not null).GroupBy(r => (Month: Month(r), r.Customer)).Select(g => new OnTimeMonth(g.Key.Month, g.Key.Customer, g.Count(), g.Count(r => !r.Delivery!.Late)));
        return all.Concat(perCustomer).OrderBy(m => m.Month, StringComparer.Ordinal).ThenBy(m => m.Customer ?? string.Empty, StringComparer.Ordinal).ToList();
    }

    private static int Bucket(double days)
    {
        for (var i = 0; i < OpenItems.Bounds.Length; i++)
        {
            if (days < OpenItems.Bounds[i])
            {
                return i;
            }
        }

        return OpenItems.Bounds.Length;
    }
}
