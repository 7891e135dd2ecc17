using MingXin.Bot.Domain.Approvals;

namespace MingXin.Bot.Domain.Quotations;

/// <summary>What happened to a quotation; each becomes an audit row.</summary>
public abstract record QuotationEvent(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter)
{
    /// <summary>A stable name for the audit trail.</summary>
    public abstract string Action { get; }
}

public sealed record QuotationStarted(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, QuotationPath Path) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => "started";
}

public sealed record ContractReviewed(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, int Round, string SeatKey, Feasibility Feasibility, string? Note) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => "reviewed";
}

public sealed record GmDecided(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, int ForVersion, bool Approved, string? Comment) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => Approved ? "gm-approved" : "gm-rejected";
}

public sealed record CostSheetRevised(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, int Version, string? Note) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => "revised";
}

public sealed record QuotationSentToCustomer(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, SendMethod Method) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => "sent";
}

public sealed record CustomerConfirmed(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, string SignedBy, DateOnly SignedOn) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => "customer-confirmed";
}

public sealed record CustomerObjected(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, string Text) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => "customer-objected";
}

public sealed record ObjectionDecided(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, ObjectionDecision Decision, string? Note) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => "objection-decided";
}

public sealed record QuotationCancelled(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, string Reason) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => "cancelled";
}

/// <summary>A step waited past its service level: a reminder (level 1) or an escalation (2: managers, 3: the GM), naming whom.</summary>
public sealed record ServiceLevelNoticed(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, string Step, int Level, string Names) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => Level switch { 1 => "sla-reminder", 2 => "sla-escalated", _ => "sla-escalated-gm" };
}
