using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Records;

namespace MingXin.Bot.Domain.Approvals;

/// <summary>The card verbs of the Internal Approval, each written here once (stored on cards already posted: never rename one).</summary>
public static class InternalApprovalVerbs
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Reassign = "reassign";
    public const string Comment = "comment";
    public const string Cancel = "cancel";
}

/// <summary>What happens to an Internal Approval, as its audit rows name it (stored: never rename one).</summary>
public static class InternalApprovalEvents
{
    public const string Started = FormEvents.Started;
    public const string StepStarted = "step-started";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string StepCompleted = "step-completed";
    public const string Completed = "completed";
    public const string Reassigned = "reassigned";
    public const string Cancelled = FormEvents.Cancelled;
    public const string Commented = "commented";
}

/// <summary>Where an Internal Approval stands: the step it waits at while in progress, or how it ended.</summary>
public enum InternalApprovalStage
{
    /// <summary>Production, QC and Materials Control review it (all three).</summary>
    JointReview,

    /// <summary>The general manager approves or rejects it.</summary>
    GmApproval,

    Approved,
    Rejected,
    Cancelled,
}

/// <summary>
/// The Internal Approval 内部审批单, step by step: a joint review by the Production manager, the QC manager
/// and Materials Control (each a seat; all must approve, one rejection rejects), then the general
/// manager. A seat may be handed to a colleague in the same position, who then takes it in person.
/// </summary>
public static class InternalApprovalSteps
{
    /// <summary>The form as the company names it, the clause it serves, how it is started from chat.</summary>
    public static FormName Form { get; } = new FormName("InternalApproval", "IA", "内部审批单", "Internal Approval", [], ["approval", "request", "内部审批", "内部审批单", "申请"], "3.1", new FormCommand(["request", "申请"], "申请 <标题> | <说明> / request", "request <title> | <details> / 申请", "发起内部审批单：生产、品管、物控会签后总经理批准", "Start an Internal Approval: joint review by Production, QC and Materials Control, then the general manager", StartsForm: false));

    /// <summary>Who may hand on a seat or comment: anyone who holds a seat's position (the domain checks the seat).</summary>
    private static readonly Position[] Everyone = InternalApprovalForm.Route.SelectMany(s => s.Seats).Select(s => s.Position).Distinct().ToArray();

    public static StepTable<Approval, InternalApprovalStage> Table { get; } =
        new StepTable<Approval, InternalApprovalStage>(InternalApprovalStage.JointReview, InternalApprovalStage.Cancelled, Stage, (a, actor) => a.IsOriginator(actor))
            .ServiceLevelsKeyedAs(s => s switch
            {
                InternalApprovalStage.JointReview => InternalApprovalForm.Route[0].Key,
                InternalApprovalStage.GmApproval => InternalApprovalForm.Route[1].Key,
                _ => s.ToString(),
            })
            .PostAtStartTo(InternalApprovalForm.OriginDepartment)
            .PostWhenReached(InternalApprovalStage.JointReview, [.. InternalApprovalForm.DepartmentsOf(InternalApprovalForm.Route[0])])
            .PostWhenReached(InternalApprovalStage.GmApproval, [.. InternalApprovalForm.DepartmentsOf(InternalApprovalForm.Route[1])])
            .In(InternalApprovalStage.JointReview)

