using System.Globalization;
using System.Text.RegularExpressions;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;

namespace MingXin.Bot.Domain.Complaints;

/// <summary>What the intake still needs, in the order it asks.</summary>
public enum IntakeSlot
{
    Customer,
    Channel,

    /// <summary>The order (a form number) or, without one, the product.</summary>
    Subject,
    Description,
    Quantity,
    Severity,

    /// <summary>What it is about (the goods, delivery, invoice, service): asked after the channel when the words do not say.</summary>
    Kind,

    /// <summary>The day it came in: today unless the text or a correction says otherwise; never asked.</summary>
    ReceivedOn,

    /// <summary>The customer's PO or order number: kept when given; never asked.</summary>
    CustomerOrder,
}

public enum IntakeStatus
{
    Collecting,

    /// <summary>Everything is known: the confirmation card is out.</summary>
    Confirming,
    Registered,
    Cancelled,
}

/// <summary>A file shared in the chat: its name and where Teams keeps it.</summary>
/// <param name="Url">The file where Teams keeps it (the sender's OneDrive for a personal chat, the team's site for a channel).</param>
/// <param name="FileType">The extension Teams gives (<c>jpg</c>, <c>pdf</c>); null for files kept before it was recorded.</param>
/// <param name="Size">Bytes, when Teams said.</param>
/// <param name="UniqueId">Teams' id of the file: the same file shared twice is one attachment.</param>
public sealed record ComplaintAttachment(string Name, string Url, string? FileType = null, long? Size = null, string? UniqueId = null);

/// <summary>A form number found in a message, as the workflow layer looked it up.</summary>
public sealed record ReferenceInfo(string Number, bool Exists, string? CustomerName, string? Product);

/// <summary>The conversation's state, kept in Table Storage between messages (a restart loses nothing).</summary>
public sealed class ComplaintIntakeState
{
    public string Id { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public string UserName { get; set; } = string.Empty;

    public Language Language { get; set; }

    public IntakeStatus Status { get; set; }

    public IntakeSlot? Asking { get; set; }

    public string? CustomerId { get; set; }

    public string? CustomerName { get; set; }

    /// <summary>Register ids offered as "did you mean", numbered from 1 in the question.</summary>
    public List<string> Suggestions { get; set; } = [];

    public ContactChannel? Channel { get; set; }

    public string? Reference { get; set; }

    public string? Product { get; set; }

    public string? Description { get; set; }

    public int? Quantity { get; set; }

    public Severity? Severity { get; set; }

    /// <summary>Null in conversations saved before kinds were asked: those are product complaints.</summary>
    public ComplaintKind? Kind { get; set; }

    public string? CustomerOrder { get; set; }

    /// <summary>Null: the day it is registered.</summary>
    public DateOnly? ReceivedOn { get; set; }

    public List<string> Phones { get; set; } = [];

    public List<string> Emails { get; set; } = [];

    public List<DateOnly> Dates { get; set; } = [];

    public List<ComplaintAttachment> Attachments { get; set; } = [];

    /// <summary>The messages of the conversation as typed (the first <see cref="ComplaintIntake.MaxMessages"/>, each cut at <see cref="ComplaintIntake.MaxNoteLength"/>): the register keeps the source.</summary>
    public List<string> Messages { get; set; } = [];

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }

    public List<string> RecentActivityIds { get; set; } = [];

    public string? ComplaintId { get; set; }

    /// <summary>The mail of the complaints mailbox this conversation was opened with (its draft's key), if any.</summary>
    public string? MailDraft { get; set; }
}

/// <summary>One thing the intake understood or could not use in a message, for the reply.</summary>
public abstract record IntakeNote
{
    private IntakeNote()
    {
    }

    /// <summary>A value taken from the message (<see cref="Corrected"/>: it replaced an earlier one).</summary>
    public sealed record Noted(IntakeSlot Slot, string Value, bool Corrected) : IntakeNote;

    public sealed record UnknownCustomer(string Typed, IReadOnlyList<Customer> Closest) : IntakeNote;

    public sealed record SeveralCustomers(IReadOnlyList<Customer> Candidates) : IntakeNote;

