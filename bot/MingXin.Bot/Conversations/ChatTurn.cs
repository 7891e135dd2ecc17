using System.Text.Json.Nodes;
using MingXin.Bot.Domain;

namespace MingXin.Bot.Conversations;

public enum ConversationKind
{
    Personal,
    GroupChat,
    Channel,
}

/// <summary>Where a message came from, enough to post there again later.</summary>
/// <param name="ServiceUrl">The Bot Connector endpoint for this conversation (differs by region).</param>
/// <param name="BotId">The bot's own channel account id in this conversation.</param>
public sealed record ConversationAddress(string ServiceUrl, string TenantId, string BotId, string ConversationId);

/// <summary>The team channel a message was posted in.</summary>
public sealed record TeamChannel(string TeamId, string? TeamName, string ChannelId, string? ChannelName);

/// <summary>A typed message, stripped of Teams specifics.</summary>
public sealed record ChatTurn(
    string Text,
    Language Language,
    ConversationKind Kind,
    string UserAadObjectId,
    string UserName,
    ConversationAddress Address,
    TeamChannel? Channel,
    string? ActivityId = null,
    IReadOnlyList<ChatAttachment>? Attachments = null);

/// <summary>A file shared with the message: its name and where Teams keeps it.</summary>
public sealed record ChatAttachment(string Name, string Url);

/// <summary>Someone @mentioned in a message: their Teams user id and the name the text shows as <c>&lt;at&gt;Name&lt;/at&gt;</c>.</summary>
public sealed record ChatMention(string TeamsUserId, string Name);

/// <summary>One message the bot answers with: text (markdown, possibly with @mentions) or an Adaptive Card.</summary>
public sealed record ChatReply(string? Text, JsonObject? Card, IReadOnlyList<ChatMention>? Mentions = null)
{
    public static ChatReply Message(string text) => new(text, null);

    public static ChatReply AdaptiveCard(JsonObject card) => new(null, card);
}
