using MingXin.Bot.Domain.Quotations;
using System.Globalization;
using System.Text.Json.Nodes;
using MingXin.Bot.Conversations;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Documents;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Messaging;
using MingXin.Bot.Presentation;
using MingXin.Bot.Scheduling;
using MingXin.Bot.Storage;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>What every step-form runner needs from the host.</summary>
public sealed record StepFormServices(
    WorkflowStore Store,
    DocumentNumberAllocator Numbers,
    FormCommitter Committer,
    IPeopleDirectory Directory,
    UserIdStore UserIds,
    ITeamsRoster Roster,
    TurnLedger Ledger,
    TimeProvider Time,
    ILoggerFactory Logs,
    StepServiceLevels Levels,
    IOptions<FormOptions> Options);

/// <summary>A step form started against a parent form from chat (e.g. <c>sample QT-2026-0001</c>).</summary>
public interface IStepFormRunner : IFormRunner
{
    /// <summary>The new-form card for a chat command naming the parent form (e.g. <c>sample QT-2026-0001</c>), or why not.</summary>
    Task<ChatReply> NewFormAsync(string actorId, string parentId, Language l, CancellationToken cancellationToken);

    /// <summary>What to say when the command named no parent.</summary>
    string ParentHint(Language l);
}

/// <summary>
/// A form of the procedure's step family on the one pipeline (<see cref="FormRunner{TForm,TEvent}"/>):
/// its card is a <see cref="FormCard"/>, its events <see cref="FormEvent"/>s, and it is started from a
/// new-form card against its parent form. A form kind supplies its parent, its start, its card and texts.
/// </summary>
public abstract class StepFormRunner<TForm, TState>(StepFormServices services) : FormRunner<TForm, FormEvent>(services), IStepFormRunner
    where TState : FormState
    where TForm : StepForm<TState>
{
    /// <summary>The prefix of its card verbs (sp-, so-, pn-, oa-).</summary>
    public abstract string VerbPrefix { get; }

    protected sealed override string StartVerb => VerbPrefix + "start";

    // ---- what each form kind supplies ---------------------------------------------------------

    public virtual string ParentHint(Language l) => l.Pick("请写上上一张表单的编号，例如：样品 QT-2026-0001", "Add the number of the form it follows, e.g. sample QT-2026-0001");

    protected abstract TForm Wrap(TState state);

    /// <summary>The card; <paramref name="verbs"/> empty = the read-only base card. <paramref name="typed"/> refills inputs after a problem.</summary>
    protected abstract FormCard Card(TForm form, Language l, IReadOnlySet<string> verbs, IReadOnlyDictionary<string, string> typed);

    /// <summary>The parent form a new one is issued against, checked (exists, right kind, right state); null with the reason otherwise.</summary>
    protected abstract Task<(object? Parent, string? Problem)> FindParentAsync(string parentId, Language l, CancellationToken cancellationToken);

    protected abstract FormCard NewFormCard(object parent, Language l, string draft, IReadOnlyDictionary<string, string> typed);

    protected abstract (TForm? Form, FormOutcome Outcome) Start(string id, object parent, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today);

    protected abstract string HistoryText(HistoryEntry h, Language l);

    /// <summary>
    /// Takes what only one form may have (e.g. one survey per customer and period) once the new form's
    /// values are valid and before a number is handed out; the reason in the user's language when it is taken.
    /// </summary>
    protected virtual Task<string?> ReserveAsync(object parent, IReadOnlyDictionary<string, string> values, Language l, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>Gives back what <see cref="ReserveAsync"/> took when the form could not be saved.</summary>
    protected virtual Task ReleaseReservationAsync(object parent, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken) => Task.CompletedTask;

    // ---- the step family on the pipeline --------------------------------------------------------

    protected sealed override TForm Load(WorkflowPartition partition) => Wrap(WorkflowJson.Deserialize<TState>(partition.State.StateJson));

    protected sealed override FormState StateOf(TForm form) => form.State;

    protected sealed override bool IsOpen(TForm form) => form.IsOpen;

    protected sealed override string StepName(TForm form) => form.StatusName;

    protected sealed override StepEnd<FormEvent> EndOf(IStepOutcome outcome, string verb, Language l) => outcome switch
    {
        FormOutcome.Accepted a => new StepEnd<FormEvent>.Applied(a.Events),
        FormOutcome.Refused r => new StepEnd<FormEvent>.Refused(r.Reason.ToString(), RefusalText(r.Reason, l)),
        FormOutcome.Invalid i => new StepEnd<FormEvent>.Invalid(i.Problems),
        _ => throw new InvalidOperationException($"{Kind} steps end as a FormOutcome, not {outcome.GetType().Name}."),
    };

    protected sealed override Task<JsonObject> RenderAsync(TForm form, Actor? viewer, Language l, Banner? banner, IReadOnlyDictionary<string, string>? typed, IReadOnlyList<string> refreshUsers, CancellationToken cancellationToken) =>
        Task.FromResult(FormCardView.Render(Card(form, l, viewer is null ? new HashSet<string>() : Steps.VerbsFor(form, viewer).Concat(FollowOnVerbs(form, viewer)).ToHashSet(StringComparer.Ordinal), typed ?? new Dictionary<string, string>()), l, banner, refreshUsers));

    /// <summary>
    /// The start verbs of other forms the viewer may raise from this form's card (an Internal Contact
    /// Form from a notice in production); the other form's runner takes the click and checks it again.
    /// </summary>
    protected virtual IEnumerable<string> FollowOnVerbs(TForm form, Actor viewer) => [];

    protected sealed override (string Title, string Status) TaskLine(TForm form, Language l)
    {
        var card = Card(form, l, new HashSet<string>(), new Dictionary<string, string>());
        return (card.Title, card.StatusText);
    }

    protected sealed override (string? Comment, string? Detail) AuditOf(TForm form, FormEvent e) =>
        (e.Comment, WorkflowJson.Serialize(new Dictionary<string, string>(e.Detail ?? new Dictionary<string, string>()) { ["status"] = e.StatusAfter }));

    protected sealed override string? ThreadLine(TForm form, FormEvent e, Language l) =>
        $"{CardText.Escape(e.By.Name, 60)} {Describe(new HistoryEntry(e.At, e.By.Name, e.Action, e.Comment), l)}";

    protected sealed override IEnumerable<string> MentionsOf(FormEvent e) =>
        e.Detail?.TryGetValue(FormEvent.MentionKey, out var ids) == true ? ids.Split(',', StringSplitOptions.RemoveEmptyEntries) : [];

    protected sealed override FormEvent? RecordSla(TForm form, string step, int level, string names, DateTimeOffset at, IReadOnlyList<string> mention) =>
        form.RecordSla(step, level, names, at, mention);

    /// <summary>The facts every form shares (status, cancelled, created, originator) with its customer and subject.</summary>
    protected static Domain.Records.RecordFacts FactsOf(TForm form, string? customer, string? subject, DateTimeOffset? closedAt = null) => new(
        form.StatusName,
        form.State.CancelReason is not null || form.StatusName == "Cancelled",
        form.State.CreatedAt,
        form.State.Originator.Name,
        string.IsNullOrWhiteSpace(customer) ? null : customer,
        subject ?? string.Empty,
        closedAt);

    public sealed override string AuditSentence(string action, string? comment, Language language) => Describe(new HistoryEntry(default, string.Empty, action, comment), language);

    /// <summary>A history line in the user's language, the service-level lines included.</summary>
    protected string Describe(HistoryEntry h, Language l) => h.Action switch
    {
        FormEvents.SlaReminder => l.Pick("⏰ 提醒：此步骤已超过时限，请处理：", "⏰ Reminder: this step is past its time limit — please act: ") + CardText.Escape(h.Comment, 300),
        FormEvents.SlaEscalated => l.Pick("⏫ 已升级给主管：", "⏫ Escalated to the manager: ") + CardText.Escape(h.Comment, 300),
        FormEvents.SlaEscalatedToGm => l.Pick("⏫ 已升级给总经理：", "⏫ Escalated to the general manager: ") + CardText.Escape(h.Comment, 300),
        _ => HistoryText(h, l),
    };

    // ---- new forms ------------------------------------------------------------------------------

    public async Task<ChatReply> NewFormAsync(string actorId, string parentId, Language l, CancellationToken cancellationToken)
    {
        var (parent, problem) = await FindParentAsync(parentId.Trim().ToUpperInvariant(), l, cancellationToken).ConfigureAwait(false);
        if (parent is null)
        {
            return ChatReply.Message(problem!);
        }

        var person = await Services.Directory.FindAsync(actorId, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return ChatReply.Message(l.Pick("目录中没有你的岗位，不能发起表单。", "The directory lists no position for you, so you cannot start a form."));
        }

        return ChatReply.AdaptiveCard(FormCardView.Render(NewFormCard(parent, l, Guid.NewGuid().ToString("N"), new Dictionary<string, string>()), l, null, []));
    }

    protected sealed override async Task<ActionAnswer> StartFromCardAsync(CardClick action, Person person, CancellationToken cancellationToken)
    {
        var l = action.Language;
        var values = action.Values;
        var draft = QuotationInput.Get(values, "draft");
        var parentId = QuotationInput.Get(values, "parent");
        if (!Guid.TryParseExact(draft, "N", out _))
        {
            return new ActionAnswer.BadRequest("The new-form card carries no valid draft id.");
        }

        var (parent, problem) = await FindParentAsync(parentId, l, cancellationToken).ConfigureAwait(false);
        if (parent is null)
        {
            return Notice(l, problem!);
        }

        ActionAnswer.Card NewForm(Banner banner) => new(FormCardView.Render(NewFormCard(parent, l, draft, values), l, banner, []), Changed: false);
        if (DatesOutOfWindow(values) is { Count: > 0 } outOfWindow)
        {
            return NewForm(ProblemBanner(outOfWindow, l));
        }

        var claimKey = VerbPrefix + "draft-" + draft;
        var (claimed, earlier) = await ClaimAsync(claimKey, cancellationToken).ConfigureAwait(false);
        if (!claimed)
        {
            // One card, one form: a double click or a redelivery gets the form the first submit started.
            return earlier is null
                ? NewForm(new Banner(l.Pick("这张表单正在提交中。", "This form is being submitted."), IsError: false))
                : await AnswerAsync(earlier, Actor.From(person), l, null, null, changed: false, cancellationToken).ConfigureAwait(false);
        }

        var reserved = false;
        try
        {
            var now = Services.Time.GetUtcNow();
            var preview = Start("XX-0000-0000", parent, values, Actor.From(person), now, FactoryToday(now));
            if (preview.Form is null)
            {
                await Services.Ledger.ReleaseAsync(claimKey, CancellationToken.None).ConfigureAwait(false);
                var text = preview.Outcome switch
                {
                    FormOutcome.Invalid invalid => FieldProblems.Banner(invalid.Problems, l, f => FieldName(f, l), MaxProblemsShown),
                    FormOutcome.Refused refused => RefusalText(refused.Reason, l),
                    _ => l.Pick("没有保存。", "Nothing was saved."),
                };
                return NewForm(new Banner(text, IsError: true));
            }

            if (await ReserveAsync(parent, values, l, cancellationToken).ConfigureAwait(false) is { } taken)
            {
                await Services.Ledger.ReleaseAsync(claimKey, CancellationToken.None).ConfigureAwait(false);
                return NewForm(new Banner(taken, IsError: true));
            }

            reserved = true;

            // Valid: only now is a number handed out, so bad input never uses one up.
            var (form, events) = await SaveNewAsync(
                (id, at, today) =>
                {
                    var (made, outcome) = Start(id, parent, values, Actor.From(person), at, today);
                    return (made!, ((FormOutcome.Accepted)outcome).Events);
                },
                action.ActivityId,
                cancellationToken,
                claimKey).ConfigureAwait(false);
            await Services.Ledger.RecordAsync(claimKey, form.Id, CancellationToken.None).ConfigureAwait(false);
            Logger.LogInformation("{Id} started by {User} from {Parent}.", form.Id, person.AadObjectId, parentId);
            await AfterCommitAsync(form, events, cancellationToken).ConfigureAwait(false);
            return await AnswerAsync(form, Actor.From(person), l, new Banner(Done(events[0], l), IsError: false), null, changed: true, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (reserved)
            {
                await ReleaseReservationAsync(parent, values, CancellationToken.None).ConfigureAwait(false);
            }

            await Services.Ledger.ReleaseAsync(claimKey, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    // ---- changes from other forms ----------------------------------------------------------------

    /// <summary>
    /// A change relayed from another form's outbox: this form's own ONE-batch commit (retried on a
    /// conflict), idempotent because the domain ignores a change it already holds (returns null).
    /// </summary>
    protected async Task<string> ApplyToAsync(string id, Func<TForm, DateTimeOffset, FormOutcome?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var partition = await Services.Store.LoadForStepAsync(id, cancellationToken).ConfigureAwait(false);
            if (partition is null || partition.State.Kind != Kind)
            {
                return $"no {Kind} {id}";
            }

            var form = Load(partition);
            switch (change(form, Services.Time.GetUtcNow()))
            {
                case FormOutcome.Accepted accepted:
                    if (await CommitStepAsync(form, partition, accepted.Events, cancellationToken).ConfigureAwait(false) is CommitResult.Committed)
                    {
                        return "applied to " + id;
                    }

                    continue;
                case null:
                    return "already applied to " + id;
                default:
                    return "not applicable to " + id;
            }
        }

        throw new InvalidOperationException($"{id}: could not apply the change after 5 conflicting attempts.");
    }

    // ---- helpers --------------------------------------------------------------------------------

    /// <summary>The parent's state, when it exists and is of the expected kind.</summary>
    protected async Task<TParentState?> LoadStateAsync<TParentState>(string id, string kind, CancellationToken cancellationToken)
        where TParentState : class
    {
        var partition = await Services.Store.LoadForStepAsync(id, cancellationToken).ConfigureAwait(false);
        return partition is null || partition.State.Kind != kind ? null : WorkflowJson.Deserialize<TParentState>(partition.State.StateJson);
    }

    /// <summary>A date as the card's Input.Date sends it (yyyy-MM-dd); null when it is not one.</summary>
    protected static DateOnly? ParseDate(string text) => StepValues.ParseDate(text);

    /// <summary>How the customer agreed, as the card sends it; an undefined value when it is none (the domain refuses it).</summary>
    protected static ContactChannel ParseVia(string text) => Enum.TryParse<ContactChannel>(text, out var via) ? via : (ContactChannel)(-1);

    /// <summary>The inputs of a customer's permission for a new date (4.2.3): the date, who agreed, how.</summary>
    protected static List<FormInput> PermissionInputs(Language l, IReadOnlyDictionary<string, string> typed, string suggestedDate)
    {
        string V(string key) => QuotationInput.Get(typed, key);
        return
        [
            new FormInput("agreedDate", l.Pick("客户同意的交期", "Date the customer agreed"), InputKind.Date, V("agreedDate") is { Length: > 0 } agreed ? agreed : suggestedDate),
            new FormInput("agreedBy", l.Pick("客户同意人", "Agreed by (customer)"), InputKind.Text, V("agreedBy"), MaxLength: 100),
            new FormInput("via", l.Pick("方式", "How"), InputKind.Choice, V("via") is { Length: > 0 } v ? v : nameof(ContactChannel.Phone), FormCardView.ViaChoices(l)),
        ];
    }

    /// <summary>The inputs of a customer's refusal of a new date (4.2.3): who refused, how, what they said.</summary>
    protected static List<FormInput> RefusalInputs(Language l, IReadOnlyDictionary<string, string> typed)
    {
        string V(string key) => QuotationInput.Get(typed, key);
        return
        [
            new FormInput("refusedBy", l.Pick("客户拒绝人", "Refused by (customer)"), InputKind.Text, V("refusedBy"), MaxLength: 100),
            new FormInput("refusalVia", l.Pick("方式", "How"), InputKind.Choice, V("refusalVia") is { Length: > 0 } v ? v : nameof(ContactChannel.Phone), FormCardView.ViaChoices(l)),
            new FormInput("refusalNote", l.Pick("客户意见", "What the customer said"), InputKind.MultilineText, V("refusalNote")),
        ];
    }

    private static string RefusalText(FormRefusal reason, Language l) => reason switch
    {
        FormRefusal.WrongStep => l.Pick("表单不在这一步，不能这样操作。", "The form is not at this step; that cannot be done now."),
        FormRefusal.NotYourTurn => l.Pick("你没有这一步所需的岗位，或者这一步不在等你处理。", "You do not hold the position this step needs, or it is not waiting on you."),
        FormRefusal.ReasonRequired => l.Pick("请写明原因或内容。", "Write the reason or text first."),
        FormRefusal.TextTooLong => l.Pick($"文字最多 {StepForm<TState>.MaxTextLength} 个字。", $"Text may have at most {StepForm<TState>.MaxTextLength} characters."),
        FormRefusal.CustomerPermissionRequired => l.Pick("新交期须先记录客户的许可（客户同意人、方式），才能确认。", "Record the customer's permission for the new date (who agreed, how) before anyone confirms it."),
        _ => reason.ToString(),
    };
}
