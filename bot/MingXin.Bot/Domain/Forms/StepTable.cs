using System.Globalization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Forms;

/// <summary>Names of the conditions every step table shares.</summary>
public static class StepConditions
{
    /// <summary>The form is open: its originator may withdraw it.</summary>
    public const string Open = "open";
}

/// <summary>What a step is given: who acts, what they typed, the moment (factory day included), and a colleague the step names (e.g. whom a seat is handed to), as the directory knows them.</summary>
/// <param name="Duties">The separation-of-duties rules in force (null: all of them).</param>
/// <param name="Related">What the runner read of another form for this step, typed by the form that needs it (e.g. the Production Notice a Delivery Note ships against); null when the step needs none.</param>
public sealed record StepContext(Actor Actor, StepValues Values, DateTimeOffset Now, DateOnly Today, Actor? Named = null, IReadOnlySet<DutyRule>? Duties = null, object? Related = null)
{
    public bool Enforces(DutyRule rule) => Duties?.Contains(rule) ?? true;
}

/// <summary>
/// The values a card sent, read as the step's typed inputs. A value that is not of its type reads as
/// null (or an undefined enum), and the domain names the field as a problem.
/// </summary>
public sealed class StepValues(IReadOnlyDictionary<string, string> values)
{
    public static StepValues None { get; } = new(new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> Raw => values;

    /// <summary>The trimmed text, empty when absent.</summary>
    public string Text(string key) => values.TryGetValue(key, out var v) && v is not null ? v.Trim() : string.Empty;

    /// <summary>A whole number as people write it (<c>1,200</c>); null when it is not one.</summary>
    public int? Int(string key) =>
        int.TryParse(Text(key).Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A date as the card's Input.Date sends it (yyyy-MM-dd); null when it is not one.</summary>
    public DateOnly? Date(string key) => ParseDate(Text(key));

    /// <summary>A date as the card's Input.Date sends it (yyyy-MM-dd); null when it is not one.</summary>
    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>A choice of <typeparamref name="TEnum"/> by its name; an undefined value when it is none (the domain refuses it).</summary>
    public TEnum Choice<TEnum>(string key)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(Text(key), out var v) && Enum.IsDefined(v) ? v : (TEnum)(object)(-1);

    /// <summary>A choice of <typeparamref name="TEnum"/> by its name; null when it is none.</summary>
    public TEnum? OptionalChoice<TEnum>(string key)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(Text(key), out var v) && Enum.IsDefined(v) ? v : null;

    /// <summary>Non-empty lines of a multi-line input.</summary>
    public List<string> Lines(string key) => Text(key).Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>The refusal of a number field that was empty or not a number.</summary>
    public FormOutcome.Invalid NotANumber(string key) =>
        new([new FieldProblem(key, Text(key).Length == 0 ? ProblemKind.Required : ProblemKind.NotANumber)]);
}

/// <summary>
/// One step of a form, declared once: the states it acts in (<see cref="During"/> names them, or the
/// condition beside the states; <see cref="States"/> lists the states where it can act), the positions that may act (and whether
/// the originator may; <see cref="AlsoBy"/> may act for them, e.g. a manager, without the form waiting on
/// them), the domain transition it calls, and the states it can lead to. The verb is the
/// card's <c>Action.Execute</c> verb.
/// </summary>
public sealed record Step<TForm>(
    string Verb,
    string During,
    IReadOnlyList<string> States,
    Func<TForm, bool> IsOpen,
    IReadOnlyList<Position> By,
    IReadOnlyList<Position> AlsoBy,
    bool ByOriginator,
    bool Waits,
    IReadOnlyList<string> To,
    Func<TForm, StepContext, IStepOutcome> Do,
    Func<TForm, IReadOnlyList<Position>>? ByOf = null,
    string? Who = null,
    Func<TForm, IReadOnlyList<string>>? People = null,
    IReadOnlyList<DutySeparation<TForm>>? Separations = null)
{
    /// <summary>The first separation-of-duties rule in force that keeps <paramref name="context"/>'s actor from this step on <paramref name="form"/>, or null.</summary>
    public DutyRule? Separates(TForm form, StepContext context) =>
        (Separations ?? []).FirstOrDefault(s => context.Enforces(s.Rule) && s.Conflicts(form, context.Actor))?.Rule;

    /// <summary>The positions that take the step on <paramref name="form"/> (fixed, or read from the form, e.g. the department a complaint was issued to).</summary>
    public IReadOnlyList<Position> PositionsOn(TForm form) => ByOf?.Invoke(form) ?? By;

    /// <summary>Whether <paramref name="actor"/> may take this step on <paramref name="form"/> now.</summary>
    public bool Allows(TForm form, Actor actor, Func<TForm, Actor, bool> isOriginator) =>
        IsOpen(form) && (PositionsOn(form).Any(actor.Positions.Contains) || AlsoBy.Any(actor.Positions.Contains) || (ByOriginator && isOriginator(form, actor)) || PeopleOn(form).Contains(actor.Person.Id, StringComparer.OrdinalIgnoreCase));

    /// <summary>People named on <paramref name="form"/> who take the step in person (e.g. a colleague a seat was handed to).</summary>
    public IReadOnlyList<string> PeopleOn(TForm form) => People?.Invoke(form) ?? [];
}

/// <summary>A department whose channel gets the form's card when the form reaches a state (once per form and department).</summary>
public sealed record Posting<TForm>(string State, Func<TForm, bool> Reached, IReadOnlyList<Department> To);

/// <summary>
/// A form's steps as one table that reads like the procedure: <c>During(state).When(verb).By(positions)
/// .Then(transition).TransitionTo(states)</c>. Who the form waits on, which verbs a person may use, where
/// its card is posted and its procedure diagram all come from here. Plain C#: the compiler checks the
/// states (an enum) and the transitions (methods of the aggregate).
/// </summary>
public sealed class StepTable<TForm, TStatus> : IStepTable<TForm>
    where TForm : class
    where TStatus : struct, Enum
{
    private readonly List<Step<TForm>> _steps = [];
    private readonly List<Posting<TForm>> _postings = [];
    private readonly List<(string Event, string Name, Func<TForm, IFormEvent, IEnumerable<FormEffect>> Effects)> _effects = [];
    private readonly Func<TForm, TStatus> _status;
    private readonly Func<TForm, Actor, bool> _isOriginator;
    private Func<TForm, IEnumerable<Department>>? _postedAtStartOf;
    private Func<TStatus, string>? _serviceLevelKey;

    public StepTable(TStatus initial, TStatus cancelled, Func<TForm, TStatus> status, Func<TForm, Actor, bool> isOriginator)
    {
        Cancelled = cancelled;
        Initial = initial.ToString();
        _status = status;
        _isOriginator = isOriginator;
    }

    /// <summary>The state of a withdrawn form.</summary>
    public TStatus Cancelled { get; }

    /// <summary>The state a new form starts in (for the diagram; the domain decides).</summary>
    public string Initial { get; }

    /// <summary>States a form starts in besides <see cref="Initial"/> (e.g. a repeat order's stock check).</summary>
    public IReadOnlyList<string> AlsoStartsIn { get; private set; } = [];

    /// <summary>Departments that get the card as soon as the form is started.</summary>
    public IReadOnlyList<Department> PostedAtStart { get; private set; } = [];

    public IReadOnlyList<Step<TForm>> Steps => _steps;

    public IReadOnlyList<Posting<TForm>> Postings => _postings;

    /// <summary>The name a waiting state's service level is configured by (<c>Kind.Name</c>); the state's own name unless the form keys them otherwise.</summary>
    public string ServiceLevelKey(string state) => Enum.TryParse<TStatus>(state, out var s) && _serviceLevelKey is not null ? _serviceLevelKey(s) : state;

    /// <summary>The form's service levels are configured by other names than its states (e.g. the route step keys an Internal Approval has always used).</summary>
    public StepTable<TForm, TStatus> ServiceLevelsKeyedAs(Func<TStatus, string> key)
    {
        _serviceLevelKey = key;
        return this;
    }

    /// <summary>Every state of the form, in declaration order.</summary>
    public IReadOnlyList<string> States { get; } = Enum.GetNames<TStatus>();

    public StepTable<TForm, TStatus> StartsAlsoIn(params TStatus[] states)
    {
        AlsoStartsIn = states.Select(s => s.ToString()).ToList();
        return this;
    }

    public StepTable<TForm, TStatus> PostAtStartTo(params Department[] departments)
    {
        PostedAtStart = departments;
        return this;
    }

    /// <summary>Departments read from the new form get the card too (e.g. the department a complaint is issued to); <paramref name="which"/> names them for the diagram.</summary>
    public StepTable<TForm, TStatus> PostAtStartAlsoTo(string which, Func<TForm, IEnumerable<Department>> departments)
    {
        PostedAtStartAlso = which;
        _postedAtStartOf = departments;
        return this;
    }

    /// <summary>What <see cref="PostAtStartAlsoTo"/> names, or null.</summary>
    public string? PostedAtStartAlso { get; private set; }

    /// <summary>Steps that act while the form is in one of <paramref name="states"/>.</summary>
    public During DuringAny(params TStatus[] states) =>
        new(this, string.Join(", ", states), f => states.Contains(_status(f)), states.Select(s => s.ToString()).ToList());

    /// <summary>Steps that act while the form is in <paramref name="state"/>.</summary>
    public During In(TStatus state) => DuringAny(state);

    /// <summary>Steps that act while a condition holds beside the state (e.g. the two-hour answer is pending) — in one of <paramref name="states"/>.</summary>
    public During While(string condition, Func<TForm, bool> holds, params TStatus[] states) => new(this, condition, holds, states.Select(s => s.ToString()).ToList());

    /// <summary>The originator withdraws the form while it is open, with a reason (<c>cancelReason</c>).</summary>
    /// <param name="during">The states it may be withdrawn in (for the diagram); none = every state with steps of its own.</param>
    public StepTable<TForm, TStatus> Cancellable(string verb, Func<TForm, bool> isOpen, Func<TForm, Actor, string?, DateTimeOffset, IStepOutcome> cancel, params TStatus[] during)
    {
        var open = during.Length > 0 ? during : _steps.Where(s => s.During == string.Join(", ", s.States)).SelectMany(s => s.States).Distinct().Select(Enum.Parse<TStatus>).ToArray();
        While(StepConditions.Open, isOpen, open).WhenOriginator(verb).Optional().Then((f, c) => cancel(f, c.Actor, c.Values.Text("cancelReason"), c.Now)).TransitionTo(Cancelled);
        return this;
    }

    /// <summary>The step a verb names that is open on <paramref name="form"/> now, or null (a verb may act in several states, e.g. each sign-off of a chain).</summary>
    public Step<TForm>? Find(TForm form, string? verb) => _steps.FirstOrDefault(s => s.Verb == verb && s.IsOpen(form));

    /// <summary>Verbs <paramref name="actor"/> may use on <paramref name="form"/> now.</summary>
    public IReadOnlySet<string> VerbsFor(TForm form, Actor actor) =>
        _steps.Where(s => s.Allows(form, actor, _isOriginator)).Select(s => s.Verb).ToHashSet(StringComparer.Ordinal);

    /// <summary>The positions the form waits on now (steps that are someone's turn, not the originator's own cancel).</summary>
    public IReadOnlyList<Position> PositionsWaitedOn(TForm form) =>
        _steps.Where(s => s.Waits && s.IsOpen(form)).SelectMany(s => s.PositionsOn(form)).Distinct().ToList();

    /// <summary>Whether a step open now waits on the originator in person.</summary>
    public bool WaitsOnOriginator(TForm form) => _steps.Any(s => s.Waits && s.ByOriginator && s.IsOpen(form));

    /// <summary>People named on the form whom a step open now waits on in person (Entra ids), the originator aside.</summary>
    public IReadOnlyList<string> NamedPeopleWaitedOn(TForm form) =>
        _steps.Where(s => s.Waits && s.IsOpen(form)).SelectMany(s => s.PeopleOn(form)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// The positions a form involves: those that take or may take its steps, their managers (a late step
    /// escalates to them), and those of the departments whose channel gets its card. Who may see the form
    /// (<see cref="FormVisibility"/>) starts from here.
    /// </summary>
    public IReadOnlySet<Position> InvolvedPositions(TForm form)
    {
        var acting = _steps.SelectMany(s => s.By.Concat(s.AlsoBy).Concat(s.ByOf?.Invoke(form) ?? [])).ToHashSet();
        var departments = PostedAtStart.Concat(_postedAtStartOf?.Invoke(form) ?? []).Concat(_postings.SelectMany(p => p.To));
        return acting.Concat(acting.Select(p => p.ManagerOf()).OfType<Position>()).Concat(Organization.Positions.In([.. departments.Distinct()])).ToHashSet();
    }

    /// <summary>Every verb the table declares (the router finds a form's runner by them).</summary>
    public IReadOnlySet<string> Verbs => _steps.Select(s => s.Verb).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Takes the step <paramref name="verb"/> names: refused when no such step is open now or the actor
    /// may not take it; otherwise the domain decides.
    /// </summary>
    public IStepOutcome Act(TForm form, string verb, StepContext context)
    {
        var open = _steps.Where(s => s.Verb == verb && s.IsOpen(form)).ToList();
        if (open.Count == 0)
        {
            return new FormOutcome.Refused(FormRefusal.WrongStep);
        }

        if (open.FirstOrDefault(s => s.Allows(form, context.Actor, _isOriginator)) is not { } step)
        {
            return new FormOutcome.Refused(FormRefusal.NotYourTurn);
        }

        return step.Separates(form, context) is { } rule ? new DutyRefused(rule) : step.Do(form, context);
    }

    /// <summary>The departments whose channel should hold the card once the form stands where it is now.</summary>
    public IReadOnlyList<Department> PostTo(TForm form, bool started) =>
        (started ? PostedAtStart.Concat(_postedAtStartOf?.Invoke(form) ?? []) : []).Concat(_postings.Where(p => p.Reached(form)).SelectMany(p => p.To)).Distinct().ToList();

    /// <summary>What a saved <paramref name="eventName"/> sets off (deadlines, changes to other forms); <paramref name="what"/> names it for the diagram.</summary>
    public StepTable<TForm, TStatus> On(string eventName, string what, Func<TForm, IFormEvent, IEnumerable<FormEffect>> effects)
    {
        _effects.Add((eventName, what, effects));
        return this;
    }

    /// <summary>The declared effects: (event, what it sets off), for the diagram.</summary>
    public IReadOnlyList<(string Event, string What)> DeclaredEffects => _effects.Select(e => (e.Event, e.Name)).ToList();

    /// <summary>The effects of a step's events, in the order the events happened.</summary>
    public IEnumerable<FormEffect> EffectsOf(TForm form, IEnumerable<IFormEvent> events) =>
        events.SelectMany(e => _effects.Where(x => x.Event == e.Action).SelectMany(x => x.Effects(form, e)));

    /// <summary>The card goes to <paramref name="departments"/> while a condition holds beside the state (e.g. a loss not yet reported to the customer).</summary>
    public StepTable<TForm, TStatus> PostWhile(string condition, Func<TForm, bool> holds, params Department[] departments)
    {
        _postings.Add(new Posting<TForm>(condition, holds, departments));
        return this;
    }

    /// <summary>The card goes to <paramref name="departments"/> when the form reaches <paramref name="state"/>.</summary>
    public StepTable<TForm, TStatus> PostWhenReached(TStatus state, params Department[] departments)
    {
        _postings.Add(new Posting<TForm>(state.ToString(), f => EqualityComparer<TStatus>.Default.Equals(_status(f), state), departments));
        return this;
    }

    /// <summary>The steps of one state (or condition), declared one after the other.</summary>
    public sealed class During(StepTable<TForm, TStatus> table, string name, Func<TForm, bool> holds, IReadOnlyList<string> states)
    {
        /// <summary>The state names (empty for a condition).</summary>
        public IReadOnlyList<string> States => states;

        /// <summary>A step: <paramref name="verb"/> taken by a holder of one of <paramref name="by"/>.</summary>
        public StepBuilder When(string verb, params Position[] by) => new(this, verb, by, byOriginator: false);

        /// <summary>A step taken by positions read from the form (e.g. the owners of a complaint's open actions); <paramref name="who"/> names them for the diagram.</summary>
        public StepBuilder When(string verb, string who, Func<TForm, IReadOnlyList<Position>> by) => new(this, verb, [], byOriginator: false, by, who);

        /// <summary>A step the originator takes in person (<see cref="StepBuilder.AlsoBy"/> names who may take it for them).</summary>
        public StepBuilder WhenOriginator(string verb) => new(this, verb, [], byOriginator: true);

        /// <summary>Back to the table, for what follows the steps (e.g. <see cref="Cancellable"/>).</summary>
        public StepTable<TForm, TStatus> Table => table;

        /// <summary>Another state's (or condition's) steps, for a table that reads top to bottom.</summary>
        public During In(TStatus state) => table.In(state);

        public During DuringAny(params TStatus[] s) => table.DuringAny(s);

        public During While(string condition, Func<TForm, bool> condHolds, params TStatus[] inStates) => table.While(condition, condHolds, inStates);

        internal void Add(Step<TForm> step)
        {
            if (table._steps.Any(s => s.Verb == step.Verb && s.During == step.During))
            {
                throw new InvalidOperationException($"The verb {step.Verb} is declared twice during {step.During}.");
            }

            table._steps.Add(step);
        }

        internal string Name => name;

        internal Func<TForm, bool> Holds => holds;
    }

    /// <summary>One step being declared: what it calls and where it can lead.</summary>
    public sealed class StepBuilder
    {
        private readonly During _during;
        private readonly string _verb;
        private readonly IReadOnlyList<Position> _by;
        private readonly bool _byOriginator;
        private readonly Func<TForm, IReadOnlyList<Position>>? _byOf;
        private readonly string? _who;
        private IReadOnlyList<Position> _alsoBy = [];
        private Func<TForm, StepContext, IStepOutcome>? _do;
        private Func<TForm, IReadOnlyList<string>>? _people;
        private bool _waits = true;
        private string? _peopleWho;
        private readonly List<DutySeparation<TForm>> _separations = [];

        internal StepBuilder(During during, string verb, IReadOnlyList<Position> by, bool byOriginator, Func<TForm, IReadOnlyList<Position>>? byOf = null, string? who = null)
        {
            _byOf = byOf;
            _who = who;
            _during = during;
            _verb = verb;
            _by = by;
            _byOriginator = byOriginator;
        }

        /// <summary>The domain transition the step calls.</summary>
        public StepBuilder Then(Func<TForm, StepContext, IStepOutcome> transition)
        {
            _do = transition;
            return this;
        }

        /// <summary>Holders of <paramref name="positions"/> may take the step too (a manager for their staff), but the form does not wait on them.</summary>
        public StepBuilder AlsoBy(params Position[] positions)
        {
            _alsoBy = positions;
            return this;
        }

        /// <summary>People named on the form take the step in person too, and the form waits on them (e.g. the colleague a seat was handed to); <paramref name="who"/> names them for the diagram.</summary>
        public StepBuilder OrPeople(string who, Func<TForm, IReadOnlyList<string>> people)
        {
            _people = people;
            _peopleWho = who;
            return this;
        }

        /// <summary>The step keeps <paramref name="rule"/>: <paramref name="conflicts"/> says when the actor may not take it (e.g. they originated the form).</summary>
        public StepBuilder Separated(DutyRule rule, Func<TForm, Actor, bool> conflicts)
        {
            _separations.Add(new DutySeparation<TForm>(rule, conflicts));
            return this;
        }

        /// <summary>The step is open to these people but the form does not wait on them for it (e.g. the originator's cancel).</summary>
        public StepBuilder Optional()
        {
            _waits = false;
            return this;
        }

        /// <summary>The states the step can lead to (the domain decides which); none = the form stays where it is.</summary>
        public During TransitionTo(params TStatus[] states)
        {
            _during.Add(new Step<TForm>(
                _verb,
                _during.Name,
                _during.States,
                _during.Holds,
                _by,
                _alsoBy,
                _byOriginator,
                _waits,
                states.Select(s => s.ToString()).ToList(),
                _do ?? throw new InvalidOperationException($"The step {_verb} calls no transition (Then)."),
                _byOf,
                _peopleWho is null ? _who : _who is null ? _peopleWho : $"{_who}, {_peopleWho}",
                _people,
                _separations.ToList()));
            return _during;
        }

        /// <summary>The step records something and the form stays in its state.</summary>
        public During Stay() => TransitionTo();
    }
}

/// <summary>
/// A form's step table as the pipeline and the procedure page read it, whatever the form's states are:
/// who may act and on whom it waits, the verbs, where the card goes, what a step sets off.
/// </summary>
public interface IStepTable<TForm>
    where TForm : class
{
    string Initial { get; }

    IReadOnlyList<string> AlsoStartsIn { get; }

    IReadOnlyList<string> States { get; }

    IReadOnlyList<Step<TForm>> Steps { get; }

    IReadOnlyList<Posting<TForm>> Postings { get; }

    IReadOnlyList<Department> PostedAtStart { get; }

    string? PostedAtStartAlso { get; }

    IReadOnlyList<(string Event, string What)> DeclaredEffects { get; }

    IReadOnlySet<string> Verbs { get; }

    string ServiceLevelKey(string state);

    IReadOnlySet<string> VerbsFor(TForm form, Actor actor);

    IReadOnlyList<Position> PositionsWaitedOn(TForm form);

    bool WaitsOnOriginator(TForm form);

    IReadOnlyList<string> NamedPeopleWaitedOn(TForm form);

    IReadOnlySet<Position> InvolvedPositions(TForm form);

    IStepOutcome Act(TForm form, string verb, StepContext context);

    IReadOnlyList<Department> PostTo(TForm form, bool started);

    IEnumerable<FormEffect> EffectsOf(TForm form, IEnumerable<IFormEvent> events);
}
