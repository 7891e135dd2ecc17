using System.Collections;
using System.Reflection;
using System.Text.Json;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Hosting;

namespace MingXin.Bot.Tests.Domain.Records;

/// <summary>
/// The record card and the export label every field a form stores in the company's words. A field that
/// is added or renamed without a label fails here instead of showing up as a spelled-out English name
/// (or, worse, unnoticed) in front of an auditor.
/// </summary>
public sealed class RecordLabelTests
{
    /// <summary>Every form's stored state type, found by reflection.</summary>
    public static IReadOnlyList<Type> StateTypes() =>
        typeof(BotOptions).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && (typeof(FormState).IsAssignableFrom(t) || t == typeof(QuotationState) || t == typeof(ApprovalState) || t.Name == "WeeklySummaryState"))
            .ToList();

    [Fact]
    public void Every_stored_field_of_every_form_has_a_label()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<Type>();
        foreach (var type in StateTypes())
        {
            Collect(type, names, seen);
        }

        var missing = names.Where(n => !RecordFields.IsLabelled(n)).ToList();
        Assert.True(missing.Count == 0, "Fields with no label in RecordFields: " + string.Join(", ", missing));
        Assert.True(StateTypes().Count >= 11, "the state types were not found");
    }

    private static void Collect(Type type, SortedSet<string> names, HashSet<Type> seen)
    {
        if (!seen.Add(type) || type.Assembly != typeof(BotOptions).Assembly || type.IsEnum)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null && (p.SetMethod is not null || type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)) || IsPositional(type, p))))
        {
            names.Add(JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            foreach (var held in Held(property.PropertyType))
            {
                Collect(held, names, seen);
            }
        }
    }

    private static bool IsPositional(Type type, PropertyInfo property) =>
        type.GetConstructors().Any(c => c.GetParameters().Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)));

    private static IEnumerable<Type> Held(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Held(inner);
        }

        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            return type.GetGenericArguments().SelectMany(Held);
        }

        return [type];
    }
}
