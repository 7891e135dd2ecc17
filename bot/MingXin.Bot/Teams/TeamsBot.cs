using System.Text.RegularExpressions;
using MingXin.Bot.Conversations;
using MingXin.Bot.Domain;
using MingXin.Bot.Hosting;
using MingXin.Bot.Messaging;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;
using MingXin.Bot.Workflows;
using MingXin.Bot.Workflows.Records;
using Newtonsoft.Json.Linq;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Teams;

/// <summary>
/// The Teams activity handler: turns activities into <see cref="ChatTurn"/>s for the application
/// layer and its <see cref="ChatReply"/>s back into activities. No business logic lives here.
/// </summary>
internal sealed partial class TeamsBot(CommandHandler commands, CardActionRouter actions, ChannelHealth channels, RecordService records, IHttpClientFactory uploads, UserIdStore userIds, IOptions<BotOptions> options, ILogger<TeamsBot> logger) : TeamsActivityHandler
{
    /// <summary>The HttpClient that puts files the person allowed into their OneDrive.</summary>
    public const string FileUploadClient = "file-upload";

    private Language DefaultLanguage => Languages.FromLocale(options.Value.DefaultLanguage, Language.Chinese);

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        // Learn each person's Teams user id: cards list them in refresh.userIds.
        if (turnContext.Activity.From is { AadObjectId: { Length: > 0 } aad, Id: { Length: > 0 } id })
        {
            await userIds.RememberAsync(aad, id, cancellationToken).ConfigureAwait(false);
        }

        await base.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var answer = await actions.ActAsync(ToAction(activity, invokeValue.Action?.Verb, invokeValue.Action?.Data), cancellationToken).ConfigureAwait(false);
        await FollowUpAsync(turnContext, answer, cancellationToken).ConfigureAwait(false);
        return answer switch
        {
            ActionAnswer.Card card => new AdaptiveCardInvokeResponse
            {
                StatusCode = 200,
                Type = TeamsActivities.AdaptiveCardContentType,
                Value = JObject.Parse(card.Value.ToJsonString()),
            },
            ActionAnswer.BadRequest bad => new AdaptiveCardInvokeResponse
            {
                StatusCode = 400,
                Type = "application/vnd.microsoft.error",
                Value = new JObject { ["code"] = "BadRequest", ["message"] = bad.Message },
            },
            _ => throw new InvalidOperationException("Unknown answer."),
        };
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (string.IsNullOrWhiteSpace(activity.Text) && activity.Value is JObject submitted && (submitted["workflow"] is not null || submitted["record"] is not null || submitted["search"] is not null))
        {
            // Action.Submit fallback of a card action (clients without Universal Actions): same handling, answered with the card.
            var click = ToAction(activity, submitted.Value<string>("verb"), submitted);
            var answer = await actions.ActAsync(click, cancellationToken).ConfigureAwait(false);
            await FollowUpAsync(turnContext, answer, cancellationToken).ConfigureAwait(false);
            var personal = activity.Conversation?.ConversationType is null or "personal";
            var reply = answer switch
            {
                ActionAnswer.Card card when personal => ChatReply.AdaptiveCard(card.Value),

                // In a channel or a group chat the answer card is this person's own view (their buttons, what only
                // they may see): posted there, everyone would see it. Say in a line what happened instead; the
                // card in the conversation is updated for everyone through the outbox.
                ActionAnswer.Card { Changed: true } => ChatReply.Message(click.Language.Pick("已处理，这里的卡片已为大家更新。", "Done; the card here is updated for everyone.")),
                ActionAnswer.Card => ChatReply.Message(click.Language.Pick("没有执行。请在个人聊天中打开这张卡片（或刷新卡片）查看原因。", "Nothing was done. Open the card in your personal chat (or refresh it) to see why.")),
                ActionAnswer.BadRequest bad => ChatReply.Message(bad.Message),
                _ => throw new InvalidOperationException("Unknown answer."),
            };
            await turnContext.SendActivityAsync(TeamsActivities.From(reply), cancellationToken).ConfigureAwait(false);
            return;
        }

        var text = TypedText.Clean(StripMentions(activity.RemoveRecipientMention() ?? activity.Text ?? string.Empty));
        var turn = ToTurn(activity, text);
        if (turn.Channel is { } channel && ChatCommand.Parse(text) is ChatCommand.Register)
        {
            turn = turn with { Channel = await WithNamesAsync(turnContext, channel, cancellationToken).ConfigureAwait(false) };
        }

