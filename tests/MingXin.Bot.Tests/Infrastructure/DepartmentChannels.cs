using System.Net;

namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>A channel per department, registered by the administrator as a factory would do it after installing the bot.</summary>
public static class DepartmentChannels
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["sales"] = "19:sales@thread.tacv2",
        ["production"] = "19:production@thread.tacv2",
        ["qc"] = "19:qc@thread.tacv2",
        ["materials"] = "19:materials@thread.tacv2",
        ["gm-office"] = "19:gm@thread.tacv2",
        ["warehouse"] = "19:warehouse@thread.tacv2",
    };

    /// <summary>Registers every channel through the bot, then forgets the replies so tests see only what follows.</summary>
    public static async Task RegisterAllAsync(HttpClient client, RecordingConnector connector)
    {
        foreach (var (department, channel) in All)
        {
            var response = await Activities.PostAsync(client, Activities.ChannelMessage(connector.ServiceUrl, "register " + department, BotHost.AdminId, channelId: channel, channelName: department));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        connector.Calls.Clear();
    }
}
