using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Records;
using MingXin.Cards;

namespace MingXin.Bot.Presentation;

/// <summary>The dashboard as an Adaptive Card with the chart elements Teams renders (<c>cards/templates/dashboard.json</c>).</summary>
public static class DashboardCardView
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] AgeColors = ["good", "warning", "categoricalMarigold", "attention"];
    private static readonly string[] SeriesColors = ["categoricalBlue", "categoricalPurple", "categoricalLavender", "categoricalRed", "categoricalGreen"];

    /// <summary>The notices at risk (the customer refused a new date; the GM decides), as a dashboard fact; none when there are none.</summary>
    public static IReadOnlyList<(string Label, string Value)> RiskFacts(DashboardFigures f, Language l) =>
        f.AtRisk is { Count: > 0 } atRisk
            ? [(l.Pick("⚠️ 交期风险（客户拒绝新交期，待总经理决定）", "⚠️ At risk (the customer refused a new date; the GM decides)"), string.Join(l.Pick("、", ", "), atRisk.Take(20)) + (atRisk.Count > 20 ? l.Pick($" 等 {atRisk.Count} 张", $" and more ({atRisk.Count})") : string.Empty))]
            : [];

    public static JsonObject Render(DashboardFigures f, Language l, string title, IReadOnlyList<(string Label, string Value)> facts)
    {
        var rate = f.TwoHour.OnTimeRate;
        var ages = new[] { l.Pick("不到 1 天", "under 1 day"), l.Pick("1–3 天", "1–3 days"), l.Pick("3–7 天", "3–7 days"), l.Pick("7 天以上", "7 days or more") };
        var model = new
        {
            formName = l.Pick("客户服务看板", "Customer service dashboard"),
            title = CardText.Escape(title, 200),
            period = l.Pick($"{Day(f.From)} 至 {Day(f.To)}", $"{Day(f.From)} to {Day(f.To)}") + (f.Customer is null ? string.Empty : " · " + CardText.Escape(f.Customer, 100)),
            hasFacts = facts.Count > 0,
            facts = facts.Select(x => new { label = CardText.Escape(x.Label, 100), value = CardText.Escape(x.Value, 300) }).ToArray(),
            twoHour = new
            {
                title = l.Pick("两小时答复准时率（生产通知单）", "Two-hour rule: answered on time (Production Notices)"),
                hasData = rate is not null,
                subLabel = l.Pick($"{f.TwoHour.OnTime} / {f.TwoHour.Answered} 准时", $"{f.TwoHour.OnTime} of {f.TwoHour.Answered} on time"),
                value = rate ?? 0,
                segments = new[]
                {
                    new { legend = l.Pick("准时", "On time"), size = rate ?? 0, color = "good" },
                    new { legend = l.Pick("超时", "Late"), size = Math.Round(100 - (rate ?? 0), 1), color = "attention" },
                },
                text = rate is null
                    ? f.TwoHour.Pending > 0
                        ? l.Pick($"{f.TwoHour.Pending} 张生产通知单已到生产部，两小时期限未到，尚无结果。", $"{f.TwoHour.Pending} Production Notice(s) reached Production and are within their two hours; no outcome yet.")
                        : l.Pick("这段时间没有生产通知单到达生产部。", "No Production Notice reached Production in this period.")
                    : l.Pick($"准时 {f.TwoHour.OnTime}，超时 {f.TwoHour.Late}，待答复 {f.TwoHour.Pending}。", $"On time {f.TwoHour.OnTime}, late {f.TwoHour.Late}, waiting {f.TwoHour.Pending}."),
            },
            openItems = new
            {
                title = l.Pick("未结事项（按部门和等待时间）", "Open items by department and age"),
                hasData = f.OpenTotal > 0,
                xAxisTitle = l.Pick("部门", "Department"),
                yAxisTitle = l.Pick("件数", "Items"),
                series = ages.Select((age, i) => new
                {
                    legend = age,
                    color = AgeColors[i],
                    values = f.Open.Select(o => new { x = DepartmentName(o.Department, l), y = o.ByAge[i] }).ToArray(),
                }).ToArray(),
                text = f.OpenTotal == 0
                    ? l.Pick("没有未结事项。", "Nothing is open.")
                    : l.Pick($"共 {f.OpenTotal} 件：", $"{f.OpenTotal} in all: ") + string.Join(l.Pick("，", ", "), f.Open.Select(o => $"{DepartmentName(o.Department, l)} {o.Total}")),
            },
            closure = new
            {
                title = l.Pick("投诉平均结案天数", "Average days to close a complaint"),
                // Complaints all closed within the day average 0.0 days: a chart of zeros is an axis Teams labels
                // "1.00e-4" and no line; the sentence says it.
                hasData = f.Closure.Any(c => c.AverageDays > 0),
                xAxisTitle = l.Pick("结案月份", "Month closed"),
                yAxisTitle = l.Pick("天", "Days"),
                points = f.Closure.Select(c => new { x = c.Month, y = c.AverageDays }).ToArray(),
                text = f.AverageClosureDays is { } avg
                    ? avg == 0
                        ? l.Pick($"已结案 {f.ClosedComplaints} 件，都在当天结案。", $"{f.ClosedComplaints} closed, each on the day it was registered.")
                        : l.Pick($"已结案 {f.ClosedComplaints} 件，平均 {Number(avg)} 天。", $"{f.ClosedComplaints} closed, {Number(avg)} days on average.")
                    : l.Pick("这段时间没有结案的投诉。", "No complaint was closed in this period."),
            },
            csat = new
            {
                title = l.Pick("顾客满意度趋势", "Customer satisfaction trend"),
                hasData = f.Satisfaction.Count > 0,
                xAxisTitle = l.Pick("调查期间", "Survey period"),
                yAxisTitle = l.Pick("平均分（1–5）", "Average score (1–5)"),
                series = new[]
                {
                    new
                    {
                        legend = f.Customer is null ? l.Pick("全部客户", "All customers") : CardText.Escape(f.Customer, 60),
                        color = "categoricalBlue",
                        values = f.Satisfaction.Select(s => new { x = s.Period, y = s.Average }).ToArray(),
                    },
                },
                text = f.Satisfaction.Count == 0
                    ? l.Pick("还没有满意度调查结果。", "No survey results yet.")
                    : string.Join(l.Pick("；", "; "), f.Satisfaction.Select(s => l.Pick($"{s.Period}：{Number(s.Average)}（{s.Surveys} 份）", $"{s.Period}: {Number(s.Average)} ({s.Surveys} surveys)"))),
            },
            otd = OnTime(f, l),
            returns = Returns(f, l, ages),
        };
        return CardTemplates.Render("dashboard", JsonSerializer.SerializeToNode(model, Json));
    }

    /// <summary>On-time delivery by month: all customers (or the one asked for) and the customers with the most shipments.</summary>
    private static object OnTime(DashboardFigures f, Language l)
    {
        var series = CustomerSeries(f, l, (f.OnTimeDelivery ?? []).Select(m => (m.Customer, m.Month, m.Rate, m.Shipments)));
        var total = f.OnTimeTotal;
        return new
        {
            title = l.Pick("准时交货率（按出货月份）", "On-time delivery by month shipped"),
            hasData = total is not null,
            xAxisTitle = l.Pick("出货月份", "Month shipped"),
            yAxisTitle = l.Pick("准时 %", "On time %"),
            series,
            text = total is null
                ? l.Pick("这段时间没有按交期出货的送货单。", "No Delivery Note was shipped against a delivery date in this period.")
                : l.Pick($"共出货 {total.Shipments} 批，准时 {total.OnTime} 批（{Number(total.Rate)}%）。", $"{total.Shipments} shipments, {total.OnTime} on time ({Number(total.Rate)}%)."),
        };
    }

    /// <summary>
    /// A line chart's series by month: all customers (or the one asked for: <paramref name="points"/> with no
    /// customer), then the <see cref="DashboardFigures.OnTimeCustomersCharted"/> customers weighing most.
    /// </summary>
    private static object[] CustomerSeries(DashboardFigures f, Language l, IEnumerable<(string? Customer, string Month, double Y, int Weight)> points)
    {
        var all = points.ToList();
        var customers = all.Where(p => p.Customer is not null).GroupBy(p => p.Customer!).OrderByDescending(g => g.Sum(p => p.Weight)).ThenBy(g => g.Key, StringComparer.Ordinal).Take(DashboardFigures.OnTimeCustomersCharted).Select(g => g.Key);
        return new[] { (Legend: f.Customer is null ? l.Pick("全部客户", "All customers") : CardText.Escape(f.Customer, 60), Customer: (string?)null) }
            .Concat(customers.Select(c => (Legend: CardText.Escape(c, 60), Customer: (string?)c)))
            .Select((x, i) => (object)new { legend = x.Legend, color = SeriesColors[i % SeriesColors.Length], values = all.Where(p => p.Customer == x.Customer).Select(p => new { x = p.Month, y = p.Y }).ToArray() })
            .ToArray();
    }

    /// <summary>Returns per million shipped by month (all customers, or the one asked for, and the customers with most shipped), and the open returns by age.</summary>
    private static object Returns(DashboardFigures f, Language l, string[] ages)
    {
        var series = CustomerSeries(f, l, (f.ReturnRate ?? []).Where(m => m.Ppm is not null).Select(m => (m.Customer, m.Month, m.Ppm!.Value, m.Shipped)));
        var total = f.ReturnTotal;
        var open = f.OpenReturns ?? [];
        var openText = open.Sum() == 0
            ? l.Pick("没有未结的退货。", "No return is open.")
            : l.Pick($"未结退货 {open.Sum()} 张：", $"{open.Sum()} open return(s): ") + string.Join(l.Pick("，", ", "), open.Select((n, i) => (n, i)).Where(x => x.n > 0).Select(x => $"{ages[x.i]} {x.n}"));
        return new
        {
            title = l.Pick("退货率（ppm，按月）", "Returns per million shipped (ppm) by month"),
            hasData = total is not null,
            xAxisTitle = l.Pick("月份", "Month"),
            yAxisTitle = "ppm",
            series,
            text = (total is null
                ? l.Pick("这段时间没有出货。", "Nothing was shipped in this period.")
                : l.Pick($"出货 {Whole(total.Shipped)}，退货 {Whole(total.Returned)}（{Whole(total.Ppm ?? 0)} ppm）。", $"{Whole(total.Shipped)} shipped, {Whole(total.Returned)} returned ({Whole(total.Ppm ?? 0)} ppm).")) + " " + openText,
        };
    }

    private static string DepartmentName(string code, Language l) => Departments.TryFromCode(code, out var d) ? d.Name(l) : code;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Whole(double x) => x.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double x) => x.ToString("0.0#", CultureInfo.InvariantCulture);
}
