using System.Globalization;
using System.Text.Json.Serialization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Returns;

public enum ReturnStatus
{
    /// <summary>Registered by Sales: the warehouse receives and counts it.</summary>
    AwaitingReceipt,

    /// <summary>Counted: QC inspects it and decides what happens to each quantity.</summary>
    AwaitingInspection,

    /// <summary>Decided: each disposition is carried out and recorded (a large credit waits for the GM).</summary>
    AwaitingDisposition,

    /// <summary>Every disposition carried out.</summary>
    Closed,

    Cancelled,
}

/// <summary>What QC decides for part of a returned consignment (stored by name: add, never rename).</summary>
public enum Disposition
{
    /// <summary>Reworked by Production and shipped again.</summary>
    Rework,

    /// <summary>Replaced: a new Production Notice or delivery.</summary>
    Replace,

    /// <summary>Credited to the customer (a credit above the configured amount needs the GM).</summary>
    Credit,

    Scrap,

    /// <summary>Sent back to the customer as it is, with the reason (e.g. the goods were within the agreed criteria).</summary>
    SendBack,

    /// <summary>Found good: back into finished-goods stock, where a repeat order's stock check (4.1.8.1) sees it.</summary>
    Restock,
}

/// <summary>How a disposition was carried out: by whom, when, what was done (the replacement's number, the credit's amount, where it is stored).</summary>
public sealed record DispositionDone(PersonRef By, DateTimeOffset At, string? Note, string? Reference = null, decimal? Amount = null);

/// <summary>The GM's decision on a credit above the configured amount.</summary>
public sealed record CreditDecision(bool Approved, string? Comment, PersonRef By, DateTimeOffset At);

/// <summary>One line of QC's decision: how many, what happens to them, why; then how it was carried out.</summary>
public sealed record DispositionLine(int No, Disposition Kind, int Quantity, string? Reason, DispositionDone? Done = null, CreditDecision? Credit = null)
{
    /// <summary>A credit recorded above the configured amount, not yet decided by the GM.</summary>
    public bool AwaitsGm => Kind == Disposition.Credit && Done is not null && Credit is null && Done.Amount is not null && NeedsGm;

    /// <summary>Set when the credit was recorded: the amount was above what Sales may grant alone.</summary>
    public bool NeedsGm { get; init; }

    /// <summary>Carried out (a large credit: and approved or refused by the GM).</summary>
    public bool Complete => Done is not null && !AwaitsGm;
}

/// <summary>QC's inspection of the returned goods: what was found.</summary>
public sealed record ReturnInspection(string Findings, PersonRef By, DateTimeOffset At);

/// <summary>The warehouse's count of what arrived (it may differ from what Sales announced).</summary>
public sealed record ReturnReceipt(int Received, DateOnly ReceivedOn, string? Note, PersonRef By, DateTimeOffset At);

/// <summary>Where a return came from: the Delivery Note (when known) and the Production Notice it shipped against.</summary>
public sealed record ReturnSource(string? DeliveryNote, string? Notice, string CustomerId, string CustomerName, string Product, int Shipped);

/// <summary>A return was registered with no complaint named: the complaint register opens a corrective action for QC. Applied by the complaint register.</summary>
public sealed record ReturnRegistered(string ReturnId) : IFormChange
{
    /// <summary>Stored on outbox rows: never rename.</summary>
    public const string Name = "return-corrective-action";

    [JsonIgnore]
    public string ChangeName => Name;
}

/// <summary>The corrective action opened for a return: the return records its number. Sent by the complaint, applied by the return.</summary>
public sealed record ReturnComplaintOpened(string ReturnId, string ComplaintId) : IFormChange
{
    /// <summary>Stored on outbox rows: never rename.</summary>
    public const string Name = "return-link-complaint";

    [JsonIgnore]
    public string ChangeName => Name;
}

public sealed class CustomerReturnState : FormState
{
    public ReturnSource Source { get; set; } = null!;

    /// <summary>What Sales announced the customer is returning.</summary>
    public int Announced { get; set; }

    public string Reason { get; set; } = string.Empty;

    /// <summary>Photos or files: links to where they are kept (Teams files, SharePoint, OneDrive).</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>The complaint and corrective action the return belongs to (named at registration, or opened for it).</summary>
    public string? Complaint { get; set; }

    public ReturnReceipt? Receipt { get; set; }

    public ReturnInspection? Inspection { get; set; }

    public List<DispositionLine> Dispositions { get; set; } = [];