        foreach (var reply in await commands.HandleAsync(turn, cancellationToken).ConfigureAwait(false))
        {
            await turnContext.SendActivityAsync(TeamsActivities.From(reply), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What an answer sends after itself (a file offered). Teams offers files only in a personal chat; elsewhere the
    /// person is told where to ask.
    /// </summary>
    private static async Task FollowUpAsync(ITurnContext turnContext, ActionAnswer answer, CancellationToken cancellationToken)
    {
        if (answer is not ActionAnswer.Card { Then: { } then })
        {
            return;
        }

        var personal = turnContext.Activity.Conversation?.ConversationType is null or "personal";
        var reply = then.Offer is not null && !personal
            ? ChatReply.Message(Languages.FromLocale(turnContext.Activity.Locale, Language.Chinese).Pick("文件只能在与我的个人聊天中发送：请在那里输入 记录 …。", "Files can only be sent in your personal chat with me: type records … there."))
            : then;
        await turnContext.SendActivityAsync(TeamsActivities.From(reply), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The person allowed a file the bot offered (<see cref="ChatReply.File"/>): it is made now for them (the offer's
    /// context is checked again: the same person, a valid search, the export limit), uploaded to the place Teams gave
    /// in their OneDrive, and shown in the chat as a file.
    /// </summary>
    protected override async Task OnTeamsFileConsentAcceptAsync(ITurnContext<IInvokeActivity> turnContext, FileConsentCardResponse fileConsentCardResponse, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var context = Context(fileConsentCardResponse.Context);
        var l = Enum.TryParse<Language>(context.GetValueOrDefault("language"), out var chosen) ? chosen : DefaultLanguage;
        var export = await records.FileAsync(activity.From?.AadObjectId ?? string.Empty, context, cancellationToken).ConfigureAwait(false);
        if (export is not RecordService.Export.File file || fileConsentCardResponse.UploadInfo is not { } upload
            || !Uri.TryCreate(upload.UploadUrl, UriKind.Absolute, out var uploadUrl) || (uploadUrl.Scheme != Uri.UriSchemeHttps && uploadUrl.Scheme != Uri.UriSchemeHttp))
        {
            var why = export is RecordService.Export.TooMany
                ? l.Pick("这一分钟内导出太多次了，请稍后再试。", "Too many exports this minute; try again shortly.")
                : l.Pick("这个文件不能再发送了：请重新查询记录。", "This file can no longer be sent: search the records again.");
            await turnContext.SendActivityAsync(MessageFactory.Text(why), cancellationToken).ConfigureAwait(false);
            return;
        }

        using (var content = new ByteArrayContent(file.Content))
        {
            // One request for the whole file: Teams' upload session takes the range it covers.
            content.Headers.ContentRange = new System.Net.Http.Headers.ContentRangeHeaderValue(0, file.Content.Length - 1, file.Content.Length);
            using var response = await uploads.CreateClient(FileUploadClient).PutAsync(uploadUrl, content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Uploading {File} for {User} failed with {Status}.", file.FileName, activity.From?.AadObjectId, (int)response.StatusCode);
                await turnContext.SendActivityAsync(MessageFactory.Text(l.Pick("文件没能保存到你的 OneDrive，请再试一次。", "The file could not be saved to your OneDrive; please try again.")), cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        logger.LogInformation("Sent {File} ({Bytes} bytes) to {User}'s OneDrive.", file.FileName, file.Content.Length, activity.From?.AadObjectId);
        var shown = MessageFactory.Attachment(new Attachment
        {
            ContentType = FileInfoCard.ContentType,
            ContentUrl = upload.ContentUrl,
            Name = upload.Name,
            Content = new FileInfoCard { UniqueId = upload.UniqueId, FileType = upload.FileType },
        });
        await turnContext.SendActivityAsync(shown, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task OnTeamsFileConsentDeclineAsync(ITurnContext<IInvokeActivity> turnContext, FileConsentCardResponse fileConsentCardResponse, CancellationToken cancellationToken)
    {
        var context = Context(fileConsentCardResponse.Context);
        var l = Enum.TryParse<Language>(context.GetValueOrDefault("language"), out var chosen) ? chosen : DefaultLanguage;
        await turnContext.SendActivityAsync(MessageFactory.Text(l.Pick("好的，没有发送文件。", "All right, no file was sent.")), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The offer's context as Teams returns it (an object, or its JSON text); anything else reads as empty and is refused.</summary>
    private static Dictionary<string, string> Context(object? context)
    {
        JObject? bag = context as JObject;
        if (bag is null && context is string json)
        {
            try
            {
                bag = JObject.Parse(json);
            }
            catch (Newtonsoft.Json.JsonReaderException)
            {
            }
        }

        return (bag ?? new JObject()).Properties().Where(p => p.Value.Type == JTokenType.String).ToDictionary(p => p.Name, p => p.Value.Value<string>()!, StringComparer.Ordinal);
    }

    protected override async Task OnTeamsMembersRemovedAsync(IList<TeamsChannelAccount> membersRemoved, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (membersRemoved.Any(m => m.Id == activity.Recipient?.Id) && (teamInfo?.Id ?? activity.GetChannelData<TeamsChannelData>()?.Team?.Id) is { } teamId)
        {
            await channels.TeamRemovedAsync(teamId, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.GetChannelData<TeamsChannelData>()?.Team?.Id is { } teamId)
        {
            await channels.TeamRemovedAsync(teamId, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task OnTeamsMembersAddedAsync(IList<TeamsChannelAccount> membersAdded, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (!membersAdded.Any(m => m.Id == activity.Recipient?.Id))
        {
            return; // someone else joined: nothing to say
        }

        if ((teamInfo?.Id ?? activity.GetChannelData<TeamsChannelData>()?.Team?.Id) is { } teamId)
        {
            await channels.TeamAddedAsync(teamId, cancellationToken).ConfigureAwait(false);
        }

        var language = Languages.FromLocale(turnContext.Activity.AsMessageActivity()?.Locale ?? (turnContext.Activity as Activity)?.Locale, DefaultLanguage);
        logger.LogInformation("Installed in conversation {Conversation} ({Type}).", activity.Conversation?.Id, activity.Conversation?.ConversationType);
        var reply = activity.Conversation?.ConversationType == "channel" || teamInfo is not null
            ? await commands.WelcomeTeamAsync(language, teamInfo?.Name, cancellationToken).ConfigureAwait(false)
            : ChatReply.AdaptiveCard(Presentation.CardViews.Help(language, null));
        await turnContext.SendActivityAsync(TeamsActivities.From(reply), cancellationToken).ConfigureAwait(false);
    }

    private CardClick ToAction(IActivity activity, string? verb, object? data)
    {
        var bag = data as JObject ?? new JObject(); // anything but an object carries no usable fields
        long? version = bag["version"]?.Type is JTokenType.Integer or JTokenType.String && long.TryParse(bag["version"]!.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        string? Text(string name) => bag[name]?.Type == JTokenType.String ? TypedText.Clean(bag.Value<string>(name)!) : null;
        var locale = (activity as Activity)?.Locale;
        return new CardClick(
            Text("workflow"),
            version,
            verb,
            Text("seat"),
            Text("comment"),
            Text("colleague"),
            activity.From?.AadObjectId ?? activity.From?.Id ?? string.Empty,
            activity.From?.Name ?? string.Empty,
            Languages.FromLocale(locale, DefaultLanguage),
            activity.Id,
            Values(bag),
            Personal: activity.Conversation?.ConversationType == "personal");
    }

    /// <summary>The card's inputs and data as text (numbers and booleans as Teams sends them); nested values are ignored.</summary>
    private static Dictionary<string, string> Values(JObject bag)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in bag.Properties().Take(MaxValues))
        {
            if (property.Value is JValue { Value: not null } value && value.Type is JTokenType.String or JTokenType.Integer or JTokenType.Float or JTokenType.Boolean)
            {
                values[property.Name] = TypedText.Clean(Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture)!);
            }
        }

        return values;
    }

    private const int MaxValues = 200;

    private ChatTurn ToTurn(IMessageActivity activity, string text)
    {
        var channelData = activity.GetChannelData<TeamsChannelData>();
        var kind = activity.Conversation?.ConversationType switch
        {
            "channel" => ConversationKind.Channel,
            "groupChat" => ConversationKind.GroupChat,
            _ => activity.Conversation?.IsGroup == true ? ConversationKind.GroupChat : ConversationKind.Personal,
        };

        TeamChannel? channel = null;
        if (kind == ConversationKind.Channel && channelData?.Team?.Id is { } teamId)
        {
            var channelId = channelData.Channel?.Id ?? StripThread(activity.Conversation!.Id);
            channel = new TeamChannel(teamId, channelData.Team.Name, channelId, channelData.Channel?.Name);
        }

        var tenantId = channelData?.Tenant?.Id ?? activity.Conversation?.TenantId ?? string.Empty;
        // The language the person writes in, when the text says so (报价 gets Chinese whatever the client's locale).
        return new ChatTurn(
            text,
            Languages.FromText(text, Languages.FromLocale(activity.Locale, DefaultLanguage)),
            kind,
            activity.From?.AadObjectId ?? activity.From?.Id ?? string.Empty,
            activity.From?.Name ?? string.Empty,
            new ConversationAddress(activity.ServiceUrl, tenantId, activity.Recipient?.Id ?? string.Empty, activity.Conversation?.Id ?? string.Empty),
            channel,
            string.IsNullOrEmpty(activity.Id) ? null : activity.Id,
            Files(activity));
    }

    /// <summary>
    /// Files shared with the message; cards and the HTML copy of the text are not files. In a personal chat Teams
    /// sends <c>application/vnd.microsoft.teams.file.download.info</c>: the file in the sender's OneDrive (content
    /// URL), a short-lived download URL, its type and unique id; elsewhere a file's name and content URL.
    /// </summary>
    private static List<ChatAttachment> Files(IMessageActivity activity) =>
        (activity.Attachments ?? [])
            .Where(a => a.ContentType is not null && !a.ContentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) && !a.ContentType.StartsWith("application/vnd.microsoft.card", StringComparison.OrdinalIgnoreCase))
            .Where(a => Uri.TryCreate(a.ContentUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && a.ContentUrl.Length <= 2000)
            .Take(10)
            .Select(a =>
            {
                var cleaned = TypedText.Clean(a.Name ?? string.Empty).Trim();
                var name = cleaned.Length == 0 ? "attachment" : cleaned[..Math.Min(cleaned.Length, 200)];
                if (!string.Equals(a.ContentType, FileDownloadInfo.ContentType, StringComparison.OrdinalIgnoreCase))
                {
                    return new ChatAttachment(name, a.ContentUrl);
                }

                var info = a.Content is JObject content ? content : a.Content is string json && json.TrimStart().StartsWith('{') ? JObject.Parse(json) : null;
                string? Field(string key) => info?[key]?.Type == JTokenType.String && info.Value<string>(key) is { Length: > 0 and <= 200 } v ? v : null;
                long? size = info?["size"]?.Type == JTokenType.Integer ? info.Value<long>("size") : null;
                return new ChatAttachment(name, a.ContentUrl, Field("fileType")?.ToLowerInvariant(), size, Field("uniqueId"));
            })
            .ToList();

    /// <summary>
    /// Teams leaves the team's and channel's names out of most message activities; a binding should
    /// show them, so they are asked of the Connector (best effort: a failure keeps the ids).
    /// </summary>
    private async Task<TeamChannel> WithNamesAsync(ITurnContext turnContext, TeamChannel channel, CancellationToken cancellationToken)
    {
        if (channel.TeamName is not null && channel.ChannelName is not null)
        {
            return channel;
        }

        try
        {
            var teamName = channel.TeamName ?? (await TeamsInfo.GetTeamDetailsAsync(turnContext, channel.TeamId, cancellationToken).ConfigureAwait(false))?.Name;
            var channelName = channel.ChannelName;
            if (channelName is null && channel.ChannelId != channel.TeamId)
            {
                var channels = await TeamsInfo.GetTeamChannelsAsync(turnContext, channel.TeamId, cancellationToken).ConfigureAwait(false);
                channelName = channels?.FirstOrDefault(c => c.Id == channel.ChannelId)?.Name;
            }

            return channel with { TeamName = teamName, ChannelName = channelName };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read the names of team {Team} / channel {Channel}.", channel.TeamId, channel.ChannelId);
            return channel;
        }
    }

    /// <summary>A channel thread's conversation id is <c>19:…;messageid=…</c>; the channel is the part before.</summary>
    private static string StripThread(string conversationId)
    {
        var i = conversationId.IndexOf(";messageid=", StringComparison.Ordinal);
        return i < 0 ? conversationId : conversationId[..i];
    }

    private static string StripMentions(string text) => MentionTag().Replace(text, " ").Trim();

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex MentionTag();
}
