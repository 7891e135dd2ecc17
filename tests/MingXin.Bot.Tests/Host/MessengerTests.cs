using System.Text.Json.Nodes;
using MingXin.Bot.Conversations;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Messaging;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Host;

/// <summary>Proactive posting through the real adapter to a loopback Connector that throttles and fails.</summary>
public sealed class MessengerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly JsonObject Card = new()
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = "QT-2026-0001" }),
    };

    private RecordingConnector _connector = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _connector = await RecordingConnector.StartAsync();
        // Real clock: the retry delays below are real waits (short: 20 ms base), Retry-After is 1 s.
        _host = new BotHost(azurite.ConnectionString, extra: new Dictionary<string, string?> { ["Connector:RetryBaseDelayMilliseconds"] = "20" }, fakeTime: false);
        await Activities.PostAsync(_host.CreateClient(), Activities.ChannelMessage(_connector.ServiceUrl, "register qc", BotHost.AdminId));
        while (_connector.Calls.TryDequeue(out _))
        {
        }
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private IChannelMessenger Messenger => _host.Services.GetRequiredService<IChannelMessenger>();

    [Fact]
    public async Task Posts_a_new_thread_in_the_departments_channel_then_replies_and_updates_in_place()
    {
        var posted = await Messenger.PostToDepartmentAsync(Department.QualityControl, ChatReply.AdaptiveCard(Card), default);
        await Messenger.ReplyInThreadAsync(posted, ChatReply.Message("approved by 陈静"), default);
        var updated = Card.DeepClone().AsObject();
        updated["body"]![0]!["text"] = "QT-2026-0001 approved";
        await Messenger.UpdateCardAsync(posted, updated, default);

        var calls = _connector.Delivered;
        Assert.Equal(3, calls.Count);

        Assert.Equal(("POST", "/v3/conversations"), (calls[0].Method, calls[0].Path));
        Assert.Equal(Activities.QcChannelId, calls[0].Body!["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.Equal("QT-2026-0001", calls[0].Body!["activity"]!["attachments"]![0]!["content"]!["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal($"{Activities.QcChannelId};messageid={posted.ActivityId}", posted.ThreadConversationId);

        Assert.Equal("POST", calls[1].Method);
        Assert.StartsWith($"/v3/conversations/{posted.ThreadConversationId}/activities", Uri.UnescapeDataString(calls[1].Path), StringComparison.Ordinal);
        Assert.Equal("approved by 陈静", calls[1].Text);

        Assert.Equal("PUT", calls[2].Method);
        Assert.Equal($"/v3/conversations/{posted.ThreadConversationId}/activities/{posted.ActivityId}", Uri.UnescapeDataString(calls[2].Path));
        Assert.Equal("QT-2026-0001 approved", calls[2].Card!["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_retried_once()
    {
        _connector.FailNext(1, 429, TimeSpan.FromSeconds(1));

        var posted = await Messenger.PostToDepartmentAsync(Department.QualityControl, ChatReply.AdaptiveCard(Card), default);

        var calls = _connector.Calls.ToList();
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.9), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds} ms, before Retry-After");
        Assert.Single(_connector.Delivered);
        Assert.False(string.IsNullOrEmpty(posted.ActivityId));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_one_succeeds()
    {
        _connector.FailNext(2, 503);

        await Messenger.ReplyInThreadAsync(new PostedMessage(_connector.ServiceUrl, Activities.TenantId, Activities.BotId, Activities.QcChannelId + ";messageid=1", "1"), ChatReply.Message("hi"), default);

        Assert.Equal([503, 503, 200], _connector.Calls.Select(c => c.Status));
    }

    [Fact]
    public async Task Retries_have_a_limit_and_then_the_failure_surfaces()
    {
        _connector.FailNext(10, 500);

        await Assert.ThrowsAnyAsync<Exception>(() => Messenger.ReplyInThreadAsync(new PostedMessage(_connector.ServiceUrl, Activities.TenantId, Activities.BotId, "c;messageid=1", "1"), ChatReply.Message("hi"), default));

        Assert.Equal(5, _connector.Calls.Count); // 1 try + 4 retries
        Assert.Empty(_connector.Delivered);
    }

    [Fact]
    public async Task Posting_to_a_department_without_a_channel_is_a_typed_error()
    {
        var error = await Assert.ThrowsAsync<DepartmentNotBoundException>(() => Messenger.PostToDepartmentAsync(Department.Warehouse, ChatReply.AdaptiveCard(Card), default));

        Assert.Equal(Department.Warehouse, error.Department);
        Assert.Empty(_connector.Calls);
        Assert.Null(await _host.Services.GetRequiredService<ChannelBindingStore>().GetAsync(Department.Warehouse, default));
    }
}