    public sealed record UnknownReference(string Number) : IntakeNote;

    /// <summary>The answer does not fit the question (<see cref="Kind"/> says how).</summary>
    public sealed record NotUnderstood(IntakeSlot Slot, AnswerProblem Kind) : IntakeNote;

    public sealed record AttachmentKept(string Name) : IntakeNote;

    public sealed record MessageTooLong(int Limit) : IntakeNote;
}

public enum AnswerProblem
{
    NotAChoice,
    NotANumber,
    OutOfRange,
    TooShort,
    TooLong,
}

/// <summary>What the conversation does next.</summary>
public enum IntakeNext
{
    Ask,
    Confirm,
    Cancelled,
}

/// <summary>The outcome of one message: what was understood, and the next question (<see cref="Asking"/>) or the confirmation.</summary>
public sealed record IntakeTurn(IReadOnlyList<IntakeNote> Notes, IntakeNext Next, IntakeSlot? Asking);

/// <summary>One message, with what the workflow layer found for it (the register, the form numbers looked up).</summary>
/// <param name="Today">The factory's date at <paramref name="At"/> (received dates are read against it); null: the UTC date.</param>
public sealed record IntakeMessage(string Text, TextFacts Facts, IReadOnlyList<ReferenceInfo> References, IReadOnlyList<Customer> Customers, IReadOnlyList<ComplaintAttachment> Attachments, DateTimeOffset At, DateOnly? Today = null)
{
    public DateOnly Day => Today ?? DateOnly.FromDateTime(At.UtcDateTime);
}

/// <summary>
/// Logging a complaint by conversation (MX-QM-03 4.3.1): takes whatever a message says (a note, a
/// pasted e-mail, an answer, a correction such as "no, the customer is …"), keeps what it can use,
/// and asks for what is still missing one question at a time. Pure: no I/O.
/// </summary>
public sealed partial class ComplaintIntake(ComplaintIntakeState state)
{
    public const int MaxDescriptionLength = 1000;
    public const int MaxNoteLength = 2000;
    public const int MaxMessages = 10;
    public const int MaxAttachments = 10;
    public const int MaxQuantity = 100_000_000;

    /// <summary>How far back a complaint's received date may lie (a complaint logged late is still logged).</summary>
    public const int MaxReceivedDaysAgo = 90;
    private const int MaxListItems = 5;
    private const int MaxOrderLength = 40;

    public ComplaintIntakeState State { get; } = state;

    public bool IsOpen => State.Status is IntakeStatus.Collecting or IntakeStatus.Confirming;

    public static ComplaintIntake Start(string id, string userId, string userName, Language language, DateTimeOffset at) => new(new ComplaintIntakeState
    {
        Id = id,
        UserId = userId,
        UserName = userName,
        Language = language,
        Status = IntakeStatus.Collecting,
        StartedAt = at,
        UpdatedAt = at,
    });

    /// <summary>Records the Teams activity of a message, so its redelivery changes nothing.</summary>
    public void Remember(string? activityId)
    {
        if (string.IsNullOrEmpty(activityId))
        {
            return;
        }

        State.RecentActivityIds.Add(activityId);
        if (State.RecentActivityIds.Count > 20)
        {
            State.RecentActivityIds.RemoveAt(0);
        }
    }

    public static bool IsCancel(string text) => CancelWords.Contains(text.Trim().TrimEnd('.', '。', '!', '！').ToLowerInvariant());

    /// <summary>The slots still empty, in the order they are asked.</summary>
    public IReadOnlyList<IntakeSlot> Missing()
    {
        var s = State;
        var missing = new List<IntakeSlot>();
        if (s.CustomerId is null)
        {
            missing.Add(IntakeSlot.Customer);
        }

        if (s.Channel is null)
        {
            missing.Add(IntakeSlot.Channel);
        }

        if (s.Kind is null && s.Status != IntakeStatus.Confirming)
        {
            missing.Add(IntakeSlot.Kind);
        }

        var kind = s.Kind ?? ComplaintKind.Product;
        if (s.Reference is null && s.Product is null && ComplaintDetails.NeedsSubject(kind))
        {
            missing.Add(IntakeSlot.Subject);
        }

        if (s.Description is null)
        {
            missing.Add(IntakeSlot.Description);
        }

        if (s.Quantity is null && ComplaintDetails.HasQuantity(kind))
        {
            missing.Add(IntakeSlot.Quantity);
        }

        if (s.Severity is null)
        {
            missing.Add(IntakeSlot.Severity);
        }

        return missing;
    }

