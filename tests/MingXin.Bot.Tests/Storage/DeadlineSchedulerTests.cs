using System.Collections.Concurrent;
using MingXin.Bot.Scheduling;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MingXin.Bot.Tests.Storage;

public sealed class DeadlineSchedulerTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private sealed class Recorder(string prefix, ConcurrentBag<string> fired, bool fail = false) : IDeadlineHandler
    {
        public bool Handles(Deadline deadline) => deadline.Key.StartsWith(prefix, StringComparison.Ordinal);

        public Task OnDueAsync(Deadline deadline, CancellationToken cancellationToken)
        {
            fired.Add($"{deadline.WorkflowId}/{deadline.Key}");
            return fail ? throw new InvalidOperationException("handler failed") : Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Two_scheduler_instances_moved_past_the_due_time_fire_each_deadline_once()
    {
        var storage = NewStorage();
        var time = new FakeTimeProvider(T);
        var fired = new ConcurrentBag<string>();
        DeadlineScheduler Instance() => new(new DeadlineStore(storage), [new Recorder("remind-", fired), new Recorder("breach-", fired, fail: true)], Options.Create(new DeadlineOptions()), time, NullLogger<DeadlineScheduler>.Instance);
        var a = Instance();
        var b = Instance();
        await a.TickAsync(default);
        var store = new DeadlineStore(storage);
        for (var i = 0; i < 20; i++)
        {
            await store.RegisterAsync(new Deadline($"IA-2026-{i:D4}", i % 2 == 0 ? "remind-review" : "breach-review", T.AddMinutes(90).AddSeconds(i), "{}"), T, default);
        }

        time.Advance(TimeSpan.FromMinutes(89));
        Assert.Equal(0, await a.TickAsync(default) + await b.TickAsync(default)); // nothing due yet

        time.Advance(TimeSpan.FromMinutes(2));
        var counts = await Task.WhenAll(Task.Run(() => a.TickAsync(default)), Task.Run(() => b.TickAsync(default)));

        Assert.Equal(20, counts.Sum());
        Assert.Equal(20, fired.Count);
        Assert.Equal(20, fired.Distinct().Count()); // a failing handler does not stop the others, and nothing fires twice
        Assert.Equal(0, await a.TickAsync(default) + await b.TickAsync(default));
    }
}
