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
}
