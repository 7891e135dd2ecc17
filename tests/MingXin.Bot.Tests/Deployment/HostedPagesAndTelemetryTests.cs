using System.Collections.Concurrent;
using System.Net;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace MingXin.Bot.Tests.Deployment;

/// <summary>What the Azure deployment relies on in the host: the pages the Teams manifest links to, and Application Insights.</summary>
public sealed class HostedPagesAndTelemetryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData("/privacy", "隐私")]
    [InlineData("/terms", "Terms of use")]
    public async Task The_pages_the_manifest_links_to_are_served(string path, string expected)
    {
        await using var host = new BotHost(azurite.ConnectionString);
        var response = await host.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_connection_string_no_telemetry_is_set_up()
    {
        await using var host = new BotHost(azurite.ConnectionString);
        _ = host.CreateClient();

        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task With_the_Application_Insights_connection_string_requests_are_exported_there()
    {
        var received = new ConcurrentQueue<string>();
        var ingestion = WebApplication.CreateSlimBuilder();
        ingestion.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = ingestion.Build();
        app.Run(async context =>
        {
            received.Enqueue(context.Request.Method + " " + context.Request.Path);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"itemsReceived":1,"itemsAccepted":1,"errors":[]}""");
        });
        await app.StartAsync();
        var endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        var host = new BotHost(azurite.ConnectionString, extra: new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={endpoint}/;LiveEndpoint={endpoint}/",
        });
        await using (host)
        {
            Assert.NotNull(host.Services.GetService<TracerProvider>());
            Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().GetAsync("/healthz")).StatusCode);
        }

        // Disposing the host flushes the exporter.
        await Eventually.TrueAsync(() => received.Any(r => r.StartsWith("POST", StringComparison.Ordinal) && r.Contains("track", StringComparison.OrdinalIgnoreCase)), "telemetry posted to the ingestion endpoint", diagnostics: () => string.Join(", ", received));
        await app.StopAsync();
    }
}
