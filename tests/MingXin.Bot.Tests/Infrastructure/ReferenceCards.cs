using System.Diagnostics;
using System.Text.Json.Nodes;

namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// Runs the official JavaScript card libraries (tests/tools/cards.js): adaptivecards-templating
/// 2.3.1 as the oracle for the C# binder, adaptivecards 3.0.6 as the validator and as the client that fills in and
/// submits a card. One node process per batch.
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

    /// <summary>
    /// Renders <paramref name="card"/> with the official renderer in a DOM, types <paramref name="inputs"/> into its
    /// controls and presses the button with <paramref name="verb"/>: returns the action as the renderer hands it to the
    /// client (type, title, verb and data with the inputs merged) — what the Agents Playground and Teams send as
    /// <c>value.action</c> of their <c>adaptiveCard/action</c> invoke.
    /// </summary>
    public static async Task<JsonObject> SubmitAsync(JsonObject card, string verb, IReadOnlyDictionary<string, string> inputs)
    {
        var job = new JsonObject { ["submit"] = new JsonObject { ["card"] = card.DeepClone(), ["verb"] = verb, ["inputs"] = new JsonObject(inputs.Select(i => KeyValuePair.Create(i.Key, (JsonNode?)i.Value))) } };
        var result = (await RunAsync([job]))[0]!;
        if (result["error"] is { } error)
        {
            throw new InvalidOperationException("submit failed: " + error);
        }

        Assert.Empty(result["missing"]!.AsArray()); // every input named was on the card
        return result["action"]!.AsObject();
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
