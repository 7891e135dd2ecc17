using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>Clicks cards the way Teams does (Action.Execute invokes) and reads what comes back.</summary>
public sealed class CardDriver(HttpClient client, RecordingConnector connector)
{
    /// <summary>Sends a chat message in the user's personal chat and returns the bot's last card or text there.</summary>
    public async Task<RecordedCall> SayAsync(string user, string text, string locale = "zh-CN")
    {
        await Activities.PostAsync(client, Activities.PersonalMessage(connector.ServiceUrl, text, user, locale));
        return connector.Delivered.Last(c => c.Path.Contains("a:personal-" + user, StringComparison.Ordinal));
    }

    /// <summary>Invokes <paramref name="verb"/> with the card's data plus <paramref name="values"/> (the inputs); returns the card answered.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Card)> ActAsync(string user, string verb, string? id, long version, JsonObject? values = null, string locale = "zh-CN", string? draft = null, string? parent = null)
    {
        var data = values?.DeepClone().AsObject() ?? new JsonObject();
        data["workflow"] = id ?? string.Empty;
        data["version"] = version;
        data["draft"] = draft ?? string.Empty;
        data["parent"] = parent ?? string.Empty;
        var response = await Activities.PostAsync(client, Activities.CardClick(connector.ServiceUrl, user, verb, data, locale));
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (response.StatusCode, body["value"]!.AsObject());
    }

    /// <summary>Clicks a button of <paramref name="card"/> as Teams would: the button's own data, plus the inputs.</summary>
    public async Task<JsonObject> ClickAsync(string user, JsonObject card, string verb, JsonObject? inputs = null, string locale = "zh-CN")
    {
        var data = FindAction(card, verb)["data"]!.DeepClone().AsObject();
        foreach (var (key, value) in inputs ?? [])
        {
            data[key] = value?.DeepClone();
        }

        var response = await Activities.PostAsync(client, Activities.CardClick(connector.ServiceUrl, user, verb, data, locale));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["value"]!.AsObject();
    }

    /// <summary>
    /// Fills in <paramref name="card"/> and presses <paramref name="verb"/> with the official renderer (what the card
    /// itself sends), delivered as the Agents Playground delivers it; returns the card answered.
    /// </summary>
    public async Task<JsonObject> SubmitAsync(string user, JsonObject card, string verb, IReadOnlyDictionary<string, string>? typed = null)
    {
        var action = await ReferenceCards.SubmitAsync(card, verb, typed ?? new Dictionary<string, string>());
        var response = await Activities.PostAsync(client, Activities.PlaygroundClick(connector.ServiceUrl, user, action, "a:personal-" + user));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["value"]!.AsObject();
    }

    /// <summary>The value an input of <paramref name="card"/> shows, or null when the card has no such input.</summary>
    public static string? InputValue(JsonObject card, string id) => Inputs(card).FirstOrDefault(i => i["id"]?.GetValue<string>() == id)?["value"]?.GetValue<string>();

    private static IEnumerable<JsonObject> Inputs(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal) => [o],
        JsonObject o => o.SelectMany(p => Inputs(p.Value)),
        JsonArray a => a.SelectMany(Inputs),
        _ => [],
    };

    /// <summary>The card as JSON text with its Chinese as written (for "does the card say …" checks).</summary>
    public static string Text(JsonObject card) => card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static long Version(JsonObject card) => card["refresh"]!["action"]!["data"]!["version"]!.GetValue<long>();

    public static string Id(JsonObject card) => card["refresh"]!["action"]!["data"]!["workflow"]!.GetValue<string>();

    public static string Banner(JsonObject card) => card["body"]!.AsArray().First()!["text"]!.GetValue<string>();

    /// <summary>Every Action.Execute in the card body, wherever it sits (action sets, show-cards).</summary>
    public static List<JsonObject> Executes(JsonNode? node)
    {
        var found = new List<JsonObject>();
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() == "Action.Execute")
                {
                    found.Add(o);
                }

                foreach (var (_, child) in o)
                {
                    found.AddRange(Executes(child));
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    found.AddRange(Executes(child));
                }

                break;
        }

        return found;
    }

    /// <summary>The verbs of the steps a card offers (the "record and PDF" button every saved form has is no step).</summary>
    public static IEnumerable<string> Verbs(JsonObject card) => Executes(card["body"]).Select(a => a["verb"]!.GetValue<string>()).Where(v => v != "rec-open");

    public static JsonObject FindAction(JsonObject card, string verb) => Executes(card["body"]).Single(a => a["verb"]!.GetValue<string>() == verb);
}
