using System.Text.Json.Serialization;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Domain.Complaints;

/// <summary>The card verbs of the Corrective Action Form, each written here once.</summary>
public static class ComplaintVerbs
{
    public const string Prefix = "cc-";
    public const string Start = "cc-start";
    public const string Acknowledge = "cc-ack";
    public const string RootCause = "cc-rootcause";
    public const string Actions = "cc-actions";
    public const string Done = "cc-done";
    public const string Effective = "cc-effective";
    public const string Ineffective = "cc-ineffective";
    public const string Reply = "cc-reply";
    public const string Cancel = "cc-cancel";
}

/// <summary>What happens to a complaint, as its audit rows name it (stored: never rename one).</summary>
public static class ComplaintEvents
{
    public const string Registered = "registered";
    public const string OpenedFromSurvey = "opened-from-survey";
    public const string OpenedFromReturn = "opened-from-return";
    public const string Acknowledged = "acknowledged";
    public const string RootCause = "root-cause";
    public const string ActionsPlanned = "actions-planned";
    public const string ActionDone = "action-done";
    public const string VerifiedEffective = "verified-effective";
    public const string VerifiedIneffective = "verified-ineffective";
    public const string Closed = "closed";
    public const string Cancelled = FormEvents.Cancelled;
}

/// <summary>
/// A corrective action opened for a survey's low score, for the survey to record its number. Sent by the
/// complaint, applied by the survey.
/// </summary>
public sealed record CorrectiveActionOpened(string SurveyId, string CorrectiveActionId) : IFormChange
{
    /// <summary>Stored on outbox rows: never rename.</summary>
    public const string Name = "link-corrective-action";

    [JsonIgnore]
    public string ChangeName => Name;
}

/// <summary>
/// The Customer Complaint Register 顾客投诉登记表 entry and its Corrective Action Form
/// 顾客不满意/投诉改善措施表 (MX-QM-03 4.3), step by step: the department issued takes it on and contains
/// it, finds the root cause and plans corrective and preventive actions (QC leads and Production
/// assists, 3.2), each action's owner confirms it done, QC verifies — not effective goes back to the
/// root cause —, and the clerk who registered it replies to the customer.
/// </summary>
public static class ComplaintSteps
{
    /// <summary>The form as the company names it, the clause it serves, how it is started from chat.</summary>
    public static FormName Form { get; } = new FormName("Complaint", "CC", "顾客投诉登记表", "Customer Complaint Register", [("顾客不满意/投诉改善措施表", "Corrective Action Form")], ["complaint", "complaints", "投诉", "客诉", "顾客投诉登记表", "correctiveaction", "corrective", "改善措施表", "改善措施", "顾客不满意/投诉改善措施表"], "4.3", new FormCommand(["complaint", "complain", "投诉", "客诉", "客户投诉"], "投诉 … / complaint", "complaint … / 投诉", "登记客户投诉（顾客投诉登记表，私聊或群聊）：可直接贴邮件或记录，我只问缺少的；确认后发改善措施表给品管部", "Log a customer complaint (Customer Complaint Register; personal or group chat): paste the e-mail or your notes, I ask only what is missing; confirmed, its Corrective Action Form goes to QC", StartsForm: false));

    /// <summary>Rows of corrective and preventive actions on the card.</summary>
    public const int CorrectiveRows = 3;
    public const int PreventiveRows = 2;

    private const string Issued = "the department issued 责任部门";

    /// <summary>QC leads complaint handling and Production assists (3.2): they may act on the investigation for the department issued.</summary>
    private static readonly Position[] Assist = Positions.In(Department.QualityControl, Department.Production);

