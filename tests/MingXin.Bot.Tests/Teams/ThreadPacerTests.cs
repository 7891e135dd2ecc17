using MingXin.Bot.Teams.Pacing;
using Microsoft.Extensions.Time.Testing;

namespace MingXin.Bot.Tests.Teams;

/// <summary>#21: sends are spaced inside Teams' published limits (per thread 7/1 s, 8/2 s, 60/30 s, 1,800/h; 50/s per tenant).</summary>
public sealed class ThreadPacerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);

    private static (ThreadPacer Pacer, FakeTimeProvider Time) Create(int tenant = 50)
    {
        var time = new FakeTimeProvider(T0);
        return (new ThreadPacer(new ConnectorPacingOptions { MarginMilliseconds = 0 }.Windows(), tenant, time), time);
    }

    [Fact]
    public void Seven_go_at_once_the_eighth_after_a_second_and_the_ninth_after_two()
    {
        var (pacer, _) = Create();
        var waits = Enumerable.Range(0, 9).Select(_ => pacer.Reserve("19:qc@thread.tacv2")).ToList();
        Assert.All(waits.Take(7), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(TimeSpan.FromSeconds(1), waits[7]);
        Assert.Equal(TimeSpan.FromSeconds(2), waits[8]); // 8 in 2 s
    }

    [Fact]
    public void Other_conversations_do_not_wait_for_a_busy_one()
    {
        var (pacer, _) = Create();
        for (var i = 0; i < 20; i++)
        {
            pacer.Reserve("busy");
        }

        Assert.All(Enumerable.Range(0, 5).Select(c => pacer.Reserve("thread-" + c)), w => Assert.Equal(TimeSpan.Zero, w));
    }

    [Fact]
    public void The_tenant_limit_holds_across_conversations()
    {
        var (pacer, _) = Create(tenant: 50);
        var waits = Enumerable.Range(0, 60).Select(c => pacer.Reserve("thread-" + c)).ToList();
        Assert.Equal(50, waits.Count(w => w == TimeSpan.Zero));
        Assert.All(waits.Skip(50), w => Assert.Equal(TimeSpan.FromSeconds(1), w));
    }

    /// <summary>Whatever the arrival times, no window of any length Teams counts ever holds more than its count.</summary>
    [Fact]
    public void Random_arrivals_never_exceed_any_window()
    {
        var random = new Random(20261201);
        for (var run = 0; run < 20; run++)
        {
            var (pacer, time) = Create();
            var sent = new Dictionary<string, List<DateTimeOffset>>();
            for (var i = 0; i < 400; i++)
            {
                time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 400)));
                var conversation = "t" + random.Next(0, 3);
                var at = time.GetUtcNow() + pacer.Reserve(conversation);
                (sent.TryGetValue(conversation, out var list) ? list : sent[conversation] = []).Add(at);
            }

            foreach (var (conversation, times) in sent)
            {
                times.Sort();
                for (var i = 1; i < times.Count; i++)
                {
                    Assert.True(times[i] >= times[i - 1]);
                }

                foreach (var (count, window) in new ConnectorPacingOptions { MarginMilliseconds = 0 }.Windows())
                {
                    for (var i = count; i < times.Count; i++)
                    {
                        Assert.True(times[i] - times[i - count] >= window, $"{conversation}: {count + 1} sends within {window} (run {run})");
                    }
                }
            }
        }
    }

    [Fact]
    public void A_long_burst_to_one_thread_is_held_to_sixty_in_thirty_seconds()
    {
        var (pacer, _) = Create();
        var waits = Enumerable.Range(0, 61).Select(_ => pacer.Reserve("thread")).ToList();
        Assert.True(waits[59] < TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), waits[60]);
    }

    [Fact]
    public void The_margin_widens_every_window_and_bad_limits_are_named()
    {
        var windows = new ConnectorPacingOptions().Windows();
        Assert.Equal([(7, 1200), (8, 2200), (60, 30200), (1800, 3600200)], windows.Select(w => (w.Count, (int)w.Window.TotalMilliseconds)));
        var problems = new ConnectorPacingOptions { ThreadLimits = "7/1, seven/1, 8/0" }.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())).Select(p => p.ErrorMessage).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p!.Contains("'seven/1'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_send_waits_on_the_injected_clock_until_its_window_has_room_and_not_at_all_when_off()
    {
        var (pacer, time) = Create();
        for (var i = 0; i < 7; i++)
        {
            await pacer.WaitAsync("19:qc@thread.tacv2", time, default);
        }

        var eighth = pacer.WaitAsync("19:qc@thread.tacv2", time, default);
        await Task.Delay(50);
        Assert.False(eighth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await eighth;

        var off = new ThreadPacer(new ConnectorPacingOptions().Windows(), 50, time) { Enabled = false };
        var all = Enumerable.Range(0, 20).Select(_ => off.WaitAsync("19:qc@thread.tacv2", time, default)).ToList();
        Assert.All(all, t => Assert.True(t.IsCompleted));
    }
}