    /// <summary>Takes one message; <paramref name="first"/> is the message that opened the conversation (its text is the description when it has one).</summary>
    public IntakeTurn Take(IntakeMessage message, bool first)
    {
        if (!IsOpen)
        {
            return new IntakeTurn([], IntakeNext.Cancelled, null);
        }

        var notes = new List<IntakeNote>();
        var text = (message.Text ?? string.Empty).Trim();
        if (IsCancel(text) && !first)
        {
            State.Status = IntakeStatus.Cancelled;
            State.UpdatedAt = message.At;
            return new IntakeTurn(notes, IntakeNext.Cancelled, null);
        }

        if (text.Length > ComplaintText.MaxMessageLength)
        {
            notes.Add(new IntakeNote.MessageTooLong(ComplaintText.MaxMessageLength));
            return Next(notes, message.At); // nothing of it is used
        }

        foreach (var a in message.Attachments)
        {
            if (State.Attachments.Count < MaxAttachments && !State.Attachments.Any(x => x.Url == a.Url || (a.UniqueId is not null && x.UniqueId == a.UniqueId)))
            {
                State.Attachments.Add(a);
                notes.Add(new IntakeNote.AttachmentKept(a.Name));
            }
        }

        if (text.Length > 0 && State.Messages.Count < MaxMessages)
        {
            State.Messages.Add(text.Length > MaxNoteLength ? text[..MaxNoteLength] : text);
        }

        var paste = text.Contains('\n', StringComparison.Ordinal) || text.Length > 150;
        var answered = false;
        if (Correction(text) is { } correction)
        {
            Set(correction.Slot, correction.Value, message, corrected: true, notes);
            answered = true;
        }
        else if (!first && !paste && State.Asking is { } asking && text.Length > 0)
        {
            Set(asking, text, message, corrected: false, notes);
            answered = true;
        }

        Absorb(message, takeDescription: !answered && (first || paste), notes);
        return Next(notes, message.At);
    }

    private IntakeTurn Next(List<IntakeNote> notes, DateTimeOffset at)
    {
        State.UpdatedAt = at;
        State.Version++;
        var missing = Missing();
        if (missing.Count == 0)
        {
            State.Status = IntakeStatus.Confirming;
            State.Asking = null;
            return new IntakeTurn(notes, IntakeNext.Confirm, null);
        }

        State.Status = IntakeStatus.Collecting;
        State.Asking = missing[0];
        return new IntakeTurn(notes, IntakeNext.Ask, missing[0]);
    }

