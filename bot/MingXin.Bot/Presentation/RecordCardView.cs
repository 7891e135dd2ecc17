using System.Text.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Storage;
using MingXin.Cards;

namespace MingXin.Bot.Presentation;

/// <summary>Where a record card goes back to: the form's card (<see cref="ToForm"/>), or the results of <see cref="Search"/>.</summary>
public sealed record RecordBack(bool ToForm, string? Search);

/// <summary>The record card (every field, the whole audit trail) and the search results card, on <c>cards/templates/record.json</c>.</summary>
public static class RecordCardView
{
    /// <summary>A card stays well under Teams' size limit: longer lists end with a pointer to the export, which has everything.</summary>
    public const int MaxFacts = 80;
    public const int MaxAuditLines = 60;
    public const int MaxRows = 25;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="sentence">An audit row's action and comment as the form says them in words; without it the row shows its codes and details.</param>
    /// <param name="back">Where the card came from, to go back to: the form's own card, or the list of a search; null for a record asked for by number.</param>
    /// <param name="status">Where the form stands as its own card says it (already in card text); null: the stored status code in words.</param>
    public static JsonObject Record(RecordSummary summary, IReadOnlyList<RecordField> fields, IReadOnlyList<AuditRecord> audit, Language l, IReadOnlyList<(string Title, string Url)> links, string? fileSearch = null, Func<string, string?, string>? sentence = null, RecordBack? back = null, string? status = null)
    {
        var form = FormCatalog.ByKind(summary.Kind);
        var facts = fields.Take(MaxFacts).Select(f => new { label = CardText.Escape(f.Label, 120), value = CardText.Escape(f.Value.Length == 0 ? "—" : f.Value, 400) }).ToList();
        if (fields.Count > MaxFacts)
        {
            facts.Add(new { label = "…", value = l.Pick($"另有 {fields.Count - MaxFacts} 项，见导出文件", $"{fields.Count - MaxFacts} more in the export") });
        }

        var lines = audit.Select(a => sentence is not null
            ? $"{FormCardView.Time(a.At, full: true)} · {CardText.Escape(a.ActorName, 60)} {sentence(a.Action, a.Comment)}"
            : $"{FormCardView.Time(a.At, full: true)} · {CardText.Escape(a.ActorName, 60)} · {CardText.Escape(a.Action, 60)}"
                + (string.IsNullOrWhiteSpace(a.Comment) ? string.Empty : " · " + CardText.Escape(a.Comment, 300))
                + Detail(a.DetailJson)).ToList();
        if (lines.Count > MaxAuditLines)
        {
            var skipped = lines.Count - MaxAuditLines;
            lines = [l.Pick($"（之前 {skipped} 条见导出文件）", $"({skipped} earlier lines in the export)"), .. lines.Skip(skipped)];
        }

        return Render(new
        {
            hasBanner = false,
            banner = string.Empty,
            formName = form?.AllNames(l) ?? summary.Kind,
            title = CardText.Escape($"{summary.Id} · {summary.Customer ?? string.Empty} {summary.Subject}".Trim(), 200),
            statusText = $"{RecordSearch.StateName(summary.State, l)} · {status ?? CardText.Escape(RecordFields.Word(summary.Status, l), 60)}",
            statusColor = Color(summary.State),
            hasFacts = facts.Count > 0,
            facts,
            sections = new[] { new { title = l.Pick($"审核记录（{audit.Count} 条；时间均为工厂时间 {Zone()}）", $"Audit trail ({audit.Count} lines; times are factory time, {Zone()})"), lines = lines.Select(t => new { text = t }).ToArray() } },
            hasRows = false,
            rowsTitle = string.Empty,
            rows = Array.Empty<object>(),
            hasLinks = links.Count > 0,
            links = links.Select(x => new { title = x.Title, url = x.Url }).ToArray(),
            canSendFile = fileSearch is not null,
            sendFile = new { title = l.Pick("发送 PDF 到这里", "Send the PDF here"), search = fileSearch ?? string.Empty, format = "pdf" },
            query = string.Empty,
            back = back is { } b
                ? new { show = true, title = b.ToForm ? l.Pick("← 返回表单", "← Back to the form") : l.Pick("← 返回列表", "← Back to the list"), verb = b.ToForm ? "refresh" : ListVerb, workflow = b.ToForm ? summary.Id : string.Empty, version = 0L, search = b.Search ?? string.Empty }
                : new { show = false, title = string.Empty, verb = string.Empty, workflow = string.Empty, version = 0L, search = string.Empty },
        });
    }

    /// <summary>The factory's offset from UTC, said once on a record card (UTC+08:00).</summary>
    private static string Zone()
    {
        var offset = Domain.Calendar.BusinessCalendar.FactoryZone.BaseUtcOffset;
        return $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
    }

    /// <summary>Back from a record card to the list of the search it was opened from.</summary>
    public const string ListVerb = "rec-list";

