using System.Globalization;
using System.Text.RegularExpressions;
using MingXin.Bot.Domain.Documents;

namespace MingXin.Bot.Domain.Records;

/// <summary>
/// A search of the records, as typed in chat: <c>records customer 华美礼品 form quotation status open from 2026-11-01 to 2026-11-30</c>
/// or <c>记录 客户 华美礼品 表单 报价单 状态 进行中 从 2026-11-01 到 2026-11-30</c>; a form number alone opens that record.
/// Every key is optional; the dates bound the day the form was made (both days included).
/// </summary>
/// <param name="Late">Only shipments that left after the delivery date in force (<c>status late</c> / <c>状态 逾期</c>).</param>
public sealed partial record RecordSearch(string? Number, string? Customer, FormName? Form, RecordState? State, string? Status, DateOnly? From, DateOnly? To, bool Late = false)
{
    public const int MaxCustomerLength = 100;

    /// <summary>Without any other key, a search reads the index of this many months back.</summary>
    public const int DefaultMonths = 12;

    private static readonly (string Key, string[] Words)[] Keys =
    [
        ("customer", ["customer", "客户", "顾客"]),
        ("form", ["form", "表单", "表"]),
        ("status", ["status", "state", "状态"]),
        ("from", ["from", "since", "从", "自"]),
        ("to", ["to", "until", "到", "至"]),
    ];

    private static readonly (RecordState State, string[] Words)[] StateWords =
    [
        (RecordState.Open, ["open", "opened", "pending", "进行中", "未结", "未完成", "处理中", "待办"]),
        (RecordState.Closed, ["closed", "done", "complete", "completed", "已结", "结案", "已完成", "完成", "关闭"]),
        (RecordState.Cancelled, ["cancelled", "canceled", "cancel", "取消", "已取消", "作废"]),
    ];

    /// <summary>Words of <c>status</c> that ask for late shipments.</summary>
    private static readonly string[] LateWords = ["late", "overdue", "逾期", "延迟", "迟交", "延误", "晚交"];

    public bool IsEmpty => Number is null && Customer is null && Form is null && State is null && Status is null && From is null && To is null && !Late;

    /// <summary>Parses what followed the command word; the problems (in the user's language) when it cannot.</summary>
    public static (RecordSearch? Search, IReadOnlyList<string> Problems) Parse(string? text, Language l)
    {
        var problems = new List<string>();
        var clauses = Split((text ?? string.Empty).Trim());
        string? number = null, customer = null, status = null;
        FormName? form = null;
        RecordState? state = null;
        DateOnly? from = null, to = null;
        var late = false;
        foreach (var (key, value) in clauses)
        {
            switch (key)
            {
                case "":
                    if (value.Length == 0)
                    {
                        break;
                    }

                    if (DocumentNumber.TryParse(value.ToUpperInvariant(), out var n))
                    {
                        number = n.ToString();
                    }
                    else
                    {
                        problems.Add(l.Say($"看不懂“{Short(value)}”。请写：客户 …、表单 …、状态 …、从 yyyy-MM-dd、到 yyyy-MM-dd，或表单编号。", $"“{Short(value)}” is not understood. Write: customer …, form …, status …, from yyyy-MM-dd, to yyyy-MM-dd, or a form number."));
                    }

                    break;
                case "customer":
                    if (value.Length == 0 || value.Length > MaxCustomerLength)
                    {
                        problems.Add(l.Say($"客户名称要写 1–{MaxCustomerLength} 个字。", $"The customer name needs 1–{MaxCustomerLength} characters."));
                    }
                    else
                    {
                        customer = value;
                    }

                    break;
                case "form":
                    if (FormCatalog.TryParse(value, out var f))
                    {
                        form = f;
                    }
                    else
                    {
                        problems.Add(l.Say($"没有叫“{Short(value)}”的表单。可写：", $"There is no form called “{Short(value)}”. Try: ") + string.Join("、", FormCatalog.All.Select(x => x.Name(l))));
                    }

                    break;
                case "status":
                    var word = value.ToLowerInvariant();
                    var match = StateWords.Where(s => s.Words.Contains(word)).Select(s => (RecordState?)s.State).FirstOrDefault();
                    if (match is not null)
                    {
                        state = match;
                    }
                    else if (LateWords.Contains(word))
                    {
                        late = true;
                    }
                    else if (StatusPattern().IsMatch(value))
                    {
                        status = value;
                    }
                    else
                    {
                        problems.Add(l.Say("状态可写：进行中、已完成、已取消、逾期（晚于交期出货），或表单上的步骤名。", "Status can be: open, closed, cancelled, late (shipped after the delivery date), or a step name of the form."));
                    }

                    break;
                case "from":
                case "to":
                    if (ParseDay(value, key == "to") is { } day)
                    {
                        if (key == "from")
                        {
                            from = day;
                        }
                        else
                        {
                            to = day;
                        }
                    }
                    else
                    {
                        problems.Add(l.Say($"日期“{Short(value)}”无效，请写 yyyy-MM-dd 或 yyyy-MM。", $"“{Short(value)}” is no date: write yyyy-MM-dd or yyyy-MM."));
                    }

                    break;
            }
        }

        if (from is not null && to is not null && from > to)
        {
            problems.Add(l.Say("开始日期晚于结束日期。", "The start date is after the end date."));
        }

        return problems.Count > 0 ? (null, problems) : (new RecordSearch(number, customer, form, state, status, from, to, late), []);
    }

