using System.ComponentModel.DataAnnotations;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>
/// Section <c>Forms</c>: what every form accepts. A date typed on any card (a delivery date, the date a
/// customer agreed, a date received) lies in a window around today — 9999-12-31 is a typing slip, not a
/// delivery date.
/// </summary>
public sealed class FormOptions
{
    public const string SectionName = "Forms";

    /// <summary>How many days before today a date may be.</summary>
    [Range(1, 3660)]
    public int DatesPastDays { get; set; } = 366;

    /// <summary>How many days after today a date may be.</summary>
    [Range(1, 3660)]
    public int DatesFutureDays { get; set; } = 731;

    /// <summary>Which separation-of-duties rules are in force (all by default).</summary>
    public SeparationOfDutiesOptions SeparationOfDuties { get; set; } = new();

    /// <summary>The rules in force, as the steps read them.</summary>
    public IReadOnlySet<Domain.Forms.DutyRule> Duties() => new HashSet<Domain.Forms.DutyRule>(
        new (bool On, Domain.Forms.DutyRule Rule)[]
        {
            (SeparationOfDuties.ReviewSeats, Domain.Forms.DutyRule.ReviewSeatsByDifferentPeople),
            (SeparationOfDuties.ApproveOwnForm, Domain.Forms.DutyRule.NoApprovalOfOwnForm),
            (SeparationOfDuties.VerifyOwnActions, Domain.Forms.DutyRule.VerifierOwnsNoAction),
        }.Where(r => r.On).Select(r => r.Rule));
}

/// <summary>Section <c>Forms:SeparationOfDuties</c>: each rule of <see cref="Domain.Forms.DutyRule"/>, on (true) or off.</summary>
public sealed class SeparationOfDutiesOptions
{
    /// <summary>The seats of a joint (contract) review are taken by different people.</summary>
    public bool ReviewSeats { get; set; } = true;

    /// <summary>true: nobody gives the GM approval of a form they originated.</summary>
    public bool ApproveOwnForm { get; set; } = true;

    /// <summary>true: QC's verification of a corrective action is not made by an owner of one of its actions.</summary>
    public bool VerifyOwnActions { get; set; } = true;
}
