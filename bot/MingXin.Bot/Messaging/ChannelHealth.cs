using MingXin.Bot.Conversations;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Hosting;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Messaging;

/// <summary>
/// Keeps the department channels honest. When Teams tells the bot it left a team, or refuses a post to a
/// registered channel for good (403/404), the department is unbound or its binding marked broken — so nothing
/// keeps failing in silence — and the administrators are told in their personal chat, since they are the
/// ones who can add the bot back or register another channel. <c>departments</c> shows the same state.
/// </summary>
public sealed class ChannelHealth(
    ChannelBindingStore bindings,
    IPeopleDirectory directory,
    UserIdStore userIds,
    IChannelMessenger messenger,
    IOptions<BotOptions> options,
    TimeProvider time,
    ILogger<ChannelHealth> logger)
{
    private Language Language => Languages.FromLocale(options.Value.DefaultLanguage, Language.Chinese);

    /// <summary>The bot was removed from a team: the departments whose channels are in it are unbound.</summary>
    public async Task TeamRemovedAsync(string teamId, CancellationToken cancellationToken)
    {
        var removed = await bindings.RemoveTeamAsync(teamId, cancellationToken).ConfigureAwait(false);
        if (removed.Count == 0)
        {
            return;
        }

        logger.LogWarning("The bot was removed from team {Team}: {Departments} have no channel now; an administrator must register new ones.", teamId, string.Join(", ", removed.Select(b => b.Department.Code())));
        await TellAdministratorsAsync(removed[0], Texts.ChannelsLostWithTeam(Language, removed), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bot was added to a team again: bindings in it that Teams had refused are usable again.</summary>
    public async Task TeamAddedAsync(string teamId, CancellationToken cancellationToken)
    {
        var repaired = await bindings.RepairTeamAsync(teamId, cancellationToken).ConfigureAwait(false);
        if (repaired.Count > 0)
        {
            logger.LogInformation("The bot is back in team {Team}: {Departments} can be posted to again.", teamId, string.Join(", ", repaired.Select(b => b.Department.Code())));
        }
    }

    /// <summary>Teams refused a new thread in a registered channel for good: the binding is marked broken, once.</summary>
    public async Task UnreachableAsync(ChannelUnreachableException refusal, CancellationToken cancellationToken)
    {
        if (refusal.Binding is not { } binding)
        {
            return;
        }

        var reason = refusal.Status == 403 ? "403: the bot is not a member of the team" : "404: the channel was not found";
        if (!await bindings.MarkBrokenAsync(binding, reason, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return; // already marked (the administrators were told), or a new channel was registered meanwhile
        }

        logger.LogError("Teams refused a post to the {Department} channel ({Reason}); nothing is posted there until an administrator fixes it.", binding.Department.Code(), reason);
        await TellAdministratorsAsync(binding, Texts.ChannelBroken(Language, binding, refusal.Status), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Each administrator whose Teams id the bot has learned gets the line in their personal chat. Best effort:
    /// the broken or missing channel stays on the <c>departments</c> card whether or not this arrives.
    /// </summary>
    private async Task TellAdministratorsAsync(ChannelBinding via, string text, CancellationToken cancellationToken)
    {
        var administrators = await directory.HoldersAsync(Position.Administrator, cancellationToken).ConfigureAwait(false);
        foreach (var administrator in administrators)
        {
            var teamsId = (await userIds.ResolveAsync([administrator.AadObjectId], 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            if (teamsId is null)
            {
                logger.LogWarning("Administrator {Person} was not told about the department channels: the bot has not seen them in Teams yet.", administrator.AadObjectId);
                continue;
            }

            try
            {
                await messenger.SendToPersonAsync(via.ServiceUrl, via.TenantId, teamsId, ChatReply.Message(text), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Administrator {Person} could not be told about the department channels in personal chat.", administrator.AadObjectId);
            }
        }
    }
}
