using System.Diagnostics;
using System.Globalization;
using System.Net;
using MingXin.Bot.Tests.Infrastructure;
using MingXin.Bot.Tests.Security;

/// <summary>
/// The body attack: many concurrent chunked requests of 28 MB each (no Content-Length, any Authorization
/// header) against the bot as its own process, with an app id (the token is never valid) and without one
/// (development). Measured: what each request was answered, whether any turn ran (Connector calls), and
/// the process's peak resident memory next to its idle memory. The bot must answer 413 and stay near idle.
/// Usage: dotnet run -c Release --project tests/MingXin.Bot.Benchmarks -- bodies [requests]
/// </summary>
internal static class OversizeBodies
{
    private const int BodyMegabytes = 28;

    public static async Task<int> RunAsync(int requests)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var failed = false;
        try
        {
            foreach (var withAppId in new[] { true, false })
            {
                await using var connector = await RecordingConnector.StartAsync();
                var settings = withAppId
                    ? new Dictionary<string, string> { ["MicrosoftAppId"] = "22222222-2222-2222-2222-222222222222", ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppTenantId"] = "33333333-3333-3333-3333-333333333333", ["MicrosoftAppPassword"] = "not-used" }
                    : new Dictionary<string, string>();
                await using var bot = await BotProcess.StartAsync(azurite.ConnectionString, AzuriteFixture.NewTablePrefix(), settings);
                var idle = FanOut.PeakRssMegabytes(bot.Id); // the most it held through start-up (healthy by now)

                // One 28 MB activity, sent in chunks by every request at once.
                var activity = Activities.PersonalMessage(connector.ServiceUrl, "help " + new string('x', BodyMegabytes * 1024 * 1024), BotHost.SalesId, "en-US");
                var body = System.Text.Encoding.UTF8.GetBytes(activity.ToJsonString());
                var clock = Stopwatch.StartNew();
                var statuses = await Task.WhenAll(Enumerable.Range(0, requests).Select(async _ =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new RequestBodyTests.ChunkedContent(body) };
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer anything");
                    try
                    {
                        return (await bot.Client.SendAsync(request)).StatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return HttpStatusCode.RequestEntityTooLarge; // the server stopped reading and closed the connection: refused all the same
                    }
                }));
                var elapsed = clock.Elapsed;
                var peak = FanOut.PeakRssMegabytes(bot.Id);
                var refused = statuses.Count(s => s == HttpStatusCode.RequestEntityTooLarge);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(withAppId ? "with an app id   " : "without an app id")}: {requests} chunked requests of {BodyMegabytes} MB in {elapsed.TotalSeconds:F1} s — 413: {refused}, other: {string.Join(", ", statuses.Where(s => s != HttpStatusCode.RequestEntityTooLarge).GroupBy(s => s).Select(g => $"{(int)g.Key}×{g.Count()}"))}{(refused == requests ? "none" : string.Empty)}; turns run (Connector calls): {connector.Calls.Count}; peak RSS {peak:F0} MB against {idle:F0} MB idle ({peak / idle:F2}×)"));
                failed |= refused != requests || connector.Calls.Count != 0;
            }

            return failed ? 1 : 0;
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
