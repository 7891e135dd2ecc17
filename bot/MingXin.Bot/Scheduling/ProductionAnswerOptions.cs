using System.ComponentModel.DataAnnotations;
using MingXin.Bot.Domain.Orders;

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

    /// <summary>
    /// How the rule is read. <see cref="TwoHourMode.OnlyWhenLate"/> (the default) is the procedure's own
    /// words: only a notice that cannot meet its date needs an Internal Contact Form within two hours;
    /// silence means the date stands. <see cref="TwoHourMode.AnswerRequired"/> asks Production to answer
    /// every notice, reminds at <see cref="ReminderMinutes"/> and records a breach at <see cref="Minutes"/>.
    /// </summary>
    [EnumDataType(typeof(TwoHourMode))]
    public TwoHourMode Mode { get; set; } = TwoHourMode.OnlyWhenLate;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReminderMinutes >= Minutes)
        {
            yield return new ValidationResult($"must come before the answer is due ({Minutes} minutes).", [nameof(ReminderMinutes)]);
        }
    }
}
