using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Storage;

public sealed class DocumentNumberAllocatorTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    [Fact]
    public async Task Numbers_count_up_per_prefix_and_year()
    {
        var allocator = new DocumentNumberAllocator(NewStorage());

        var a = await allocator.NextAsync("QT", 2026, default);
        var b = await allocator.NextAsync("QT", 2026, default);
        var c = await allocator.NextAsync("PN", 2026, default);
        var d = await allocator.NextAsync("QT", 2027, default);

        Assert.Equal(["QT-2026-0001", "QT-2026-0002", "PN-2026-0001", "QT-2027-0001"], new[] { a, b, c, d }.Select(n => n.ToString()));
    }

    [Fact]
    public async Task Fifty_parallel_callers_get_fifty_distinct_consecutive_numbers()
    {
        var storage = NewStorage();
        // Two allocators over one table: like two bot instances sharing the storage account.
        var allocators = new[] { new DocumentNumberAllocator(storage), new DocumentNumberAllocator(storage) };

        var numbers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => allocators[i % 2].NextAsync("CC", 2026, default))));

        var sequences = numbers.Select(n => n.Sequence).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task A_burst_within_one_instance_takes_turns_instead_of_racing_for_the_counter()
    {
        var storage = NewStorage();
        var allocator = new DocumentNumberAllocator(storage);
        await allocator.NextAsync("IA", 2026, default); // the counter exists
        var before = storage.RequestCount;

        var numbers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => allocator.NextAsync("IA", 2026, default))));

        Assert.Equal(Enumerable.Range(2, 200).Select(i => (long)i), numbers.Select(n => n.Sequence).Order());
        // One read and one conditional write per number: nobody lost a race (racing, 200 callers send thousands).
        Assert.Equal(2 * 200, storage.RequestCount - before);
    }

    [Fact]
    public async Task A_bad_prefix_is_refused_before_any_write()
    {
        var allocator = new DocumentNumberAllocator(NewStorage());

        await Assert.ThrowsAsync<ArgumentException>(() => allocator.NextAsync("q/t", 2026, default));
    }

    [Theory]
    [InlineData(1)] // the counter's first row (an insert)
    [InlineData(3)] // a later number (an update under the ETag)
    public async Task A_write_whose_answer_is_lost_is_still_the_callers_number_and_none_is_skipped(int which)
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var direct = new DocumentNumberAllocator(TestStorage.Open(Azurite.ConnectionString, prefix, requestTimeoutSeconds: 1));
        for (var i = 1; i < which; i++)
        {
            await direct.NextAsync("IA", 2026, default);
        }

        // The write reaches the storage; its answer comes after the client's timeout, so the client sends it again (409/412).
        await direct.NextAsync("XX", 2026, default); // tables exist before the proxy
        await using var proxy = await DelayingProxy.StartAsync(Azurite.Port, r => r.Path.Value!.Contains("Counters", StringComparison.Ordinal)
            && (which == 1 ? r.Method == "POST" : r.Method == "PUT" && r.Path.Value.Contains("'IA'", StringComparison.Ordinal)));
        var late = new DocumentNumberAllocator(TestStorage.Open(AzuriteFixture.UnreachableConnectionString(proxy.Port), prefix, requestTimeoutSeconds: 1));
        var number = await late.NextAsync("IA", 2026, default);

        Assert.Equal(1, proxy.Delayed);
        Assert.Equal(which, number.Sequence); // its own, not the next one
        Assert.Equal(which + 1, (await direct.NextAsync("IA", 2026, default)).Sequence); // and nothing skipped
    }
}
