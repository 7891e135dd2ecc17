using MingXin.Bot.Directory;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Storage;
using MingXin.Bot.Workflows;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Scheduling;

/// <summary>
/// The service-level clock of a waiting step, shared by every form: where its three deadlines fall
/// (<see cref="StepSlaOptions"/>), and whom each level names — the people the step waits on, their
/// managers, the general manager.
/// </summary>
public sealed class StepServiceLevels(BusinessCalendar calendar, IOptions<StepSlaOptions> options, IPeopleDirectory directory, TimeProvider time)
{
    public const string KeyPrefix = "sla-";

    public static bool IsServiceLevel(Deadline deadline) => deadline.Key.StartsWith(KeyPrefix, StringComparison.Ordinal);

    /// <summary>The step and level a deadline key names (<c>sla-{step}-{level}</c>).</summary>
    public static (string Step, int Level) Parse(string key) => (key[KeyPrefix.Length..^2], key[^1] - '0');

    /// <summary>
    /// Moves the clock to the step the form waits at now (<paramref name="waitingStep"/>, null when it
    /// waits on nobody): the deadlines to cancel and register, or null when the step did not change.
    /// </summary>
    public DeadlineChange? Move(string kind, SlaClock? current, string? waitingStep, Action<SlaClock?> set)
    {
        var o = options.Value;
        var step = o.Enabled ? waitingStep : null;
        if (current?.Step == step)
        {
            return null;
        }

        var cancel = current is null
            ? new Dictionary<string, DateTimeOffset>()
            : current.Levels.Select((due, i) => (Key: Key(current.Step, i + 1), Due: due)).ToDictionary(x => x.Key, x => x.Due);
        var register = new Dictionary<string, DateTimeOffset>();
        if (step is null)
        {
            set(null);
        }
        else
        {
            var now = time.GetUtcNow();
            var hours = o.Hours.TryGetValue($"{kind}.{step}", out var h) ? h : o.DefaultHours;
            DateTimeOffset After(double multiple) => o.WorkingTime ? calendar.AddWorkingTime(now, TimeSpan.FromHours(hours * multiple)) : now.AddHours(hours * multiple);
            var clock = new SlaClock(step, now, [After(1), After(2), After(3)]);
            set(clock);
            for (var level = 1; level <= 3; level++)
            {
                register[Key(step, level)] = clock.Levels[level - 1];
            }
        }

        return new DeadlineChange(register, cancel);
    }

    /// <summary>Whom a level names: 1 the people the step waits on, 2 their managers, 3 the general manager.</summary>
    public async Task<(string Names, IReadOnlyList<string> Ids)> RecipientsAsync(int level, IReadOnlyList<Position> waitedOn, IReadOnlyList<string> peopleWaitedOn, CancellationToken cancellationToken)
    {
        var positions = level switch
        {
            1 => waitedOn.ToList(),
            // Nobody above (the step waits on the GM): the GM is reminded again.
            2 => waitedOn.Select(p => p.ManagerOf() ?? Position.GeneralManager).Distinct().ToList(),
            _ => [Position.GeneralManager],
        };
        var people = new List<Person>();
        foreach (var position in positions)
        {
            people.AddRange(await directory.HoldersAsync(position, cancellationToken).ConfigureAwait(false));
        }

        foreach (var id in level == 1 ? peopleWaitedOn : [])
        {
            if (await directory.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } person)
            {
                people.Add(person);
            }
        }

        var distinct = people.DistinctBy(p => p.AadObjectId, StringComparer.OrdinalIgnoreCase).ToList();
        return (string.Join("、", distinct.Select(p => p.DisplayName)), distinct.Select(p => p.AadObjectId).ToList());
    }

    /// <summary>
    /// Records a service-level notice on a form, retrying when a step committed in between:
    /// <paramref name="attempt"/> loads the form, records the notice and commits — returning null
    /// when there is nothing to record, or the commit's result.
    /// </summary>
    public static async Task RecordWithRetriesAsync(Func<Task<CommitResult?>> attempt)
    {
        for (var tries = 0; tries < 5; tries++)
        {
            if (await attempt().ConfigureAwait(false) is not CommitResult.Conflict)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Row index base of a service-level commit, which keeps the form's version: levels 1–3 of a step
    /// write at 60, 70, 80, after the step's own rows.
    /// </summary>
    public static int RowIndexBase(IEnumerable<SlaNotice> notices, string step, SlaClock? clock) =>
        50 + (10 * notices.Count(n => n.Step == step && n.At >= (clock?.StartedAt ?? DateTimeOffset.MinValue)));

    private static string Key(string step, int level) => $"{KeyPrefix}{step}-{level}";
}
