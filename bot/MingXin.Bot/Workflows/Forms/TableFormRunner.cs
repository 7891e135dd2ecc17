using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>A form whose procedure page (docs/procedure) is drawn from its step table.</summary>
public interface IProcedurePage
{
    string Kind { get; }

    string ProcedurePage(Func<string, double> hoursFor, bool workingTime);
}

/// <summary>
/// A step form whose steps are declared in a <see cref="StepTable{TForm,TStatus}"/>: who may act, which
/// verbs a person sees, whom the form waits on and where its card goes all come from the table, and
/// the effects the table declares go to the outbox as typed messages.
/// </summary>
public abstract class TableFormRunner<TForm, TState, TStatus>(StepFormServices services) : StepFormRunner<TForm, TState>(services), IProcedurePage
    where TState : StepFormState
    where TForm : StepForm<TState>
    where TStatus : struct, Enum
{
    /// <summary>The form's steps.</summary>
    public abstract StepTable<TForm, TStatus> Steps { get; }

    /// <summary>The form's page in docs/procedure, drawn from its table (its steps file is <c>Forms/{Kind}/{Kind}Steps.cs</c>).</summary>
    public string ProcedurePage(Func<string, double> hoursFor, bool workingTime) =>
        ProcedureDiagram.Markdown(Domain.Records.FormCatalog.ByKind(Kind) ?? throw new InvalidOperationException($"{Kind} is not in FormCatalog.All."), $"bot/MingXin.Bot/Forms/{Kind}/{Kind}Steps.cs", Steps, hoursFor, workingTime);

    protected sealed override IReadOnlyList<Position> PositionsWaitedOn(TForm form) => Steps.PositionsWaitedOn(form);

    protected sealed override IReadOnlyList<string> PeopleWaitedOn(TForm form) => Steps.WaitsOnOriginator(form) ? [form.State.Originator.Id] : [];

    protected sealed override IReadOnlySet<string> VerbsFor(TForm form, Actor actor) => Steps.VerbsFor(form, actor);

    protected sealed override FormOutcome Act(TForm form, string verb, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today) =>
        Steps.Act(form, verb, new StepContext(actor, new StepValues(values), now, today));

    protected sealed override IReadOnlyList<Department> PostTo(TForm form, bool started) => Steps.PostTo(form, started);

    protected sealed override IEnumerable<OutboxMessage> MoreOutbox(TForm form, IReadOnlyList<FormEvent> events) =>
        Steps.EffectsOf(form, events).Select(ToOutbox);

    /// <summary>A typed effect as the outbox row that carries it out.</summary>
    public static OutboxMessage ToOutbox(FormEffect effect) => effect switch
    {
        FormEffect.StartDeadlines start => new OutboxMessage(OutboxMessage.Deadlines, Payload: WorkflowJson.Serialize(new DeadlineChange(start.Due, new Dictionary<string, DateTimeOffset>()))),
        FormEffect.StopDeadlines stop => new OutboxMessage(OutboxMessage.Deadlines, Payload: WorkflowJson.Serialize(new DeadlineChange(new Dictionary<string, DateTimeOffset>(), stop.Due))),
        FormEffect.Change change => new OutboxMessage(OutboxMessage.ToOtherForm, Relay: change.What.ChangeName, Payload: System.Text.Json.JsonSerializer.Serialize(change.What, change.What.GetType(), WorkflowJson.Options)),
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect, "An effect the outbox does not carry."),
    };
}
