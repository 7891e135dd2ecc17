using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Documents;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Presentation;
using MingXin.Bot.Scheduling;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>A form as the card router sees it.</summary>
public interface IFormRunner
{
    /// <summary>The kind stored on the form's state row.</summary>
    string Kind { get; }

    /// <summary>The prefix of its document numbers (IA, QT, SP, PN, …).</summary>
    string Prefix { get; }

    /// <summary>Whether a card verb is one of this form's (declared in its step table, or its new-form card's submit).</summary>
    bool Knows(string verb);

    Task<ActionAnswer> ActAsync(CardClick action, CancellationToken cancellationToken);
}

/// <summary>A form whose procedure page (docs/procedure) is drawn from its step table.</summary>
public interface IProcedurePage
{
    string Kind { get; }

    string ProcedurePage(Func<string, double> hoursFor, bool workingTime);
}

/// <summary>How a step ended, as the pipeline answers it: applied with its events, refused (with the reason in the user's words), or values to correct.</summary>
public abstract record StepEnd<TEvent>
{
    private StepEnd()
    {
    }

    public sealed record Applied(IReadOnlyList<TEvent> Events) : StepEnd<TEvent>;

    public sealed record Refused(string Reason, string Text) : StepEnd<TEvent>;

    public sealed record Invalid(IReadOnlyList<FieldProblem> Problems) : StepEnd<TEvent>;
}