                .When(InternalApprovalVerbs.Approve, SeatsOf(0), OpenSeatPositions).OrPeople(HandedTo, SeatHolders)
                .Separated(DutyRule.ReviewSeatsByDifferentPeople, (a, actor) => a.HasDecidedThisStep(actor))
                .Then((a, c) => a.Approve(c.Actor, Seat(c), c.Values.Text("comment"), c.Now))
                .TransitionTo(InternalApprovalStage.JointReview, InternalApprovalStage.GmApproval)
                .When(InternalApprovalVerbs.Reject, SeatsOf(0), OpenSeatPositions).OrPeople(HandedTo, SeatHolders)
                .Separated(DutyRule.ReviewSeatsByDifferentPeople, (a, actor) => a.HasDecidedThisStep(actor))
                .Then((a, c) => a.Reject(c.Actor, Seat(c), c.Values.Text("comment"), c.Now))
                .TransitionTo(InternalApprovalStage.Rejected)
            .In(InternalApprovalStage.GmApproval)
                .When(InternalApprovalVerbs.Approve, SeatsOf(1), OpenSeatPositions).OrPeople(HandedTo, SeatHolders)
                .Separated(DutyRule.NoApprovalOfOwnForm, (a, actor) => a.IsOriginator(actor))
                .Then((a, c) => a.Approve(c.Actor, Seat(c), c.Values.Text("comment"), c.Now))
                .TransitionTo(InternalApprovalStage.Approved)
                .When(InternalApprovalVerbs.Reject, SeatsOf(1), OpenSeatPositions).OrPeople(HandedTo, SeatHolders)
                .Then((a, c) => a.Reject(c.Actor, Seat(c), c.Values.Text("comment"), c.Now))
                .TransitionTo(InternalApprovalStage.Rejected)
            .While(StepConditions.Open, a => a.Status == ApprovalStatus.InProgress, InternalApprovalStage.JointReview, InternalApprovalStage.GmApproval)

                // Whoever holds an open seat, or the originator, hands it to a colleague in the same position.
                .WhenOriginator(InternalApprovalVerbs.Reassign).AlsoBy(Everyone).Optional()
                .Then((a, c) => c.Named is null ? new ActionOutcome.Refused(Refusal.ColleagueRequired) : a.Reassign(c.Actor, Seat(c) ?? string.Empty, c.Named, c.Values.Text("comment"), c.Now))
                .Stay()
                .WhenOriginator(InternalApprovalVerbs.Comment).AlsoBy(Everyone).Optional()
                .Then((a, c) => a.Comment(c.Actor, c.Values.Text("comment"), c.Now))
                .Stay()
                .WhenOriginator(InternalApprovalVerbs.Cancel).Optional()
                .Then((a, c) => a.Cancel(c.Actor, c.Values.Text("comment"), c.Now))
                .TransitionTo(InternalApprovalStage.Cancelled)
            .Table;

    /// <summary>The colleague a seat was handed to, for the procedure page.</summary>
    private const string HandedTo = "or the colleague a seat was handed to 或受转交的同事";

    public static InternalApprovalStage Stage(Approval a) => a.Status switch
    {
        ApprovalStatus.InProgress => a.State.CurrentStep == 0 ? InternalApprovalStage.JointReview : InternalApprovalStage.GmApproval,
        ApprovalStatus.Approved => InternalApprovalStage.Approved,
        ApprovalStatus.Rejected => InternalApprovalStage.Rejected,
        _ => InternalApprovalStage.Cancelled,
    };

    /// <summary>Who holds the seats of a route step, for the procedure page.</summary>
    private static string SeatsOf(int step) =>
        string.Join(", ", InternalApprovalForm.Route[step].Seats.Select(s => $"{s.Position.Name(Language.English)} {s.Position.Name(Language.Chinese)}"))
        + (InternalApprovalForm.Route[step].Seats.Count > 1 ? " — each open seat 各未决席位" : string.Empty);

    /// <summary>The seat the card's button names ("any" or none: the seat the person can take).</summary>
    private static string? Seat(StepContext c) => c.Values.Text("seat") is { Length: > 0 } seat && seat != "any" ? seat : null;

    /// <summary>Positions of the open seats that no colleague was handed.</summary>
    private static IReadOnlyList<Position> OpenSeatPositions(Approval a) => a.OpenSeats().Where(s => s.Person is null).Select(s => s.Position).Distinct().ToList();

    /// <summary>Colleagues an open seat was handed to: they take it in person.</summary>
    private static IReadOnlyList<string> SeatHolders(Approval a) => a.OpenSeats().Where(s => s.Person is not null).Select(s => s.Person!.Id).ToList();
}
