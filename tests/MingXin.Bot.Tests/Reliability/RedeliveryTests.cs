using System.Net;
using System.Text.Json.Nodes;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Reliability;

/// <summary>
/// A redelivered "start a form" message makes no second form and uses up no number, whatever the timing of
/// the storage's answers: the number is reserved under the message's claim before the save, and a save whose
/// answer was lost is found, not repeated under a new number.
/// </summary>
public sealed class RedeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_save_whose_answer_is_lost_makes_one_form_under_one_number_and_the_redelivery_gets_that_form()
    {
        // The form's batch reaches the storage; its answer does not come before the client's timeout, and the
        // client sends the batch again (409: it is there). Before, that lost the claim and the redelivery made
        // a second form under the next number.
        var armed = false;
        var proxy = await DelayingProxy.StartAsync(azurite.Port, r => Volatile.Read(ref armed) && r.Method == "POST" && r.Path.Value!.EndsWith("$batch", StringComparison.Ordinal));
        await using var _ = proxy;
        await using var connector = await RecordingConnector.StartAsync();
        await using var host = new BotHost(AzuriteFixture.UnreachableConnectionString(proxy.Port), extra: new Dictionary<string, string?> { ["Storage:RequestTimeoutSeconds"] = "1" });
        var client = host.CreateClient();
        await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "help", BotHost.SalesId)); // tables made, clock warm

        var message = Activities.PersonalMessage(connector.ServiceUrl, "申请 新烫金工艺试产 | 客户要求冷烫金", BotHost.SalesId);
        Volatile.Write(ref armed, true);
        var first = await Activities.PostAsync(client, message);
        Assert.Equal(1, proxy.Delayed);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var redelivered = await Activities.PostAsync(client, message); // Teams did not hear in time and sends it again

        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        var store = host.Services.GetRequiredService<WorkflowStore>();
        var year = host.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
        Assert.NotNull(await store.GetStateAsync($"IA-{year}-0001", default));
        Assert.Null(await store.GetStateAsync($"IA-{year}-0002", default)); // no second form
        var cards = connector.Delivered.Where(c => c.Path.Contains("a:personal-" + BotHost.SalesId, StringComparison.Ordinal) && c.Card?["refresh"] is not null)
            .Select(c => CardDriver.Id(c.Card!)).ToList();
        Assert.Equal([$"IA-{year}-0001", $"IA-{year}-0001"], cards); // both deliveries answered with the one form

        // The next form takes the next number: none was used up.
        await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, "申请 第二个 | 说明", BotHost.SalesId));
        Assert.Equal($"IA-{year}-0002", CardDriver.Id(connector.Delivered.Last(c => c.Path.Contains("a:personal-" + BotHost.SalesId, StringComparison.Ordinal)).Card!));
    }

    [Fact]
    public async Task A_claim_with_a_reserved_number_is_kept_and_a_redelivery_saves_the_form_under_that_number()
    {
        await using var connector = await RecordingConnector.StartAsync();
        await using var host = new BotHost(azurite.ConnectionString);
        var ledger = host.Services.GetRequiredService<TurnLedger>();
        var year = host.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;

        // A first delivery claimed the message and reserved IA-…-0007, then died before its batch.
        var message = Activities.PersonalMessage(connector.ServiceUrl, "申请 新烫金工艺试产 | 客户要求冷烫金", BotHost.SalesId);
        var activityId = message["id"]!.GetValue<string>();
        Assert.True((await ledger.ClaimAsync(activityId, default)).Claimed);
        await ledger.ReserveAsync(activityId, $"IA-{year}-0007", default);
        await ledger.ReleaseAsync(activityId, default); // what a failed start does: a reserved claim stays
        Assert.Equal($"IA-{year}-0007", (await ledger.ClaimAsync(activityId, default)).ReservedNumber);

        await Activities.PostAsync(host.CreateClient(), message);

        Assert.Equal($"IA-{year}-0007", CardDriver.Id(connector.Delivered.Last(c => c.Path.Contains("a:personal-" + BotHost.SalesId, StringComparison.Ordinal)).Card!));
        Assert.NotNull(await host.Services.GetRequiredService<WorkflowStore>().GetStateAsync($"IA-{year}-0007", default));
        Assert.Null(await host.Services.GetRequiredService<WorkflowStore>().GetStateAsync($"IA-{year}-0001", default)); // no new number taken
    }
}
