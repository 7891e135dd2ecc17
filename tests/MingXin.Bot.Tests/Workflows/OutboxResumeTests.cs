using System.Net;
using System.Text.Json.Nodes;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using MingXin.Bot.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows;

/// <summary>Saved but not sent: a new process sends every pending card exactly once.</summary>
public sealed class OutboxResumeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] Departments = ["sales", "production", "qc", "materials"];

    [Fact]
    public async Task Cards_saved_before_a_crash_are_sent_once_by_the_next_process()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var prefix = AzuriteFixture.NewTablePrefix();
        var noRetries = new Dictionary<string, string?> { ["Connector:MaxRetries"] = "0" };
        string id;

        await using (var first = new BotHost(azurite.ConnectionString, extra: noRetries, tablePrefix: prefix))
        {
            var client = first.CreateClient();
            foreach (var d in Departments)
            {
                await Activities.PostAsync(client, Activities.ChannelMessage(connector.ServiceUrl, "register " + d, BotHost.AdminId, channelId: $"19:{d}@thread.tacv2"));
            }

            connector.FailNext(1000, 500); // Teams is unreachable: the step is saved, nothing can be sent
            var response = await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "request Trial run", BotHost.SalesId, "en-US"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var pending = first.Services.GetRequiredService<OutboxPendingIndex>();
            await Eventually.TrueAsync(() => connector.Calls.Any(c => c.Path == "/v3/conversations"), "a failed post attempt");
            id = Assert.Single(await pending.ListAsync(default)).WorkflowId;
        }

        connector.StopFailing();
        connector.Calls.Clear();

        // The new process sweeps what the first one left once those rows are older than a sweep period
        // (their writer had its chance). Real clock here, and a 1 s sweep: the rows were written at the
        // first host's fixed test time, long past.
        await using var second = new BotHost(azurite.ConnectionString, extra: new Dictionary<string, string?> { ["Outbox:SweepSeconds"] = "1" }, fakeTime: false, tablePrefix: prefix);
        var store = second.Services.GetRequiredService<WorkflowStore>();
        await Eventually.TrueAsync(() => store.LoadAsync(id, default).Result!.PendingOutbox.Any() == false, "the resumed outbox");

        var posts = connector.Delivered.Where(c => c.Path == "/v3/conversations").Select(c => c.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(Departments.Select(d => $"19:{d}@thread.tacv2").Order(), posts.Order()); // each channel once, in any order: they are posted at once

        // Dispatching again (another sweep, another instance) sends nothing more.
        Assert.Equal(0, (await second.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(id, default)).Sent);
        Assert.Equal(4, connector.Delivered.Count(c => c.Path == "/v3/conversations"));
        Assert.Single(await second.Services.GetRequiredService<OutboxPendingIndex>().ListAsync(default)); // kept while the form is open
        var record = (await second.Services.GetRequiredService<WorkflowStore>().LoadAsync(id, default))!;
        Assert.All(record.Outbox, o => Assert.NotNull(o.DispatchedAt));
        Assert.Equal(4, record.SideRows.Keys.Count(k => k.StartsWith("post-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_Action_Submit_fallback_is_handled_like_the_universal_action()
    {
        await using var connector = await RecordingConnector.StartAsync();
        await using var host = new BotHost(azurite.ConnectionString);
        var client = host.CreateClient();
        await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "申请 试产", BotHost.SalesId));
        var id = connector.Delivered.First(c => c.Path.Contains("a:personal-", StringComparison.Ordinal)).Card!["refresh"]!["action"]!["data"]!["workflow"]!.GetValue<string>();

        var submit = Activities.PersonalMessage(connector.ServiceUrl, string.Empty, BotHost.ProductionManagerId);
        submit.Remove("text");
        submit["value"] = new JsonObject { ["verb"] = "approve", ["workflow"] = id, ["version"] = 1, ["seat"] = "production", ["comment"] = "OK" };
        var response = await Activities.PostAsync(client, submit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = connector.Delivered.Last(c => c.Path.Contains("a:personal-" + BotHost.ProductionManagerId, StringComparison.Ordinal));
        Assert.Equal("已同意。", reply.Card!["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(2, (await host.Services.GetRequiredService<WorkflowStore>().GetStateAsync(id, default))!.Version);

        // The same fallback from a channel: the person's own view (their buttons) is not posted for everyone to see.
        var inChannel = Activities.ChannelMessage(connector.ServiceUrl, string.Empty, BotHost.QcManagerId);
        inChannel.Remove("text");
        inChannel["value"] = new JsonObject { ["verb"] = "approve", ["workflow"] = id, ["version"] = 2, ["seat"] = "qc" };
        Assert.Equal(HttpStatusCode.OK, (await Activities.PostAsync(client, inChannel)).StatusCode);
        Assert.Contains(connector.Delivered, c => c.Text == "已处理，这里的卡片已为大家更新。");
        Assert.DoesNotContain(connector.Delivered, c => c.Path.Contains("qc-channel", StringComparison.Ordinal) && c.Body?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Contains("已同意。", StringComparison.Ordinal) == true);
        Assert.Equal(3, (await host.Services.GetRequiredService<WorkflowStore>().GetStateAsync(id, default))!.Version);

        // A line of a records list, pressed in a client without Universal Actions, opens the record too.
        var open = Activities.PersonalMessage(connector.ServiceUrl, string.Empty, BotHost.SalesId);
        open.Remove("text");
        open["value"] = new JsonObject { ["verb"] = "rec-open", ["record"] = id };
        Assert.Equal(HttpStatusCode.OK, (await Activities.PostAsync(client, open)).StatusCode);
        var record = CardDriver.Text(connector.Delivered.Last(c => c.Path.Contains("a:personal-" + BotHost.SalesId, StringComparison.Ordinal)).Card!);
        Assert.Contains("试产", record, StringComparison.Ordinal);
        Assert.Contains("审核记录", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sweep_between_a_new_forms_mark_and_its_first_batch_keeps_the_mark_so_the_batch_is_still_sent()
    {
        await using var host = new BotHost(azurite.ConnectionString);
        var pending = host.Services.GetRequiredService<OutboxPendingIndex>();
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        const string Id = "IA-2026-0042";

        // The step has marked its new form and not yet committed it: the sweep finds the mark and no form.
        await pending.MarkAsync(Id, host.Time.GetUtcNow(), default);
        Assert.Equal(0, (await dispatcher.DispatchAsync(Id, default)).Sent);
        Assert.NotNull(await pending.GetAsync(Id, default)); // kept: the batch may land a moment later

        // A mark whose step never committed (refused, crashed before its batch) goes once it is old.
        host.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(0, (await dispatcher.DispatchAsync(Id, default)).Sent);
        Assert.Null(await pending.GetAsync(Id, default));
    }
}
