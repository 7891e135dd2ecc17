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
    StepServiceLevels Levels);

/// <summary>A step form as the chat and the card router see it.</summary>
public interface IStepFormRunner
{
    /// <summary>The prefix of its document numbers (SP, SO, PN, OA).</summary>
    string Prefix { get; }

    /// <summary>The prefix of its card verbs (sp-, so-, pn-, oa-).</summary>
    string VerbPrefix { get; }

    /// <summary>The new-form card for a chat command naming the parent form (e.g. <c>sample QT-2026-0001</c>), or why not.</summary>
    Task<ChatReply> NewFormAsync(string actorId, string parentId, Language l, CancellationToken cancellationToken);

    Task<ActionAnswer> ActAsync(CardClick action, CancellationToken cancellationToken);

    /// <summary>What to say when the command named no parent.</summary>
    string ParentHint(Language l);
}

/// <summary>
/// The one pipeline of every step form: the new-form card, then each action — load, answer a
/// refresh or a redelivery with the current card, refuse a stale card, let the domain decide, save
/// state + audit + outbox in ONE batch guarded by the ETag, answer with the refreshed card.
/// A form kind supplies only what is its own: its domain calls, its card, its outbox.
/// </summary>
public abstract class StepFormRunner<TForm, TState>(StepFormServices services) : IStepFormRunner, IWorkflowForm, IDeadlineHandler
    where TState : StepFormState
    where TForm : StepForm<TState>
{
    private const int MaxProblemsShown = 8;

    public abstract string Kind { get; }

    public abstract string Prefix { get; }

    public abstract string VerbPrefix { get; }

    protected StepFormServices Services { get; } = services;

    protected ILogger Logger { get; } = services.Logs.CreateLogger("MingXin.Bot.Workflows." + typeof(TForm).Name);

    // ---- what each form kind supplies ---------------------------------------------------------

    public virtual string ParentHint(Language l) => l.Pick("请写上上一张表单的编号，例如：样品 QT-2026-0001", "Add the number of the form it follows, e.g. sample QT-2026-0001");

    protected abstract TForm Wrap(TState state);

    protected abstract IReadOnlyList<Position> PositionsWaitedOn(TForm form);

    /// <summary>People the form waits on by name (e.g. the originator to revise), besides positions.</summary>
    protected virtual IReadOnlyList<string> PeopleWaitedOn(TForm form) => [];

    /// <summary>The verbs <paramref name="actor"/> may use now, cancel included.</summary>
    protected abstract IReadOnlySet<string> VerbsFor(TForm form, Actor actor);

    /// <summary>The card; <paramref name="verbs"/> empty = the read-only base card. <paramref name="typed"/> refills inputs after a problem.</summary>
    protected abstract FormCard Card(TForm form, Language l, IReadOnlySet<string> verbs, IReadOnlyDictionary<string, string> typed);

    protected abstract FormOutcome Act(TForm form, string verb, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today);

    /// <summary>Departments to post the card to once the form reaches <paramref name="form"/>'s current step.</summary>
    protected abstract IReadOnlyList<Department> PostTo(TForm form, bool started);

    protected abstract string FieldName(string field, Language l);

    protected abstract string Done(FormEvent e, Language l);

    /// <summary>The parent form a new one is issued against, checked (exists, right kind, right state); null with the reason otherwise.</summary>
    protected abstract Task<(object? Parent, string? Problem)> FindParentAsync(string parentId, Language l, CancellationToken cancellationToken);

    protected abstract FormCard NewFormCard(object parent, Language l, string draft, IReadOnlyDictionary<string, string> typed);

    protected abstract (TForm? Form, FormOutcome Outcome) Start(string id, object parent, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today);

    protected abstract string HistoryText(HistoryEntry h, Language l);

    // ---- the pipeline ---------------------------------------------------------------------------

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

    public async Task<ActionAnswer> ActAsync(CardClick action, CancellationToken cancellationToken)
    {
        var l = action.Language;
        var person = await Services.Directory.FindAsync(action.ActorId, cancellationToken).ConfigureAwait(false) ?? Person.Unknown(action.ActorId, action.ActorName);
        if (action.Verb == VerbPrefix + "start")
        {
            return await StartAsync(action, person, cancellationToken).ConfigureAwait(false);
        }

        if (!DocumentNumber.TryParse(action.WorkflowId, out var number))
        {
            return Notice(l, l.Pick("卡片上的表单编号无效。", "The card carries no valid form number."));
        }

        var partition = await Services.Store.LoadForStepAsync(number.ToString(), cancellationToken).ConfigureAwait(false);
        if (partition is null || partition.State.Kind != Kind)
        {
            return Notice(l, l.Pick($"没有编号为 {number} 的表单。", $"There is no form numbered {number}."));
        }

        var form = Load(partition);
        var actor = Actor.From(person);
        if (action.Verb == "refresh" || (action.ActivityId is not null && form.State.RecentActivityIds.Contains(action.ActivityId)))
        {
            return await AnswerAsync(form, actor, l, null, null, changed: false, cancellationToken).ConfigureAwait(false);
        }

        if (action.Verb is null || !action.Verb.StartsWith(VerbPrefix, StringComparison.Ordinal))
        {
            return new ActionAnswer.BadRequest($"Unknown verb '{action.Verb}' for {Kind}.");
        }

        if (action.Version != form.State.Version)
        {
            return await AnswerAsync(form, actor, l, Stale(form, l), null, changed: false, cancellationToken).ConfigureAwait(false);
        }

        if (await CheckAsync(form, action.Verb, action.Values, cancellationToken).ConfigureAwait(false) is { Count: > 0 } found)
        {
            return await AnswerAsync(form, actor, l, new Banner(FieldProblems.Banner(found, l, f => FieldName(f, l), MaxProblemsShown), IsError: true), action.Values, changed: false, cancellationToken).ConfigureAwait(false);
        }

        var now = Services.Time.GetUtcNow();
        var outcome = Act(form, action.Verb, action.Values, actor, now, FactoryToday(now));
        switch (outcome)
        {
            case FormOutcome.Refused refused:
                Logger.LogInformation("{Id}: {Verb} by {User} refused: {Reason}.", form.Id, action.Verb, action.ActorId, refused.Reason);
                return await AnswerAsync(form, actor, l, new Banner(RefusalText(refused.Reason, l), IsError: true), action.Values, changed: false, cancellationToken).ConfigureAwait(false);
            case FormOutcome.Invalid invalid:
                return await AnswerAsync(form, actor, l, new Banner(FieldProblems.Banner(invalid.Problems, l, f => FieldName(f, l), MaxProblemsShown), IsError: true), action.Values, changed: false, cancellationToken).ConfigureAwait(false);
        }

        var events = ((FormOutcome.Accepted)outcome).Events;
        form.RememberActivity(action.ActivityId);
        var result = await CommitAsync(form, partition.State.ETag, partition, events, started: false, action.ActivityId, cancellationToken).ConfigureAwait(false);
        if (result is CommitResult.Conflict)
        {
            var fresh = Load((await Services.Store.LoadForStepAsync(form.Id, cancellationToken).ConfigureAwait(false))!);
            return await AnswerAsync(fresh, actor, l, Stale(fresh, l), null, changed: false, cancellationToken).ConfigureAwait(false);
        }

        await AfterCommitAsync(form, events, cancellationToken).ConfigureAwait(false);
        return await AnswerAsync(form, actor, l, new Banner(Done(events[0], l), IsError: false), null, changed: true, cancellationToken).ConfigureAwait(false);
    }

    // ---- step reminders and escalation (service levels) -------------------------------------------

    public bool Handles(Deadline deadline) =>
        deadline.WorkflowId.StartsWith(Prefix + "-", StringComparison.Ordinal) && (StepServiceLevels.IsServiceLevel(deadline) || HandlesOwn(deadline));

    public Task OnDueAsync(Deadline deadline, CancellationToken cancellationToken) =>
        StepServiceLevels.IsServiceLevel(deadline) ? OnSlaDueAsync(deadline, cancellationToken) : OnOwnDeadlineAsync(deadline, cancellationToken);

    /// <summary>Deadlines of the form's own rules (e.g. the two-hour rule), besides the step service levels.</summary>
    protected virtual bool HandlesOwn(Deadline deadline) => false;

    protected virtual Task OnOwnDeadlineAsync(Deadline deadline, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A history line in the user's language, the service-level lines included.</summary>
    protected string Describe(HistoryEntry h, Language l) => h.Action switch
    {
        "sla-reminder" => l.Pick("⏰ 提醒：此步骤已超过时限，请处理：", "⏰ Reminder: this step is past its time limit — please act: ") + CardText.Escape(h.Comment, 300),
        "sla-escalated" => l.Pick("⏫ 已升级给主管：", "⏫ Escalated to the manager: ") + CardText.Escape(h.Comment, 300),
        "sla-escalated-gm" => l.Pick("⏫ 已升级给总经理：", "⏫ Escalated to the general manager: ") + CardText.Escape(h.Comment, 300),
        _ => HistoryText(h, l),
    };

    /// <summary>Keeps the form's service-level clock on the step it waits at (through the step's outbox).</summary>
    private DeadlineChange? MoveSlaClock(TForm form)
    {
        var waiting = form.IsOpen && (PositionsWaitedOn(form).Count > 0 || PeopleWaitedOn(form).Count > 0);
        return Services.Levels.Move(Kind, form.State.Sla, waiting ? form.StatusName : null, clock => form.State.Sla = clock);
    }

    /// <summary>A service level ran out: remind whoever the step waits on, then their managers, then the GM — each once, recorded.</summary>
    private async Task OnSlaDueAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var (step, level) = StepServiceLevels.Parse(deadline.Key);
        await StepServiceLevels.RecordWithRetriesAsync(async () =>
        {
            var partition = await Services.Store.LoadForStepAsync(deadline.WorkflowId, cancellationToken).ConfigureAwait(false);
            if (partition is null || partition.State.Kind != Kind)
            {
                return null;
            }

            var form = Load(partition);
            var (names, ids) = await Services.Levels.RecipientsAsync(level, PositionsWaitedOn(form), PeopleWaitedOn(form), cancellationToken).ConfigureAwait(false);
            if (form.RecordSla(step, level, names, Services.Time.GetUtcNow(), ids) is not { } e)
            {
                return null; // the form moved on, or this level was recorded already
            }

            // The version stays: nobody's card goes out of date.
            var rowBase = StepServiceLevels.RowIndexBase(form.State.SlaNotices, step, form.State.Sla);
            return await CommitAsync(form, partition.State.ETag, partition, [e], started: false, activityId: null, cancellationToken, auditIndexBase: rowBase).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>What else the step leaves to send, e.g. a change to another form (nothing by default).</summary>
    protected virtual IEnumerable<OutboxMessage> MoreOutbox(TForm form, IReadOnlyList<FormEvent> events) => [];

    /// <summary>Saves a step that did not come from a card (e.g. a change relayed from another form's outbox).</summary>
    protected Task<CommitResult> CommitStepAsync(TForm form, WorkflowPartition loaded, IReadOnlyList<FormEvent> events, CancellationToken cancellationToken) =>
        CommitAsync(form, loaded.State.ETag, loaded, events, started: false, activityId: null, cancellationToken);

    /// <summary>
    /// Opens a form that no card started (e.g. a corrective action a survey's low score opens), once:
    /// <paramref name="onceKey"/> is claimed in the turn ledger, so a relay that runs again gets the same
    /// form. Returns its number.
    /// </summary>
    protected async Task<string> OpenOnceAsync(string onceKey, Func<string, DateTimeOffset, DateOnly, (TForm Form, IReadOnlyList<FormEvent> Events)> open, CancellationToken cancellationToken)
    {
        var claim = await Services.Ledger.ClaimAsync(onceKey, cancellationToken).ConfigureAwait(false);
        if (!claim.Claimed)
        {
            return claim.ExistingWorkflowId ?? throw new InvalidOperationException($"{onceKey} is being opened elsewhere; the outbox tries again.");
        }

        try
        {
            var now = Services.Time.GetUtcNow();
            var number = await Services.Numbers.NextAsync(Prefix, TimeZoneInfo.ConvertTime(now, BusinessCalendar.FactoryZone).Year, cancellationToken).ConfigureAwait(false);
            var (form, events) = open(number.ToString(), now, FactoryToday(now));
            if (await CommitAsync(form, null, null, events, started: true, activityId: null, cancellationToken).ConfigureAwait(false) is not CommitResult.Committed)
            {
                throw new InvalidOperationException($"The new number {number} already had a workflow.");
            }

            await Services.Ledger.RecordAsync(onceKey, form.Id, cancellationToken).ConfigureAwait(false);
            Logger.LogInformation("{Id} opened for {Key}.", form.Id, onceKey);
            return form.Id;
        }
        catch
        {
            await Services.Ledger.ReleaseAsync(onceKey, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A hook for what a committed step sets off elsewhere (nothing by default).</summary>
    protected virtual Task AfterCommitAsync(TForm form, IReadOnlyList<FormEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

    // ---- IWorkflowForm ------------------------------------------------------------------------

    public bool IsOpen(WorkflowPartition partition) => Load(partition).IsOpen;

    public IReadOnlyList<string> TaskKeys(WorkflowPartition partition)
    {
        var form = Load(partition);
        return PositionsWaitedOn(form).Select(TaskIndex.PositionKey)
            .Concat(PeopleWaitedOn(form).Select(TaskIndex.PersonKey))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    public Domain.Records.RecordFacts Facts(WorkflowPartition partition) => Facts(Load(partition));

    /// <summary>What the form tells the records: build it with <see cref="FactsOf"/>.</summary>
    protected abstract Domain.Records.RecordFacts Facts(TForm form);

    /// <summary>The facts every form shares (status, cancelled, created, originator) with its customer and subject.</summary>
    protected static Domain.Records.RecordFacts FactsOf(TForm form, string? customer, string? subject, DateTimeOffset? closedAt = null) => new(
        form.StatusName,
        form.State.CancelReason is not null || form.StatusName == "Cancelled",
        form.State.CreatedAt,
        form.State.Originator.Name,
        string.IsNullOrWhiteSpace(customer) ? null : customer,
        subject ?? string.Empty,
        closedAt);

    public TaskIndex.TaskEntry TaskEntry(WorkflowPartition partition, Language language, DateTimeOffset now)
    {
        var form = Load(partition);
        var card = Card(form, language, new HashSet<string>(), new Dictionary<string, string>());
        return new TaskIndex.TaskEntry(form.Id, Kind, card.Title, card.StatusText, now);
    }

    public async Task<JsonObject> BaseCardAsync(WorkflowPartition partition, Language language, CancellationToken cancellationToken)
    {
        var form = Load(partition);
        return FormCardView.Render(Card(form, language, new HashSet<string>(), new Dictionary<string, string>()), language, null, await RefreshUsersAsync(form, cancellationToken).ConfigureAwait(false));
    }

    public async Task<JsonObject?> CardIfWaitingOnAsync(WorkflowPartition partition, Person person, Language language, CancellationToken cancellationToken)
    {
        var form = Load(partition);
        var actor = Actor.From(person);
        return VerbsFor(form, actor).Any(v => v != VerbPrefix + "cancel")
            ? ((ActionAnswer.Card)await AnswerAsync(form, actor, language, null, null, changed: false, cancellationToken).ConfigureAwait(false)).Value
            : null;
    }

    // ---- helpers --------------------------------------------------------------------------------

    protected TForm Load(WorkflowPartition partition) => Wrap(WorkflowJson.Deserialize<TState>(partition.State.StateJson));

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

    protected static DateOnly FactoryToday(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, BusinessCalendar.FactoryZone).DateTime);

    private async Task<ActionAnswer> StartAsync(CardClick action, Person person, CancellationToken cancellationToken)
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

        var claimKey = VerbPrefix + "draft-" + draft;
        var claim = await Services.Ledger.ClaimAsync(claimKey, cancellationToken).ConfigureAwait(false);
        if (!claim.Claimed)
        {
            // One card, one form: a double click or a redelivery gets the form the first submit started.
            var earlier = claim.ExistingWorkflowId is null ? null : await Services.Store.LoadForStepAsync(claim.ExistingWorkflowId, cancellationToken).ConfigureAwait(false);
            return earlier is null
                ? NewForm(new Banner(l.Pick("这张表单正在提交中。", "This form is being submitted."), IsError: false))
                : await AnswerAsync(Load(earlier), Actor.From(person), l, null, null, changed: false, cancellationToken).ConfigureAwait(false);
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
            var number = await Services.Numbers.NextAsync(Prefix, TimeZoneInfo.ConvertTime(now, BusinessCalendar.FactoryZone).Year, cancellationToken).ConfigureAwait(false);
            var (form, outcome) = Start(number.ToString(), parent, values, Actor.From(person), now, FactoryToday(now));
            var events = ((FormOutcome.Accepted)outcome).Events;
            var result = await CommitAsync(form!, null, null, events, started: true, action.ActivityId, cancellationToken).ConfigureAwait(false);
            if (result is not CommitResult.Committed)
            {
                throw new InvalidOperationException($"The new number {number} already had a workflow.");
            }

            await Services.Ledger.RecordAsync(claimKey, form!.Id, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Takes what only one form may have (e.g. one survey per customer and period) once the new form's
    /// values are valid and before a number is handed out; the reason in the user's language when it is taken.
    /// </summary>
    protected virtual Task<string?> ReserveAsync(object parent, IReadOnlyDictionary<string, string> values, Language l, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>Checks an action's values against other records (e.g. that a named notice exists) before the domain decides; the problems, or none.</summary>
    protected virtual Task<IReadOnlyList<Domain.Quotations.FieldProblem>> CheckAsync(TForm form, string verb, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Domain.Quotations.FieldProblem>>([]);

    /// <summary>Gives back what <see cref="ReserveAsync"/> took when the form could not be saved.</summary>
    protected virtual Task ReleaseReservationAsync(object parent, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<ActionAnswer> AnswerAsync(TForm form, Actor actor, Language l, Banner? banner, IReadOnlyDictionary<string, string>? typed, bool changed, CancellationToken cancellationToken)
    {
        var card = Card(form, l, VerbsFor(form, actor), typed ?? new Dictionary<string, string>());
        return new ActionAnswer.Card(FormCardView.Render(card, l, banner, await RefreshUsersAsync(form, cancellationToken).ConfigureAwait(false)), changed);
    }

    private Task<CommitResult> CommitAsync(TForm form, string? etag, WorkflowPartition? loaded, IReadOnlyList<FormEvent> events, bool started, string? activityId, CancellationToken cancellationToken, int auditIndexBase = 0)
    {
        var slaChange = MoveSlaClock(form);
        var audit = events.Select((e, i) => new AuditRecord(
            form.State.Version,
            auditIndexBase + i,
            e.At,
            e.By.Id,
            e.By.Name,
            e.Action,
            e.Comment,
            WorkflowJson.Serialize(new Dictionary<string, string>(e.Detail ?? new Dictionary<string, string>()) { ["status"] = e.StatusAfter }),
            activityId)).ToList();

        var outbox = new List<OutboxMessage>();
        if (!started)
        {
            outbox.Add(new OutboxMessage(OutboxMessage.Update));
            outbox.Add(new OutboxMessage(
                OutboxMessage.Reply,
                MentionIds: events.SelectMany(e => e.Detail?.TryGetValue(FormEvent.MentionKey, out var ids) == true ? ids.Split(',', StringSplitOptions.RemoveEmptyEntries) : []).Distinct().ToList(),
                Department: null,
                ChineseText:
                $"{form.Id} · " + string.Join("；", events.Select(e => $"{CardText.Escape(e.By.Name, 60)} {Describe(new HistoryEntry(e.At, e.By.Name, e.Action, e.Comment), Language.Chinese)}")),
                EnglishText: $"{form.Id} · " + string.Join("; ", events.Select(e => $"{CardText.Escape(e.By.Name, 60)} {Describe(new HistoryEntry(e.At, e.By.Name, e.Action, e.Comment), Language.English)}"))));
        }

        if (slaChange is not null)
        {
            outbox.Add(new OutboxMessage(OutboxMessage.Deadlines, Payload: WorkflowJson.Serialize(slaChange)));
        }

        outbox.AddRange(PostTo(form, started).Distinct().Select(d => new OutboxMessage(OutboxMessage.Post, d)));
        outbox.AddRange(MoreOutbox(form, events));
        outbox.Add(new OutboxMessage(OutboxMessage.Tasks));
        return Services.Committer.CommitAsync(form.Id, Kind, form.State.Version, WorkflowJson.Serialize(form.State), etag, loaded, audit, outbox, cancellationToken, auditIndexBase);
    }

    private async Task<IReadOnlyList<string>> RefreshUsersAsync(TForm form, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var position in PositionsWaitedOn(form))
        {
            ids.AddRange((await Services.Directory.HoldersAsync(position, cancellationToken).ConfigureAwait(false)).Select(p => p.AadObjectId));
        }

        ids.AddRange(PeopleWaitedOn(form));
        if (form.IsOpen)
        {
            ids.Add(form.State.Originator.Id);
        }

        var distinct = ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return await Services.UserIds.ResolveAsync(distinct, ApprovalCards.MaxRefreshUsers, cancellationToken, Services.Roster.FindUserIdAsync).ConfigureAwait(false);
    }

    private static ActionAnswer.Card Notice(Language l, string text) =>
        new(CardViews.Notice(l, l.Pick("找不到这张表单。", "This form does not exist."), text), Changed: false);

    private static Banner Stale(TForm form, Language l)
    {
        var last = form.State.History.LastOrDefault();
        var when = last is null ? string.Empty : TimeZoneInfo.ConvertTime(last.At, BusinessCalendar.FactoryZone).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new Banner(
            l.Pick($"这张卡片已过期：{CardText.Escape(last?.ActorName, 60)} 已先处理（{when}）。下面是最新状态，你的操作没有执行。", $"This card was out of date: {CardText.Escape(last?.ActorName, 60)} acted first ({when}). This is the current state; your action was not applied."),
            IsError: true);
    }

    private static string RefusalText(FormRefusal reason, Language l) => reason switch
    {
        FormRefusal.WrongStep => l.Pick("表单不在这一步，不能这样操作。", "The form is not at this step; that cannot be done now."),
        FormRefusal.NotYourTurn => l.Pick("你没有这一步所需的岗位，或者这一步不在等你处理。", "You do not hold the position this step needs, or it is not waiting on you."),
        FormRefusal.ReasonRequired => l.Pick("请写明原因或内容。", "Write the reason or text first."),
        FormRefusal.TextTooLong => l.Pick($"文字最多 {StepForm<TState>.MaxTextLength} 个字。", $"Text may have at most {StepForm<TState>.MaxTextLength} characters."),
        _ => reason.ToString(),
    };
}
