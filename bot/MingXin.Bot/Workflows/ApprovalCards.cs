using System.Text.Json.Nodes;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Messaging;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows;

/// <summary>Renders an approval's cards with what only the directory knows: who can act now, and their colleagues.</summary>
public sealed class ApprovalCards(IPeopleDirectory directory, UserIdStore userIds, ITeamsRoster roster)
{
    /// <summary>Teams shows the buttons (user-specific views) to at most 60 people.</summary>
    public const int MaxRefreshUsers = 60;

    /// <summary>Entra ids of everyone who can act on the form now: holders of its open seats, and its originator (who may cancel).</summary>
    public async Task<IReadOnlyList<string>> ActorsNowAsync(Approval approval, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var seat in approval.OpenSeats())
        {
            if (seat.Person is not null)
            {
                ids.Add(seat.Person.Id);
            }
            else
            {
                ids.AddRange((await directory.HoldersAsync(seat.Position, cancellationToken).ConfigureAwait(false)).Select(p => p.AadObjectId));
            }
        }

        if (approval.Status == ApprovalStatus.InProgress)
        {
            ids.Add(approval.State.Originator.Id);
        }

        return ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The read-only card everyone sees in the channels; its refresh lists who gets their own view.</summary>
    public async Task<JsonObject> BaseCardAsync(Approval approval, Language language, CancellationToken cancellationToken) =>
        ApprovalCardView.Render(approval, language, null, null, await RefreshUsersAsync(approval, cancellationToken).ConfigureAwait(false));

    /// <summary>The card as <paramref name="person"/> sees it: with the buttons they may use.</summary>
    public async Task<JsonObject> CardForAsync(Approval approval, Person person, Language language, Banner? banner, CancellationToken cancellationToken)
    {
        var actor = Actor.From(person);
        var seat = approval.SeatFor(actor);
        var colleagues = new List<PersonRef>();
        if (seat is not null)
        {
            colleagues.AddRange((await directory.HoldersAsync(seat.Position, cancellationToken).ConfigureAwait(false))
                .Where(p => !string.Equals(p.AadObjectId, person.AadObjectId, StringComparison.OrdinalIgnoreCase))
                .Select(p => new PersonRef(p.AadObjectId, p.DisplayName)));
        }

        var takesPart = approval.IsOriginator(actor) || approval.State.Steps.SelectMany(s => s.Seats).Any(s => s.CanBeTakenBy(actor));
        var viewer = new ApprovalViewer(seat, takesPart, approval.IsOriginator(actor), colleagues);
        return ApprovalCardView.Render(approval, language, viewer, banner, await RefreshUsersAsync(approval, cancellationToken).ConfigureAwait(false));
    }

    private async Task<IReadOnlyList<string>> RefreshUsersAsync(Approval approval, CancellationToken cancellationToken) =>
        await userIds.ResolveAsync(await ActorsNowAsync(approval, cancellationToken).ConfigureAwait(false), MaxRefreshUsers, cancellationToken, roster.FindUserIdAsync).ConfigureAwait(false);
}
