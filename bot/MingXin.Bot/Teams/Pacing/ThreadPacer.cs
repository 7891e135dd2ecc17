namespace MingXin.Bot.Teams.Pacing;

/// <summary>
/// Spaces the bot's calls to Teams so that no conversation gets more than its windows allow (7 in 1 s, 8 in 2 s, 60 in
/// 30 s, 1,800 in an hour) and the tenant no more than its per-second limit. Each call reserves the earliest moment
/// every window has room for it — a sliding log of the moments already reserved, per conversation — and waits until
/// then; calls to different conversations do not wait for each other. The clock is injected.
/// </summary>
/// <remarks>
/// A log rather than token buckets (System.Threading.RateLimiting): Teams counts sends in sliding windows, so the log
/// keeps exactly to them with no slack to give away and no burst to allow by mistake, and it runs on the injected
/// <see cref="TimeProvider"/> (the rate limiters replenish on their own timers).
/// </remarks>
public sealed class ThreadPacer
{
    private const string Tenant = "\0tenant";
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<(int Count, TimeSpan Window)> _windows;
    private readonly (int Count, TimeSpan Window) _tenant;
    private readonly TimeSpan _longest;
    private readonly int _keep;
    private readonly Dictionary<string, List<DateTimeOffset>> _logs = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private DateTimeOffset _lastSweep;

    public ThreadPacer(IReadOnlyList<(int Count, TimeSpan Window)> windows, int tenantPerSecond, TimeProvider time)
    {
        _windows = windows;
        _tenant = (tenantPerSecond, TimeSpan.FromSeconds(1));
        _time = time;
        _longest = windows.Count == 0 ? TimeSpan.FromSeconds(1) : windows.Max(w => w.Window);
        _keep = windows.Count == 0 ? 1 : windows.Max(w => w.Count);
        _lastSweep = time.GetUtcNow();
    }

    /// <summary>Conversations with sends in the last window (what the pacer holds in memory).</summary>
    public int Tracked
    {
        get
        {
            lock (_gate)
            {
                return _logs.Count;
            }
        }
    }

    /// <summary>Waits until a call to <paramref name="conversation"/> fits every window (at once when pacing is off).</summary>
    public async Task WaitAsync(string conversation, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        var wait = Reserve(conversation);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether sends wait at all (<c>Connector:Pacing:Enabled</c>).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Reserves the next free moment for a call to <paramref name="conversation"/> and says how long to wait for it.</summary>
    public TimeSpan Reserve(string conversation)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Sweep(now);
            var log = Log(conversation);

            // A conversation's calls go in order: each after the one reserved before it, and, for every window, no
            // earlier than the window after the count-th latest one — then that window holds count - 1 and this call.
            var at = log.Count > 0 && log[^1] > now ? log[^1] : now;
            foreach (var (count, window) in _windows)
            {
                if (log.Count >= count && log[^count] + window > at)
                {
                    at = log[^count] + window;
                }
            }

            // The tenant's calls come from every conversation, reserved out of order: a second that already holds its
            // share (counted generously, a second either side) moves the call past the earliest call in it.
            // (The log is sorted: two binary searches per look, whatever the backlog reserved ahead.)
            var tenant = Log(Tenant);
            for (var guard = 0; guard < 1000; guard++)
            {
                var first = After(tenant, at - _tenant.Window);
                var end = After(tenant, at + _tenant.Window - TimeSpan.FromTicks(1));
                if (end - first < _tenant.Count)
                {
                    break;
                }

                at = tenant[first] + _tenant.Window;
            }

            Insert(log, at);
            if (log.Count > _keep)
            {
                log.RemoveRange(0, log.Count - _keep); // only the latest `count` of the largest window matter
            }

            Insert(tenant, at);
            tenant.RemoveRange(0, After(tenant, now - _tenant.Window)); // the tenant's window is a second: older calls no longer count
            return at - now;
        }
    }

    private List<DateTimeOffset> Log(string key)
    {
        if (!_logs.TryGetValue(key, out var log))
        {
            _logs[key] = log = [];
        }

        return log;
    }

    private static void Insert(List<DateTimeOffset> log, DateTimeOffset at) => log.Insert(After(log, at), at);

    /// <summary>The index of the first entry later than <paramref name="at"/> in a sorted log.</summary>
    private static int After(List<DateTimeOffset> log, DateTimeOffset at)
    {
        var (low, high) = (0, log.Count);
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (log[mid] <= at)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>Forgets what lies beyond the longest window (memory stays bounded by the conversations of the last hour).</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < TimeSpan.FromSeconds(10))
        {
            return;
        }

        _lastSweep = now;
        foreach (var key in _logs.Keys.ToList())
        {
            var log = _logs[key];
            log.RemoveAll(t => t <= now - _longest);
            if (log.Count == 0)
            {
                _logs.Remove(key);
            }
        }
    }
}
