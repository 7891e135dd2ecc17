using System.Text.Json.Serialization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;

namespace MingXin.Bot.Domain.Orders;

/// <summary>
/// A confirmed Order Amendment Notice for its Production Notice (4.1.10): the planner acted on it, so
/// the notice carries the new value and keeps the old one. Sent by the amendment, applied by the notice.
/// A new delivery date carries the customer's permission recorded on the amendment (null on rows written
/// before amendments recorded it: those do not move the date).
/// </summary>
public sealed record AmendmentConfirmed(string NoticeId, string AmendmentId, AmendedField Field, string NewValue, string Reason, PersonRef By, CustomerPermission? Permission = null) : IFormChange
{
    /// <summary>Stored on outbox rows: never rename.</summary>
    public const string Name = "apply-amendment";

    [JsonIgnore]
    public string ChangeName => Name;
}

/// <summary>
/// The customer agreed a new delivery date for a reason recorded on another form (a material issue,
/// an Internal Contact Form; 4.2.1–4.2.3): the notice takes the date with the permission (who, when,
/// how) — only when <see cref="Customer"/> is its own customer (null on rows written before it was
/// carried: those are not applied).
/// </summary>
public sealed record CustomerAgreedDate(string NoticeId, string Source, PersonRef RecordedBy, DateOnly AgreedDate, string AgreedBy, ContactChannel Via, string? Customer = null) : IFormChange
{
    /// <summary>Stored on outbox rows: never rename.</summary>
    public const string Name = "material-permission";

    [JsonIgnore]
    public string ChangeName => Name;
}

/// <summary>An Internal Contact Form was raised on the notice (4.2.2): the notice lists it. Applied by the notice.</summary>
public sealed record ContactRaised(string NoticeId, ContactLink Contact) : IFormChange
{
    /// <summary>Stored on outbox rows: never rename.</summary>
    public const string Name = "contact-raised";

    [JsonIgnore]
    public string ChangeName => Name;
}

/// <summary>The customer refused a new date (4.2.3): the notice keeps its date and is at risk until the GM decides. Applied by the notice.</summary>
public sealed record CustomerRefusedDate(string NoticeId, CustomerRefusal Refusal) : IFormChange
{
    /// <summary>Stored on outbox rows: never rename.</summary>
    public const string Name = "customer-refused-date";

    [JsonIgnore]
    public string ChangeName => Name;
}

/// <summary>
/// A Production Notice uses a customer-supplied material from the Customer Property Register (4.1.8.2):
/// the register entry lists the notice. Sent by the notice, applied by the register entry.
/// </summary>
public sealed record PropertyUsed(string PropertyId, string NoticeId) : IFormChange
{
    /// <summary>Stored on outbox rows: never rename.</summary>
    public const string Name = "property-used";

    [JsonIgnore]
    public string ChangeName => Name;
}

/// <summary>Deadline keys of the two-hour rule (stored: never rename).</summary>
public static class NoticeDeadlines
{
    public const string Remind = "pn-answer-remind";
    public const string Due = "pn-answer-due";
}
