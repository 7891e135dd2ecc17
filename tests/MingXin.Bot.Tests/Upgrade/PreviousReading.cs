using System.Globalization;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Records;

namespace MingXin.Bot.Tests.Upgrade;

/// <summary>
/// How the previous version read a record summary: from the stored state by JSON property names. Kept
/// here only as the reference the typed <see cref="RecordFacts"/> of every form are compared with.
/// </summary>
internal static class PreviousReading
{
    public static RecordSummary From(string id, string kind, JsonObject state, bool isOpen)
    {
        var status = Text(state["status"]) ?? string.Empty;
        var cancelled = Text(state["cancelReason"]) is not null || status.Equals("Cancelled", StringComparison.OrdinalIgnoreCase);
        var recordState = cancelled ? RecordState.Cancelled : isOpen ? RecordState.Open : RecordState.Closed;
        var created = Time(state["createdAt"]) ?? DateTimeOffset.MinValue;
        var closedAt = recordState == RecordState.Open ? null : Time(state["closedAt"]);
        var (twoHour, minutes) = kind == "ProductionNotice" ? TwoHourOf(state) : (TwoHourOutcome.None, null);
        Dictionary<string, int>? scores = null;
        if (state["scores"] is JsonObject s)
        {
            scores = s.Where(p => p.Value is JsonValue v && v.TryGetValue<int>(out _)).ToDictionary(p => p.Key, p => p.Value!.GetValue<int>(), StringComparer.Ordinal);
        }

        return new RecordSummary(id, kind, recordState, status, FindCustomer(state), created, Text(state["originator"]?["name"]) ?? string.Empty, SubjectOf(state), closedAt, twoHour, minutes, scores, Text(state["period"]));
    }

    private static string? FindCustomer(JsonNode? node)
    {
        if (node is not JsonObject o)
        {
            return null;
        }

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
