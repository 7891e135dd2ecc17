using System.Threading.RateLimiting;
using MingXin.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Teams;

/// <summary>
/// Lets <see cref="BotOptions.MaxConcurrentTurns"/> requests from Teams be read and decided at once, the oldest
/// waiting first. A request waits before its body is read: three hundred forms requested at once held three hundred
/// turns half done (their activities, cards and storage answers), all surviving collection after collection until
/// the last number was handed out; the bot's memory followed the burst. Waiting, a request holds only its connection.
/// A turn leaves its place when it starts answering through Teams (<see cref="LeaveOnConnectorCall"/>): an answer may
/// have to wait seconds for Teams' limits, and the turns behind it must not wait for that too.
/// Past <see cref="BotOptions.MaxWaitingTurns"/> a request is refused with 503, which Teams delivers again later.
/// </summary>
internal sealed class TurnGate(IOptions<BotOptions> options) : IDisposable
{
    private static readonly AsyncLocal<Place?> Current = new();

    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrentTurns,
        QueueLimit = options.Value.MaxWaitingTurns,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>A place among the turns being worked on (dispose it when the turn ends), or null when too many wait already.</summary>
    public async ValueTask<Place?> EnterAsync(CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (lease.IsAcquired)
        {
            return new Place(lease);
        }

        lease.Dispose();
        return null;
    }

    /// <summary>The turn of the calling flow, if it holds a place, gives it up: it is about to wait on Teams.</summary>
    public static void Leave() => Current.Value?.Dispose();

    public void Dispose() => _limiter.Dispose();

    internal sealed class Place(RateLimitLease lease) : IDisposable
    {
        private int _left;

        /// <summary>
        /// The turn run from here on (by the caller, after this call) holds this place: its first call to Teams gives it
        /// up. Called by the flow that runs the turn, as an async method's changes to that flow end with the method.
        /// </summary>
        public void HoldForThisFlow() => Current.Value = this;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                lease.Dispose();
            }
        }
    }

    /// <summary>On the Connector's HTTP client: a turn's first call to Teams gives up the turn's place.</summary>
    internal sealed class LeaveOnConnectorCall : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Leave();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
