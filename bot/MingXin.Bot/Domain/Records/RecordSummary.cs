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
/// What the record index keeps of a form, for search and the dashboards: built from the form's typed
/// <see cref="RecordFacts"/> (never from the names its state is stored under), plus the departments
/// an open record waits on.
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
    DateTimeOffset? WaitingSince = null,
    IReadOnlyList<string>? Readers = null,
    bool AtRisk = false,
    DeliveryFacts? Delivery = null,
    int? Returned = null)
{
    /// <summary>
    /// Whether someone holding <paramref name="positions"/> (and with the Entra id <paramref name="personId"/>)
    /// may read this record in a search, by the readers the form named when its summary was written
    /// (<c>pos:Position</c>, <c>p:id</c>); null when the summary predates them.
    /// </summary>
    public bool? ReadableBy(string personId, IReadOnlySet<Organization.Position> positions) =>
        Readers is null ? null
        : positions.Count > 0 && (positions.Contains(Organization.Position.Administrator) || positions.Contains(Organization.Position.GeneralManager)
            || Readers.Contains("p:" + personId.ToLowerInvariant(), StringComparer.Ordinal) || positions.Any(p => Readers.Contains("pos:" + p, StringComparer.Ordinal)));

    /// <summary>The same summary, saying which departments (codes) an open record waits on and since when.</summary>
    public RecordSummary Waiting(IReadOnlyList<string> departments, DateTimeOffset since) => this with { WaitingOn = departments, WaitingSince = since };

    /// <summary>The summary of a form from its own facts; <paramref name="isOpen"/> is the form's own verdict.</summary>
    public static RecordSummary From(string id, string kind, RecordFacts facts, bool isOpen, DateTimeOffset? lastChange = null)
    {
        var recordState = facts.Cancelled ? RecordState.Cancelled : isOpen ? RecordState.Open : RecordState.Closed;
        return new RecordSummary(
            id,
            kind,
            recordState,
            facts.Status,
            facts.Customer,
            facts.CreatedAt,
            facts.Originator,
            facts.Subject,
            recordState == RecordState.Open ? null : facts.ClosedAt ?? lastChange,
            facts.TwoHour,
            facts.AnswerMinutes,
            facts.Scores,
            facts.Period,
            AtRisk: facts.AtRisk,
            Delivery: facts.Delivery,
            Returned: facts.Returned);
    }
}

/// <summary>
/// What a form tells the records about itself, typed and read from the form (each form says it once):
/// the customer, what it is about, where it stands, and the figures the dashboards count.
/// </summary>
/// <param name="Returned">A Customer Return's quantity: counted by the warehouse, or announced by Sales until then.</param>
public sealed record RecordFacts(
    string Status,
    bool Cancelled,
    DateTimeOffset CreatedAt,
    string Originator,
    string? Customer,
    string Subject,
    DateTimeOffset? ClosedAt = null,
    TwoHourOutcome TwoHour = TwoHourOutcome.None,
    double? AnswerMinutes = null,
    IReadOnlyDictionary<string, int>? Scores = null,
    string? Period = null,
    bool AtRisk = false,
    DeliveryFacts? Delivery = null,
    int? Returned = null);

/// <summary>
/// A shipment as on-time delivery counts it (a Delivery Note 送货单): the day it left, the delivery date in
/// force then (null: the order had no fixed date, so it is not counted), how many, and the days late.
/// </summary>
public sealed record DeliveryFacts(DateOnly ShippedOn, DateOnly? DueOn, int Quantity, int DaysLate)
{
    public bool Late => DaysLate > 0;
}
