using System.Globalization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Customers;

namespace MingXin.Bot.Domain.Complaints;

/// <summary>A file attached to a mail: Graph's id of it in the message, its name, type and size.</summary>
public sealed record MailAttachment(string Id, string Name, string? ContentType, long? Size);

/// <summary>A message of the complaints mailbox as Graph gives it (the body as plain text).</summary>
/// <param name="Id">Graph's id of the message in the mailbox.</param>
/// <param name="InternetMessageId">The message's own Message-ID header: the same mail wherever it is seen.</param>
/// <param name="WebLink">Where Outlook on the web opens it (for those with access to the mailbox).</param>
public sealed record MailMessage(string Id, string? InternetMessageId, string? FromName, string FromAddress, string? Subject, DateTimeOffset ReceivedAt, string Body, IReadOnlyList<MailAttachment> Attachments, string? WebLink = null);

public enum MailDraftStatus
{
    /// <summary>Waiting for a follow-up clerk: register it, or say it is not a complaint.</summary>
    New,

    /// <summary>A clerk opened the complaint conversation with it (in their personal chat) and is confirming it.</summary>
    Registering,

    /// <summary>Registered as a complaint (<see cref="MailDraftState.ComplaintId"/>).</summary>
    Registered,

    /// <summary>A clerk said it is not a complaint (an enquiry, a thank-you, an order).</summary>
    NotAComplaint,
}

/// <summary>A mail from a customer in the register, waiting in Sales' channel to become a complaint (MX-QM-03 4.3.1).</summary>
public sealed class MailDraftState
{
    public string Key { get; set; } = string.Empty;

    public string MessageId { get; set; } = string.Empty;

    public string? InternetMessageId { get; set; }

    public string? FromName { get; set; }

    public string FromAddress { get; set; } = string.Empty;

    public string? Subject { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The body as text (cut at <see cref="MailDraft.MaxBodyLength"/>).</summary>
    public string Body { get; set; } = string.Empty;

    public List<MailAttachment> Attachments { get; set; } = [];

    public string? WebLink { get; set; }

    public string CustomerId { get; set; } = string.Empty;

    public string CustomerName { get; set; } = string.Empty;

    public MailDraftStatus Status { get; set; }

    public PersonRef? HandledBy { get; set; }

    public DateTimeOffset? HandledAt { get; set; }

    public string? ComplaintId { get; set; }

    public long Version { get; set; }
}

/// <summary>What the draft says to a click: done, or why not.</summary>
public enum MailDraftRefusal
{
    None,
    NotSales,

    /// <summary>Another clerk has it (or it is done).</summary>
    AlreadyHandled,
}

/// <summary>
/// A mail from the shared complaints mailbox becomes a draft complaint when its sender is in the customer
/// register (by address, or by the company's own mail domain). Sales decide: register it (the complaint
/// conversation opens with the mail, as if pasted) or not a complaint. Pure: no I/O, no clock.
/// </summary>
public sealed class MailDraft(MailDraftState state)
{
    public const int MaxBodyLength = 8_000;
    public const int PreviewLines = 6;

    public MailDraftState State { get; } = state;

    /// <summary>A draft for the message when a register customer sent it; null otherwise (the mailbox gets more than complaints).</summary>
    public static MailDraft? From(string key, MailMessage message, IReadOnlyList<Customer> customers)
    {
        var from = message.FromAddress.Trim().ToLowerInvariant();
        var facts = ComplaintText.Read(from, DateOnly.FromDateTime(message.ReceivedAt.UtcDateTime));
        var found = ComplaintText.FindCustomers(string.Empty, facts, customers);
        if (found.Count == 0)
        {
            return null;
        }

        var body = (message.Body ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return new MailDraft(new MailDraftState
        {
            Key = key,
            MessageId = message.Id,
            InternetMessageId = message.InternetMessageId,
            FromName = message.FromName,
            FromAddress = from,
            Subject = message.Subject,
            ReceivedAt = message.ReceivedAt,
            Body = body.Length > MaxBodyLength ? body[..MaxBodyLength] : body,
            Attachments = message.Attachments.Take(ComplaintIntake.MaxAttachments).ToList(),
            WebLink = message.WebLink is { } link && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? link : null,
            CustomerId = found[0].Id,
            CustomerName = found[0].Name,
            Status = MailDraftStatus.New,
            Version = 1,
        });
    }

    /// <summary>The first lines of the body, for the card.</summary>
    public string Preview() => string.Join("\n", State.Body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(PreviewLines));

    /// <summary>The mail as the complaint conversation reads it: its headers (sender, day, subject), then the body.</summary>
    public string AsText() =>
        $"From: {(State.FromName is { Length: > 0 } name ? $"{name} <{State.FromAddress}>" : State.FromAddress)}\n"
        + $"Sent: {State.ReceivedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}\n"
        + (State.Subject is { Length: > 0 } subject ? $"Subject: {subject}\n" : string.Empty)
        + "\n" + State.Body;

    /// <summary>A clerk takes it to register: once; a second clerk is told who has it.</summary>
    public MailDraftRefusal StartRegistering(Actor actor, DateTimeOffset at) => Take(actor, at, MailDraftStatus.Registering);

    public MailDraftRefusal MarkNotAComplaint(Actor actor, DateTimeOffset at) => Take(actor, at, MailDraftStatus.NotAComplaint);

    /// <summary>The complaint conversation it opened was confirmed: the complaint's number is kept.</summary>
    public bool MarkRegistered(string complaintId)
    {
        if (State.Status == MailDraftStatus.Registered)
        {
            return false;
        }

        State.Status = MailDraftStatus.Registered;
        State.ComplaintId = complaintId;
        State.Version++;
        return true;
    }

    private MailDraftRefusal Take(Actor actor, DateTimeOffset at, MailDraftStatus to)
    {
        if (!Complaint.IsSales(actor))
        {
            return MailDraftRefusal.NotSales;
        }

        // The clerk who opened the conversation may open it again (it was cancelled or lost) or drop it.
        var mine = State.Status == MailDraftStatus.Registering && string.Equals(State.HandledBy?.Id, actor.Person.Id, StringComparison.OrdinalIgnoreCase);
        if (State.Status != MailDraftStatus.New && !mine)
        {
            return MailDraftRefusal.AlreadyHandled;
        }

        State.Status = to;
        State.HandledBy = actor.Person;
        State.HandledAt = at;
        State.Version++;
        return MailDraftRefusal.None;
    }
}
