namespace MingXin.Bot.Domain.Approvals;

/// <summary>What happened to an approval; each becomes an audit row and drives what is sent.</summary>
public abstract record ApprovalEvent(PersonRef By, DateTimeOffset At) : Forms.IFormEvent
{
    /// <summary>A stable name for the audit trail.</summary>
    public abstract string Action { get; }
}

public sealed record ApprovalStarted(PersonRef By, DateTimeOffset At, string Title) : ApprovalEvent(By, At)
{
    public override string Action => InternalApprovalEvents.Started;
}

public sealed record StepStarted(PersonRef By, DateTimeOffset At, string StepKey) : ApprovalEvent(By, At)
{
    public override string Action => InternalApprovalEvents.StepStarted;
}

public sealed record SeatDecided(PersonRef By, DateTimeOffset At, string StepKey, string SeatKey, Verdict Verdict, string? Comment) : ApprovalEvent(By, At)
{
    public override string Action => Verdict == Verdict.Approved ? InternalApprovalEvents.Approved : InternalApprovalEvents.Rejected;
}

public sealed record StepCompleted(PersonRef By, DateTimeOffset At, string StepKey, Verdict Verdict) : ApprovalEvent(By, At)
{
    public override string Action => InternalApprovalEvents.StepCompleted;
}

public sealed record ApprovalCompleted(PersonRef By, DateTimeOffset At, ApprovalStatus Status) : ApprovalEvent(By, At)
{
    public override string Action => InternalApprovalEvents.Completed;
}

public sealed record SeatReassigned(PersonRef By, DateTimeOffset At, string StepKey, string SeatKey, PersonRef? From, PersonRef To, string? Comment) : ApprovalEvent(By, At)
{
    public override string Action => InternalApprovalEvents.Reassigned;
}

public sealed record ApprovalCancelled(PersonRef By, DateTimeOffset At, string Reason) : ApprovalEvent(By, At)
{
    public override string Action => InternalApprovalEvents.Cancelled;
}

public sealed record Commented(PersonRef By, DateTimeOffset At, string Text) : ApprovalEvent(By, At)
{
    public override string Action => InternalApprovalEvents.Commented;
}

/// <summary>The result of an action: what happened, or why nothing did.</summary>
public abstract record ActionOutcome : Forms.IStepOutcome
{
    private ActionOutcome()
    {
    }

    public sealed record Accepted(IReadOnlyList<ApprovalEvent> Events) : ActionOutcome;

    public sealed record Refused(Refusal Reason) : ActionOutcome;
}

/// <summary>A step waited past its service level: a reminder (level 1) or an escalation (2: managers, 3: the GM), naming whom.</summary>
public sealed record ServiceLevelNoticed(PersonRef By, DateTimeOffset At, string StepKey, int Level, string Names) : ApprovalEvent(By, At)
{
    public override string Action => Level switch { 1 => Forms.FormEvents.SlaReminder, 2 => Forms.FormEvents.SlaEscalated, _ => Forms.FormEvents.SlaEscalatedToGm };
}
