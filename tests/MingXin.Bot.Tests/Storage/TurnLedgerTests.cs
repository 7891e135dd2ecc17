using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Storage;

/// <summary>The ledger that makes "start a form" messages idempotent, when storage answers late.</summary>
public sealed class TurnLedgerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static TurnLedger Ledger(string connectionString, string prefix) =>
        new(TestStorage.Open(connectionString, prefix, requestTimeoutSeconds: 1));

    [Fact]
    public async Task A_claim_whose_answer_came_too_late_is_still_its_own_and_a_second_claim_is_not()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        await Ledger(azurite.ConnectionString, prefix).ClaimAsync("warm-up", default); // creates the tables directly

        // The insert reaches the storage, its answer does not reach the client in time; the client retries and gets 409.
        await using var proxy = await DelayingProxy.StartAsync(azurite.Port, r => r.Method == "POST" && r.Path.Value!.Contains("Turns", StringComparison.Ordinal));
        var late = Ledger(AzuriteFixture.UnreachableConnectionString(proxy.Port), prefix);
        var claim = await late.ClaimAsync("activity-1", default);

        Assert.Equal(1, proxy.Delayed);
        Assert.True(claim.Claimed); // its own insert: the form is started, not answered "being processed"

        var redelivery = await Ledger(azurite.ConnectionString, prefix).ClaimAsync("activity-1", default);
        Assert.False(redelivery.Claimed); // a real second delivery is still refused
    }
}