    /// <param name="fileSearch">The search to offer as a file in this chat (personal chat only: Teams' file consent); null for none.</param>
    public static JsonObject Results(RecordSearch search, IReadOnlyList<RecordSummary> found, bool more, Language l, IReadOnlyList<(string Title, string Url)> links, string? fileSearch = null)
    {
        var rows = found.Take(MaxRows).Select(r => new
        {
            id = r.Id,
            line = CardText.Escape($"{r.Id} · {FormCatalog.ByKind(r.Kind)?.Name(l) ?? r.Kind} · {r.Customer ?? "—"} · {RecordSearch.StateName(r.State, l)} ({RecordFields.Word(r.Status, l)}) · {FormCardView.Time(r.CreatedAt, full: true)}", 300),
        }).ToArray();
        var count = more ? l.Pick($"找到超过 {found.Count} 份记录（只读取前 {found.Count} 份，请缩小范围）", $"More than {found.Count} records (only the first {found.Count} read — narrow the search)") : l.Pick($"找到 {found.Count} 份记录", $"{found.Count} records found");
        if (found.Count > MaxRows)
        {
            count += l.Pick($"，这里列出前 {MaxRows} 份，导出文件中有全部", $"; the first {MaxRows} are listed here, the export has them all");
        }

        return Render(new
        {
            hasBanner = false,
            banner = string.Empty,
            formName = l.Pick("记录查询", "Records"),
            title = CardText.Escape(search.Describe(l), 300),
            statusText = count,
            statusColor = found.Count == 0 ? "Warning" : "Accent",
            hasFacts = false,
            facts = Array.Empty<object>(),
            sections = Array.Empty<object>(),
            hasRows = rows.Length > 0,
            rowsTitle = l.Pick("点一行打开记录（全部字段和审核记录）", "Select a line to open the record (all fields and the audit trail)"),
            rows,
            hasLinks = found.Count > 0 && links.Count > 0,
            links = links.Select(x => new { title = x.Title, url = x.Url }).ToArray(),
            canSendFile = found.Count > 0 && fileSearch is not null,
            sendFile = SendFile(fileSearch, l),
            query = search.ToQuery(),
            back = new { show = false, title = string.Empty, verb = string.Empty, workflow = string.Empty, version = 0L, search = string.Empty },
        });
    }

    private static object SendFile(string? search, Language l) =>
        new { title = l.Pick("发送 Excel 到这里", "Send the Excel file here"), search = search ?? string.Empty, format = "xlsx" };

    /// <summary>A record card that says what is wrong (unknown number, not allowed …).</summary>
    public static JsonObject Problem(string text, Language l) => Note(text, l.Pick("没有找到记录", "No record"), l.Pick("请检查后再试。", "Check and try again."), "Attention", l);

    /// <summary>A record card that says a file was offered in this chat.</summary>
    public static JsonObject FileOffered(string text, Language l) => Note(text, l.Pick("导出文件", "Export file"), l.Pick("等你允许", "Waiting for you to allow it"), "Accent", l);

    private static JsonObject Note(string text, string title, string status, string color, Language l) => Render(new
    {
        hasBanner = true,
        banner = CardText.Escape(text, 500),
        formName = l.Pick("记录查询", "Records"),
        title,
        statusText = status,
        statusColor = color,
        hasFacts = false,
        facts = Array.Empty<object>(),
        sections = Array.Empty<object>(),
        hasRows = false,
        rowsTitle = string.Empty,
        rows = Array.Empty<object>(),
        hasLinks = false,
        links = Array.Empty<object>(),
        canSendFile = false,
        sendFile = SendFile(null, l),
        query = string.Empty,
        back = new { show = false, title = string.Empty, verb = string.Empty, workflow = string.Empty, version = 0L, search = string.Empty },
    });

    /// <summary>What an audit row's detail says, briefly: a reassignment's from → to, the values a step decided, the status after it.</summary>
    public static string Detail(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || JsonNode.Parse(json) is not JsonObject detail)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (detail["from"] is JsonValue from || detail["to"] is JsonValue)
        {
            parts.Add($"{CardText.Escape(detail["from"]?.ToString() ?? "—", 60)} → {CardText.Escape(detail["to"]?.ToString() ?? "—", 60)}");
        }

        foreach (var (key, value) in detail)
        {
            if (value is JsonValue v && key is not ("from" or "to" or "status" or "mention") && !key.EndsWith("Id", StringComparison.Ordinal) && v.ToString() is { Length: > 0 } text)
            {
                parts.Add($"{CardText.Escape(key, 30)}: {CardText.Escape(text, 80)}");
            }
        }

        if (detail["status"] is JsonValue status)
        {
            parts.Add("⇒ " + CardText.Escape(status.ToString(), 40));
        }

        return parts.Count == 0 ? string.Empty : " (" + string.Join(", ", parts) + ")";
    }

    private static string Color(RecordState state) => state switch
    {
        RecordState.Open => "Accent",
        RecordState.Closed => "Good",
        _ => "Attention",
    };

    private static JsonObject Render(object model) => CardTemplates.Render("record", JsonSerializer.SerializeToNode(model, Json));
}
