using Microsoft.Bot.Builder;

namespace MingXin.Bot.Teams;

/// <summary>
/// Marks the HTTP request once the adapter has authenticated the activity and a turn begins, so the
/// endpoint can tell a failure of authentication (nothing ran: 401) from a failure inside the turn.
/// </summary>
internal sealed class TurnStartedMiddleware(IHttpContextAccessor accessor) : Microsoft.Bot.Builder.IMiddleware
{
    public const string ItemKey = "MingXin.TurnStarted";

    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } http)
        {
            http.Items[ItemKey] = true;
        }

        return next(cancellationToken);
    }

    public static bool HasStarted(HttpContext context) => context.Items.ContainsKey(ItemKey);
}
