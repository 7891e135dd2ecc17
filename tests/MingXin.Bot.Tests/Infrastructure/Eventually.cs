namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>Waits for background work (the outbox dispatcher) to reach a state: polls a condition, bounded.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutSeconds = 15, Func<string>? diagnostics = null)
    {
        var until = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("Timed out waiting for: " + what + (diagnostics is null ? string.Empty : "\n" + diagnostics()));
            }

            await Task.Delay(20);
        }
    }
}