    /// <summary>Fills the empty slots from what the message shows, never overwriting an answer.</summary>
    private void Absorb(IntakeMessage m, bool takeDescription, List<IntakeNote> notes)
    {
        var s = State;
        foreach (var unknown in m.References.Where(r => !r.Exists))
        {
            notes.Add(new IntakeNote.UnknownReference(unknown.Number));
        }

        if (s.Reference is null && m.References.FirstOrDefault(r => r.Exists) is { } reference)
        {
            SetReference(reference, m, corrected: false, notes);
        }

        if (s.CustomerId is null && s.Suggestions.Count == 0)
        {
            var found = ComplaintText.FindCustomers(m.Facts.Current, m.Facts, m.Customers);
            if (found.Count == 1)
            {
                SetCustomer(found[0], corrected: false, notes);
            }
            else if (found.Count > 1)
            {
                s.Suggestions = found.Take(MaxListItems).Select(c => c.Id).ToList();
                notes.Add(new IntakeNote.SeveralCustomers(found.Take(MaxListItems).ToList()));
            }
        }

        if (s.Channel is null && m.Facts.Channel is { } channel)
        {
            s.Channel = channel;
            notes.Add(new IntakeNote.Noted(IntakeSlot.Channel, channel.ToString(), false));
        }

        if (s.Product is null)
        {
            var products = s.CustomerId is { } id && m.Customers.FirstOrDefault(c => c.Id == id) is { } customer ? customer.Products : m.Customers.SelectMany(c => c.Products);
            if (ComplaintText.FindProducts(m.Facts.Current, products).FirstOrDefault() is { } product)
            {
                s.Product = product;
                notes.Add(new IntakeNote.Noted(IntakeSlot.Subject, product, false));
            }
        }

        if (s.Quantity is null && m.Facts.AffectedQuantity is { } quantity && quantity <= MaxQuantity)
        {
            s.Quantity = quantity;
            notes.Add(new IntakeNote.Noted(IntakeSlot.Quantity, quantity.ToString(CultureInfo.InvariantCulture), false));
        }

        if (s.Severity is null && m.Facts.Severity is { } severity)
        {
            s.Severity = severity;
            notes.Add(new IntakeNote.Noted(IntakeSlot.Severity, severity.ToString(), false));
        }

        if (s.Kind is null && m.Facts.Kind is { } kind)
        {
            s.Kind = kind;
            notes.Add(new IntakeNote.Noted(IntakeSlot.Kind, kind.ToString(), false));
        }

        if (s.CustomerOrder is null && m.Facts.CustomerOrder is { } order)
        {
            s.CustomerOrder = order;
            notes.Add(new IntakeNote.Noted(IntakeSlot.CustomerOrder, order, false));
        }

        if (s.ReceivedOn is null && m.Facts.ReceivedOn is { } received && received < m.Day && received >= m.Day.AddDays(-MaxReceivedDaysAgo))
        {
            s.ReceivedOn = received; // today is the default: only an earlier day is worth a word
            notes.Add(new IntakeNote.Noted(IntakeSlot.ReceivedOn, received.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), false));
        }

        AddAll(s.Phones, m.Facts.Phones);
        AddAll(s.Emails, m.Facts.Emails);
        foreach (var d in m.Facts.Dates.Where(d => !s.Dates.Contains(d)).Take(MaxListItems - s.Dates.Count))
        {
            s.Dates.Add(d);
        }

