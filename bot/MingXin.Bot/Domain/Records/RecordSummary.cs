using System.Globalization;
using System.Text.Json.Nodes;

namespace MingXin.Bot.Domain.Records;

/// <summary>Where a record stands, across every form: still open, closed (done), or cancelled with a reason.</summary>
public enum RecordState
{
    Open,
    Closed,
    Cancelled,
}

/// <summary>How a Production Notice fared against the two-hour rule (4.2.2).</summary>
public enum TwoHourOutcome
{
    /// <summary>No clock ran (the notice never reached Production).</summary>
    None,
    Pending,
    OnTime,
    Late,
}

/// <summary>
/// What the record index keeps of a form, for search and the dashboards: read from the form's
/// stored state, the same way for every form (the states share Id, Originator, CreatedAt, Status,
/// CancelReason), plus the few figures the dashboards need.
/// </summary>
public sealed record RecordSummary(
    string Id,
    string Kind,
    RecordState State,
    string Status,
    string? Customer,
    DateTimeOffset CreatedAt,
    string Originator,
    string Subject,
    DateTimeOffset? ClosedAt = null,
    TwoHourOutcome TwoHour = TwoHourOutcome.None,
    double? AnswerMinutes = null,
    IReadOnlyDictionary<string, int>? Scores = null,
    string? Period = null,
    IReadOnlyList<string>? WaitingOn = null,
    DateTimeOffset? WaitingSince = null)
{
    /// <summary>The same summary, saying which departments (codes) an open record waits on and since when.</summary>
    public RecordSummary Waiting(IReadOnlyList<string> departments, DateTimeOffset since) => this with { WaitingOn = departments, WaitingSince = since };

    /// <summary>Reads the summary from a form's state row; <paramref name="isOpen"/> is the form's own verdict.</summary>
    public static RecordSummary From(string id, string kind, JsonObject state, bool isOpen, DateTimeOffset? lastChange = null)
    {
        var status = Text(state["status"]) ?? string.Empty;
        var cancelled = Text(state["cancelReason"]) is not null || status.Equals("Cancelled", StringComparison.OrdinalIgnoreCase);
        var recordState = cancelled ? RecordState.Cancelled : isOpen ? RecordState.Open : RecordState.Closed;
        var created = Time(state["createdAt"]) ?? DateTimeOffset.MinValue;
        var closedAt = recordState == RecordState.Open ? null : Time(state["closedAt"]) ?? lastChange;
        var (twoHour, minutes) = kind == "ProductionNotice" ? TwoHourOf(state) : (TwoHourOutcome.None, null);
        Dictionary<string, int>? scores = null;
        if (state["scores"] is JsonObject s)
        {
            scores = s.Where(p => p.Value is JsonValue v && v.TryGetValue<int>(out _)).ToDictionary(p => p.Key, p => p.Value!.GetValue<int>(), StringComparer.Ordinal);
        }

        return new RecordSummary(
            id,
            kind,
            recordState,
            status,
            FindCustomer(state),
            created,
            Text(state["originator"]?["name"]) ?? string.Empty,
            SubjectOf(state),
            closedAt,
            twoHour,
            minutes,
            scores,
            Text(state["period"]));
    }

    /// <summary>The customer's name wherever the form keeps it (its own field, or the quotation/order it came from).</summary>
    public static string? FindCustomer(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (Text(o["customerName"]) is { } name)
                {
                    return name;
                }

                foreach (var (_, child) in o)
                {
                    if (child is JsonObject && FindCustomer(child) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string SubjectOf(JsonObject state) =>
        Text(state["title"]) ?? Text(state["request"]?["product"]) ?? Text(state["order"]?["product"]) ?? Text(state["quotation"]?["product"])
        ?? Text(state["notice"]?["product"]) ?? Text(state["item"]) ?? Text(state["details"]?["product"]) ?? Text(state["details"]?["reference"]) ?? Text(state["period"]) ?? string.Empty;

    private static (TwoHourOutcome, double?) TwoHourOf(JsonObject state)
    {
        if (state["answerClock"] is not JsonObject clock || Time(clock["startedAt"]) is not { } started)
        {
            return (TwoHourOutcome.None, null);
        }

        if (state["answer"] is JsonObject answer)
        {
            var late = answer["late"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
            var at = Time(answer["at"]);
            return (late ? TwoHourOutcome.Late : TwoHourOutcome.OnTime, at is null ? null : (at.Value - started).TotalMinutes);
        }

        return Time(state["breachedAt"]) is not null ? (TwoHourOutcome.Late, null) : (TwoHourOutcome.Pending, null);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static DateTimeOffset? Time(JsonNode? node) =>
        Text(node) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : null;
}
