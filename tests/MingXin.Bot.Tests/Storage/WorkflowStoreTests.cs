using Azure.Data.Tables;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Storage;

public sealed class WorkflowStoreTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private static WorkflowCommit Step(string id, long version, string? etag, string state, int outbox = 1) => new(
        id,
        "Quotation",
        version,
        state,
        etag,
        [new AuditRecord(version, 0, At, "aad-sales", "Sam", "submit", "first", null)],
        Enumerable.Range(0, outbox).Select(i => new OutboxRecord(version, i, "post", $"{{\"n\":{i}}}", At)).ToList());

    [Fact]
    public async Task Commit_writes_state_audit_and_outbox_in_one_partition()
    {
        var store = new WorkflowStore(NewStorage());

        var result = await store.CommitAsync(Step("QT-2026-0001", 1, null, "{\"s\":\"draft\"}", outbox: 2), default);

        Assert.IsType<CommitResult.Committed>(result);
        var partition = await store.LoadAsync("QT-2026-0001", default);
        Assert.NotNull(partition);
        Assert.Equal(1, partition.State.Version);
        Assert.Equal("{\"s\":\"draft\"}", partition.State.StateJson);
        Assert.Single(partition.Audit);
        Assert.Equal("submit", partition.Audit[0].Action);
        Assert.Equal(2, partition.Outbox.Count);
        Assert.All(partition.Outbox, o => Assert.Null(o.DispatchedAt));
    }

    [Fact]
    public async Task A_stale_etag_is_a_typed_conflict_and_writes_nothing()
    {
        var store = new WorkflowStore(NewStorage());
        var created = Assert.IsType<CommitResult.Committed>(await store.CommitAsync(Step("QT-2026-0002", 1, null, "{\"v\":1}"), default));

        // Two approvers both loaded version 1; the first one wins.
        var first = await store.CommitAsync(Step("QT-2026-0002", 2, created.ETag, "{\"v\":2,\"by\":\"first\"}"), default);
        var second = await store.CommitAsync(Step("QT-2026-0002", 2, created.ETag, "{\"v\":2,\"by\":\"second\"}"), default);

        Assert.IsType<CommitResult.Committed>(first);
        var conflict = Assert.IsType<CommitResult.Conflict>(second);
        Assert.Equal("QT-2026-0002", conflict.Id);
        var partition = (await store.LoadAsync("QT-2026-0002", default))!;
        Assert.Contains("first", partition.State.StateJson, StringComparison.Ordinal);
        Assert.Equal(2, partition.Audit.Count);
        Assert.Equal(2, partition.Outbox.Count);
    }

    [Fact]
    public async Task Creating_an_existing_workflow_is_a_conflict()
    {
        var store = new WorkflowStore(NewStorage());
        await store.CommitAsync(Step("QT-2026-0003", 1, null, "{}"), default);

        var again = await store.CommitAsync(Step("QT-2026-0003", 1, null, "{\"other\":true}"), default);

        Assert.IsType<CommitResult.Conflict>(again);
        Assert.Equal("{}", (await store.GetStateAsync("QT-2026-0003", default))!.StateJson);
    }

    [Fact]
    public async Task A_batch_that_fails_in_its_last_row_leaves_no_trace()
    {
        var storage = NewStorage();
        var store = new WorkflowStore(storage);
        var created = Assert.IsType<CommitResult.Committed>(await store.CommitAsync(Step("QT-2026-0004", 1, null, "{\"v\":1}"), default));

        // Version 2 with an outbox row whose key already exists (version 1, index 0): the last action fails.
        var broken = new WorkflowCommit(
            "QT-2026-0004",
            "Quotation",
            2,
            "{\"v\":2}",
            created.ETag,
            [new AuditRecord(2, 0, At, "aad-gm", "GM", "approve", null, null)],
            [new OutboxRecord(2, 0, "post", "{}", At), new OutboxRecord(1, 0, "post", "{}", At)]);

        await Assert.ThrowsAsync<TableTransactionFailedException>(() => store.CommitAsync(broken, default));

        var partition = (await store.LoadAsync("QT-2026-0004", default))!;
        Assert.Equal(1, partition.State.Version);
        Assert.Equal("{\"v\":1}", partition.State.StateJson);
        Assert.Equal(created.ETag, partition.State.ETag);
        Assert.Single(partition.Audit);
        Assert.Single(partition.Outbox);
    }

    [Fact]
    public async Task A_step_with_too_many_rows_is_refused_before_any_write()
    {
        var store = new WorkflowStore(NewStorage());

        await Assert.ThrowsAsync<ArgumentException>(() => store.CommitAsync(Step("QT-2026-0005", 1, null, "{}", outbox: 99), default));

        Assert.Null(await store.GetStateAsync("QT-2026-0005", default));
    }

    [Fact]
    public async Task Marking_an_outbox_row_dispatched_keeps_the_state_etag()
    {
        var store = new WorkflowStore(NewStorage());
        var created = Assert.IsType<CommitResult.Committed>(await store.CommitAsync(Step("QT-2026-0006", 1, null, "{}"), default));
        var row = (await store.LoadAsync("QT-2026-0006", default))!.Outbox[0];

        await store.MarkDispatchedAsync("QT-2026-0006", row, At.AddSeconds(1), "activity-1", default);
        await store.MarkDispatchedAsync("QT-2026-0006", row, At.AddSeconds(2), "activity-1", default);

        var partition = (await store.LoadAsync("QT-2026-0006", default))!;
        Assert.Equal(At.AddSeconds(2), partition.Outbox[0].DispatchedAt);
        Assert.Equal("activity-1", partition.Outbox[0].DispatchResult);
        Assert.Equal(created.ETag, partition.State.ETag);
    }

    [Fact]
    public async Task Ids_with_characters_keys_forbid_are_escaped_and_round_trip()
    {
        var store = new WorkflowStore(NewStorage());

        await store.CommitAsync(Step("odd/id#1?", 1, null, "{}"), default);

        Assert.Equal("odd/id#1?", (await store.GetStateAsync("odd/id#1?", default))!.Id);
    }
}