    /// <summary>The search as words again (for the results card and the export's first line).</summary>
    public string Describe(Language l)
    {
        var parts = new List<string>();
        if (Number is not null)
        {
            parts.Add(Number);
        }

        if (Customer is not null)
        {
            parts.Add(l.Say("客户 ", "customer ") + Customer);
        }

        if (Form is not null)
        {
            parts.Add(l.Say("表单 ", "form ") + Form.Name(l));
        }

        if (State is not null)
        {
            parts.Add(l.Say("状态 ", "status ") + StateName(State.Value, l));
        }

        if (Status is not null)
        {
            parts.Add(l.Say("步骤 ", "step ") + Status);
        }

        if (Late)
        {
            parts.Add(l.Say("逾期出货", "shipped late"));
        }

        if (From is not null)
        {
            parts.Add(l.Say("从 ", "from ") + From.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (To is not null)
        {
            parts.Add(l.Say("到 ", "to ") + To.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? l.Say($"最近 {DefaultMonths} 个月的全部记录", $"all records of the last {DefaultMonths} months") : string.Join(l.Say("，", ", "), parts);
    }

    /// <summary>The search as a stable string (for export links); <see cref="FromQuery"/> reads it back.</summary>
    public string ToQuery() => string.Join(
        "\n",
        Number ?? string.Empty,
        Customer ?? string.Empty,
        Form?.Kind ?? string.Empty,
        State?.ToString() ?? string.Empty,
        Status ?? string.Empty,
        From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        Late ? "late" : string.Empty);

    /// <summary>Reads <see cref="ToQuery"/> back; links made before <see cref="Late"/> have seven lines.</summary>
    public static RecordSearch? FromQuery(string query)
    {
        var p = query.Split('\n');
        if (p.Length is not (7 or 8))
        {
            return null;
        }

        static string? N(string s) => s.Length == 0 ? null : s;
        static DateOnly? D(string s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        return new RecordSearch(
            N(p[0]),
            N(p[1]),
            p[2].Length == 0 ? null : FormCatalog.ByKind(p[2]),
            Enum.TryParse<RecordState>(p[3], out var s) ? s : null,
            N(p[4]),
            D(p[5]),
            D(p[6]),
            p.Length == 8 && p[7] == "late");
    }

    public static string StateName(RecordState state, Language l) => state switch
    {
        RecordState.Open => l.Say("进行中", "Open"),
        RecordState.Closed => l.Say("已完成", "Closed"),
        _ => l.Say("已取消", "Cancelled"),
    };

    /// <summary>Splits "key value key value …" into clauses; a key may be glued to its value in Chinese ("客户华美") or followed by ':'.</summary>
    private static List<(string Key, string Value)> Split(string text)
    {
        var clauses = new List<(string Key, string Value)>();
        var key = string.Empty;
        var value = new List<string>();
        foreach (var raw in text.Split([' ', '\u3000', '\t', '\n', '，', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Trim(':', '：');
            var found = FindKey(raw);
            if (found is { } k)
            {
                clauses.Add((key, string.Join(' ', value)));
                key = k.Key;
                value = k.Remainder.Length > 0 ? [k.Remainder] : [];
            }
            else if (token.Length > 0)
            {
                value.Add(token);
            }
        }

        clauses.Add((key, string.Join(' ', value)));
        return clauses.Where(c => c.Key.Length > 0 || c.Value.Length > 0).ToList();
    }

    private static (string Key, string Remainder)? FindKey(string token)
    {
        foreach (var (key, words) in Keys)
        {
            foreach (var w in words.OrderByDescending(w => w.Length))
            {
                var lower = token.ToLowerInvariant();
                if (lower == w || lower == w + ":" || lower == w + "：")
                {
                    return (key, string.Empty);
                }

                if (lower.StartsWith(w + ":", StringComparison.Ordinal) || lower.StartsWith(w + "：", StringComparison.Ordinal))
                {
                    return (key, token[(w.Length + 1)..].Trim());
                }

                // Chinese keys glued to their value: 客户华美礼品, 从2026-11-01
                if (w[0] > 0x2E80 && token.StartsWith(w, StringComparison.Ordinal) && token.Length > w.Length && !(w == "表" && token.StartsWith("表单", StringComparison.Ordinal)))
                {
                    return (key, token[w.Length..].Trim(':', '：'));
                }
            }
        }

        return null;
    }

    private static DateOnly? ParseDay(string text, bool endOfMonth)
    {
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        if (DateOnly.TryParseExact(text, ["yyyy-MM", "yyyy-M", "yyyy/MM"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return endOfMonth ? month.AddMonths(1).AddDays(-1) : month;
        }

        return null;
    }

    private static string Short(string text) => text.Length > 30 ? text[..30] + "…" : text;

    [GeneratedRegex("^[A-Za-z]{2,40}$", RegexOptions.None, 1000)]
    private static partial Regex StatusPattern();
}
