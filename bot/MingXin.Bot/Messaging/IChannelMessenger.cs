using System.Text.Json.Nodes;
using MingXin.Bot.Conversations;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Messaging;

/// <summary>A message the bot posted, enough to reply under it or update it later.</summary>
/// <param name="ThreadConversationId">The conversation id of the message's thread (<c>19:…;messageid=…</c> in a channel).</param>
/// <param name="ActivityId">The id of the posted message itself.</param>
public sealed record PostedMessage(string ServiceUrl, string TenantId, string BotId, string ThreadConversationId, string ActivityId);

/// <summary>Proactive messages: new threads in department channels, replies, in-place updates.</summary>
public interface IChannelMessenger
{
    /// <summary>Posts a new thread in the department's bound channel.</summary>
    /// <exception cref="DepartmentNotBoundException">No channel is registered for the department.</exception>
    Task<PostedMessage> PostToDepartmentAsync(Department department, ChatReply message, CancellationToken cancellationToken);

    /// <summary>Replies in the thread of a posted message; returns the reply's activity id.</summary>
    Task<string> ReplyInThreadAsync(PostedMessage thread, ChatReply message, CancellationToken cancellationToken);

    /// <summary>Replaces a posted card in place.</summary>
    Task UpdateCardAsync(PostedMessage message, JsonObject card, CancellationToken cancellationToken);
}

public sealed class DepartmentNotBoundException(Department department)
    : InvalidOperationException($"No channel is registered for {department}; an administrator must run 'register {department.Code()}' in its channel.")
{
    public Department Department { get; } = department;
}
