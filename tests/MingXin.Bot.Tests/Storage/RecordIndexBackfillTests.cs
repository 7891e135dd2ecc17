using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Surveys;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using MingXin.Bot.Workflows;
using MingXin.Bot.Workflows.Records;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Storage;

/// <summary>Forms saved before the record index existed are indexed once, at the first start of a version that has it.</summary>
public sealed class RecordIndexBackfillTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Forms_from_before_the_index_are_found_after_the_next_start_and_only_once()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var store = new WorkflowStore(TestStorage.Open(azurite.ConnectionString, prefix));
        var at = new DateTimeOffset(2026, 10, 12, 2, 0, 0, TimeSpan.Zero);
        var sales = new Actor(new PersonRef(BotHost.SalesId, "Sam Sales"), new HashSet<Position> { Position.Salesperson });
        var survey = SatisfactionSurvey.Start("SV-2026-0007", "CU-2026-0001", "华美礼品", "2026-H2", ["2026-H2"], "黄先生", ContactChannel.Email, sales, at).Survey!;
        await TestStorage.Open(azurite.ConnectionString, prefix).EnsureCreatedAsync(default);
        var saved = await store.CommitAsync(new WorkflowCommit(survey.Id, SatisfactionSurvey.Kind, 1, WorkflowJson.Serialize(survey.State), null, [], []), default);
        Assert.IsType<CommitResult.Committed>(saved); // saved as an older version did: no index rows

        await using (var host = new BotHost(azurite.ConnectionString, tablePrefix: prefix))
        {
            host.CreateClient().Dispose();
            var backfill = host.Services.GetRequiredService<RecordIndexBackfill>();
            var index = host.Services.GetRequiredService<RecordIndex>();
            await Eventually.TrueAsync(() => index.SearchAsync(new RecordSearch(null, "华美礼品", null, null, null, null, null), ["华美礼品"], new DateOnly(2026, 11, 27), default).Result.Records.Count == 1, "the old survey to be indexed");
            var found = (await index.SearchAsync(new RecordSearch(null, "华美礼品", null, null, null, null, null), ["华美礼品"], new DateOnly(2026, 11, 27), default)).Records.Single();
            Assert.Equal("SV-2026-0007", found.Id);
            Assert.Equal(RecordState.Open, found.State);
            Assert.Equal(["sales"], found.WaitingOn); // waits on the salesperson who sent it
            Assert.Equal(0, await backfill.RunAsync(default)); // done: the marker is there
        }
    }

    [Fact]
    public async Task A_notice_in_production_indexed_by_the_previous_version_as_closed_reads_open_in_production_after_the_next_start()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var tables = TestStorage.Open(azurite.ConnectionString, prefix);
        await tables.EnsureCreatedAsync(default);
        var store = new WorkflowStore(tables);
        var at = new DateTimeOffset(2026, 10, 12, 2, 0, 0, TimeSpan.Zero);
        Actor A(string id, Position p) => new(new PersonRef(id, id), new HashSet<Position> { p });
        var order = new OrderRef("SO-2026-0001", "QT-2026-0001", "华美礼品", "礼盒", "250×180×60", 5_000, new DateOnly(2026, 11, 30), null, false, OrderReviewStatus.Passed);
        var notice = ProductionNotice.Start("PN-2026-0001", order, [], null, A(BotHost.SalesId, Position.Salesperson), at).Notice!;
        notice.PassOn(A(BotHost.ClerkId, Position.FollowUpClerk), null, at);
        notice.GmApprove(A(BotHost.GmId, Position.GeneralManager), null, at, new AnswerClock(at, at.AddMinutes(90), at.AddMinutes(120), WorkingTime: false));
        notice.RecordTicket(A(BotHost.PlannerId, Position.ProductionPlanner), "T-1", at);
        Assert.IsType<CommitResult.Committed>(await store.CommitAsync(new WorkflowCommit(notice.Id, ProductionNotice.Kind, notice.State.Version, WorkflowJson.Serialize(notice.State), null, [], []), default));

        // As the previous version left it: indexed closed, "Released", its backfill marked done.
        var index = new RecordIndex(tables);
        await index.IndexAsync(new RecordSummary(notice.Id, ProductionNotice.Kind, RecordState.Closed, "Released", "华美礼品", at, "Sam Sales", "礼盒", at), default);
        await tables.Counters.AddEntityAsync(new Azure.Data.Tables.TableEntity("migrations", "record-index-v1"), default);

        await using var host = new BotHost(azurite.ConnectionString, tablePrefix: prefix);
        host.CreateClient().Dispose();
        var open = new RecordSearch(null, null, FormCatalog.ByKind(ProductionNotice.Kind), RecordState.Open, null, null, null);
        await Eventually.TrueAsync(() => index.SearchAsync(open, [], new DateOnly(2026, 11, 27), default).Result.Records.Count == 1, "the notice to be indexed again as open");
        var found = (await index.SearchAsync(open, [], new DateOnly(2026, 11, 27), default)).Records.Single();
        Assert.Equal((notice.Id, "InProduction", (DateTimeOffset?)null), (found.Id, found.Status, found.ClosedAt));
    }
}
