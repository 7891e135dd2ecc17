using System.Text.Json.Serialization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;

namespace MingXin.Bot.Domain.Orders;

/// <summary>
/// A confirmed Order Amendment Notice for its Production Notice (4.1.10): the planner acted on it, so
/// the notice carries the new value and keeps the old one. Sent by the amendment, applied by the notice.
/// </summary>
public sealed record AmendmentConfirmed(string NoticeId, string AmendmentId, AmendedField Field, string NewValue, string Reason, PersonRef By) : IFormChange
{
    /// <summary>Stored on outbox rows: never rename.</summary>
    public const string Name = "apply-amendment";

    [JsonIgnore]
    public string ChangeName => Name;
}

/// <summary>
/// The customer agreed a new delivery date for a reason recorded on another form (a material issue,
/// 4.2.1/4.2.3): the notice takes the date with the permission (who, when, how). Applied by the notice.
/// </summary>
public sealed record CustomerAgreedDate(string NoticeId, string Source, PersonRef RecordedBy, DateOnly AgreedDate, string AgreedBy, ContactChannel Via) : IFormChange
{
    /// <summary>Stored on outbox rows: never rename.</summary>
    public const string Name = "material-permission";

    [JsonIgnore]
    public string ChangeName => Name;
}

/// <summary>Deadline keys of the two-hour rule (stored: never rename).</summary>
public static class NoticeDeadlines
{
    public const string Remind = "pn-answer-remind";
    public const string Due = "pn-answer-due";
}
