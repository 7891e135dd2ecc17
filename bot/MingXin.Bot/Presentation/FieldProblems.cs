using System.Globalization;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Presentation;

/// <summary>What is wrong with a value a user entered, as a sentence naming the field, in the user's language.</summary>
public static class FieldProblems
{
    public static string Text(FieldProblem p, Language l, string field)
    {
        var limit = p.Limit?.ToString("0.####", CultureInfo.InvariantCulture);
        return p.Kind switch
        {
            ProblemKind.Required => l.Pick($"请填写“{field}”。", $"Fill in “{field}”."),
            ProblemKind.MustBePositive => l.Pick($"“{field}”必须大于 0。", $"“{field}” must be more than 0."),
            ProblemKind.MustNotBeNegative => l.Pick($"“{field}”不能为负数。", $"“{field}” cannot be negative."),
            ProblemKind.TooManyDecimals => l.Pick($"“{field}”最多 {limit} 位小数。", $"“{field}” may have at most {limit} decimals."),
            ProblemKind.TooLarge => l.Pick($"“{field}”不能超过 {limit}。", $"“{field}” cannot exceed {limit}."),
            ProblemKind.TooLong => l.Pick($"“{field}”最多 {limit} 个字。", $"“{field}” may have at most {limit} characters."),
            ProblemKind.TooMany => l.Pick($"“{field}”最多 {limit} 项。", $"“{field}” may have at most {limit} entries."),
            ProblemKind.Duplicate => l.Pick($"“{field}”有重复。", $"“{field}” has duplicates."),
            ProblemKind.NotANumber => l.Pick($"“{field}”不是数字。", $"“{field}” is not a number."),
            ProblemKind.DateInPast => l.Pick($"“{field}”不能早于今天。", $"“{field}” cannot be before today."),
            ProblemKind.DateInFuture => l.Pick($"“{field}”不能晚于今天。", $"“{field}” cannot be after today."),
            ProblemKind.DateOutOfRange => l.Pick($"“{field}”须在 {p.Detail} 之间。", $"“{field}” must be between {p.Detail}."),
            ProblemKind.DateTooEarly => l.Pick($"“{field}”不能早于 {p.Detail}。", $"“{field}” cannot be before {p.Detail}."),
            ProblemKind.MustAddUp => l.Pick($"“{field}”的数量合计须等于 {limit}。", $"“{field}” must add up to {limit}."),
            _ => l.Pick($"“{field}”的值无效。", $"“{field}” has a value that does not fit."),
        };
    }

    /// <summary>All problems in one banner line, the first few named.</summary>
    public static string Banner(IReadOnlyList<FieldProblem> problems, Language l, Func<string, string> fieldName, int shown = 8)
    {
        var lines = problems.Take(shown).Select(p => Text(p, l, fieldName(p.Field))).ToList();
        if (problems.Count > shown)
        {
            lines.Add(l.Pick($"……还有 {problems.Count - shown} 处。", $"… and {problems.Count - shown} more."));
        }

        return l.Pick("没有保存，请修改：", "Nothing was saved. Please correct: ") + string.Join(" ", lines);
    }
}
