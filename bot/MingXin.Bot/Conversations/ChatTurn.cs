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

/// <summary>A file the bot offers in a personal chat: its name, a line about it, and what to make when it is accepted.</summary>
/// <param name="Context">Returned as is with the person's answer; it says what file to make (never trusted: checked again then).</param>
public sealed record FileOffer(string Name, string Description, long? Size, IReadOnlyDictionary<string, string> Context);

/// <summary>A file shared with the message: its name, where Teams keeps it, and what Teams says of it.</summary>
public sealed record ChatAttachment(string Name, string Url, string? FileType = null, long? Size = null, string? UniqueId = null);

/// <summary>Someone @mentioned in a message: their Teams user id and the name the text shows as <c>&lt;at&gt;Name&lt;/at&gt;</c>.</summary>
public sealed record ChatMention(string TeamsUserId, string Name);

/// <summary>One message the bot answers with: text (markdown, possibly with @mentions) or an Adaptive Card.</summary>
public sealed record ChatReply(string? Text, JsonObject? Card, IReadOnlyList<ChatMention>? Mentions = null, FileOffer? Offer = null)
{
    public static ChatReply Message(string text) => new(text, null);

    /// <summary>Asks the person to accept a file into their OneDrive (Teams' file consent); the file is made when they accept.</summary>
    public static ChatReply File(FileOffer offer) => new(null, null, null, offer);

    public static ChatReply AdaptiveCard(JsonObject card) => new(null, card);
}
