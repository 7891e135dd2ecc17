using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// A stand-in for the Bot Connector service on a loopback port: records every call the bot makes
/// (it is the activities' <c>serviceUrl</c>) and answers like Teams does. Failures can be scripted
/// (e.g. 429 with Retry-After, 500) for the next calls.
/// </summary>
public sealed class RecordingConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedFailure> _failures = new();
    private TaskCompletionSource? _hold;
    private volatile bool _holdMessages;
    private readonly Dictionary<string, Queue<DateTime>> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _refused = new(StringComparer.Ordinal);
    private IReadOnlyList<(int Count, TimeSpan Window)> _threadLimits = [];
    private int _held;
    private int _nextId;

    private RecordingConnector(WebApplication app)
    {
        _app = app;
    }

    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>Every request, in arrival order, including the failed ones.</summary>
    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    /// <summary>The calls that succeeded (2xx).</summary>
    public IReadOnlyList<RecordedCall> Delivered => Calls.Where(c => c.Status is >= 200 and < 300).ToList();

    /// <summary>Every new channel thread delivered (a form's card posted to a channel): the form's number and the channel id, in order.</summary>
    public List<(string Form, string Channel)> NewThreads() => Delivered
        .Where(c => c.Method == "POST" && c.Path == "/v3/conversations" && c.Body?["channelData"]?["channel"] is not null)
        .Select(c => (
            c.Body!["activity"]!["attachments"]![0]!["content"]!["refresh"]!["action"]!["data"]!["workflow"]!.GetValue<string>(),
            c.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>()))
        .ToList();

    public static async Task<RecordingConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new RecordingConnector(app);
        app.Run(connector.HandleAsync);
        await app.StartAsync();
        connector.ServiceUrl = app.Urls.First().TrimEnd('/') + "/";
        return connector;
    }

    /// <summary>The next <paramref name="count"/> calls fail with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status, TimeSpan? retryAfter = null)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue(new ScriptedFailure(status, retryAfter));
        }
    }

    /// <summary>
    /// From now on Teams refuses the channel with <paramref name="status"/> — new threads in it and replies or updates
    /// in its threads — as when the bot was removed from the team (403) or the channel deleted (404).
    /// </summary>
    public void Refuse(string channelId, int status = 403) => _refused[channelId] = status;

    /// <summary>Forgets the scripted failures that have not happened yet.</summary>
    public void StopFailing() => _failures.Clear();

    /// <summary>
    /// New channel threads (POST /v3/conversations) wait unanswered until <see cref="ReleasePosts"/>,
    /// as when Teams hangs. A held request whose caller has gone by then was never delivered.
    /// </summary>
    public void HoldPosts() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>As <see cref="HoldPosts"/>, and every message the bot sends into a conversation (its replies) waits too.</summary>
    public void HoldMessages()
    {
        _holdMessages = true;
        HoldPosts();
    }

    /// <summary>
    /// From now on new posts are answered; the ones held stay held until their caller gives up, and so are never
    /// delivered. (Releasing them instead races their caller's timeout: a post answered in the same instant as the
    /// caller stops waiting counts here as delivered while the caller, not knowing, posts it again.)
    /// </summary>
    public void LetNewPostsThrough()
    {
        _holdMessages = false;
        Volatile.Write(ref _hold, null);
    }

    public void ReleasePosts()
    {
        _holdMessages = false;
        Interlocked.Exchange(ref _hold, null)?.TrySetResult();
    }

    /// <summary>
    /// Enforces Teams' per-thread limits: a message to one thread (a new thread counts against its channel) that
    /// would make any window hold more than its count gets 429, with Retry-After the whole seconds until it has room.
    /// </summary>
    public void LimitPerThread(params (int Count, TimeSpan Window)[] windows) => _threadLimits = windows;

    /// <summary>How many requests are waiting in a hold now.</summary>
    public int Held => Volatile.Read(ref _held);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Files put to <c>{ServiceUrl}upload/…</c> (standing in for the OneDrive upload session Teams hands out), by path.</summary>
    public ConcurrentDictionary<string, byte[]> Uploads { get; } = new(StringComparer.Ordinal);

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/upload"))
        {
            using var bytes = new MemoryStream();
            await context.Request.Body.CopyToAsync(bytes);
            Uploads[context.Request.Path.Value!] = bytes.ToArray();
            Calls.Enqueue(new RecordedCall(context.Request.Method, context.Request.Path, null, 201, DateTimeOffset.UtcNow));
            context.Response.StatusCode = 201;
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var json = string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        var at = DateTimeOffset.UtcNow;

        if (_hold is { } hold && context.Request.Method == "POST"
            && (context.Request.Path == "/v3/conversations" || (_holdMessages && context.Request.Path.Value!.Contains("/activities", StringComparison.Ordinal))))
        {
            Interlocked.Increment(ref _held);
            try
            {
                await Task.WhenAny(hold.Task, Task.Delay(Timeout.Infinite, context.RequestAborted));
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }

            if (context.RequestAborted.IsCancellationRequested)
            {
                Calls.Enqueue(new RecordedCall(context.Request.Method, context.Request.Path, json, 499, at)); // the caller went away: not delivered
                return;
            }
        }

        if (_threadLimits.Count > 0 && context.Request.Method is "POST" or "PUT" && Throttled(context.Request.Path.Value!, json, at.UtcDateTime) is { } retryAfter)
        {
            Calls.Enqueue(new RecordedCall(context.Request.Method, context.Request.Path, json, 429, at));
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return;
        }

        var target = context.Request.Path == "/v3/conversations" ? json?["channelData"]?["channel"]?["id"]?.GetValue<string>() : Uri.UnescapeDataString(context.Request.Path.Value!);
        if (target is not null && _refused.FirstOrDefault(r => target.Contains(r.Key, StringComparison.Ordinal)) is { Key: not null } refused)
        {
            Calls.Enqueue(new RecordedCall(context.Request.Method, context.Request.Path, json, refused.Value, at));
            context.Response.StatusCode = refused.Value;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}""");
            return;
        }

        if (_failures.TryDequeue(out var failure))
        {
            Calls.Enqueue(new RecordedCall(context.Request.Method, context.Request.Path, json, failure.Status, at));
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return;
        }

        Calls.Enqueue(new RecordedCall(context.Request.Method, context.Request.Path, json, 200, at));
        var id = Interlocked.Increment(ref _nextId).ToString("D6", CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        if (context.Request.Method == "POST" && context.Request.Path == "/v3/conversations")
        {
            if (json?["channelData"]?["channel"] is null && json?["members"]?[0]?["id"]?.GetValue<string>() is { } member)
            {
                // A personal chat with one person: Teams answers with that chat's id — the one the person's own
                // messages there carry (the test activities' "a:personal-<aad id>").
                await context.Response.WriteAsync(new JsonObject { ["id"] = "a:personal-" + (member.StartsWith("29:", StringComparison.Ordinal) ? member[3..] : member) }.ToJsonString());
                return;
            }

            // A new thread in a channel: Teams answers with the thread's conversation id and the root message id.
            var channelId = json?["channelData"]?["channel"]?["id"]?.GetValue<string>() ?? "unknown";
            await context.Response.WriteAsync(new JsonObject { ["id"] = $"{channelId};messageid={id}", ["activityId"] = id }.ToJsonString());
            return;
        }

        if (context.Request.Method == "GET" && context.Request.Path.Value!.Contains("/members/", StringComparison.Ordinal))
        {
            // A roster lookup by Entra object id: Teams answers with the member's Teams user id.
            var member = Uri.UnescapeDataString(context.Request.Path.Value!.Split("/members/")[1]);
            await context.Response.WriteAsync(new JsonObject { ["id"] = "29:" + member, ["aadObjectId"] = member, ["name"] = "Member " + member }.ToJsonString());
            return;
        }

        if (context.Request.Method == "GET" && context.Request.Path.StartsWithSegments("/v3/teams", out var rest))
        {
            // Team details and channel list, as Teams answers them (the General channel has no name).
            var teamId = Uri.UnescapeDataString(rest.Value!.Trim('/').Split('/')[0]);
            var answer = rest.Value!.EndsWith("/conversations", StringComparison.Ordinal)
                ? new JsonObject { ["conversations"] = new JsonArray(new JsonObject { ["id"] = teamId }, new JsonObject { ["id"] = "19:qc-channel@thread.tacv2", ["name"] = "品管频道" }) }
                : new JsonObject { ["id"] = teamId, ["name"] = "明新工厂 Team", ["aadGroupId"] = "group-1" };
            await context.Response.WriteAsync(answer.ToJsonString());
            return;
        }

        await context.Response.WriteAsync(new JsonObject { ["id"] = id }.ToJsonString());
    }

    /// <summary>Counts the message against its thread's last second; true when that is over the limit.</summary>
    /// <summary>How long until the thread has room, when a window is full now; null when the message may go.</summary>
    private TimeSpan? Throttled(string path, JsonNode? body, DateTime now)
    {
        var thread = path == "/v3/conversations"
            ? body?["channelData"]?["channel"]?["id"]?.GetValue<string>() ?? "unknown"
            : Uri.UnescapeDataString(path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) ?? "unknown");
        var longest = _threadLimits.Max(l => l.Window);
        lock (_sent)
        {
            if (!_sent.TryGetValue(thread, out var times))
            {
                _sent[thread] = times = new Queue<DateTime>();
            }

            while (times.Count > 0 && now - times.Peek() >= longest)
            {
                times.Dequeue();
            }

            TimeSpan? wait = null;
            foreach (var (count, window) in _threadLimits)
            {
                var inWindow = times.Where(t => now - t < window).ToList();
                if (inWindow.Count >= count)
                {
                    var free = inWindow[^count] + window - now;
                    wait = wait is { } w && w > free ? w : free;
                }
            }

            if (wait is null)
            {
                times.Enqueue(now);
            }

            return wait;
        }
    }

    private sealed record ScriptedFailure(int Status, TimeSpan? RetryAfter);
}

/// <summary>One request the bot made to the Connector.</summary>
public sealed record RecordedCall(string Method, string Path, JsonNode? Body, int Status, DateTimeOffset At)
{
    /// <summary>The Adaptive Card in the activity, if it carries one.</summary>
    public JsonObject? Card => Body?["attachments"] is JsonArray { Count: > 0 } attachments ? attachments[0]?["content"] as JsonObject : null;

    public string? Text => Body?["text"]?.GetValue<string>();
}