        if (takeDescription && s.Description is null)
        {
            var body = (m.Facts.Subject is { } subject ? subject + "\n" : string.Empty) + TriggerWord().Replace(m.Facts.Body, string.Empty).Trim();
            if (Meaningful(body))
            {
                s.Description = Cut(body.Trim(), MaxDescriptionLength);
                notes.Add(new IntakeNote.Noted(IntakeSlot.Description, s.Description, false));
            }
        }
    }

    private void Set(IntakeSlot slot, string value, IntakeMessage m, bool corrected, List<IntakeNote> notes)
    {
        var s = State;
        value = value.Trim();
        switch (slot)
        {
            case IntakeSlot.Customer:
                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pick) && s.Suggestions.Count > 0)
                {
                    if (pick >= 1 && pick <= s.Suggestions.Count && m.Customers.FirstOrDefault(c => c.Id == s.Suggestions[pick - 1]) is { } chosen)
                    {
                        SetCustomer(chosen, corrected, notes);
                    }
                    else
                    {
                        notes.Add(new IntakeNote.NotUnderstood(slot, AnswerProblem.NotAChoice));
                    }

                    return;
                }

                var exact = m.Customers.Where(c => c.Names.Any(n => Customer.NameKey(n) == Customer.NameKey(value))).ToList();
                var found = exact.Count > 0 ? exact : ComplaintText.FindCustomers(value, ComplaintText.Read(value, m.Day), m.Customers);
                if (found.Count == 1)
                {
                    SetCustomer(found[0], corrected, notes);
                }
                else if (found.Count > 1)
                {
                    s.Suggestions = found.Take(MaxListItems).Select(c => c.Id).ToList();
                    notes.Add(new IntakeNote.SeveralCustomers(found.Take(MaxListItems).ToList()));
                }
                else
                {
                    var closest = ComplaintText.Closest(value, m.Customers);
                    s.Suggestions = closest.Select(c => c.Id).ToList();
                    notes.Add(new IntakeNote.UnknownCustomer(Cut(value, 60), closest));
                    if (corrected)
                    {
                        s.CustomerId = null;
                        s.CustomerName = null;
                    }
                }

                return;
            case IntakeSlot.Channel:
                if (ParseChannel(value) is { } channel)
                {
                    s.Channel = channel;
                    notes.Add(new IntakeNote.Noted(slot, channel.ToString(), corrected));
                }
                else
                {
                    notes.Add(new IntakeNote.NotUnderstood(slot, AnswerProblem.NotAChoice));
                }

                return;
            case IntakeSlot.Subject:
                if (m.References.FirstOrDefault(r => r.Exists) is { } reference)
                {
                    SetReference(reference, m, corrected, notes);
                }
                else if (m.References.Count > 0)
                {
                    // the unknown number is reported by Absorb
                }
                else if (value.Length < 2)
                {
                    notes.Add(new IntakeNote.NotUnderstood(slot, AnswerProblem.TooShort));
                }
                else if (value.Length > Customer.MaxNameLength)
                {
                    notes.Add(new IntakeNote.NotUnderstood(slot, AnswerProblem.TooLong));
                }
                else
                {
                    var known = ComplaintText.FindProducts(value, m.Customers.SelectMany(c => c.Products)).FirstOrDefault(p => Customer.NameKey(p) == Customer.NameKey(value));
                    s.Product = known ?? value;
                    if (corrected)
                    {
                        s.Reference = null;
                    }

                    notes.Add(new IntakeNote.Noted(slot, s.Product, corrected));
                }

                return;
            case IntakeSlot.Description:
                if (!Meaningful(value))
                {
                    notes.Add(new IntakeNote.NotUnderstood(slot, AnswerProblem.TooShort));
                }
                else if (value.Length > MaxDescriptionLength)
                {
                    notes.Add(new IntakeNote.NotUnderstood(slot, AnswerProblem.TooLong));
                }
                else
                {
                    s.Description = value;
                    notes.Add(new IntakeNote.Noted(slot, value, corrected));
                }

                return;
            case IntakeSlot.Quantity:
                var digits = LeadingNumber().Match(value);
                if (!digits.Success || !int.TryParse(digits.Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
                {
                    notes.Add(new IntakeNote.NotUnderstood(slot, digits.Success ? AnswerProblem.OutOfRange : AnswerProblem.NotANumber));
                }
                else if (quantity <= 0 || quantity > MaxQuantity)
                {
                    notes.Add(new IntakeNote.NotUnderstood(slot, AnswerProblem.OutOfRange));
                }
                else
                {
                    if (corrected && s.Quantity is { } before && before != quantity && s.Description is { } description)
                    {
                        s.Description = Requoted(description, before, quantity);
                    }

                    s.Quantity = quantity;
                    notes.Add(new IntakeNote.Noted(slot, quantity.ToString(CultureInfo.InvariantCulture), corrected));
                }

                return;
            case IntakeSlot.Kind:
                if (ParseKind(value) is { } kind)
                {
                    s.Kind = kind;
                    notes.Add(new IntakeNote.Noted(slot, kind.ToString(), corrected));
                }
                else
                {
                    notes.Add(new IntakeNote.NotUnderstood(slot, AnswerProblem.NotAChoice));
                }

                return;
            case IntakeSlot.ReceivedOn:
                var written = ComplaintText.Read(value, m.Day).Dates;
                var day = ComplaintText.Received(value, m.Day) ?? StepValues.ParseDate(value) ?? (written.Count > 0 ? written[0] : null);
                if (day is null)
                {
                    notes.Add(new IntakeNote.NotUnderstood(slot, AnswerProblem.NotAChoice));
                }
                else if (day > m.Day || day < m.Day.AddDays(-MaxReceivedDaysAgo))
                {
                    notes.Add(new IntakeNote.NotUnderstood(slot, AnswerProblem.OutOfRange));
                }
                else
                {
                    s.ReceivedOn = day;
                    notes.Add(new IntakeNote.Noted(slot, day.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), corrected));
                }

                return;
            case IntakeSlot.CustomerOrder:
                if (value.Length > MaxOrderLength)
                {
                    notes.Add(new IntakeNote.NotUnderstood(slot, AnswerProblem.TooLong));
                }
                else
                {
                    s.CustomerOrder = value;
                    notes.Add(new IntakeNote.Noted(slot, value, corrected));
                }

                return;
            default:
                if (ParseSeverity(value) is { } severity)
                {
                    s.Severity = severity;
                    notes.Add(new IntakeNote.Noted(slot, severity.ToString(), corrected));
                }
                else
                {
                    notes.Add(new IntakeNote.NotUnderstood(slot, AnswerProblem.NotAChoice));
                }

                return;
        }
    }

    private void SetCustomer(Customer customer, bool corrected, List<IntakeNote> notes)
    {
        State.CustomerId = customer.Id;
        State.CustomerName = customer.Name;
        State.Suggestions = [];
        notes.Add(new IntakeNote.Noted(IntakeSlot.Customer, customer.Label, corrected));
    }

    private void SetReference(ReferenceInfo reference, IntakeMessage m, bool corrected, List<IntakeNote> notes)
    {
        var s = State;
        s.Reference = reference.Number;
        if (reference.Product is { Length: > 0 } product && (s.Product is null || corrected))
        {
            s.Product = product;
        }

        notes.Add(new IntakeNote.Noted(IntakeSlot.Subject, reference.Number + (reference.Product is { Length: > 0 } p ? " · " + p : string.Empty), corrected));
        if (s.CustomerId is null && reference.CustomerName is { Length: > 0 } name)
        {
            var key = Customer.NameKey(name);
            var owner = m.Customers.Where(c => c.Names.Any(n => Customer.NameKey(n) == key)).ToList();
            if (owner.Count == 1)
            {
                SetCustomer(owner[0], corrected: false, notes);
            }
        }
    }

    /// <summary>"no, the customer is …", "客户是…", "数量：300" — a slot named and a value given.</summary>
    private static (IntakeSlot Slot, string Value)? Correction(string text)
    {
        var m = CorrectionPattern().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var word = m.Groups["slot"].Value.ToLowerInvariant();
        IntakeSlot? slot = word switch
        {
            "customer" or "client" or "客户" or "顾客" => IntakeSlot.Customer,
            "channel" or "via" or "渠道" or "方式" or "投诉方式" => IntakeSlot.Channel,
            "order" or "product" or "订单" or "产品" or "单号" => IntakeSlot.Subject,
            "description" or "problem" or "issue" or "问题" or "描述" or "内容" => IntakeSlot.Description,
            "quantity" or "qty" or "数量" or "不良数" or "不良数量" => IntakeSlot.Quantity,
            "severity" or "严重程度" or "严重性" or "等级" => IntakeSlot.Severity,
            "kind" or "type" or "类型" or "投诉类型" or "类别" => IntakeSlot.Kind,
            "received" or "received on" or "date received" or "收到日期" or "来电日期" or "投诉日期" => IntakeSlot.ReceivedOn,
            "po" or "p/o" or "po number" or "customer order" or "purchase order" or "订单号" or "客户订单号" or "采购单号" => IntakeSlot.CustomerOrder,
            _ => null,
        };
        var value = m.Groups["value"].Value.Trim().TrimEnd('.', '。');

        // "PO: ACM-2231, 1,200 tags are wrong" opens a complaint; it does not make the whole sentence the PO.
        var shortOnly = slot is IntakeSlot.CustomerOrder ? value.Any(char.IsWhiteSpace) : slot is IntakeSlot.ReceivedOn && (value.Length > 20 || value.Contains('\n', StringComparison.Ordinal));
        return slot is null || value.Length == 0 || shortOnly ? null : (slot.Value, value);
    }

    /// <summary>
    /// The description after a correction of the quantity: where it quoted the old figure as a quantity ("300个",
    /// "300 pcs") it shows the new one and what was first written, so QC does not read 300 next to 250. The
    /// messages as typed are kept unchanged in the register.
    /// </summary>
    public static string Requoted(string description, int before, int after)
    {
        var pattern = new Regex($@"(?<![\d.,])(?:{before.ToString(CultureInfo.InvariantCulture)}|{before.ToString("N0", CultureInfo.InvariantCulture)})(?<unit>\s*(?:pcs|pc|pieces|units|sets|boxes|sheets|copies|个|件|张|套|本|盒|只|份|箱|卷|片|册|枚))(?![A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var chinese = description.Count(c => c > 0x2E80) * 3 >= description.Count(char.IsAsciiLetter);
        var text = pattern.Replace(description, m => $"{after.ToString(CultureInfo.InvariantCulture)}{m.Groups["unit"].Value}{(chinese ? $"（更正，原写 {m.Value.Trim()}）" : $" (corrected; first given as {m.Value.Trim()})")}");
        return text.Length <= MaxDescriptionLength ? text : description;
    }

    public static ComplaintKind? ParseKind(string text) => text.Trim().TrimEnd('.', '。').ToLowerInvariant() switch
    {
        "1" or "product" or "quality" or "goods" or "产品" or "质量" or "产品质量" => ComplaintKind.Product,
        "2" or "delivery" or "late" or "交货" or "交期" or "送货" or "交货/送货" => ComplaintKind.Delivery,
        "3" or "invoice" or "price" or "documents" or "发票" or "单据" or "价格" or "发票/单据" => ComplaintKind.Invoice,
        "4" or "service" or "服务" or "服务态度" => ComplaintKind.Service,
        "5" or "other" or "其他" or "其它" => ComplaintKind.Other,
        _ => null,
    };

    public static ContactChannel? ParseChannel(string text) => text.Trim().TrimEnd('.', '。').ToLowerInvariant() switch
    {
        "phone" or "telephone" or "tel" or "call" or "电话" or "来电" or "1" => ContactChannel.Phone,
        "email" or "e-mail" or "mail" or "邮件" or "电子邮件" or "电邮" or "2" => ContactChannel.Email,
        "fax" or "传真" or "3" => ContactChannel.Fax,
        "wechat" or "weixin" or "微信" or "4" => ContactChannel.WeChat,
        "visit" or "visited" or "来访" or "上门" or "到厂" or "5" => ContactChannel.Visit,
        "other" or "其他" or "其它" or "6" => ContactChannel.Other,
        _ => null,
    };

    public static Severity? ParseSeverity(string text) => text.Trim().TrimEnd('.', '。').ToLowerInvariant() switch
    {
        "1" or "minor" or "low" or "轻微" or "低" => Complaints.Severity.Minor,
        "2" or "major" or "medium" or "normal" or "一般" or "中" => Complaints.Severity.Major,
        "3" or "critical" or "high" or "serious" or "严重" or "高" => Complaints.Severity.Critical,
        _ => null,
    };

    /// <summary>At least three letters or Chinese characters: not just punctuation, digits or a stray key.</summary>
    private static bool Meaningful(string text) => text.Count(c => char.IsLetter(c)) >= 3 || text.Count(c => c > 0x2E80) >= 2;

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static void AddAll(List<string> into, IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            if (into.Count < MaxListItems && !into.Contains(item, StringComparer.OrdinalIgnoreCase))
            {
                into.Add(item);
            }
        }
    }

    private static readonly HashSet<string> CancelWords = ["cancel", "取消", "算了", "stop", "quit", "退出", "不登记了"];

    [GeneratedRegex(@"^(?:(?:no|nope|not|wrong|不是|不对|错了|更正|更改|改为|correction)\s*[,，:：]?\s*)?(?:the\s+)?(?<slot>customer order|customer|client|channel|via|purchase order|order|product|description|problem|issue|quantity|qty|severity|kind|type|date received|received on|received|po number|p/o|po|客户订单号|客户|顾客|渠道|投诉方式|方式|订单号|采购单号|订单|产品|单号|问题|描述|内容|不良数量|不良数|数量|严重程度|严重性|等级|投诉类型|类型|类别|收到日期|来电日期|投诉日期)\s*(?:is|should be|=|:|：|是|为|应为|应该是|改为)\s*(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex CorrectionPattern();

    [GeneratedRegex(@"^\s*(?:投诉|客诉|complaint|complain)\s*[:：]?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerWord();

    [GeneratedRegex(@"\d{1,3}(?:,\d{3})+(?!\d)|\d+")]
    private static partial Regex LeadingNumber();
}
