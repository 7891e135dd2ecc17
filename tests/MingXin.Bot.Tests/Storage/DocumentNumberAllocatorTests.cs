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
    public async Task A_bad_prefix_is_refused_before_any_write()
    {
        var allocator = new DocumentNumberAllocator(NewStorage());

        await Assert.ThrowsAsync<ArgumentException>(() => allocator.NextAsync("q/t", 2026, default));
    }
}
