using MingXin.Bot.Domain;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Tests.Cards;

/// <summary>Teams reads "&lt;title&gt;" in a card as an HTML tag and drops it: "request &lt;title&gt; | &lt;details&gt;" showed as "request |".</summary>
public sealed class PlaceholderTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData(Language.English, "request ‹title› | ‹details›", "register ‹department›")]
    [InlineData(Language.Chinese, "申请 ‹标题› | ‹说明›", "注册 ‹部门›")]
    public void The_help_and_departments_cards_keep_their_placeholders(Language l, string request, string register)
    {
        var help = CardViews.Help(l, null).ToJsonString(Unescaped);
        var departments = CardViews.DepartmentBindings(l, []).ToJsonString(Unescaped);

        Assert.Contains(request, help, StringComparison.Ordinal);
        Assert.Contains(register, help, StringComparison.Ordinal);
        Assert.Contains(register, departments, StringComparison.Ordinal);
        Assert.DoesNotContain("<", help, StringComparison.Ordinal);
        Assert.DoesNotContain("<", departments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dashboard_counts_notices_still_within_their_two_hours_instead_of_saying_none_arrived()
    {
        var waiting = new MingXin.Bot.Domain.Records.DashboardFigures(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), new(0, 0, 1), [], [], [], null);
        var none = waiting with { TwoHour = new(0, 0, 0) };

        Assert.Contains("1 张生产通知单已到生产部，两小时期限未到", DashboardCardView.Render(waiting, Language.Chinese, "看板", []).ToJsonString(Unescaped), StringComparison.Ordinal);
        Assert.Contains("这段时间没有生产通知单到达生产部", DashboardCardView.Render(none, Language.Chinese, "看板", []).ToJsonString(Unescaped), StringComparison.Ordinal);
    }

    [Fact]
    public void Complaints_closed_on_the_day_they_came_in_draw_no_chart_of_zeros_and_say_so()
    {
        var sameDay = new MingXin.Bot.Domain.Records.DashboardFigures(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), new(0, 0, 0), [], [new("2026-11", 1, 0.0)], [], null);
        var card = DashboardCardView.Render(sameDay, Language.Chinese, "看板", []).ToJsonString(Unescaped);
        Assert.Contains("已结案 1 件，都在当天结案。", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Chart.VerticalBar\"", card, StringComparison.Ordinal); // the closure chart (the other bars are grouped)

        var later = sameDay with { Closure = [new("2026-11", 1, 2.5)] };
        Assert.Contains("Chart.VerticalBar\"", DashboardCardView.Render(later, Language.Chinese, "看板", []).ToJsonString(Unescaped), StringComparison.Ordinal);
    }
}
