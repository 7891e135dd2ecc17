using System.Text.Json;
using MingXin.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;

namespace MingXin.Bot.Teams;

/// <summary>
/// <c>POST /api/messages</c>. Lets the request wait its turn (<see cref="TurnGate"/>; 503 when too many
/// wait), checks its shape before the adapter sees it (400 with a clear message), lets
/// <see cref="CloudAdapter"/> authenticate it (401), and turns a storage outage into 503 so that the
/// channel redelivers the activity later.
/// </summary>
internal static class BotEndpoint
{
    private const int MaxBodyBytes = 256 * 1024;

    private const int UnknownLengthInMemory = 32 * 1024;

    private static readonly TimeSpan TurnLimit = TimeSpan.FromMinutes(2);

    public static async Task HandleAsync(HttpContext context, CloudAdapter adapter, IBot bot, TurnGate gate, IConfiguration configuration, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("MingXin.Bot.Teams.BotEndpoint");
        var authenticationRequired = !string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]);
        if (authenticationRequired && string.IsNullOrWhiteSpace(context.Request.Headers.Authorization))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (context.Request.ContentLength is > MaxBodyBytes)
        {
            await ProblemAsync(context, StatusCodes.Status413PayloadTooLarge, TooLarge).ConfigureAwait(false);
            return;
        }

        // Teams giving up on a request still waiting its turn drops it (nothing of it has begun; Teams delivers it again).
        TurnGate.Place? place;
        try
        {
            place = await gate.EnterAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        using var held = place;
        if (place is null)
        {
            logger.LogWarning("Too many requests waiting: answering 503 so that Teams delivers this one again later.");
            context.Response.Headers.RetryAfter = "5";
            await ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Too many requests at once; retry later.").ConfigureAwait(false);
            return;
        }

        place.HoldForThisFlow();

        // The bytes actually read are capped, whatever the headers say (a chunked body has no length):
        // the server stops reading past the limit, and the buffer that lets the adapter read the body
        // again holds at most the limit in memory and refuses more — before the token is checked.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        // Held in memory: as many bytes as the request says it carries (an activity is a few kilobytes); a body of
        // unknown length up to 32 KB, and on disk beyond. A threshold of the whole limit rented 256 KB for every
        // request whatever its size: 300 requests at once held 80 MB of them (the fan-out driver's heap dump).
        var inMemory = (int)Math.Clamp(context.Request.ContentLength ?? UnknownLengthInMemory, 1024, MaxBodyBytes);
        context.Request.EnableBuffering(bufferThreshold: inMemory, bufferLimit: MaxBodyBytes);
        string? problem;
        try
        {
            problem = await ValidateAsync(context.Request).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTooLarge(ex))
        {
            logger.LogWarning("Refused a request body larger than {Limit} bytes.", MaxBodyBytes);
            await ProblemAsync(context, StatusCodes.Status413PayloadTooLarge, TooLarge).ConfigureAwait(false);
            return;
        }

        if (problem is not null)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        context.Request.Body.Position = 0;

        // A turn that has begun is finished even if Teams stops waiting for the answer (it then delivers the
        // activity again): a step or a new form cut off half way would leave the redelivery guessing, and the
        // bot's replies go through the Connector, not this response. Only shutting down, or a turn far longer
        // than any should take, stops it.
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        turn.CancelAfter(TurnLimit);
        try
        {
            await adapter.ProcessAsync(context.Request, context.Response, bot, turn.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!TurnStartedMiddleware.HasStarted(context) && !context.Response.HasStarted
            && (ex is ArgumentException or Microsoft.IdentityModel.Tokens.SecurityTokenException || StorageFailure.IsUnavailable(ex)))
        {
            // The adapter failed before any turn ran, validating the token: the request is not authenticated.
            if (StorageFailure.IsUnavailable(ex))
            {
                logger.LogError(ex, "Could not reach the token issuer's metadata: answering 503.");
                context.Response.Clear();
                context.Response.Headers.RetryAfter = "10";
                await ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Authentication metadata is unavailable; retry later.").ConfigureAwait(false);
                return;
            }

            logger.LogWarning("Rejected a request whose token could not be validated: {Reason}", ex.Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex) && !context.Response.HasStarted)
        {
            logger.LogError(ex, "Storage unavailable: answering 503 so the channel retries.");
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "10";
            await ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Storage is unavailable; retry later.").ConfigureAwait(false);
        }
    }

    /// <summary>Returns what is wrong with the activity, or <c>null</c> when it has what a turn needs.</summary>
    internal static async Task<string?> ValidateAsync(HttpRequest request)
    {
        if (request.ContentType is null || !request.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return "The body must be a JSON activity (Content-Type: application/json).";
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return $"The body is not valid JSON: {ex.Message}";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "The body must be a JSON object (an activity).";
            }

            static string? Text(JsonElement e, string name) =>
                e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

            var missing = new List<string>();
            if (string.IsNullOrWhiteSpace(Text(root, "type")))
            {
                missing.Add("type");
            }

            if (string.IsNullOrWhiteSpace(Text(root, "serviceUrl")))
            {
                missing.Add("serviceUrl");
            }
            else if (!Uri.TryCreate(Text(root, "serviceUrl"), UriKind.Absolute, out var serviceUrl) || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
            {
                return "serviceUrl must be an absolute http(s) URL.";
            }

            if (string.IsNullOrWhiteSpace(Text(root, "channelId")))
            {
                missing.Add("channelId");
            }

            if (!root.TryGetProperty("conversation", out var conversation) || string.IsNullOrWhiteSpace(Text(conversation, "id")))
            {
                missing.Add("conversation.id");
            }

            var type = Text(root, "type");
            if (type is "message" or "invoke" && (!root.TryGetProperty("from", out var from) || string.IsNullOrWhiteSpace(Text(from, "id"))))
            {
                missing.Add("from.id");
            }

            return missing.Count == 0 ? null : $"The activity is missing required fields: {string.Join(", ", missing)}.";
        }
    }

    private static readonly string TooLarge = $"An activity may be at most {MaxBodyBytes} bytes.";

    /// <summary>The server's limit (413) or the buffer's limit was reached while reading the body.</summary>
    private static bool IsTooLarge(Exception ex) =>
        ex is Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || (ex is IOException && ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase));

    private static Task ProblemAsync(HttpContext context, int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status).ExecuteAsync(context);
}
