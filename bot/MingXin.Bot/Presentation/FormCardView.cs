using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Calendar;
using MingXin.Cards;

namespace MingXin.Bot.Presentation;

public enum InputKind
{
    Text,
    MultilineText,
    Date,
    Choice,

    /// <summary>Several choices at once; the card sends them comma-separated.</summary>
    MultiChoice,
}

/// <summary>One input on a panel; <see cref="Value"/> is what it shows (what the user typed, when a card comes back with a problem).</summary>
public sealed record FormInput(string Id, string Label, InputKind Kind, string Value = "", IReadOnlyList<(string Title, string Value)>? Choices = null, int MaxLength = 1000);

public sealed record FormButton(string Verb, string Title, string Style = "positive");

/// <summary>What one person can do now: a titled group of inputs and the buttons that send them.</summary>
public sealed record FormPanel(string Title, IReadOnlyList<FormInput> Inputs, IReadOnlyList<FormButton> Buttons);

/// <summary>A titled block of read-only lines (a table in words: review answers, stock figures, signatures …).</summary>
public sealed record FormSection(string Title, IReadOnlyList<string> Lines);

/// <summary>Everything a step form's card shows; every string already in the viewer's language and escaped.</summary>
public sealed record FormCard(
    string Id,
    long Version,
    string FormName,
    string Title,
    string StatusText,
    string StatusColor,
    IReadOnlyList<(string Label, string Value)> Facts,
    IReadOnlyList<FormSection> Sections,
    IReadOnlyList<HistoryEntry> History,
    Func<HistoryEntry, string> HistoryText,
    IReadOnlyList<FormPanel> Panels,
    string? CancelVerb = null,
    string Draft = "",
    string Parent = "");

/// <summary>Renders any step form (samples, order review, production notice, amendments) with the one generic template.</summary>
public static class FormCardView
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JsonObject Render(FormCard card, Language l, Banner? banner, IReadOnlyList<string> refreshUserIds)
    {
        var model = new
        {
            id = card.Id,
            version = card.Version,
            draft = card.Draft,
            parent = card.Parent,
            refreshTitle = l.Pick("刷新", "Refresh"),
            userIds = refreshUserIds.Take(60).ToArray(),
            hasBanner = banner is not null,
            banner = banner?.Text ?? string.Empty,
            bannerColor = banner is { IsError: true } ? "Attention" : "Good",
            formName = card.FormName,
            title = card.Title,
            statusText = card.StatusText,
            statusColor = card.StatusColor,
            facts = card.Facts.Select(f => new { label = f.Label, value = f.Value }).ToArray(),
            sections = card.Sections.Where(s => s.Lines.Count > 0).Select(s => new { title = s.Title, lines = s.Lines.Select(t => new { text = t }).ToArray() }).ToArray(),
            hasHistory = card.History.Count > 0,
            historyTitle = l.Pick("记录", "History"),
            history = card.History.Select(h => new { text = $"{Time(h.At, full: false)} {CardText.Escape(h.ActorName, 60)} {card.HistoryText(h)}" }).ToArray(),
            panels = card.Panels.Select(p => new
            {
                title = p.Title,
                inputs = p.Inputs.Select(i => new
                {
                    id = i.Id,
                    label = i.Label,
                    value = i.Value,
                    maxLength = i.MaxLength,
                    isText = i.Kind is InputKind.Text or InputKind.MultilineText,
                    isMultiline = i.Kind == InputKind.MultilineText,
                    isDate = i.Kind == InputKind.Date,
                    isChoice = i.Kind is InputKind.Choice or InputKind.MultiChoice,
                    isMulti = i.Kind == InputKind.MultiChoice,
                    choices = (i.Choices ?? []).Select(c => new { title = c.Title, value = c.Value }).ToArray(),
                }).ToArray(),
                buttons = p.Buttons.Select(b => new { title = b.Title, verb = b.Verb, style = b.Style }).ToArray(),
            }).ToArray(),
            record = new { show = card.Id.Length > 0, title = l.Pick("📄 记录与 PDF", "📄 Record and PDF") },
            cancel = new
            {
                show = card.CancelVerb is not null,
                title = l.Pick("取消表单", "Cancel this form"),
                label = l.Pick("取消原因", "Reason for cancelling"),
                submit = l.Pick("确认取消", "Confirm cancellation"),
                verb = card.CancelVerb ?? string.Empty,
            },
        };
        return CardTemplates.Render("form", JsonSerializer.SerializeToNode(model, Json));
    }

    public static string Time(DateTimeOffset at, bool full) =>
        TimeZoneInfo.ConvertTime(at, BusinessCalendar.FactoryZone).ToString(full ? "yyyy-MM-dd HH:mm" : "MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>How a customer was reached, as a card labels it: 电话 / Phone …</summary>
    public static string Via(Domain.Orders.ContactChannel via, Language l) => Domain.Complaints.ComplaintWords.Name(via, l);

    /// <summary>The choices of a "how" input: phone, e-mail, fax, WeChat, a visit, other.</summary>
    public static IReadOnlyList<(string Title, string Value)> ViaChoices(Language l) =>
        Enum.GetValues<Domain.Orders.ContactChannel>().Select(x => (Via(x, l), x.ToString())).ToList();
}