    public static StepTable<Complaint, ComplaintStatus> Table { get; } =
        new StepTable<Complaint, ComplaintStatus>(ComplaintStatus.AwaitingAcknowledgement, ComplaintStatus.Cancelled, f => f.Status, (f, a) => f.IsOriginator(a))
            .PostAtStartTo(Department.Sales, Department.QualityControl)
            .PostAtStartAlsoTo(Issued, f => [f.State.AssignedTo])
            .In(ComplaintStatus.AwaitingAcknowledgement)
                .When(ComplaintVerbs.Acknowledge, Issued, f => f.DepartmentPositions()).AlsoBy(Assist)
                .Then((f, c) => f.Acknowledge(c.Actor, c.Values.Text("containment"), c.Now))
                .TransitionTo(ComplaintStatus.RootCause)
            .In(ComplaintStatus.RootCause)
                .When(ComplaintVerbs.RootCause, Issued, f => f.DepartmentPositions()).AlsoBy(Assist)
                .Then((f, c) => f.RecordRootCause(c.Actor, c.Values.Text("containment"), Enumerable.Range(1, Complaint.MaxWhys).Select(i => (string?)c.Values.Text($"why{i}")).ToList(), c.Values.OptionalChoice<CauseCategory>("category"), c.Values.Text("rootCause"), c.Now))
                .TransitionTo(ComplaintStatus.Actions)
            .In(ComplaintStatus.Actions)
                .When(ComplaintVerbs.Actions, Issued, f => f.DepartmentPositions()).AlsoBy(Assist)
                .Then((f, c) => f.PlanActions(c.Actor, Planned(c.Values), c.Today, c.Now))
                .TransitionTo(ComplaintStatus.Implementation)
            .In(ComplaintStatus.Implementation)
                .When(ComplaintVerbs.Done, "the owners of open actions 措施负责岗位", f => f.OpenActions().Select(a => a.Owner).Distinct().ToList())
                .Then((f, c) => f.ConfirmDone(c.Actor, c.Values.Text("doneNote"), c.Now))
                .TransitionTo(ComplaintStatus.Implementation, ComplaintStatus.Verification)
            .In(ComplaintStatus.Verification)
                .When(ComplaintVerbs.Effective, Position.QcManager, Position.QcInspector)
                .Separated(DutyRule.VerifierOwnsNoAction, (f, actor) => f.ConfirmedAnAction(actor))
                .Then((f, c) => f.Verify(c.Actor, effective: true, c.Values.Text("comment"), c.Now))
                .TransitionTo(ComplaintStatus.AwaitingReply)
                .When(ComplaintVerbs.Ineffective, Position.QcManager, Position.QcInspector)
                .Separated(DutyRule.VerifierOwnsNoAction, (f, actor) => f.ConfirmedAnAction(actor))
                .Then((f, c) => f.Verify(c.Actor, effective: false, c.Values.Text("comment"), c.Now))
                .TransitionTo(ComplaintStatus.RootCause)
            .In(ComplaintStatus.AwaitingReply)
                .WhenOriginator(ComplaintVerbs.Reply).AlsoBy(Positions.In(Department.Sales))
                .Then((f, c) => f.RecordReply(c.Actor, c.Values.Date("repliedOn"), c.Values.Choice<ContactChannel>("via"), c.Values.Text("repliedTo"), c.Values.Text("reply"), c.Today, c.Now))
                .TransitionTo(ComplaintStatus.Closed)
            .Table
            .Cancellable(ComplaintVerbs.Cancel, f => f.IsOpen, (f, a, reason, at) => f.Cancel(a, reason, at))
            .On(ComplaintEvents.OpenedFromSurvey, "records its number on the survey", (f, _) =>
                f.State.Source is { } survey ? [new FormEffect.Change(new CorrectiveActionOpened(survey, f.Id))] : [])
            .On(ComplaintEvents.OpenedFromReturn, "records its number on the Customer Return", (f, _) =>
                f.State.Source is { } rt ? [new FormEffect.Change(new Returns.ReturnComplaintOpened(rt, f.Id))] : []);

    /// <summary>The card's rows of corrective (ca1…) and preventive (pa1…) actions: text, owner position, due date.</summary>
    public static List<PlannedAction> Planned(StepValues values)
    {
        PlannedAction Row(ActionKind kind, string field) => new(
            kind,
            values.Text(field) is { Length: > 0 } text ? text : null,
            Positions.TryParse(values.Text(field + "Owner"), out var owner) ? owner : null,
            values.Date(field + "Due"));
        return Enumerable.Range(1, CorrectiveRows).Select(i => Row(ActionKind.Corrective, $"ca{i}"))
            .Concat(Enumerable.Range(1, PreventiveRows).Select(i => Row(ActionKind.Preventive, $"pa{i}")))
            .ToList();
    }
}
