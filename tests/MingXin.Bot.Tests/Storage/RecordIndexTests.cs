using MingXin.Bot.Domain.Records;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Storage;

/// <summary>The record index: search by each key reads only index partitions, never a whole table.</summary>
public sealed class RecordIndexTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Nov = new(2026, 11, 10, 2, 0, 0, TimeSpan.Zero); // 10:00 in the factory

    private static readonly RecordSummary[] Fixture =
    [
        new("QT-2026-0001", "Quotation", RecordState.Closed, "Confirmed", "华美礼品", Nov, "王芳", "礼盒"),
        new("QT-2026-0002", "Quotation", RecordState.Open, "AwaitingGm", "Acme Printing Ltd", Nov.AddDays(5), "王芳", "Labels"),
        new("CC-2026-0001", "Complaint", RecordState.Open, "RootCause", "华美礼品", Nov.AddDays(6), "陈静", "SO-2026-0001"),
        new("CC-2026-0002", "Complaint", RecordState.Cancelled, "Cancelled", "Acme Printing Ltd", Nov.AddMonths(-1), "陈静", "Labels"),
        new("PN-2026-0001", "ProductionNotice", RecordState.Open, "AwaitingTicket", "华美礼品", Nov.AddMonths(-2), "王芳", "礼盒"),
        new("IA-2026-0001", "InternalApproval", RecordState.Closed, "Approved", null, Nov.AddDays(1), "王芳", "新工艺"),
    ];

    [Fact]
    public async Task Each_key_finds_its_records_from_index_partitions_only()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var direct = new RecordIndex(TestStorage.Open(azurite.ConnectionString, prefix));
        foreach (var r in Fixture)
        {
            await direct.IndexAsync(r, default);
        }

        await direct.IndexAsync(Fixture[2] with { State = RecordState.Closed, Status = "Closed" }, default); // a later step rewrites the rows

        await using var proxy = await DelayingProxy.StartAsync(azurite.Port, _ => false);
        var index = new RecordIndex(TestStorage.Open(AzuriteFixture.UnreachableConnectionString(proxy.Port), prefix));
        var today = new DateOnly(2026, 11, 27);

        async Task<string[]> Ids(RecordSearch s, params string[] customers) => (await index.SearchAsync(s, customers, today, default)).Records.Select(r => r.Id).ToArray();
        var none = new RecordSearch(null, null, null, null, null, null, null);

        Assert.Equal(["PN-2026-0001", "QT-2026-0001", "CC-2026-0001"], await Ids(none with { Customer = "华美礼品" }, "华美礼品"));
        Assert.Equal(["QT-2026-0001", "QT-2026-0002"], await Ids(none with { Form = FormCatalog.ByKind("Quotation") }));
        Assert.Equal(["PN-2026-0001", "QT-2026-0002"], await Ids(none with { State = RecordState.Open }));
        Assert.Equal(["QT-2026-0001", "IA-2026-0001", "CC-2026-0001"], await Ids(none with { State = RecordState.Closed }));
        Assert.Equal(["CC-2026-0002"], await Ids(none with { State = RecordState.Cancelled }));
        Assert.Equal(["QT-2026-0002"], await Ids(none with { Status = "awaitinggm" }));
        Assert.Equal(["IA-2026-0001", "QT-2026-0002"], await Ids(none with { From = new DateOnly(2026, 11, 11), To = new DateOnly(2026, 11, 15) }));
        Assert.Equal(["QT-2026-0001"], await Ids(none with { From = new DateOnly(2026, 11, 10), To = new DateOnly(2026, 11, 10) })); // both days count
        Assert.Equal(["CC-2026-0002"], await Ids(none with { Customer = "ACME", Form = FormCatalog.ByKind("Complaint") }, "ACME", "Acme Printing Ltd")); // a short name stands for its register entry
        Assert.Equal(["QT-2026-0001"], await Ids(none with { Customer = "华美礼品", Form = FormCatalog.ByKind("Quotation"), State = RecordState.Closed, From = new DateOnly(2026, 11, 1) }, "华美礼品"));
        Assert.Empty(await Ids(none with { Customer = "Nobody Ltd" }, "Nobody Ltd"));

        var reads = proxy.Requests.Where(r => r.StartsWith("GET ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, r =>
        {
            Assert.Contains($"/{prefix}Records()", r, StringComparison.Ordinal); // only the index table …
            Assert.Matches(@"\$filter=\(?PartitionKey eq '", r); // … and always one partition of it
        });
    }

    [Fact]
    public async Task Without_customer_or_form_a_search_reads_each_kinds_partition_for_the_last_year()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var direct = new RecordIndex(TestStorage.Open(azurite.ConnectionString, prefix));
        await direct.IndexAsync(Fixture[0], default);
        await direct.IndexAsync(Fixture[0] with { Id = "QT-2025-0009", CreatedAt = Nov.AddMonths(-13) }, default);

        await using var proxy = await DelayingProxy.StartAsync(azurite.Port, _ => false);
        var index = new RecordIndex(TestStorage.Open(AzuriteFixture.UnreachableConnectionString(proxy.Port), prefix));
        var (records, more) = await index.SearchAsync(new RecordSearch(null, null, null, null, null, null, null), [], new DateOnly(2026, 11, 27), default);

        Assert.Equal(["QT-2026-0001"], records.Select(r => r.Id));
        Assert.False(more);
        var reads = proxy.Requests.Where(r => r.StartsWith("GET ", StringComparison.Ordinal)).ToList();
        Assert.Equal(FormCatalog.All.Count, reads.Count); // one query per kind of form …
        Assert.All(reads, r => Assert.Contains("RowKey ge '20251128'", r, StringComparison.Ordinal)); // … for the 12 months up to today
    }
}
