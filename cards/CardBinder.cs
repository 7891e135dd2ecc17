using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MingXin.Cards;

/// <summary>
/// Expands an Adaptive Card template with data, the way the reference <c>adaptivecards-templating</c>
/// library does, for the logic-less subset the templates here use:
/// <list type="bullet">
/// <item><c>${path}</c> inside strings (<c>a.b[0].c</c>, <c>$root.x</c>, <c>$data</c>, <c>$index</c>); a string that is
/// exactly one <c>${path}</c> takes the value's own type;</item>
/// <item><c>$data</c> on an element: an array repeats the element once per item, an object becomes its scope;</item>
/// <item><c>$when</c> with <c>${path}</c> or <c>${!path}</c>: the element is dropped unless the value is <c>true</c>.</item>
/// </list>
/// Anything else inside <c>${…}</c> is rejected, so a template can never hide logic.
/// </summary>
public static class CardBinder
{
    public static JsonObject Expand(JsonObject template, JsonNode? data)
    {
        ArgumentNullException.ThrowIfNull(template);
        var scope = new Scope(data, data, null);
        var result = ExpandNode(template, scope);
        return result.Count == 1 && result[0] is JsonObject card ? card : throw new TemplateException("The root of a card template must expand to exactly one object.");
    }

    private static List<JsonNode?> ExpandNode(JsonNode? node, Scope scope)
    {
        switch (node)
        {
            case JsonObject obj:
                return ExpandObject(obj, scope);
            case JsonArray array:
                var expanded = new JsonArray();
                foreach (var item in array)
                {
                    foreach (var produced in ExpandNode(item, scope))
                    {
                        expanded.Add(produced);
                    }
                }

                return [expanded];
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return [ExpandString(value.GetValue<string>(), scope)];
            default:
                return [node?.DeepClone()];
        }
    }

    private static List<JsonNode?> ExpandObject(JsonObject obj, Scope scope)
    {
        if (obj.TryGetPropertyValue("$data", out var dataNode))
        {
            var bound = dataNode is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? Evaluate(v.GetValue<string>(), scope, wholeValue: true)
                : dataNode;
            if (bound is JsonArray items)
            {
                var list = new List<JsonNode?>();
                for (var i = 0; i < items.Count; i++)
                {
                    list.AddRange(ExpandObjectIn(obj, new Scope(items[i], scope.Root, i)));
                }

                return list;
            }

            return ExpandObjectIn(obj, new Scope(bound, scope.Root, scope.Index));
        }

        return ExpandObjectIn(obj, scope);
    }

    private static List<JsonNode?> ExpandObjectIn(JsonObject obj, Scope scope)
    {
        if (obj.TryGetPropertyValue("$when", out var when))
        {
            var condition = when is JsonValue w && w.GetValueKind() == JsonValueKind.String
                ? EvaluateCondition(w.GetValue<string>(), scope)
                : when is JsonValue b && b.GetValueKind() == JsonValueKind.True;
            if (!condition)
            {
                return [];
            }
        }

        var result = new JsonObject();
        foreach (var (name, value) in obj)
        {
            if (name is "$data" or "$when")
            {
                continue;
            }

            var expanded = ExpandNode(value, scope);
            result[name] = expanded.Count == 1 ? expanded[0] : new JsonArray(expanded.ToArray());
        }

        return [result];
    }

    private static JsonNode? ExpandString(string text, Scope scope)
    {
        var start = text.IndexOf("${", StringComparison.Ordinal);
        if (start < 0)
        {
            return JsonValue.Create(text);
        }

        if (start == 0 && text.EndsWith('}') && text.IndexOf('}') == text.Length - 1)
        {
            var whole = Evaluate(text, scope, wholeValue: true);
            return whole is null ? JsonValue.Create(text) : whole;
        }

        var builder = new StringBuilder();
        var position = 0;
        while (start >= 0)
        {
            var end = text.IndexOf('}', start + 2);
            if (end < 0)
            {
                throw new TemplateException($"Unclosed expression in \"{text}\".");
            }

            builder.Append(text, position, start - position);
            var value = Resolve(text[(start + 2)..end], scope);
            builder.Append(value is null ? text[start..(end + 1)] : ToText(value));
            position = end + 1;
            start = text.IndexOf("${", position, StringComparison.Ordinal);
        }

        builder.Append(text, position, text.Length - position);
        return JsonValue.Create(builder.ToString());
    }

    private static JsonNode? Evaluate(string text, Scope scope, bool wholeValue)
    {
        if (!text.StartsWith("${", StringComparison.Ordinal) || !text.EndsWith('}'))
        {
            return wholeValue ? JsonValue.Create(text) : null;
        }

        return Resolve(text[2..^1], scope)?.DeepClone();
    }

    private static bool EvaluateCondition(string text, Scope scope)
    {
        if (!text.StartsWith("${", StringComparison.Ordinal) || !text.EndsWith('}'))
        {
            throw new TemplateException($"$when must be \"${{path}}\" or \"${{!path}}\", not \"{text}\".");
        }

        var expression = text[2..^1].Trim();
        var negate = expression.StartsWith('!');
        var value = Resolve(negate ? expression[1..] : expression, scope);
        var truth = value is JsonValue v && v.GetValueKind() == JsonValueKind.True;
        return negate ? !truth : truth;
    }

    private static JsonNode? Resolve(string expression, Scope scope)
    {
        var path = expression.Trim();
        if (path.Length == 0)
        {
            throw new TemplateException("Empty expression.");
        }

        JsonNode? current;
        var index = 0;
        if (path.StartsWith("$root", StringComparison.Ordinal))
        {
            current = scope.Root;
            index = 5;
        }
        else if (path.StartsWith("$data", StringComparison.Ordinal))
        {
            current = scope.Data;
            index = 5;
        }
        else if (path == "$index")
        {
            return scope.Index is { } i ? JsonValue.Create(i) : null;
        }
        else
        {
            current = scope.Data;
            index = ReadIdentifier(path, 0, out var first);
            current = (current as JsonObject)?[first];
        }

        while (index < path.Length)
        {
            if (path[index] == '.')
            {
                index = ReadIdentifier(path, index + 1, out var name);
                current = (current as JsonObject)?[name];
            }
            else if (path[index] == '[')
            {
                var close = path.IndexOf(']', index);
                if (close < 0 || !int.TryParse(path.AsSpan(index + 1, close - index - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var item))
                {
                    throw new TemplateException($"Only paths are allowed in templates: \"{expression}\".");
                }

                current = current is JsonArray array && item < array.Count ? array[item] : null;
                index = close + 1;
            }
            else
            {
                throw new TemplateException($"Only paths are allowed in templates: \"{expression}\".");
            }
        }

        return current;
    }

    private static int ReadIdentifier(string path, int start, out string name)
    {
        var end = start;
        while (end < path.Length && (char.IsLetterOrDigit(path[end]) || path[end] == '_'))
        {
            end++;
        }

        if (end == start)
        {
            throw new TemplateException($"Only paths are allowed in templates: \"{path}\".");
        }

        name = path[start..end];
        return end;
    }

    private static string ToText(JsonNode value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "true",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };

    private sealed record Scope(JsonNode? Data, JsonNode? Root, int? Index);
}

/// <summary>A template uses something the binder does not allow.</summary>
public sealed class TemplateException(string message) : Exception(message);
