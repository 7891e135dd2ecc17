using MingXin.Bot.Domain.Quotations;
using System.Globalization;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Surveys;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>
/// A customer complaint in Teams: the Customer Complaint Register 顾客投诉登记表 entry that the
/// complaint conversation confirms, and its Corrective Action Form 顾客不满意/投诉改善措施表 through
/// acknowledgement, root cause, actions, implementation, verification and the reply to the customer.
/// The new-form card is the conversation's confirmation card; its parent is the conversation.
/// </summary>
public sealed partial class ComplaintRunner(StepFormServices services, IntakeStore intakes, MingXin.Bot.Workflows.Complaints.MailDraftCards mailDrafts)
    : StepFormRunner<Complaint, ComplaintState>(services), IFormChangeHandler<SurveyScoredLow>, IFormChangeHandler<Domain.Returns.ReturnRegistered>
{
    public override string Kind => Complaint.Kind;

    public override string Prefix => Complaint.Prefix;

    public override string VerbPrefix => ComplaintVerbs.Prefix;

    public override StepTable<Complaint, ComplaintStatus> Steps => ComplaintSteps.Table;

    /// <summary>The confirmation card of a conversation that has everything (its parent: row key and version).</summary>
    public JsonObject ConfirmationCard(string intakeKey, ComplaintIntakeState intake, Language l) =>
        FormCardView.Render(NewFormCard(new IntakeParent(intakeKey, intake), l, intake.Id, new Dictionary<string, string>()), l, null, []);

    /// <summary>
    /// A survey scored below the threshold: opens its corrective action for QC, once per survey (a relay that
    /// runs again gets the same form). The new form's own outbox tells the survey its number.
    /// </summary>
    public async Task<string> ApplyAsync(SurveyScoredLow change, CancellationToken cancellationToken)
    {
        var survey = await LoadStateAsync<SurveyState>(change.SurveyId, SatisfactionSurvey.Kind, cancellationToken).ConfigureAwait(false);
        if (survey is null)
        {
            return "no such survey";
        }

        if (survey.CorrectiveAction is { } opened)
        {
            return "corrective action " + opened;
        }

        if (survey.BelowThreshold.Count == 0)
        {
            return "nothing below the threshold";
        }

        var id = await OpenOnceAsync(
            "survey-corrective-action-" + survey.Id,
            (id, now, today) =>
            {
                var (complaint, e) = Complaint.OpenFromSurvey(id, survey.Id, survey.CustomerId, survey.CustomerName, new SatisfactionSurvey(survey).Dissatisfaction(), survey.Via, survey.Originator, today, now);
                return (complaint, [e]);
            },
            cancellationToken).ConfigureAwait(false);
        return "corrective action " + id;
    }

    /// <summary>
    /// A return registered with no complaint: opens its corrective action for QC, once per return (a relay that
    /// runs again gets the same form). The new form's own outbox tells the return its number.
    /// </summary>
    public async Task<string> ApplyAsync(Domain.Returns.ReturnRegistered change, CancellationToken cancellationToken)
    {
        var rt = await LoadStateAsync<Domain.Returns.CustomerReturnState>(change.ReturnId, Domain.Returns.CustomerReturn.Kind, cancellationToken).ConfigureAwait(false);
        if (rt is null)
        {
            return "no such return";
        }

        if (rt.Complaint is { } linked)
        {
            return "complaint " + linked;
        }

        var id = await OpenOnceAsync(
            "return-corrective-action-" + rt.Id,
            (id, now, today) =>
            {
                var (complaint, e) = Complaint.OpenFromReturn(id, rt.Id, rt.Source.CustomerId, rt.Source.CustomerName, rt.Source.DeliveryNote ?? rt.Source.Notice, rt.Source.Product, rt.Announced, rt.Reason, rt.Originator, today, now);
                return (complaint, [e]);
            },
            cancellationToken).ConfigureAwait(false);
        return "corrective action " + id;
    }

    protected override Domain.Records.RecordFacts Facts(Complaint form) =>
        FactsOf(form, form.State.Details.CustomerName, string.IsNullOrWhiteSpace(form.State.Details.Product) ? form.State.Details.Reference : form.State.Details.Product, form.State.ClosedAt);

    protected override Complaint Wrap(ComplaintState state) => new(state);

    protected override async Task<(object? Parent, string? Problem)> FindParentAsync(string parentId, Language l, CancellationToken cancellationToken)
    {
        var dot = parentId.LastIndexOf('.');
        var key = dot < 0 ? parentId : parentId[..dot];
        var loaded = key.Length == 64 && key.All(char.IsAsciiHexDigitLower) ? await intakes.GetAsync(key, cancellationToken).ConfigureAwait(false) : null;
        if (loaded is not { } found)
        {
            return (null, l.Pick("找不到这次投诉登记的对话。请重新输入“投诉”。", "This complaint conversation no longer exists. Start again with “complaint”."));
        }

        var version = dot < 0 ? -1 : long.TryParse(parentId[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
        if (found.State.Status == IntakeStatus.Confirming && version != found.State.Version)
        {
            return (null, l.Pick("投诉内容在这张卡片之后又改过了，请用最新的确认卡片登记。", "The complaint changed after this card was sent: register it from the latest confirmation card."));
        }

        return found.State.Status is IntakeStatus.Confirming or IntakeStatus.Registered
            ? (new IntakeParent(key, found.State), null)
            : (null, l.Pick("这次投诉登记已取消或尚未问完，没有登记。", "This complaint conversation was cancelled or is not complete; nothing was registered."));
    }

    protected override (Complaint? Form, FormOutcome Outcome) Start(string id, object parent, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today)
    {
        var (key, s) = (IntakeParent)parent;
        var kind = s.Kind ?? ComplaintKind.Product; // conversations saved before kinds were asked are about the goods
        if (s.Status != IntakeStatus.Confirming || s.CustomerId is null || s.Channel is null || s.Description is null || (s.Quantity is null && ComplaintDetails.HasQuantity(kind)) || s.Severity is null)
        {
            return (null, new FormOutcome.Refused(FormRefusal.WrongStep));
        }

        if (!string.Equals(actor.Person.Id, s.UserId, StringComparison.OrdinalIgnoreCase))
        {
            return (null, new FormOutcome.Refused(FormRefusal.NotYourTurn)); // only who logged it confirms it
        }

        var department = Departments.TryFromCode(QuotationInput.Get(values, "assignTo"), out var d) ? d : (Department)(-1);
        var quantity = ComplaintDetails.HasQuantity(kind) ? s.Quantity!.Value : 0;
        var details = new ComplaintDetails(s.CustomerId, s.CustomerName ?? string.Empty, s.Channel.Value, s.Reference, s.Product, s.Description, quantity, s.Severity.Value, s.Phones, s.Emails, s.Dates, s.Attachments, s.Messages, kind, s.CustomerOrder, s.ReceivedOn);
        var (complaint, outcome) = Complaint.Register(id, details, department, s.Id, actor, today, now);
        if (complaint is not null)
        {
            complaint.State.IntakeKey = key;
        }

        return (complaint, outcome);
    }

    /// <summary>The conversation is over once its complaint is saved (a failure here leaves the card's ledger entry to answer a repeat).</summary>
    protected override async Task AfterCommitAsync(Complaint form, IReadOnlyList<FormEvent> events, CancellationToken cancellationToken)
    {
        if (!events.Any(e => e.Action == ComplaintEvents.Registered))
        {
            return;
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var key = form.State.IntakeKey;
            if (await intakes.GetAsync(key, cancellationToken).ConfigureAwait(false) is not { } loaded || loaded.State.Id != form.State.IntakeId)
            {
                return;
            }

            loaded.State.Status = IntakeStatus.Registered;
            loaded.State.ComplaintId = form.Id;
            loaded.State.Version++;
            if (await intakes.SaveAsync(key, loaded.State, loaded.ETag, cancellationToken).ConfigureAwait(false))
            {
                if (loaded.State.MailDraft is { } draft)
                {
                    await mailDrafts.RegisteredAsync(draft, form.Id, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
        }
    }

    public static string KindName(ComplaintKind k, Language l) => k.Name(l);

    public static string SeverityName(Severity s, Language l) => s.Name(l);

    public static string CategoryName(CauseCategory c, Language l) => c.Name(l);

    private sealed record IntakeParent(string Key, ComplaintIntakeState State);
}
