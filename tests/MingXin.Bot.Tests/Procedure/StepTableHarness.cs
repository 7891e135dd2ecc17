using System.Text.Json;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Tests.Procedure;

/// <summary>
/// Runs a form's step table in memory (pure domain + table, no storage, no host): random walks of
/// steps by people of every position, checking on every move what the table promises — a step that
/// applies leads only to a state the table declares, a step refused changes nothing, a person the
/// table does not allow is refused, a person it allows is not refused as out of turn, and whoever
/// the form waits on has a step to take.
/// </summary>
public static class StepTableHarness
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);

    public static DateOnly Today => DateOnly.FromDateTime(T0.UtcDateTime);

    /// <summary>The person who starts each form (a salesperson).</summary>
    public static Actor Originator { get; } = new(new PersonRef("aad-originator", "Originator"), new HashSet<Position> { Position.Salesperson });

    /// <summary>One person per position, and the originator.</summary>
    public static IReadOnlyList<Actor> People { get; } =
        [.. Positions.List.Select(p => new Actor(new PersonRef("aad-" + p, p.ToString()), new HashSet<Position> { p })), Originator];

    /// <summary>What the walk saw: which verbs applied, how often.</summary>
    public sealed record Walked(IReadOnlyDictionary<string, int> Applied, int Refused);

    /// <param name="refusedByValue">Steps whose permission also depends on what is typed (e.g. QC records only damage): the form may refuse them as not the person's turn.</param>
    /// <param name="related">What the runner would read of another form for a step (e.g. the notice a Delivery Note ships against).</param>
    public static Walked Walk<TForm, TState, TStatus>(
        StepTable<TForm, TStatus> table,
        Func<TForm> start,
        Func<string, Random, IReadOnlyDictionary<string, string>> values,
        Func<TForm, TStatus> status,
        int walks,
        int seed,
        Func<string, Actor, bool>? refusedByValue = null,
        Func<TForm, object?>? related = null)
        where TForm : StepForm<TState>
        where TState : FormState
        where TStatus : struct, Enum
    {
        var random = new Random(seed);
        var applied = new Dictionary<string, int>();
        var refused = 0;
        var verbs = table.Steps.Select(s => s.Verb).Distinct().ToList();
        for (var walk = 0; walk < walks; walk++)
        {
            var form = start();
            for (var move = 0; move < 30; move++)
            {
                // Whoever the form waits on (the task list, reminders, escalations) has something to do on it.
                foreach (var position in table.PositionsWaitedOn(form))
                {
                    Assert.NotEmpty(table.VerbsFor(form, new Actor(new PersonRef("aad-holder", "holder"), new HashSet<Position> { position })));
                }

                // Mostly a step that is open, by someone it allows; sometimes anything by anyone (which must be refused cleanly).
                var open = table.Steps.Where(s => s.IsOpen(form)).Select(s => s.Verb).Distinct().ToList();
                var verb = open.Count > 0 && random.Next(5) > 0 ? open[random.Next(open.Count)] : verbs[random.Next(verbs.Count)];
                var allowedPeople = People.Where(p => table.VerbsFor(form, p).Contains(verb)).ToList();
                var actor = allowedPeople.Count > 0 && random.Next(4) > 0 ? allowedPeople[random.Next(allowedPeople.Count)] : People[random.Next(People.Count)];
                var allowed = table.VerbsFor(form, actor).Contains(verb);
                var before = JsonSerializer.Serialize(form.State, form.State.GetType());
                var statusBefore = status(form).ToString();
                var step = table.Find(form, verb);
                // One person per position: the separation-of-duties rules (tested on their own) would stall walks
                // where that one person both owns and verifies, so the walks check who may act by position alone.
                var outcome = table.Act(form, verb, new StepContext(actor, new StepValues(values(verb, random)), T0.AddMinutes(move), Today, Duties: new HashSet<DutyRule>(), Related: related?.Invoke(form)));
                if (outcome is FormOutcome.Accepted accepted)
                {
                    Assert.True(allowed, $"{verb} applied for {actor.Person.Name}, whom the table does not allow");
                    Assert.NotNull(step);
                    var now = status(form).ToString();
                    Assert.True(step.To.Count == 0 ? now == statusBefore : step.To.Contains(now), $"{verb} from {statusBefore} led to {now}, which the table does not declare ({string.Join(", ", step.To)})");
                    Assert.NotEmpty(accepted.Events);
                    applied[verb] = applied.GetValueOrDefault(verb) + 1;
                }
                else
                {
                    Assert.Equal(before, JsonSerializer.Serialize(form.State, form.State.GetType()));
                    if (!allowed)
                    {
                        Assert.IsType<FormOutcome.Refused>(outcome);
                    }
                    else
                    {
                        // The table and the aggregate's own guard agree on who may act.
                        Assert.False(outcome is FormOutcome.Refused { Reason: FormRefusal.NotYourTurn } && refusedByValue?.Invoke(verb, actor) != true, $"the table lets {actor.Person.Name} take {verb} in {statusBefore}, the form refuses them");
                    }

                    refused++;
                }
            }
        }

        return new Walked(applied, refused);
    }
}