    public ReturnStatus Status { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>
/// Customer Return 退货单 (MX-QM-03 3.4, 4.4–4.6; ISO 9001 8.7, 10.2): Sales registers what the customer
/// returns and why; the warehouse receives and counts it; QC inspects it and decides a disposition for
/// every piece received — rework, replace, credit, scrap, send back, or back into stock when good; each
/// is carried out and recorded, a credit above the configured amount approved by the GM. Every return
/// belongs to a complaint and its corrective action.
/// </summary>
public sealed class CustomerReturn(CustomerReturnState state) : StepForm<CustomerReturnState>(state)
{
    public const string Kind = "CustomerReturn";
    public const string Prefix = "RT";
    public const int MaxFiles = 10;
    public const int MaxLinkLength = 500;
    public const int MaxLines = 6;
    public const decimal MaxCredit = 10_000_000m;

    public ReturnStatus Status => State.Status;

    public override bool IsOpen => Status is not (ReturnStatus.Closed or ReturnStatus.Cancelled);

    public override string StatusName => Status.ToString();

    public static string Name(Language l) => l.Say("退货单", "Customer Return");

    /// <summary>What is counted as returned: the warehouse's count once made, what Sales announced before.</summary>
    public int Returned => State.Receipt?.Received ?? State.Announced;

    /// <summary>Good goods put back into stock.</summary>
    public int Restocked => State.Dispositions.Where(d => d.Kind == Disposition.Restock && d.Done is not null).Sum(d => d.Quantity);

    public bool CreditAwaitsGm => State.Dispositions.Any(d => d.AwaitsGm);

    public IReadOnlyList<DispositionLine> Pending() => State.Dispositions.Where(d => d.Done is null).ToList();

    /// <summary>A return registered by mistake is withdrawn before the warehouse receives it.</summary>
    public override FormOutcome Cancel(Actor actor, string? reason, DateTimeOffset at) =>
        Status == ReturnStatus.AwaitingReceipt ? base.Cancel(actor, reason, at) : Refuse(FormRefusal.WrongStep);

    protected override void MarkCancelled()
    {
        State.Status = ReturnStatus.Cancelled;
        State.ClosedAt = State.History.LastOrDefault()?.At;
    }

    /// <summary>Who carries out a disposition: Production reworks; Sales arranges a replacement and grants a credit; the warehouse scraps, sends back and restocks.</summary>
    public static Department CarriedOutBy(Disposition kind) => kind switch
    {
        Disposition.Rework => Department.Production,
        Disposition.Replace or Disposition.Credit => Department.Sales,
        _ => Department.Warehouse,
    };

    /// <summary>Sales registers a return: how many (at most what was shipped), why, and links to photos or files.</summary>
    public static (CustomerReturn? Return, FormOutcome Outcome) Register(string id, ReturnSource source, string? complaint, int? quantity, string? reason, IReadOnlyList<string> files, Actor actor, DateTimeOffset at)
    {
        if (!actor.Positions.Any(p => p.HomeDepartment() == Department.Sales))
        {
            return (null, Refuse(FormRefusal.NotYourTurn));
        }

        var problems = new List<FieldProblem>();
        CheckQuantity(problems, quantity, source.Shipped);
        CheckField(problems, "reason", reason, required: true, MaxTextLength);
        var links = files.Select(f => f.Trim()).Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (links.Count > MaxFiles)
        {
            problems.Add(new FieldProblem("files", ProblemKind.TooMany, MaxFiles));
        }
        else if (links.Any(l => l.Length > MaxLinkLength || !Uri.TryCreate(l, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add(new FieldProblem("files", ProblemKind.Unknown));
        }

        if (problems.Count > 0)
        {
            return (null, Invalid([.. problems]));
        }

        var rt = new CustomerReturn(new CustomerReturnState
        {
            Id = id,
            Originator = actor.Person,
            CreatedAt = at,
            Version = 1,
            Source = source,
            Complaint = complaint,
            Announced = quantity!.Value,
            Reason = reason!.Trim(),
            Files = links,
            Status = ReturnStatus.AwaitingReceipt,
        });
        var e = new FormEvent(actor.Person, at, ReturnEvents.Registered, $"{quantity.Value.ToString(CultureInfo.InvariantCulture)}: {rt.State.Reason}", rt.StatusName, new Dictionary<string, string>
        {
            ["customer"] = source.CustomerId,
            ["deliveryNote"] = source.DeliveryNote ?? string.Empty,
            ["notice"] = source.Notice ?? string.Empty,
            ["quantity"] = quantity.Value.ToString(CultureInfo.InvariantCulture),
            ["complaint"] = complaint ?? string.Empty,
        });
        rt.Record([e]);
        return (rt, new FormOutcome.Accepted([e]));
    }

    /// <summary>The complaint opened for this return: recorded once (null when already recorded).</summary>
    public FormOutcome? LinkComplaint(string complaintId, DateTimeOffset at)
    {
        if (State.Complaint is not null)
        {
            return null;
        }

        State.Complaint = complaintId;
        return Accept(new FormEvent(new PersonRef("mingxin-bot", "明新客服助手 MingXin"), at, ReturnEvents.ComplaintLinked, complaintId, StatusName, new Dictionary<string, string> { ["complaint"] = complaintId }));
    }

    /// <summary>The warehouse receives and counts the goods; the count may differ from what was announced (a difference needs a note).</summary>
    public FormOutcome Receive(Actor actor, int? received, DateOnly? receivedOn, string? note, DateOnly today, DateTimeOffset at)
    {
        if (Status != ReturnStatus.AwaitingReceipt)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!actor.Positions.Contains(Position.WarehouseKeeper))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var problems = new List<FieldProblem>();
        if (received is null)
        {
            problems.Add(new FieldProblem("received", ProblemKind.Required));
        }
        else if (received <= 0)
        {
            problems.Add(new FieldProblem("received", ProblemKind.MustBePositive));
        }
        else if (received > CostSheet.MaxQuantity)
        {
            problems.Add(new FieldProblem("received", ProblemKind.TooLarge, CostSheet.MaxQuantity));
        }

        CheckDay(problems, "receivedOn", receivedOn, today);
        CheckField(problems, "receiptNote", note, required: received is not null && received != State.Announced, MaxTextLength);
        if (problems.Count > 0)
        {
            return Invalid([.. problems]);
        }

        State.Receipt = new ReturnReceipt(received!.Value, receivedOn!.Value, Clean(note), actor.Person, at);
        State.Status = ReturnStatus.AwaitingInspection;
        return Accept(new FormEvent(actor.Person, at, ReturnEvents.Received, $"{received.Value.ToString(CultureInfo.InvariantCulture)}" + (State.Receipt.Note is { } n ? ": " + n : string.Empty), StatusName, new Dictionary<string, string>
        {
            ["received"] = received.Value.ToString(CultureInfo.InvariantCulture),
            ["announced"] = State.Announced.ToString(CultureInfo.InvariantCulture),
        }));
    }

    /// <summary>
    /// QC inspects and decides a disposition for every piece received: the lines add up to what was
    /// counted; sending goods back needs the reason the customer is given.
    /// </summary>
    public FormOutcome Decide(Actor actor, string? findings, IReadOnlyList<(Disposition Kind, int? Quantity, string? Reason)> lines, DateTimeOffset at)
    {
        if (Status != ReturnStatus.AwaitingInspection)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!actor.Positions.Any(p => p is Position.QcInspector or Position.QcManager))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var problems = new List<FieldProblem>();
        CheckField(problems, "findings", findings, required: true, MaxTextLength);
        var given = lines.Where(l => l.Quantity is not null).ToList();
        if (given.Count == 0 || given.Count > MaxLines)
        {
            problems.Add(new FieldProblem("dispositions", given.Count == 0 ? ProblemKind.Required : ProblemKind.TooMany, MaxLines));
        }
        else if (given.Any(l => l.Quantity <= 0 || !Enum.IsDefined(l.Kind)))
        {
            problems.Add(new FieldProblem("dispositions", ProblemKind.MustBePositive));
        }
        else if (given.Sum(l => (long)l.Quantity!.Value) != State.Receipt!.Received)
        {
            problems.Add(new FieldProblem("dispositions", ProblemKind.MustAddUp, State.Receipt.Received));
        }
        else if (given.Any(l => l.Kind == Disposition.SendBack && string.IsNullOrWhiteSpace(l.Reason)))
        {
            problems.Add(new FieldProblem("sendBackReason", ProblemKind.Required));
        }

        if (problems.Count > 0)
        {
            return Invalid([.. problems]);
        }

        State.Inspection = new ReturnInspection(findings!.Trim(), actor.Person, at);
        State.Dispositions = given.Select((l, i) => new DispositionLine(i + 1, l.Kind, l.Quantity!.Value, Clean(l.Reason))).ToList();
        State.Status = ReturnStatus.AwaitingDisposition;
        return Accept(new FormEvent(actor.Person, at, ReturnEvents.Decided, $"{State.Inspection.Findings} → " + string.Join(", ", State.Dispositions.Select(d => $"{d.Kind} {d.Quantity.ToString(CultureInfo.InvariantCulture)}")), StatusName, new Dictionary<string, string>
        {
            ["dispositions"] = string.Join(",", State.Dispositions.Select(d => $"{d.Kind}:{d.Quantity.ToString(CultureInfo.InvariantCulture)}")),
        }));
    }

    /// <summary>
    /// A disposition carried out, by the department it belongs to: a replacement names its new Production
    /// Notice or Delivery Note; a credit its amount (above <paramref name="creditLimit"/> it waits for the GM).
    /// When every line is carried out the return closes.
    /// </summary>
    public FormOutcome CarryOut(Actor actor, int? line, string? note, string? reference, decimal? amount, decimal creditLimit, DateTimeOffset at)
    {
        if (Status != ReturnStatus.AwaitingDisposition)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        var target = State.Dispositions.FirstOrDefault(d => d.No == line && d.Done is null);
        if (target is null)
        {
            return Invalid(new FieldProblem("line", ProblemKind.Unknown));
        }

        if (!actor.Positions.Any(p => p.HomeDepartment() == CarriedOutBy(target.Kind)))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var problems = new List<FieldProblem>();
        CheckField(problems, "doneNote", note, required: target.Kind is Disposition.Rework or Disposition.Scrap or Disposition.SendBack or Disposition.Restock, MaxTextLength);
        var cleanReference = Clean(reference)?.ToUpperInvariant();
        if (target.Kind == Disposition.Replace && (cleanReference is null || !Documents.DocumentNumber.TryParse(cleanReference, out var number) || number.Prefix is not ("PN" or "DN")))
        {
            problems.Add(new FieldProblem("replacement", cleanReference is null ? ProblemKind.Required : ProblemKind.Unknown));
        }

        if (target.Kind == Disposition.Credit)
        {
            if (amount is null)
            {
                problems.Add(new FieldProblem("amount", ProblemKind.Required));
            }
            else if (amount <= 0)
            {
                problems.Add(new FieldProblem("amount", ProblemKind.MustBePositive));
            }
            else if (amount > MaxCredit)
            {
                problems.Add(new FieldProblem("amount", ProblemKind.TooLarge, MaxCredit));
            }
            else if (decimal.Round(amount.Value, CostSheet.MoneyDecimals) != amount)
            {
                problems.Add(new FieldProblem("amount", ProblemKind.TooManyDecimals, CostSheet.MoneyDecimals));
            }
        }

        if (problems.Count > 0)
        {
            return Invalid([.. problems]);
        }

        var done = target with
        {
            Done = new DispositionDone(actor.Person, at, Clean(note), target.Kind == Disposition.Replace ? cleanReference : null, target.Kind == Disposition.Credit ? amount : null),
            NeedsGm = target.Kind == Disposition.Credit && amount > creditLimit,
        };
        State.Dispositions[State.Dispositions.IndexOf(target)] = done;
        var events = new List<FormEvent>
        {
            new(actor.Person, at, ReturnEvents.CarriedOut, $"#{done.No} {done.Kind} {done.Quantity.ToString(CultureInfo.InvariantCulture)}" + (done.Done!.Reference is { } r ? " · " + r : string.Empty) + (done.Done.Amount is { } a ? " · CNY " + a.ToString("N2", CultureInfo.InvariantCulture) : string.Empty) + (done.Done.Note is { } n ? ": " + n : string.Empty), StatusName, new Dictionary<string, string>
            {
                ["line"] = done.No.ToString(CultureInfo.InvariantCulture),
                ["kind"] = done.Kind.ToString(),
                ["quantity"] = done.Quantity.ToString(CultureInfo.InvariantCulture),
                ["gm"] = done.AwaitsGm ? "true" : "false",
            }),
        };
        CloseIfDone(actor.Person, at, events);
        return Accept([.. events]);
    }

    /// <summary>The GM approves or refuses a credit above the configured amount (a refusal needs the reason); the line is then complete.</summary>
    public FormOutcome DecideCredit(Actor actor, bool approved, string? comment, DateTimeOffset at)
    {
        var target = State.Dispositions.FirstOrDefault(d => d.AwaitsGm);
        if (Status != ReturnStatus.AwaitingDisposition || target is null)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!actor.Positions.Contains(Position.GeneralManager))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (CheckText(comment, required: !approved) is { } refused)
        {
            return refused;
        }

        var decided = target with { Credit = new CreditDecision(approved, Clean(comment), actor.Person, at) };
        State.Dispositions[State.Dispositions.IndexOf(target)] = decided;
        var events = new List<FormEvent> { new(actor.Person, at, approved ? ReturnEvents.CreditApproved : ReturnEvents.CreditRefused, Clean(comment), StatusName, new Dictionary<string, string> { ["line"] = decided.No.ToString(CultureInfo.InvariantCulture) }) };
        CloseIfDone(actor.Person, at, events);
        return Accept([.. events]);
    }

    private void CloseIfDone(PersonRef by, DateTimeOffset at, List<FormEvent> events)
    {
        if (State.Dispositions.All(d => d.Complete))
        {
            State.Status = ReturnStatus.Closed;
            State.ClosedAt = at;
            events.Add(new FormEvent(by, at, ReturnEvents.Closed, null, StatusName, new Dictionary<string, string> { ["restocked"] = Restocked.ToString(CultureInfo.InvariantCulture) }));
        }
    }
}
