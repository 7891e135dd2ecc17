using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>Teams-shaped activities, as the Bot Connector delivers them.</summary>
public static class Activities
{
    public const string BotId = "28:mingxin-bot";
    public const string TeamId = "19:team-general@thread.tacv2";
    public const string QcChannelId = "19:qc-channel@thread.tacv2";
    public const string TenantId = "tenant-0001";

    public static JsonObject PersonalMessage(string serviceUrl, string text, string userAadId, string locale = "zh-CN") => new()
    {
        ["type"] = "message",
        ["id"] = "msg-" + Guid.NewGuid().ToString("N")[..8],
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["locale"] = locale,
        ["text"] = text,
        ["from"] = new JsonObject { ["id"] = "29:" + userAadId, ["name"] = "User " + userAadId, ["aadObjectId"] = userAadId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "MingXin" },
        ["conversation"] = new JsonObject { ["id"] = "a:personal-" + userAadId, ["conversationType"] = "personal", ["tenantId"] = TenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
    };

    /// <summary>A message in a team channel that @mentions the bot, the way Teams sends it.</summary>
    public static JsonObject ChannelMessage(string serviceUrl, string command, string userAadId, string channelId = QcChannelId, string? channelName = "品管", string locale = "zh-CN", string? teamName = "明新工厂") => new()
    {
        ["type"] = "message",
        ["id"] = "msg-" + Guid.NewGuid().ToString("N")[..8],
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["locale"] = locale,
        ["text"] = $"<at>MingXin</at> {command}",
        ["from"] = new JsonObject { ["id"] = "29:" + userAadId, ["name"] = "User " + userAadId, ["aadObjectId"] = userAadId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "MingXin" },
        ["conversation"] = new JsonObject { ["id"] = $"{channelId};messageid=1700000000000", ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = TenantId },
        ["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>MingXin</at>",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "MingXin" },
        }),
        ["channelData"] = new JsonObject
        {
            ["teamsChannelId"] = channelId,
            ["teamsTeamId"] = TeamId,
            ["channel"] = channelName is null ? new JsonObject { ["id"] = channelId } : new JsonObject { ["id"] = channelId, ["name"] = channelName },
            ["team"] = teamName is null ? new JsonObject { ["id"] = TeamId } : new JsonObject { ["id"] = TeamId, ["name"] = teamName },
            ["tenant"] = new JsonObject { ["id"] = TenantId },
        },
    };

    /// <summary>The conversationUpdate Teams sends when the bot is added to a team.</summary>
    public static JsonObject BotAddedToTeam(string serviceUrl, string locale = "en-US") => new()
    {
        ["type"] = "conversationUpdate",
        ["id"] = "upd-" + Guid.NewGuid().ToString("N")[..8],
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["locale"] = locale,
        ["from"] = new JsonObject { ["id"] = "29:installer", ["aadObjectId"] = BotHost.AdminId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "MingXin" },
        ["conversation"] = new JsonObject { ["id"] = TeamId, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = TenantId },
        ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId }),
        ["channelData"] = new JsonObject
        {
            ["eventType"] = "teamMemberAdded",
            ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "明新工厂" },
            ["tenant"] = new JsonObject { ["id"] = TenantId },
        },
    };

    /// <summary>The conversationUpdate Teams sends when the bot is removed from a team.</summary>
    public static JsonObject BotRemovedFromTeam(string serviceUrl) => new()
    {
        ["type"] = "conversationUpdate",
        ["id"] = "upd-" + Guid.NewGuid().ToString("N")[..8],
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = "29:" + BotHost.AdminId, ["aadObjectId"] = BotHost.AdminId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "MingXin" },
        ["conversation"] = new JsonObject { ["id"] = TeamId, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = TenantId },
        ["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = BotId }),
        ["channelData"] = new JsonObject
        {
            ["eventType"] = "teamMemberRemoved",
            ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "明新工厂" },
            ["tenant"] = new JsonObject { ["id"] = TenantId },
        },
    };

    /// <summary>The adaptiveCard/action invoke Teams sends when someone presses an Action.Execute button.</summary>
    public static JsonObject CardClick(string serviceUrl, string userAadId, string verb, JsonObject data, string locale = "zh-CN", string conversationId = "19:qc-channel@thread.tacv2;messageid=1", string? activityId = null) => new()
    {
        ["type"] = "invoke",
        ["name"] = "adaptiveCard/action",
        ["id"] = activityId ?? "inv-" + Guid.NewGuid().ToString("N")[..10],
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["locale"] = locale,
        ["from"] = new JsonObject { ["id"] = "29:" + userAadId, ["name"] = "User " + userAadId, ["aadObjectId"] = userAadId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "MingXin" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = TenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
        ["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = verb == "refresh" ? "automatic" : "manual",
        },
    };

    /// <summary>
    /// The invoke the Microsoft 365 Agents Playground sends when a button is pressed: <paramref name="action"/> is what the
    /// card renderer handed it (type, title, verb, data with the inputs), and no <c>trigger</c>.
    /// </summary>
    public static JsonObject PlaygroundClick(string serviceUrl, string userAadId, JsonObject action, string conversationId) =>
        PersonalInvoke(serviceUrl, userAadId, "adaptiveCard/action", new JsonObject { ["action"] = action.DeepClone() }, conversationId);

    /// <summary>An invoke from a person in their personal chat with the bot (English client).</summary>
    private static JsonObject PersonalInvoke(string serviceUrl, string userAadId, string name, JsonObject value, string? conversationId = null) => new()
    {
        ["type"] = "invoke",
        ["name"] = name,
        ["id"] = "inv-" + Guid.NewGuid().ToString("N")[..10],
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["locale"] = "en-US",
        ["from"] = new JsonObject { ["id"] = "29:" + userAadId, ["name"] = "User " + userAadId, ["aadObjectId"] = userAadId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "MingXin" },
        ["conversation"] = new JsonObject { ["id"] = conversationId ?? "a:personal-" + userAadId, ["conversationType"] = "personal", ["tenantId"] = TenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
        ["value"] = value,
    };

    /// <summary>The fileConsent/invoke Teams sends when the person allows (or declines) a file the bot offered in personal chat.</summary>
    public static JsonObject FileConsent(string serviceUrl, string userAadId, string action, JsonNode? context, string uploadPath = "/upload/file-1") =>
        PersonalInvoke(serviceUrl, userAadId, "fileConsent/invoke", new JsonObject
        {
            ["type"] = "fileUpload",
            ["action"] = action,
            ["context"] = context?.DeepClone(),
            ["uploadInfo"] = action == "accept"
                ? new JsonObject
                {
                    ["name"] = "mingxin-records.xlsx",
                    ["uploadUrl"] = serviceUrl.TrimEnd('/') + uploadPath,
                    ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/user/Documents/Applications/MingXin/mingxin-records.xlsx",
                    ["uniqueId"] = "B5E3A8D4-0000-4000-8000-000000000001",
                    ["fileType"] = "xlsx",
                }
                : null,
        });

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, JsonNode activity, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request);
    }
}
