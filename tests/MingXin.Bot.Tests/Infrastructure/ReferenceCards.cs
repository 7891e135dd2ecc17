using System.Diagnostics;
using System.Text.Json.Nodes;

namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// Runs the official JavaScript card libraries (tests/tools/cards.js): adaptivecards-templating
/// 2.3.1 as the oracle for the C# binder, adaptivecards 3.0.6 as the validator. One node process per batch.
/// </summary>
public static class ReferenceCards
{
    public static async Task<IReadOnlyList<JsonObject>> ExpandAsync(IEnumerable<(JsonObject Template, JsonNode? Data)> jobs)
    {
        var input = new JsonArray(jobs.Select(j => (JsonNode)new JsonObject { ["expand"] = new JsonObject { ["template"] = j.Template.DeepClone(), ["data"] = j.Data?.DeepClone() } }).ToArray());
        return (await RunAsync(input)).Select(r => r!["card"]?.AsObject() ?? throw new InvalidOperationException("expand failed: " + r["error"])).ToList();
    }

    /// <summary>Parses each card with the official renderer; returns its validation events (empty = valid).</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> ValidateAsync(IEnumerable<JsonObject> cards)
    {
        var input = new JsonArray(cards.Select(c => (JsonNode)new JsonObject { ["validate"] = c.DeepClone() }).ToArray());
        return (await RunAsync(input)).Select(r => (IReadOnlyList<string>)(r!["events"]?.AsArray().Select(e => e!.GetValue<string>()).ToList() ?? throw new InvalidOperationException("validate failed: " + r["error"]))).ToList();
    }

    private static async Task<JsonArray> RunAsync(JsonArray input)
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(RepositoryRoot.Path, "tests", "tools", "cards.js") },
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input.ToJsonString());
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node cards.js failed ({process.ExitCode}): {await error}");
        }

        return JsonNode.Parse(await output)!.AsArray();
    }
}
