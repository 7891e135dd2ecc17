using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace MingXin.Cards;

/// <summary>The card templates shipped in this assembly, by name (<c>help</c> → <c>templates/help.json</c>).</summary>
public static class CardTemplates
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> Names { get; } = typeof(CardTemplates).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith("templates/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n["templates/".Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The raw template JSON.</summary>
    public static string Source(string name) => Cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(CardTemplates).Assembly.GetManifestResourceStream($"templates/{n}.json")
            ?? throw new ArgumentException($"There is no card template named '{n}'.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Expands the named template with a view model serialized to JSON.</summary>
    public static JsonObject Render(string name, JsonNode? data) =>
        CardBinder.Expand(JsonNode.Parse(Source(name))!.AsObject(), data);
}
