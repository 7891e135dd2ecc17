using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using MingXin.Bot.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows;

/// <summary>
/// The sweep looks for what was saved and not sent. Forms stay marked while they are open, so without care it
/// would read every open form every period; it reads only what this instance does not know to be sent, and
/// everything every tenth time (what another instance saved and could not send).
/// </summary>
public sealed class OutboxSweepTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Open_forms_this_instance_has_sent_are_read_only_by_every_tenth_sweep_which_sends_what_another_instance_left()
    {
        await using var connector = await RecordingConnector.StartAsync();
        await using var host = new BotHost(azurite.ConnectionString);
        var client = host.CreateClient();
        await DepartmentChannels.RegisterAllAsync(client, connector);

        for (var i = 0; i < 3; i++)
        {
            await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, $"request Sweep {i}", BotHost.SalesId, "en-US"));
        }

        var worker = host.Services.GetRequiredService<OutboxWorker>();
        var storage = host.Services.GetRequiredService<TableStorage>();
        var store = host.Services.GetRequiredService<WorkflowStore>();
        var marks = await host.Services.GetRequiredService<OutboxPendingIndex>().ListAsync(default);
        Assert.Equal(3, marks.Count); // open forms keep their marks
        await Eventually.TrueAsync(() => connector.NewThreads().Count == 12 && worker.Idle, "the three forms' cards");

        // Another instance saves a step of the first form (a line for its threads) and stops before sending it.
        var first = marks[0].WorkflowId;
        var saved = (await store.LoadForStepAsync(first, default))!;
        var line = new OutboxMessage(OutboxMessage.Reply, ChineseText: "另一实例保存的记录", EnglishText: "saved by another instance");
        var commit = new WorkflowCommit(first, saved.State.Kind, saved.State.Version, saved.State.StateJson, saved.State.ETag, [], [new OutboxRecord(saved.State.Version, 50, line.Kind, WorkflowJson.Serialize(line), host.Time.GetUtcNow())]);
        Assert.IsType<CommitResult.Committed>(await store.CommitAsync(commit, default));

        // Ten sweeps: nine read only the marks (one request), one also reads the three forms and sends the line once.
        var costs = new List<long>();
        for (var i = 0; i < OutboxWorker.FullSweepEvery; i++)
        {
            var (before, requests) = (worker.SweepsDone, storage.BackgroundRequestCount);
            host.Time.Advance(TimeSpan.FromSeconds(30));
            await Eventually.TrueAsync(() => worker.SweepsDone > before && worker.Idle, "a sweep");
            costs.Add(storage.BackgroundRequestCount - requests);
        }

        Assert.Equal(OutboxWorker.FullSweepEvery - 1, costs.Count(c => c == 1));
        var full = Assert.Single(costs, c => c > 1);
        Assert.True(full >= 4, $"the full sweep read the marks and the three forms: {full} requests"); // and marked the line sent
        var lines = connector.Delivered.Where(c => c.Body?["text"]?.GetValue<string>() is "另一实例保存的记录" or "saved by another instance").ToList();
        Assert.Equal(4, lines.Count); // one in each of the form's four threads (Sales and the three reviewers)
        Assert.False((await store.LoadForStepAsync(first, default))!.PendingOutbox.Any());
    }
}
