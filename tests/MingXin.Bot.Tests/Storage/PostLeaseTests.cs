using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Storage;

/// <summary>The lease that lets only one instance post a card: held, refused to others, run out, given up.</summary>
public sealed class PostLeaseTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task One_holder_at_a_time_until_it_runs_out_or_is_given_up()
    {
        var storage = TestStorage.Open(azurite.ConnectionString, AzuriteFixture.NewTablePrefix());
        await storage.EnsureCreatedAsync(default);
        var store = new WorkflowStore(storage);
        var lease = TimeSpan.FromMinutes(2);

        Assert.True(await store.TryLeaseAsync("IA-2026-0001", "lease-post-qc", "a", T0, lease, default));
        Assert.True(await store.TryLeaseAsync("IA-2026-0001", "lease-post-qc", "a", T0, lease, default)); // the holder's own retry
        Assert.False(await store.TryLeaseAsync("IA-2026-0001", "lease-post-qc", "b", T0.AddMinutes(1), lease, default));
        Assert.True(await store.TryLeaseAsync("IA-2026-0001", "lease-post-sales", "b", T0, lease, default)); // another card, another lease

        Assert.True(await store.TryLeaseAsync("IA-2026-0001", "lease-post-qc", "b", T0.AddMinutes(3), lease, default)); // ran out
        Assert.False(await store.TryLeaseAsync("IA-2026-0001", "lease-post-qc", "c", T0.AddMinutes(3), lease, default));

        await store.ReleaseLeaseAsync("IA-2026-0001", "lease-post-qc", "c", default); // not c's: nothing happens
        Assert.False(await store.TryLeaseAsync("IA-2026-0001", "lease-post-qc", "c", T0.AddMinutes(3), lease, default));
        await store.ReleaseLeaseAsync("IA-2026-0001", "lease-post-qc", "b", default);
        Assert.True(await store.TryLeaseAsync("IA-2026-0001", "lease-post-qc", "c", T0.AddMinutes(3), lease, default));
    }
}
