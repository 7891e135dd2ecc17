namespace MingXin.Bot.Conversations;

/// <summary>What a typed message asks for. Parsing is pure: the bot's mention is already stripped.</summary>
public abstract record ChatCommand
{
    private ChatCommand()
    {
    }

    public sealed record Help : ChatCommand;

    /// <summary><c>register &lt;department&gt;</c> / <c>注册 &lt;部门&gt;</c>; <paramref name="Argument"/> is what followed, maybe empty.</summary>
    public sealed record Register(string Argument) : ChatCommand;

    public sealed record ListDepartments : ChatCommand;

    /// <summary><c>request &lt;title&gt; | &lt;details&gt;</c> / <c>申请 …</c>: start an Internal Approval.</summary>
    public sealed record Request(string Title, string? Details) : ChatCommand;

    /// <summary><c>tasks</c> / <c>待办</c>: what waits on me.</summary>
    public sealed record Tasks : ChatCommand;

    /// <summary><c>quote</c> / <c>报价</c>: the new-quotation form (报价单 + 成本核算表).</summary>
    public sealed record Quote : ChatCommand;

    /// <summary>A form issued against another one, e.g. <c>sample QT-2026-0001</c> / <c>样品 QT-2026-0001</c>; <paramref name="Prefix"/> names the new form's kind.</summary>
    public sealed record StartForm(string Prefix, string ParentId) : ChatCommand;

    /// <summary><c>complaint …</c> / <c>投诉 …</c>: log a customer complaint by conversation; <paramref name="Text"/> is the whole message.</summary>
    public sealed record Complaint(string Text) : ChatCommand;

    /// <summary><c>customers</c> / <c>客户</c>: the customer register, and a form to add to it.</summary>
    public sealed record Customers : ChatCommand;

    /// <summary><c>records …</c> / <c>记录 …</c>: search the records, or open one by its number; <paramref name="Query"/> is what followed.</summary>
    public sealed record Records(string Query) : ChatCommand;

    /// <summary><c>dashboard</c> / <c>看板</c> [customer …]: the dashboard charts.</summary>
    public sealed record Dashboard(string Customer) : ChatCommand;

    /// <summary><c>deputy …</c> / <c>代理 …</c>: name who stands in while one is away, list or end deputyships; <paramref name="Argument"/> is what followed.</summary>
    public sealed record Deputy(string Argument) : ChatCommand;

    public sealed record Unknown(string Text) : ChatCommand;

    private static readonly string[] HelpWords = ["help", "帮助", "?", "？", "menu", "菜单", "hi", "hello", "你好"];

    /// <summary>Greetings that ask for the help card only on their own: "Hi team, about the hang tags …" is a message, not a command.</summary>
    private static readonly string[] Greetings = ["hi", "hello", "你好"];

    /// <summary>What may follow a greeting that still asks for help ("hi there", "你好 小助手").</summary>
    private const int MaxAfterGreeting = 20;
    private static readonly string[] RegisterWords = ["register", "注册", "绑定", "bind"];
    private static readonly string[] DepartmentsWords = ["departments", "department", "部门", "channels", "频道"];
    private static readonly IReadOnlyList<string> RequestWords = Domain.Records.FormCatalog.ByKind(Domain.Approvals.InternalApprovalForm.Kind)!.Command!.Words;
    private static readonly string[] TasksWords = ["tasks", "task", "todo", "待办", "我的待办"];
    private static readonly IReadOnlyList<string> ComplaintWords = Domain.Complaints.ComplaintSteps.Form.Command!.Words;
    private static readonly string[] CustomersWords = ["customers", "customer", "客户", "客户名录"];
    private static readonly string[] RecordsWords = ["records", "record", "记录", "档案", "查记录", "查询"];
    private static readonly string[] DashboardWords = ["dashboard", "dashboards", "看板", "报表", "统计"];
    private static readonly string[] DeputyWords = ["deputy", "deputies", "代理", "代理人"];
    private static readonly IReadOnlyList<string> QuoteWords = Domain.Records.FormCatalog.ByKind(Domain.Quotations.Quotation.Kind)!.Command!.Words;

    /// <summary>Words that start a form against its parent (or customer), by the new form's number prefix: each form declares its own.</summary>
    private static readonly (string Prefix, IReadOnlyList<string> Words)[] FormWords =
        Domain.Records.FormCatalog.All.Where(f => f.Command is { StartsForm: true }).Select(f => (f.Prefix, f.Command!.Words)).ToArray();

    public static ChatCommand Parse(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim().TrimStart('/');
        if (trimmed.Length == 0)
        {
            return new Help();
        }

        var (verb, rest) = SplitVerb(trimmed);
        var greeting = Greetings.Contains(verb.TrimEnd(',', '，', '!', '！', '.', '。'));
        if (greeting && (trimmed.Contains('\n', StringComparison.Ordinal) || rest.Length > MaxAfterGreeting))
        {
            return new Unknown(trimmed); // a pasted e-mail or a long note that starts with a greeting
        }

        if (greeting || HelpWords.Contains(verb))
        {
            return new Help();
        }

        if (RegisterWords.Contains(verb))
        {
            return new Register(rest);
        }

        if (DepartmentsWords.Contains(verb) && rest.Length == 0)
        {
            return new ListDepartments();
        }

        if (RequestWords.Contains(verb))
        {
            var bar = rest.IndexOfAny(['|', '｜']);
            return bar < 0 ? new Request(rest, null) : new Request(rest[..bar].Trim(), rest[(bar + 1)..].Trim());
        }

        if (TasksWords.Contains(verb) && rest.Length == 0)
        {
            return new Tasks();
        }

        if (ComplaintWords.Contains(verb.TrimEnd(':', '：')))
        {
            return new Complaint(trimmed);
        }

        if (CustomersWords.Contains(verb) && rest.Length == 0)
        {
            return new Customers();
        }

        if (DashboardWords.Contains(verb))
        {
            return new Dashboard(rest);
        }

        if (RecordsWords.Contains(verb))
        {
            return new Records(rest);
        }

        if (DeputyWords.Contains(verb))
        {
            return new Deputy(rest);
        }

        if (QuoteWords.Contains(verb) && rest.Length == 0)
        {
            return new Quote();
        }

        foreach (var (prefix, words) in FormWords)
        {
            if (words.Contains(verb))
            {
                return new StartForm(prefix, rest);
            }
        }

        return new Unknown(trimmed);
    }

    private static (string Verb, string Remainder) SplitVerb(string text)
    {
        // Chinese commands are often typed without a space: "注册品管部".
        foreach (var word in RegisterWords.Concat(RequestWords).Concat(ComplaintWords).Concat(RecordsWords).Concat(DeputyWords).Where(w => w.Any(c => c > 0x2E80)).OrderByDescending(w => w.Length))
        {
            if (text.StartsWith(word, StringComparison.Ordinal))
            {
                return (word, text[word.Length..].Trim());
            }
        }

        var space = text.IndexOfAny([' ', '\u3000', '\t', '\n']);
        return space < 0
            ? (text.ToLowerInvariant(), string.Empty)
            : (text[..space].ToLowerInvariant(), text[(space + 1)..].Trim());
    }
}
