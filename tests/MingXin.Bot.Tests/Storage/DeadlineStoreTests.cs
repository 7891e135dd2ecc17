using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Storage;

public sealed class DeadlineStoreTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private static Deadline D(string id, DateTimeOffset due, string key = "answer-2h") => new(id, key, due, "{\"n\":1}");

    [Fact]
    public async Task A_tick_claims_only_what_is_due()
    {
        var store = new DeadlineStore(NewStorage());
        await store.ClaimDueAsync(T, "a", default); // the first tick places the cursor
        await store.RegisterAsync(D("PN-2026-0001", T.AddMinutes(1)), T, default);
        await store.RegisterAsync(D("PN-2026-0002", T.AddHours(2)), T, default);
        await store.RegisterAsync(D("PN-2026-0003", T.AddDays(1)), T, default);

        var early = await store.ClaimDueAsync(T.AddSeconds(59), "a", default);
        var due = await store.ClaimDueAsync(T.AddMinutes(1).AddSeconds(1), "a", default);
        var again = await store.ClaimDueAsync(T.AddMinutes(1).AddSeconds(20), "a", default);

        Assert.Empty(early.Claimed);
        Assert.Equal(["PN-2026-0001"], due.Claimed.Select(d => d.WorkflowId));
        Assert.Equal("{\"n\":1}", due.Claimed[0].PayloadJson);
        Assert.Empty(again.Claimed);
    }

    [Fact]
    public async Task Two_instances_fire_each_deadline_exactly_once()
    {
        var storage = NewStorage();
        var store = new DeadlineStore(storage);
        await store.ClaimDueAsync(T, "a", default);
        for (var i = 0; i < 40; i++)
        {
            await store.RegisterAsync(D($"PN-2026-{i:D4}", T.AddSeconds(30 + i)), T, default);
        }

        var results = await Task.WhenAll(
            Task.Run(() => new DeadlineStore(storage).ClaimDueAsync(T.AddMinutes(2), "a", default)),
            Task.Run(() => new DeadlineStore(storage).ClaimDueAsync(T.AddMinutes(2), "b", default)));

        var fired = results.SelectMany(r => r.Claimed).Select(d => d.WorkflowId).ToList();
        Assert.Equal(40, fired.Count);
        Assert.Equal(40, fired.Distinct().Count());
    }

    [Fact]
    public async Task A_cancelled_deadline_never_fires_and_a_fired_one_cannot_be_cancelled()
    {
        var store = new DeadlineStore(NewStorage());
        await store.ClaimDueAsync(T, "a", default);
        var answered = await store.RegisterAsync(D("PN-2026-0001", T.AddMinutes(5)), T, default);
        var late = await store.RegisterAsync(D("PN-2026-0002", T.AddMinutes(5)), T, default);

        Assert.True(await store.CancelAsync("PN-2026-0001", "answer-2h", answered, default));
        var fired = await store.ClaimDueAsync(T.AddMinutes(6), "a", default);

        Assert.Equal(["PN-2026-0002"], fired.Claimed.Select(d => d.WorkflowId));
        Assert.False(await store.CancelAsync("PN-2026-0002", "answer-2h", late, default));
        Assert.False(await store.CancelAsync("PN-2026-0009", "answer-2h", late, default));
    }

    [Fact]
    public async Task After_a_stop_the_next_tick_catches_up_with_everything_that_fell_due()
    {
        var store = new DeadlineStore(NewStorage());
        await store.ClaimDueAsync(T, "a", default);
        for (var i = 0; i < 5; i++)
        {
            await store.RegisterAsync(D($"PN-2026-{i:D4}", T.AddMinutes(10 * i + 1)), T, default);
        }

        // No tick for an hour (the service was down).
        var caughtUp = await store.ClaimDueAsync(T.AddHours(1), "restarted", default);

        Assert.Equal(5, caughtUp.Claimed.Count);
    }

    [Fact]
    public async Task A_deadline_registered_after_it_fell_due_still_fires()
    {
        var store = new DeadlineStore(NewStorage());
        await store.ClaimDueAsync(T.AddMinutes(10), "a", default);

        await store.RegisterAsync(D("PN-2026-0001", T), T.AddMinutes(10).AddSeconds(5), default);

        Assert.Single((await store.ClaimDueAsync(T.AddMinutes(10).AddSeconds(30), "a", default)).Claimed);
    }

    [Fact]
    public async Task What_a_tick_reads_follows_what_is_due_not_what_is_pending()
    {
        var store = new DeadlineStore(NewStorage());
        await store.ClaimDueAsync(T, "a", default);
        for (var i = 0; i < 300; i++)
        {
            await store.RegisterAsync(D($"FAR-{i:D4}", T.AddDays(1).AddMinutes(i)), T, default);
        }

        for (var i = 0; i < 3; i++)
        {
            await store.RegisterAsync(D($"NEAR-{i:D4}", T.AddSeconds(10 + i)), T, default);
        }

        var tick = await store.ClaimDueAsync(T.AddSeconds(30), "a", default);

        Assert.Equal(3, tick.Claimed.Count);
        Assert.Equal(3, tick.EntitiesRead);
    }
}
