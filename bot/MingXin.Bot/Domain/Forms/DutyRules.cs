using MingXin.Bot.Domain.Approvals;

namespace MingXin.Bot.Domain.Forms;

/// <summary>
/// Separation of duties: each position of MX-QM-03 §3 has its own part, and a review, an approval or a
/// verification means something only when it is not the same person's work checked by themselves. Each
/// rule is on unless the factory turns it off (<c>Forms:SeparationOfDuties</c>): a small factory where
/// one person holds several positions may have to.
/// </summary>
public enum DutyRule
{
    /// <summary>The seats of a joint (contract) review are taken by different people: one person is not three departments' review.</summary>
    ReviewSeatsByDifferentPeople,

    /// <summary>A person does not give the general manager's approval of a form they originated.</summary>
    NoApprovalOfOwnForm,

    /// <summary>QC's verification of a corrective action is not made by a person who confirmed one of its actions as its owner.</summary>
    VerifierOwnsNoAction,
}

/// <summary>A step refused because <see cref="Rule"/> keeps this person from taking it. Nothing changed.</summary>
public sealed record DutyRefused(DutyRule Rule) : IStepOutcome;

/// <summary>One rule a step keeps: whether <paramref name="Conflicts"/> says the actor may not take it on this form.</summary>
public sealed record DutySeparation<TForm>(DutyRule Rule, Func<TForm, Actor, bool> Conflicts);
