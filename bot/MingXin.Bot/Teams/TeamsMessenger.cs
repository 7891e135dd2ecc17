using System.Text.Json.Nodes;
using MingXin.Bot.Conversations;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Messaging;
using MingXin.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace MingXin.Bot.Teams;

/// <summary>
/// Proactive posting through the Bot Connector, using the conversation references stored when each
/// channel was registered. Each send first waits for room in Teams' limits for its conversation
/// (<see cref="Pacing.ThreadPacer"/>; a new thread counts against its channel); retries (429 with
/// Retry-After, 5xx, timeouts) happen in the Connector's HttpClient pipeline, see
/// <see cref="ConnectorHttpClientFactory"/>. Answers within a turn do not come this way: they go at once,
/// since Teams waits for them.
/// </summary>
internal sealed class TeamsMessenger(CloudAdapter adapter, ChannelBindingStore bindings, IConfiguration configuration, Pacing.ThreadPacer pacer, TimeProvider time, ILogger<TeamsMessenger> logger) : IChannelMessenger, ITeamsRoster
{
    private string BotAppId => configuration["MicrosoftAppId"] ?? string.Empty;

    public async Task<PostedMessage> PostToDepartmentAsync(Department department, ChatReply message, CancellationToken cancellationToken)
    {
        var binding = await bindings.GetAsync(department, cancellationToken).ConfigureAwait(false)
            ?? throw new DepartmentNotBoundException(department);
        if (binding.IsBroken)
        {
            throw new DepartmentNotBoundException(department, broken: true);
        }

        var channelReference = Reference(binding.ServiceUrl, binding.TenantId, binding.BotId, binding.ChannelId, isGroup: true);
        await pacer.WaitAsync(binding.ChannelId, time, cancellationToken).ConfigureAwait(false);
        PostedMessage? posted = null;
        await ContinueAsync(channelReference, async (turnContext, ct) =>
        {
            var (threadReference, activityId) = await TeamsInfo.SendMessageToTeamsChannelAsync(turnContext, TeamsActivities.From(message), binding.ChannelId, BotAppId, ct).ConfigureAwait(false);
            var threadId = threadReference.Conversation?.Id is { Length: > 0 } id ? id : $"{binding.ChannelId};messageid={activityId}";
            posted = new PostedMessage(binding.ServiceUrl, binding.TenantId, binding.BotId, threadId, activityId);
        }, cancellationToken, binding).ConfigureAwait(false);

        return posted ?? throw new InvalidOperationException("The Connector did not return the posted message.");
    }

    public async Task<string> ReplyInThreadAsync(PostedMessage thread, ChatReply message, CancellationToken cancellationToken)
    {
        await pacer.WaitAsync(thread.ThreadConversationId, time, cancellationToken).ConfigureAwait(false);
        string? id = null;
        await ContinueAsync(Reference(thread), async (turnContext, ct) =>
        {
            var response = await turnContext.SendActivityAsync(TeamsActivities.From(message), ct).ConfigureAwait(false);
            id = response?.Id;
        }, cancellationToken).ConfigureAwait(false);

        return id ?? string.Empty;
    }

    public async Task UpdateCardAsync(PostedMessage message, JsonObject card, CancellationToken cancellationToken)
    {
        await pacer.WaitAsync(message.ThreadConversationId, time, cancellationToken).ConfigureAwait(false);
        await ContinueAsync(Reference(message), async (turnContext, ct) =>
        {
            var activity = MessageFactory.Attachment(new Attachment
            {
                ContentType = TeamsActivities.AdaptiveCardContentType,
                Content = JObject.Parse(card.ToJsonString()),
            });
            activity.Id = message.ActivityId;
            await turnContext.UpdateActivityAsync(activity, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> SendToPersonAsync(string serviceUrl, string tenantId, string teamsUserId, ChatReply message, CancellationToken cancellationToken)
    {
        await pacer.WaitAsync("person:" + teamsUserId, time, cancellationToken).ConfigureAwait(false);
        var chatId = string.Empty;
        // Any conversation of the tenant gives a connector for the service URL; the personal chat is created (or
        // found: Teams answers with the existing one) and written to.
        await adapter.ContinueConversationAsync(BotAppId, Reference(serviceUrl, tenantId, BotAppId, teamsUserId, isGroup: false), async (turnContext, ct) =>
        {
            var connector = turnContext.TurnState.Get<IConnectorClient>();
            var parameters = new ConversationParameters
            {
                IsGroup = false,
                Bot = new ChannelAccount(turnContext.Activity.Recipient?.Id ?? BotAppId),
                Members = [new ChannelAccount(teamsUserId)],
                TenantId = tenantId,
                ChannelData = new TeamsChannelData { Tenant = new TenantInfo(tenantId) },
            };
            var chat = await connector.Conversations.CreateConversationAsync(parameters, ct).ConfigureAwait(false);
            chatId = chat.Id;
            var activity = TeamsActivities.From(message);
            activity.Conversation = new ConversationAccount(isGroup: false, id: chat.Id, tenantId: tenantId);
            await connector.Conversations.SendToConversationAsync(chat.Id, (Activity)activity, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return chatId;
    }

    /// <summary>Asks the roster of a team the bot is bound in (the first bound department's) for the member.</summary>
    public async Task<string?> FindUserIdAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var binding = (await bindings.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (binding is null)
        {
            return null;
        }

        string? id = null;
        try
        {
            await adapter.ContinueConversationAsync(BotAppId, Reference(binding.ServiceUrl, binding.TenantId, binding.BotId, binding.ChannelId, isGroup: true), async (turnContext, ct) =>
            {
                var member = await TeamsInfo.GetTeamMemberAsync(turnContext, aadObjectId, binding.TeamId, ct).ConfigureAwait(false);
                id = member?.Id;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogInformation("{User} was not found in the roster of team {Team}: {Reason}", aadObjectId, binding.TeamId, ex.Message);
        }

        return id;
    }

    /// <summary>
    /// Runs <paramref name="send"/> in the conversation; Teams' final refusal (403, 404) becomes a
    /// <see cref="ChannelUnreachableException"/>, naming <paramref name="binding"/>'s department for a new thread.
    /// </summary>
    private async Task ContinueAsync(ConversationReference reference, BotCallbackHandler send, CancellationToken cancellationToken, ChannelBinding? binding = null)
    {
        try
        {
            await adapter.ContinueConversationAsync(BotAppId, reference, send, cancellationToken).ConfigureAwait(false);
        }
        catch (ErrorResponseException ex) when (Refused(ex) is { } status)
        {
            throw new ChannelUnreachableException(binding?.Department, binding, status, ex);
        }
    }

    /// <summary>403 and 404 are Teams' final word on a conversation (the bot left it, or it is gone); the rest may pass.</summary>
    private static int? Refused(ErrorResponseException ex) =>
        ex.Response?.StatusCode is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound ? (int)ex.Response.StatusCode : null;

    private static ConversationReference Reference(PostedMessage message) =>
        Reference(message.ServiceUrl, message.TenantId, message.BotId, message.ThreadConversationId, isGroup: true);

    private static ConversationReference Reference(string serviceUrl, string tenantId, string botId, string conversationId, bool isGroup) => new()
    {
        ChannelId = "msteams",
        ServiceUrl = serviceUrl,
        Bot = new ChannelAccount(botId),
        Conversation = new ConversationAccount(isGroup: isGroup, id: conversationId, tenantId: tenantId),
    };
}
