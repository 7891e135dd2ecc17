using MingXin.Bot.Domain.Approvals;

namespace MingXin.Bot.Domain.Quotations;

/// <summary>What happened to a quotation; each becomes an audit row.</summary>
public abstract record QuotationEvent(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter) : Forms.IFormEvent
{
    /// <summary>A stable name for the audit trail.</summary>
    public abstract string Action { get; }
}

public sealed record QuotationStarted(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, QuotationPath Path) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => QuotationEventNames.Started;
}

public sealed record ContractReviewed(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, int Round, string SeatKey, Feasibility Feasibility, string? Note) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => QuotationEventNames.Reviewed;
}

public sealed record GmDecided(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, int ForVersion, bool Approved, string? Comment) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => Approved ? QuotationEventNames.GmApproved : QuotationEventNames.GmRejected;
}

public sealed record CostSheetRevised(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, int Version, string? Note) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => QuotationEventNames.Revised;
}

public sealed record QuotationSentToCustomer(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, SendMethod Method) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => QuotationEventNames.Sent;
}

public sealed record CustomerConfirmed(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, string SignedBy, DateOnly SignedOn) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => QuotationEventNames.CustomerConfirmed;
}

public sealed record CustomerObjected(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, string Text) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => QuotationEventNames.CustomerObjected;
}

public sealed record ObjectionDecided(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, ObjectionDecision Decision, string? Note) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => QuotationEventNames.ObjectionDecided;
}

public sealed record QuotationCancelled(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, string Reason) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => QuotationEventNames.Cancelled;
}

/// <summary>A step waited past its service level: a reminder (level 1) or an escalation (2: managers, 3: the GM), naming whom.</summary>
public sealed record ServiceLevelNoticed(PersonRef By, DateTimeOffset At, QuotationStatus StatusAfter, string Step, int Level, string Names) : QuotationEvent(By, At, StatusAfter)
{
    public override string Action => Level switch { 1 => Forms.FormEvents.SlaReminder, 2 => Forms.FormEvents.SlaEscalated, _ => Forms.FormEvents.SlaEscalatedToGm };
}
