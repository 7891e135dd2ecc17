using System.ComponentModel.DataAnnotations;
namespace MingXin.Bot.Scheduling;

/// <summary>
/// Configuration section <c>Deadlines:Steps</c>: how long a step may wait on someone before the bot
/// reminds them (1×), escalates to the manager of their position (2×), then to the general manager (3×).
/// </summary>
public sealed class StepSlaOptions : IValidatableObject
{
    public const string SectionName = "Deadlines:Steps";

    /// <summary>false: no step reminders or escalations (the two-hour rule is separate).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Hours a step may wait when <see cref="Hours"/> names no limit for it.</summary>
    [Range(0.1, 1000)]
    public double DefaultHours { get; set; } = 8;

    /// <summary>Limits per step, by <c>Kind.Status</c>, e.g. <c>"ProductionNotice.AwaitingGmApproval": 2</c>.</summary>
    public Dictionary<string, double> Hours { get; set; } = [];

    /// <summary>true: the hours run in working time (business calendar); false: wall-clock time.</summary>
    public bool WorkingTime { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (step, hours) in Hours.Where(h => h.Value is <= 0 or > 1000 || !h.Key.Contains('.', StringComparison.Ordinal)))
        {
            yield return new ValidationResult($"'{step}' = {hours}: name a step as Kind.Status and give it more than 0 and at most 1000 hours.", [nameof(Hours)]);
        }
    }
}
