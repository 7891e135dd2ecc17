using System.Text.Json.Nodes;
using MingXin.Bot.Conversations;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Messaging;

/// <summary>A message the bot posted, enough to reply under it or update it later.</summary>
/// <param name="ThreadConversationId">The conversation id of the message's thread (<c>19:…;messageid=…</c> in a channel).</param>
/// <param name="ActivityId">The id of the posted message itself.</param>
public sealed record PostedMessage(string ServiceUrl, string TenantId, string BotId, string ThreadConversationId, string ActivityId);

/// <summary>Proactive messages: new threads in department channels, replies, in-place updates.</summary>
public interface IChannelMessenger
{
    /// <summary>Posts a new thread in the department's bound channel.</summary>
    /// <exception cref="DepartmentNotBoundException">No channel is registered for the department, or its channel is broken.</exception>
    /// <exception cref="ChannelUnreachableException">Teams refused the channel for good (403 or 404).</exception>
    Task<PostedMessage> PostToDepartmentAsync(Department department, ChatReply message, CancellationToken cancellationToken);

    /// <summary>Replies in the thread of a posted message; returns the reply's activity id.</summary>
    Task<string> ReplyInThreadAsync(PostedMessage thread, ChatReply message, CancellationToken cancellationToken);

    /// <summary>Replaces a posted card in place.</summary>
    /// <exception cref="ChannelUnreachableException">Teams refused the thread for good (403 or 404); so do the other two.</exception>
    Task UpdateCardAsync(PostedMessage message, JsonObject card, CancellationToken cancellationToken);

    /// <summary>Opens (or finds) the bot's personal chat with a person and writes there; works when the person has the app.</summary>
    /// <returns>The personal chat's conversation id (what the person's own messages there carry).</returns>
    Task<string> SendToPersonAsync(string serviceUrl, string tenantId, string teamsUserId, ChatReply message, CancellationToken cancellationToken);
}

/// <summary>
/// Teams answered 403 (the bot is no longer a member of the team or chat) or 404 (the channel or thread is gone):
/// trying again changes nothing, so the caller must not retry.
/// </summary>
public sealed class ChannelUnreachableException(Department? department, ChannelBinding? binding, int status, Exception inner)
    : InvalidOperationException($"Teams refused the {(department is { } d ? d.Code() + " channel" : "thread")} with {status}.", inner)
{
    /// <summary>The department whose channel refused a new thread; null for a reply or update in an existing thread.</summary>
    public Department? Department { get; } = department;

    public ChannelBinding? Binding { get; } = binding;

    public int Status { get; } = status;
}

public sealed class DepartmentNotBoundException(Department department, bool broken = false)
    : InvalidOperationException(broken
        ? $"The channel of {department} refused the bot; an administrator must add the bot back to the team or run 'register {department.Code()}' in a channel."
        : $"No channel is registered for {department}; an administrator must run 'register {department.Code()}' in its channel.")
{
    public Department Department { get; } = department;

    /// <summary>A channel is registered but Teams refused it earlier (see <see cref="ChannelBinding.BrokenAt"/>).</summary>
    public bool Broken { get; } = broken;
}
