using System.Diagnostics;

namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>Runs a command line tool to completion and keeps what it printed.</summary>
public sealed record ProcessRun(int ExitCode, string Output, string Error)
{
    public static async Task<ProcessRun> RunAsync(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessRun(process.ExitCode, await output, await error);
    }

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
