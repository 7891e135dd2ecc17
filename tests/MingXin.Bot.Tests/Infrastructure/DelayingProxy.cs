using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// A loopback proxy in front of Azurite that passes every request on, but holds back the answer to the
/// first request matching a rule until its caller gives up waiting — the storage did the work, the
/// caller never hears so and retries.
/// </summary>
public sealed class DelayingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private int _delayed;

    private DelayingProxy(WebApplication app) => _app = app;

    public int Port { get; private set; }

    /// <summary>Every request passed on: method, path and query (decoded), in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>How many requests were answered late.</summary>
    public int Delayed => Volatile.Read(ref _delayed);

    public static async Task<DelayingProxy> StartAsync(int upstreamPort, Func<HttpRequest, bool> delayFirst)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new DelayingProxy(app);
        app.Run(async context =>
        {
            proxy.Requests.Enqueue($"{context.Request.Method} {Uri.UnescapeDataString(context.Request.Path + context.Request.QueryString.ToString())}");
            var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), $"http://127.0.0.1:{upstreamPort}{context.Request.Path}{context.Request.QueryString}");
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
            foreach (var (name, values) in context.Request.Headers)
            {
                if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
                {
                    request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
                }
            }

            using var response = await proxy._upstream.SendAsync(request);
            if (delayFirst(context.Request) && Interlocked.CompareExchange(ref proxy._delayed, 1, 0) == 0)
            {
                // The work upstream is done; the answer comes only after the caller's timeout has cut the request off.
                await Task.WhenAny(Task.Delay(Timeout.Infinite, context.RequestAborted));
                return;
            }

            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body);
        });
        await app.StartAsync();
        proxy.Port = new Uri(app.Urls.First()).Port;
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
