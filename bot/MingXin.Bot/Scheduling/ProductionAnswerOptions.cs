using System.ComponentModel.DataAnnotations;
namespace MingXin.Bot.Scheduling;

/// <summary>
/// Configuration section <c>Deadlines:ProductionAnswer</c>: the two-hour rule of MX-QM-03 4.2.2 —
/// Production answers a Production Notice within this time of receiving it.
/// </summary>
public sealed class ProductionAnswerOptions : IValidatableObject
{
    public const string SectionName = "Deadlines:ProductionAnswer";

    /// <summary>Time Production has to answer.</summary>
    [Range(1, 1440)]
    public int Minutes { get; set; } = 120;

    /// <summary>When the reminder goes out (mentioning the planner and the production manager in the thread).</summary>
    [Range(1, 1440)]
    public int ReminderMinutes { get; set; } = 90;

    /// <summary>true: the clock runs in working time (business calendar); false: wall-clock time.</summary>
    public bool WorkingTime { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReminderMinutes >= Minutes)
        {
            yield return new ValidationResult($"must come before the answer is due ({Minutes} minutes).", [nameof(ReminderMinutes)]);
        }
    }
}