/// <summary>
/// The one pipeline of every form. A card click: load → answer a refresh or a redelivery with the current
/// card → refuse a stale card → check the values against other records → take the step its table declares
/// (the table guards who may, the domain decides) → save state + audit + outbox in ONE batch guarded by
/// the ETag → answer with the refreshed card. The same pipeline keeps each form's service-level clock on
/// the step it waits at, reminds and escalates, and tells the task index and the channels what changed.
/// A form supplies only what is its own: its step table, its card, its audit and thread lines.
/// </summary>
public abstract class FormRunner<TForm, TEvent>(StepFormServices services) : IFormRunner, IWorkflowForm, IDeadlineHandler, IProcedurePage
    where TForm : class
    where TEvent : class, IFormEvent
{
    protected const int MaxProblemsShown = 8;

    public abstract string Kind { get; }

    public abstract string Prefix { get; }

    /// <summary>The form's steps.</summary>
    public abstract IStepTable<TForm> Steps { get; }

    protected StepFormServices Services { get; } = services;

    protected ILogger Logger { get; } = services.Logs.CreateLogger("MingXin.Bot.Workflows." + typeof(TForm).Name);

    /// <summary>The verb of the new-form card's submit (e.g. <c>so-start</c>); null when the form is not started from a card.</summary>
    protected virtual string? StartVerb => null;

    public bool Knows(string verb) => verb == StartVerb || Steps.Verbs.Contains(verb);

    // ---- what each form supplies ---------------------------------------------------------------

    protected abstract TForm Load(WorkflowPartition partition);

    /// <summary>What every form stores alike (version, history, redeliveries, service-level clock).</summary>
    protected abstract FormState StateOf(TForm form);

    protected abstract bool IsOpen(TForm form);

    /// <summary>The name of the step the form stands at, as its service levels are keyed (<c>Kind.Step</c>).</summary>
    protected abstract string StepName(TForm form);

    /// <summary>What the domain's outcome means for the person who clicked (<paramref name="verb"/> for a refusal's wording).</summary>
    protected abstract StepEnd<TEvent> EndOf(IStepOutcome outcome, string verb, Language l);

    /// <summary>The card; <paramref name="viewer"/> null = the read-only card of the channels. <paramref name="typed"/> refills inputs after a problem.</summary>
    protected abstract Task<JsonObject> RenderAsync(TForm form, Actor? viewer, Language l, Banner? banner, IReadOnlyDictionary<string, string>? typed, IReadOnlyList<string> refreshUsers, CancellationToken cancellationToken);

    /// <summary>The form's line in a person's task list: its title and where it stands.</summary>
    protected abstract (string Title, string Status) TaskLine(TForm form, Language l);

    /// <summary>What the form tells the records.</summary>
    protected abstract RecordFacts Facts(TForm form);

    /// <summary>An event's audit row: its comment and the values the step decided (JSON).</summary>
    protected abstract (string? Comment, string? Detail) AuditOf(TForm form, TEvent e);

    /// <summary>An event's line in the card's thread, or null when it says nothing there.</summary>
    protected abstract string? ThreadLine(TForm form, TEvent e, Language l);

    /// <summary>The banner after a step was applied.</summary>
    protected abstract string Done(TEvent e, Language l);

    /// <summary>Records a reminder (level 1) or escalation of the step the form waits at, once; null when there is nothing to record.</summary>
    protected abstract TEvent? RecordSla(TForm form, string step, int level, string names, DateTimeOffset at, IReadOnlyList<string> mention);

    /// <summary>A field's name on the card, for a problem banner.</summary>
    protected abstract string FieldName(string field, Language l);

    /// <summary>People an event's thread line @mentions (Entra ids).</summary>
    protected virtual IEnumerable<string> MentionsOf(TEvent e) => [];

    /// <summary>What the step and the person bring to it, as the table's transition reads it.</summary>
    protected virtual Task<StepContext> ContextAsync(TForm form, CardClick action, Actor actor, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(new StepContext(actor, new StepValues(action.Values), now, FactoryToday(now)));

    /// <summary>Checks an action's values against other records (e.g. that a named notice exists) before the domain decides; the problems, or none.</summary>
    protected virtual Task<IReadOnlyList<FieldProblem>> CheckAsync(TForm form, string verb, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FieldProblem>>([]);

    /// <summary>Starts a form from its new-form card (the <see cref="StartVerb"/>).</summary>
    protected virtual Task<ActionAnswer> StartFromCardAsync(CardClick action, Person person, CancellationToken cancellationToken) =>
        Task.FromResult<ActionAnswer>(new ActionAnswer.BadRequest($"{Kind} is not started from a card."));

    /// <summary>A hook for what a committed step sets off elsewhere (nothing by default).</summary>
    protected virtual Task AfterCommitAsync(TForm form, IReadOnlyList<TEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deadlines of the form's own rules (e.g. the two-hour rule), besides the step service levels.</summary>
    protected virtual bool HandlesOwn(Deadline deadline) => false;

    protected virtual Task OnOwnDeadlineAsync(Deadline deadline, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The banner of a card that was out of date: who acted first, and when.</summary>
    protected virtual Banner Stale(TForm form, Language l)
    {
        var last = StateOf(form).History.LastOrDefault();
        return new Banner(
            l.Pick($"这张卡片已过期：{CardText.Escape(last?.ActorName, 60)} 已先处理（{When(last)}）。下面是最新状态，你的操作没有执行。", $"This card was out of date: {CardText.Escape(last?.ActorName, 60)} acted first ({When(last)}). This is the current state; your action was not applied."),
            IsError: true);
    }

    // ---- the pipeline ---------------------------------------------------------------------------

    public async Task<ActionAnswer> ActAsync(CardClick action, CancellationToken cancellationToken)
    {
        var l = action.Language;
        var verb = action.Verb;
        if (verb is null || (verb != "refresh" && !Knows(verb)))
        {
            return new ActionAnswer.BadRequest($"Unknown verb '{verb}' for {Kind}. Known verbs: {string.Join(", ", Steps.Verbs.Order(StringComparer.Ordinal))}.");
        }

        var person = await Services.Directory.FindAsync(action.ActorId, cancellationToken).ConfigureAwait(false) ?? Person.Unknown(action.ActorId, action.ActorName);
        if (verb == StartVerb)
        {
            return await StartFromCardAsync(action, person, cancellationToken).ConfigureAwait(false);
        }

        if (!DocumentNumber.TryParse(action.WorkflowId, out var number))
        {
            return Notice(l, l.Pick("卡片上的表单编号无效。", "The card carries no valid form number."));
        }

        var partition = await Services.Store.LoadForStepAsync(number.ToString(), cancellationToken).ConfigureAwait(false);
        var form = partition is null || partition.State.Kind != Kind ? null : Load(partition);
        var actor = Actor.From(person);
        if (form is null || !MaySee(form, actor))
        {
            // One answer whether the form does not exist or is not theirs: numbers are sequential, and
            // nothing of a form — not even that it exists — reaches someone with no part in it.
            Logger.LogInformation("{Id}: {Verb} by {User} refused: no such form, or not theirs to see.", number, verb, action.ActorId);
            return Notice(l, l.Pick($"没有编号为 {number} 的表单，或你无权查看。", $"There is no form numbered {number}, or it is not yours to see."));
        }

        var state = StateOf(form);
        if (verb == "refresh" || (action.ActivityId is not null && state.RecentActivityIds.Contains(action.ActivityId)))
        {
            // A refresh, or Teams redelivering an action already applied: the current card, nothing changed.
            return await AnswerAsync(form, actor, l, null, null, changed: false, cancellationToken).ConfigureAwait(false);
        }

        if (action.Version != state.Version)
        {
            return await StaleAnswerAsync(form, actor, verb, action.Values, l, cancellationToken).ConfigureAwait(false);
        }

        if (DatesOutOfWindow(action.Values) is { Count: > 0 } outOfWindow)
        {
            return await AnswerAsync(form, actor, l, ProblemBanner(outOfWindow, l), action.Values, changed: false, cancellationToken).ConfigureAwait(false);
        }

        if (await CheckAsync(form, verb, action.Values, cancellationToken).ConfigureAwait(false) is { Count: > 0 } found)
        {
            return await AnswerAsync(form, actor, l, ProblemBanner(found, l), action.Values, changed: false, cancellationToken).ConfigureAwait(false);
        }

        actor = AsDeputy(form, verb, person, actor);
        var now = Services.Time.GetUtcNow();
        var context = (await ContextAsync(form, action, actor, now, cancellationToken).ConfigureAwait(false)) with { Duties = Services.Options.Value.Duties() };
        var outcome = Steps.Act(form, verb, context);
        if (outcome is DutyRefused separated)
        {
            Logger.LogInformation("{Id}: {Verb} by {User} refused by the rule {Rule}.", state.Id, verb, action.ActorId, separated.Rule);
            return await AnswerAsync(form, actor, l, new Banner(Texts.DutyRefused(separated.Rule, l), IsError: true), action.Values, changed: false, cancellationToken).ConfigureAwait(false);
        }

        switch (EndOf(outcome, verb, l))
        {
            case StepEnd<TEvent>.Refused refused:
                Logger.LogInformation("{Id}: {Verb} by {User} refused: {Reason}.", state.Id, verb, action.ActorId, refused.Reason);
                return await AnswerAsync(form, actor, l, new Banner(refused.Text, IsError: true), action.Values, changed: false, cancellationToken).ConfigureAwait(false);
            case StepEnd<TEvent>.Invalid invalid:
                return await AnswerAsync(form, actor, l, ProblemBanner(invalid.Problems, l), action.Values, changed: false, cancellationToken).ConfigureAwait(false);
            case StepEnd<TEvent>.Applied { Events: var events }:
                FormMemory.Remember(state, action.ActivityId);
                if (await CommitAsync(form, partition!.State.ETag, partition, events, started: false, action.ActivityId, cancellationToken).ConfigureAwait(false) is CommitResult.Conflict)
                {
                    // Someone else acted between our read and our write: nothing of ours was saved.
                    var fresh = Load((await Services.Store.LoadForStepAsync(state.Id, cancellationToken).ConfigureAwait(false))!);
                    return await StaleAnswerAsync(fresh, actor, verb, action.Values, l, cancellationToken).ConfigureAwait(false);
                }

                await AfterCommitAsync(form, events, cancellationToken).ConfigureAwait(false);
                return await AnswerAsync(form, actor, l, new Banner(Done(events[0], l), IsError: false), null, changed: true, cancellationToken).ConfigureAwait(false);
            default:
                throw new InvalidOperationException("A step ends applied, refused or invalid.");
        }
    }

    /// <summary>
    /// The answer to a card that was out of date. When the step the person pressed is still theirs to take
    /// (someone else acted on another part of the form, or a reminder changed it), what they typed comes back
    /// in the fresh card — a containment or a comment typed on a stale card is not lost, only not yet applied.
    /// </summary>
    private async Task<ActionAnswer> StaleAnswerAsync(TForm form, Actor actor, string verb, IReadOnlyDictionary<string, string> typed, Language l, CancellationToken cancellationToken)
    {
        var stale = Stale(form, l);
        if (!Steps.VerbsFor(form, actor).Contains(verb) || !typed.Keys.Any(k => k is not ("workflow" or "version" or "draft" or "parent" or "verb")))
        {
            return await AnswerAsync(form, actor, l, stale, null, changed: false, cancellationToken).ConfigureAwait(false);
        }

        var kept = stale with { Text = stale.Text + l.Pick("你填写的内容已保留在下面，请核对后再提交。", " What you typed is kept below: check it and submit again.") };
        return await AnswerAsync(form, actor, l, kept, typed, changed: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A step open to the person only through someone they stand in for (代理): the actor is named as
    /// both — "deputy (代理 for principal)" — in the audit, the history and every thread line.
    /// </summary>
    private Actor AsDeputy(TForm form, string verb, Person person, Actor actor)
    {
        if (person.Covers.Count == 0 || Steps.VerbsFor(form, actor with { Positions = person.OwnPositions }).Contains(verb))
        {
            return actor;
        }

        var cover = person.Covers.FirstOrDefault(c => Steps.VerbsFor(form, actor with { Positions = person.OwnPositions.Concat(c.Positions).ToHashSet() }).Contains(verb));
        return cover is null ? actor : actor with { Person = actor.Person with { Name = $"{actor.Person.Name}（代理 for {cover.PrincipalName}）" } };
    }

    /// <summary>The card as <paramref name="actor"/> sees it now, with a banner.</summary>
    protected async Task<ActionAnswer> AnswerAsync(TForm form, Actor actor, Language l, Banner? banner, IReadOnlyDictionary<string, string>? typed, bool changed, CancellationToken cancellationToken) =>
        new ActionAnswer.Card(await RenderAsync(form, actor, l, banner, typed, await RefreshUsersAsync(form, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false), changed);

    /// <summary>
    /// Every date a card sends (as Input.Date does: yyyy-MM-dd) within the window any form accepts
    /// (<see cref="FormOptions"/>); the problems, or none. One check for every form and every date field.
    /// </summary>
    protected IReadOnlyList<FieldProblem> DatesOutOfWindow(IReadOnlyDictionary<string, string> values)
    {
        var today = FactoryToday(Services.Time.GetUtcNow());
        var from = today.AddDays(-Services.Options.Value.DatesPastDays);
        var until = today.AddDays(Services.Options.Value.DatesFutureDays);
        var window = string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd} – {until:yyyy-MM-dd}");
        return values
            .Where(v => v.Value.Length == 10 && StepValues.ParseDate(v.Value) is { } day && (day < from || day > until))
            .Select(v => new FieldProblem(v.Key, ProblemKind.DateOutOfRange, Detail: window))
            .ToList();
    }

    protected Banner ProblemBanner(IReadOnlyList<FieldProblem> problems, Language l) =>
        new(FieldProblems.Banner(problems, l, f => FieldName(f, l), MaxProblemsShown), IsError: true);

    // ---- who the form waits on, from its table ----------------------------------------------------

    protected IReadOnlyList<Position> PositionsWaitedOn(TForm form) => Steps.PositionsWaitedOn(form);

    /// <summary>People the form waits on in person: the originator (to revise, to record the customer's answer) and people named on it.</summary>
    protected IReadOnlyList<string> PeopleWaitedOn(TForm form) =>
        (Steps.WaitsOnOriginator(form) ? [StateOf(form).Originator.Id] : Array.Empty<string>()).Concat(Steps.NamedPeopleWaitedOn(form)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    // ---- new forms --------------------------------------------------------------------------------

    /// <summary>
    /// Hands out the next number and saves the form <paramref name="make"/> builds with it — state, audit and
    /// first posts in one batch. Call it only with values already checked, so bad input never uses up a number.
    /// </summary>
    /// <param name="claimKey">The turn-ledger claim the form is made under: the number is reserved there before the save, and a
    /// number an earlier delivery reserved is used again instead of a new one.</param>
    protected async Task<(TForm Form, IReadOnlyList<TEvent> Events)> SaveNewAsync(Func<string, DateTimeOffset, DateOnly, (TForm Form, IReadOnlyList<TEvent> Events)> make, string? activityId, CancellationToken cancellationToken, string? claimKey = null)
    {
        var now = Services.Time.GetUtcNow();
        var reserved = claimKey is null ? null : await Services.Ledger.ReservedAsync(claimKey, cancellationToken).ConfigureAwait(false);
        string number;
        if (reserved is not null)
        {
            number = reserved;
        }
        else
        {
            number = (await Services.Numbers.NextAsync(Prefix, TimeZoneInfo.ConvertTime(now, BusinessCalendar.FactoryZone).Year, cancellationToken).ConfigureAwait(false)).ToString();
            if (claimKey is not null)
            {
                await Services.Ledger.ReserveAsync(claimKey, number, cancellationToken).ConfigureAwait(false);
            }
        }

        // From here the save is finished even if the caller stops waiting (Teams gave up and will deliver again):
        // a save cut off half way would leave the redelivery guessing.
        var (form, events) = make(number, now, FactoryToday(now));
        if (await CommitAsync(form, null, null, events, started: true, activityId, CancellationToken.None).ConfigureAwait(false) is not CommitResult.Committed)
        {
            // The number is this request's alone (handed out to it, or reserved by its claim): a form already under it
            // is this request's own earlier save whose answer was lost (the storage client sent the batch again).
            if (await Services.Store.LoadForStepAsync(number, CancellationToken.None).ConfigureAwait(false) is { } saved)
            {
                Logger.LogInformation("{Id} was already saved by an earlier attempt of the same request; that form is kept.", number);
                return (Load(saved), events);
            }

            throw new InvalidOperationException($"The new number {number} could not be saved.");
        }

        return (form, events);
    }

    /// <summary>
    /// Claims <paramref name="key"/> in the turn ledger (a draft card, a chat message, a relayed change) so the
    /// same request opens one form however often it arrives. Not claimed: the form the first one opened, or
    /// null while that one is still being saved.
    /// </summary>
    protected async Task<(bool Claimed, TForm? Earlier)> ClaimAsync(string key, CancellationToken cancellationToken)
    {
        var claim = await Services.Ledger.ClaimAsync(key, cancellationToken).ConfigureAwait(false);
        if (claim.Claimed)
        {
            return (true, null);
        }

        if (claim.ExistingWorkflowId is null && claim.ReservedNumber is { } number)
        {
            // An earlier delivery reserved a number and its answer never came: its form is saved, or it is not (yet).
            if (await Services.Store.LoadForStepAsync(number, cancellationToken).ConfigureAwait(false) is { } saved)
            {
                await Services.Ledger.RecordAsync(key, number, cancellationToken).ConfigureAwait(false);
                return (false, Load(saved));
            }

            // Not saved: this delivery saves it under the same number (SaveNewAsync with the key); of two doing so at
            // once the store keeps one, and the other finds it.
            return (true, null);
        }

        var earlier = claim.ExistingWorkflowId is null ? null : await Services.Store.LoadForStepAsync(claim.ExistingWorkflowId, cancellationToken).ConfigureAwait(false);
        return (false, earlier is null ? null : Load(earlier));
    }

    /// <summary>
    /// Opens a form that no card started (e.g. a corrective action a survey's low score opens), once:
    /// <paramref name="onceKey"/> is claimed in the turn ledger, so a relay that runs again gets the same
    /// form. Returns its number.
    /// </summary>
    protected async Task<string> OpenOnceAsync(string onceKey, Func<string, DateTimeOffset, DateOnly, (TForm Form, IReadOnlyList<TEvent> Events)> open, CancellationToken cancellationToken)
    {
        var (claimed, earlier) = await ClaimAsync(onceKey, cancellationToken).ConfigureAwait(false);
        if (!claimed)
        {
            return earlier is not null ? StateOf(earlier).Id : throw new InvalidOperationException($"{onceKey} is being opened elsewhere; the outbox tries again.");
        }

        try
        {
            var (form, _) = await SaveNewAsync(open, activityId: null, cancellationToken, onceKey).ConfigureAwait(false);
            var id = StateOf(form).Id;
            await Services.Ledger.RecordAsync(onceKey, id, cancellationToken).ConfigureAwait(false);
            Logger.LogInformation("{Id} opened for {Key}.", id, onceKey);
            return id;
        }
        catch
        {
            await Services.Ledger.ReleaseAsync(onceKey, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Saves a step that did not come from a card (e.g. a change relayed from another form's outbox).</summary>
    protected Task<CommitResult> CommitStepAsync(TForm form, WorkflowPartition loaded, IReadOnlyList<TEvent> events, CancellationToken cancellationToken) =>
        CommitAsync(form, loaded.State.ETag, loaded, events, started: false, activityId: null, cancellationToken);

    // ---- step reminders and escalation (service levels) -------------------------------------------

    public bool Handles(Deadline deadline) =>
        deadline.WorkflowId.StartsWith(Prefix + "-", StringComparison.Ordinal) && (StepServiceLevels.IsServiceLevel(deadline) || HandlesOwn(deadline));

    public Task OnDueAsync(Deadline deadline, CancellationToken cancellationToken) =>
        StepServiceLevels.IsServiceLevel(deadline) ? OnSlaDueAsync(deadline, cancellationToken) : OnOwnDeadlineAsync(deadline, cancellationToken);

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
            if (RecordSla(form, step, level, names, Services.Time.GetUtcNow(), ids) is not { } e)
            {
                return null; // the form moved on, or this level was recorded already
            }

            // The version stays: nobody's card goes out of date.
            var state = StateOf(form);
            var rowBase = StepServiceLevels.RowIndexBase(state.SlaNotices, step, state.Sla);
            return await CommitAsync(form, partition.State.ETag, partition, [e], started: false, activityId: null, cancellationToken, auditIndexBase: rowBase, mention: ids).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    // ---- one batch per step ---------------------------------------------------------------------------

    private Task<CommitResult> CommitAsync(TForm form, string? etag, WorkflowPartition? loaded, IReadOnlyList<TEvent> events, bool started, string? activityId, CancellationToken cancellationToken, int auditIndexBase = 0, IReadOnlyList<string>? mention = null)
    {
        var state = StateOf(form);

        // The service-level clock follows the step the form waits at; its deadlines go through this step's outbox.
        var waiting = IsOpen(form) && (PositionsWaitedOn(form).Count > 0 || PeopleWaitedOn(form).Count > 0);
        var slaChange = Services.Levels.Move(Kind, state.Sla, waiting ? StepName(form) : null, clock => state.Sla = clock);
        var audit = events.Select((e, i) =>
        {
            var (comment, detail) = AuditOf(form, e);
            return new AuditRecord(state.Version, auditIndexBase + i, e.At, e.By.Id, e.By.Name, e.Action, comment, detail, activityId);
        }).ToList();

        var outbox = new List<OutboxMessage>();
        if (!started)
        {
            outbox.Add(new OutboxMessage(OutboxMessage.Update));
            var lines = events.Select(e => (Zh: ThreadLine(form, e, Language.Chinese), En: ThreadLine(form, e, Language.English))).Where(x => x.Zh is not null).ToList();
            if (lines.Count > 0)
            {
                outbox.Add(new OutboxMessage(
                    OutboxMessage.Reply,
                    MentionIds: events.SelectMany(MentionsOf).Concat(mention ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                    Department: null,
                    ChineseText: $"{state.Id} · " + string.Join("；", lines.Select(x => x.Zh)),
                    EnglishText: $"{state.Id} · " + string.Join("; ", lines.Select(x => x.En))));
            }
        }

        if (slaChange is not null)
        {
            outbox.Add(new OutboxMessage(OutboxMessage.Deadlines, Payload: WorkflowJson.Serialize(slaChange)));
        }

        outbox.AddRange(Steps.PostTo(form, started).Distinct().Select(d => new OutboxMessage(OutboxMessage.Post, d)));
        outbox.AddRange(Steps.EffectsOf(form, events).Select(FormEffectRows.ToOutbox));
        outbox.Add(new OutboxMessage(OutboxMessage.Tasks));

        // The state is saved as its own type (every field of the form), never as the shared part only.
        var json = JsonSerializer.Serialize(state, state.GetType(), WorkflowJson.Options);
        return Services.Committer.CommitAsync(state.Id, Kind, state.Version, json, etag, loaded, audit, outbox, cancellationToken, auditIndexBase);
    }

    // ---- IWorkflowForm ------------------------------------------------------------------------

    public bool IsOpen(WorkflowPartition partition) => IsOpen(Load(partition));

    public IReadOnlyList<string> TaskKeys(WorkflowPartition partition)
    {
        var form = Load(partition);
        return PositionsWaitedOn(form).Select(TaskIndex.PositionKey)
            .Concat(PeopleWaitedOn(form).Select(TaskIndex.PersonKey))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    public RecordFacts Facts(WorkflowPartition partition) => Facts(Load(partition));

    public bool MaySee(WorkflowPartition partition, Person person) => MaySee(Load(partition), Actor.From(person));

    public IReadOnlyList<string> Readers(WorkflowPartition partition)
    {
        var form = Load(partition);
        return Steps.InvolvedPositions(form).Order().Select(TaskIndex.PositionKey)
            .Append(TaskIndex.PersonKey(StateOf(form).Originator.Id))
            .Concat(Steps.NamedPeopleWaitedOn(form).Select(TaskIndex.PersonKey))
            .Distinct()
            .ToList();
    }

    /// <summary>Some form of this kind could involve the person: a position its steps name (or their managers), a department its card goes to.</summary>
    public bool MaySeeKind(Person person) =>
        person.Positions.Count > 0
        && (person.Positions.Contains(Position.Administrator) || person.Positions.Contains(Position.GeneralManager)
            || person.Positions.Overlaps(KindPositions()));

    public virtual IReadOnlySet<string> Withheld(Person person) => new HashSet<string>();

    /// <summary>An audit row as a sentence in the reader's words (the step forms say it as their history does).</summary>
    public virtual string AuditSentence(string action, string? comment, Language language) => string.IsNullOrWhiteSpace(comment) ? action : $"{action}: {CardText.Escape(comment, 300)}";

    /// <summary>The positions any form of this kind may involve, whatever is on it.</summary>
    private HashSet<Position> KindPositions()
    {
        var acting = Steps.Steps.SelectMany(s => s.By.Concat(s.AlsoBy)).Concat(Steps.Steps.Any(s => s.ByOf is not null) ? Positions.List : []).ToHashSet();
        var departments = Steps.PostedAtStart.Concat(Steps.PostedAtStartAlso is null ? [] : Departments.List).Concat(Steps.Postings.SelectMany(p => p.To)).Distinct().ToArray();
        return [.. acting, .. acting.Select(p => p.ManagerOf()).OfType<Position>(), .. Positions.In(departments)];
    }

    public TaskIndex.TaskEntry TaskEntry(WorkflowPartition partition, Language language, DateTimeOffset now)
    {
        var form = Load(partition);
        var (title, status) = TaskLine(form, language);
        return new TaskIndex.TaskEntry(StateOf(form).Id, Kind, title, status, now);
    }

    public async Task<JsonObject> BaseCardAsync(WorkflowPartition partition, Language language, CancellationToken cancellationToken)
    {
        var form = Load(partition);
        return await RenderAsync(form, null, language, null, null, await RefreshUsersAsync(form, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public async Task<JsonObject?> CardIfWaitingOnAsync(WorkflowPartition partition, Person person, Language language, CancellationToken cancellationToken)
    {
        var form = Load(partition);
        var actor = Actor.From(person);
        return IsWaitingOn(form, actor)
            ? ((ActionAnswer.Card)await AnswerAsync(form, actor, language, null, null, changed: false, cancellationToken).ConfigureAwait(false)).Value
            : null; // the index lags a step behind, or a colleague holds the step now
    }

    /// <summary>Who may see the form at all (<see cref="FormVisibility"/>): the rule every form shares, from its table.</summary>
    protected bool MaySee(TForm form, Actor actor) =>
        FormVisibility.MaySee(actor, Steps.InvolvedPositions(form), StateOf(form).Originator, Steps.NamedPeopleWaitedOn(form));

    /// <summary>Whether a step <paramref name="actor"/> may take now is one the form waits on (their own cancel is not).</summary>
    protected virtual bool IsWaitingOn(TForm form, Actor actor)
    {
        var verbs = Steps.VerbsFor(form, actor);
        return Steps.Steps.Any(s => s.Waits && s.IsOpen(form) && verbs.Contains(s.Verb));
    }

    // ---- the procedure page -----------------------------------------------------------------------

    /// <summary>The form's page in docs/procedure, drawn from its table (its steps file is <c>Forms/{Kind}/{Kind}Steps.cs</c>).</summary>
    public string ProcedurePage(Func<string, double> hoursFor, bool workingTime) =>
        ProcedureDiagram.Markdown(FormCatalog.ByKind(Kind) ?? throw new InvalidOperationException($"{Kind} is not in FormCatalog.All."), $"bot/MingXin.Bot/Forms/{Kind}/{Kind}Steps.cs", Steps, hoursFor, workingTime);

    // ---- helpers --------------------------------------------------------------------------------

    protected static DateOnly FactoryToday(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, BusinessCalendar.FactoryZone).DateTime);

    /// <summary>When a history line happened, as the factory's clock reads it.</summary>
    protected static string When(HistoryEntry? line) =>
        line is null ? string.Empty : TimeZoneInfo.ConvertTime(line.At, BusinessCalendar.FactoryZone).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    protected static ActionAnswer.Card Notice(Language l, string text) =>
        new(CardViews.Notice(l, l.Pick("找不到这张表单。", "This form does not exist."), text), Changed: false);

    private async Task<IReadOnlyList<string>> RefreshUsersAsync(TForm form, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var position in PositionsWaitedOn(form))
        {
            ids.AddRange((await Services.Directory.HoldersAsync(position, cancellationToken).ConfigureAwait(false)).Select(p => p.AadObjectId));
        }

        ids.AddRange(PeopleWaitedOn(form));
        if (IsOpen(form))
        {
            ids.Add(StateOf(form).Originator.Id);
        }

        return await Services.UserIds.ResolveAsync(ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), MaxRefreshUsers, cancellationToken, Services.Roster.FindUserIdAsync).ConfigureAwait(false);
    }

    /// <summary>Teams shows the buttons (user-specific views) to at most 60 people.</summary>
    public const int MaxRefreshUsers = 60;
}

/// <summary>A typed effect as the outbox row that carries it out.</summary>
public static class FormEffectRows
{
    public static OutboxMessage ToOutbox(FormEffect effect) => effect switch
    {
        FormEffect.StartDeadlines start => new OutboxMessage(OutboxMessage.Deadlines, Payload: WorkflowJson.Serialize(new DeadlineChange(start.Due, new Dictionary<string, DateTimeOffset>()))),
        FormEffect.StopDeadlines stop => new OutboxMessage(OutboxMessage.Deadlines, Payload: WorkflowJson.Serialize(new DeadlineChange(new Dictionary<string, DateTimeOffset>(), stop.Due))),
        FormEffect.Change change => new OutboxMessage(OutboxMessage.ToOtherForm, Relay: change.What.ChangeName, Payload: JsonSerializer.Serialize(change.What, change.What.GetType(), WorkflowJson.Options)),
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect, "An effect the outbox does not carry."),
    };
}
