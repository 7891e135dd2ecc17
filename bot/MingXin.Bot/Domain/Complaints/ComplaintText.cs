using System.Globalization;
using System.Text.RegularExpressions;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Domain.Orders;

namespace MingXin.Bot.Domain.Complaints;

/// <summary>What a message says, as far as a complaint goes: every fact found in it, none invented.</summary>
/// <param name="References">Form numbers (quotation, order review, production notice, sample order), as written, upper case.</param>
/// <param name="Quantities">Every quantity with a unit (300 pcs, 300个).</param>
/// <param name="AffectedQuantity">The quantity the text says is bad, when it says so (or the only one).</param>
/// <param name="Body">The message without quoted replies, e-mail headers and signature: the description.</param>
/// <param name="Current">The message without the quoted history of earlier mails (headers and signature kept): where customers and products are looked for.</param>
/// <param name="Kind">What the complaint is about, when the words say so (a defect: the goods; "late", "not arrived": delivery; …).</param>
/// <param name="CustomerOrder">The customer's own PO or order number ("PO ACM-2231", "订单号 HM-1102").</param>
/// <param name="ReceivedOn">The day the complaint came in, when the text says ("昨天下午来电", the mail's Sent header).</param>
public sealed record TextFacts(
    IReadOnlyList<string> References,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails,
    IReadOnlyList<DateOnly> Dates,
    IReadOnlyList<int> Quantities,
    int? AffectedQuantity,
    ContactChannel? Channel,
    Severity? Severity,
    string Body,
    string? Subject,
    string Current,
    ComplaintKind? Kind = null,
    string? CustomerOrder = null,
    DateOnly? ReceivedOn = null);

/// <summary>
/// Reads a typed note or a pasted e-mail (quoted replies, signatures, Chinese and English mixed) for
/// the facts of a complaint. Pure: matching against the customer register is done with the list given.
/// </summary>
public static partial class ComplaintText
{
    public const int MaxMessageLength = 20_000;
    private const int MaxItems = 5;

    public static TextFacts Read(string text, DateOnly today)
    {
        text = (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (text.Length > MaxMessageLength)
        {
            text = text[..MaxMessageLength];
        }

        // Mail headers or a quoted "Original Message" say the complaint came by e-mail, even when the
        // rest of them is cut off below.
        var mailed = MailMarks(text);
        var sent = SentOn(text, today);

        // The quoted history below a reply is an earlier conversation: its numbers, people and
        // quantities are not this complaint's.
        text = WithoutHistory(text);

        var references = DocumentNumberPattern().Matches(text).Select(m => m.Value.ToUpperInvariant()).Distinct().Take(MaxItems).ToList();
        var emails = EmailPattern().Matches(text).Select(m => m.Value.ToLowerInvariant().TrimEnd('.')).Distinct().Take(MaxItems).ToList();

        // Blank out (same length, so positions hold) what could pass for a quantity or a phone number.
        var rest = Blank(text, DocumentNumberPattern());
        rest = Blank(rest, EmailPattern());
        var dates = new List<DateOnly>();
        foreach (Match m in DatePattern().Matches(rest))
        {
            var year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : today.Year;
            if (int.TryParse(m.Groups["m"].Value, CultureInfo.InvariantCulture, out var month) && int.TryParse(m.Groups["d"].Value, CultureInfo.InvariantCulture, out var day)
                && year is >= 2000 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                var date = new DateOnly(year, month, day);
                if (!dates.Contains(date))
                {
                    dates.Add(date);
                }
            }
        }

        rest = Blank(rest, DatePattern());
        rest = Blank(rest, TimePattern());

        // "About 1,200 of the 20,000 hang tags": the part is what is affected, the whole is the shipment.
        int? partOf = null;
        if (PartOfPattern().Match(rest) is { Success: true } part
            && int.TryParse(part.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var partValue) && partValue > 0)
        {
            partOf = partValue;
        }

        var quantityMatches = QuantityPattern().Matches(rest).ToList();
        var quantities = new List<(int Value, int Index, int Length)>();
        foreach (var m in quantityMatches)
        {
            if (int.TryParse(m.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                quantities.Add((n, m.Index, m.Length));
            }
        }

        rest = Blank(rest, QuantityPattern());
        var phones = PhonePattern().Matches(rest)
            .Select(m => WhitespaceRun().Replace(m.Value.Trim(), " "))
            .Where(p => Customer.Digits(p) is >= 8 and <= 15)
            .Distinct()
            .Take(MaxItems)
            .ToList();

        var (body, subject, isEmail) = MainText(text);
        var order = CustomerOrderPattern().Match(text) is { Success: true } po && !DocumentNumberPattern().IsMatch(po.Groups["po"].Value) ? po.Groups["po"].Value.TrimEnd('.', ',', '，', '。') : null;
        return new TextFacts(
            references,
            phones,
            emails,
            dates.Take(MaxItems).ToList(),
            quantities.Select(q => q.Value).Prepend(partOf ?? 0).Where(v => v > 0).Distinct().Take(MaxItems).ToList(),
            partOf ?? Affected(text, quantities),
            isEmail || mailed ? ContactChannel.Email : WeChatWords().IsMatch(text) ? ContactChannel.WeChat : VisitWords().IsMatch(text) ? ContactChannel.Visit : FaxWords().IsMatch(text) ? ContactChannel.Fax : PhoneWords().IsMatch(text) ? ContactChannel.Phone : EmailWords().IsMatch(text) ? ContactChannel.Email : null,
            CriticalWords().IsMatch(text) ? Complaints.Severity.Critical : MinorWords().IsMatch(text) ? Complaints.Severity.Minor : null,
            body,
            subject,
            text,
            KindOf(text, quantities.Count > 0),
            order is { Length: >= 3 } ? order : null,
            Received(text, today) ?? sent);
    }

    /// <summary>
    /// What the complaint is about. A defect named makes it a product complaint whatever else is said (a late
    /// delivery of bad goods is about the goods); otherwise delivery, invoice or service words; a quantity with
    /// nothing else is about the goods too. Null: the words do not say, and the conversation asks.
    /// </summary>
    public static ComplaintKind? KindOf(string text, bool hasQuantity)
    {
        // "脱落", "misprint": the goods. "错" or "wrong" alone says only that something is wrong — a wrong invoice, a wrong address.
        if (DefectWords().Matches(text).Any(m => !GenericFault().IsMatch(m.Value)))
        {
            return ComplaintKind.Product;
        }

        var named = new (ComplaintKind Kind, Regex Words)[] { (ComplaintKind.Invoice, InvoiceWords()), (ComplaintKind.Delivery, DeliveryWords()), (ComplaintKind.Service, ServiceWords()) }
            .Where(k => k.Words.IsMatch(text))
            .Select(k => k.Kind)
            .ToList();
        return named.Count switch
        {
            1 => named[0],
            > 1 => null, // several: ask
            _ => DefectWords().IsMatch(text) || hasQuantity ? ComplaintKind.Product : null,
        };
    }

    /// <summary>"昨天下午来电", "yesterday", "11月28日来电": the day the complaint came in, never after today.</summary>
    public static DateOnly? Received(string text, DateOnly today)
    {
        if (DayBeforeYesterday().IsMatch(text))
        {
            return today.AddDays(-2);
        }

        if (Yesterday().IsMatch(text))
        {
            return today.AddDays(-1);
        }

        if (ReceivedDatePattern().Match(text) is { Success: true } m && int.TryParse(m.Groups["m"].Value, CultureInfo.InvariantCulture, out var month) && int.TryParse(m.Groups["d"].Value, CultureInfo.InvariantCulture, out var day)
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(today.Year, month))
        {
            var date = new DateOnly(today.Year, month, day);
            return date > today ? date.AddYears(-1) : date; // "12月30日来电" read in January is last year's
        }

        return Today().IsMatch(text) ? today : null;
    }

    /// <summary>The date of a pasted mail's own Sent / Date header (the first, the mail itself), when it is not after today.</summary>
    private static DateOnly? SentOn(string text, DateOnly today)
    {
        foreach (var line in text.Split('\n').Take(40))
        {
            if (HeaderLine().Match(line.Trim()) is { Success: true } h && h.Groups["name"].Value.ToLowerInvariant() is "sent" or "date" or "发送时间" or "日期")
            {
                var value = h.Groups["value"].Value.Trim();
                if (DatePattern().Match(value) is { Success: true } d && d.Groups["y"].Success
                    && DateOnly.TryParseExact($"{d.Groups["y"].Value}-{int.Parse(d.Groups["m"].Value, CultureInfo.InvariantCulture):00}-{int.Parse(d.Groups["d"].Value, CultureInfo.InvariantCulture):00}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var numeric))
                {
                    return numeric <= today ? numeric : null;
                }

                // "Monday, November 30, 2026 9:12 AM", "30 November 2026 09:12"
                var words = Regex.Replace(value, @"^[A-Za-z]+,\s*", string.Empty, RegexOptions.None, TimeSpan.FromSeconds(1));
                words = Regex.Replace(words, @"\s+\d{1,2}:\d{2}.*$", string.Empty, RegexOptions.None, TimeSpan.FromSeconds(1));
                if (DateTime.TryParse(words, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && DateOnly.FromDateTime(parsed) is var written && written <= today)
                {
                    return written;
                }

                return null;
            }
        }

        return null;
    }

    /// <summary>Customers the text names (full or short name, e-mail address or its company domain, phone); the most specific first.</summary>
    public static IReadOnlyList<Customer> FindCustomers(string text, TextFacts facts, IReadOnlyList<Customer> customers)
    {
        var found = new List<(Customer Customer, int Score)>();
        var key = Customer.NameKey(text ?? string.Empty);
        foreach (var c in customers)
        {
            var score = 0;
            foreach (var name in c.Names)
            {
                var nameKey = Customer.NameKey(name);
                if (nameKey.Length >= 2 && Names(text ?? string.Empty, key, nameKey, name))
                {
                    score = Math.Max(score, 100 + nameKey.Length);
                }
            }

            if (facts.Emails.Any(e => c.Emails.Contains(e, StringComparer.OrdinalIgnoreCase)))
            {
                score = Math.Max(score, 90);
            }
            else if (facts.Emails.Select(Domain).Where(d => d is not null && !PublicMailDomains.Contains(d)).Any(d => c.Emails.Select(Domain).Contains(d, StringComparer.OrdinalIgnoreCase)))
            {
                score = Math.Max(score, 80);
            }

            if (facts.Phones.Any(p => c.Phones.Any(q => Digits(q).Length >= 7 && Digits(p).EndsWith(Digits(q), StringComparison.Ordinal))))
            {
                score = Math.Max(score, 85);
            }

            if (score > 0)
            {
                found.Add((c, score));
            }
        }

        return found.OrderByDescending(f => f.Score).Select(f => f.Customer).ToList();
    }

    /// <summary>The register's closest names to what was typed, for "did you mean": by edit distance over every name.</summary>
    public static IReadOnlyList<Customer> Closest(string typed, IReadOnlyList<Customer> customers, int count = 3)
    {
        var key = Customer.NameKey(typed ?? string.Empty);
        if (key.Length == 0)
        {
            return [];
        }

        return customers
            .Select(c => (Customer: c, Distance: c.Names.Select(n => Distance(key, Customer.NameKey(n))).Min()))
            .Where(x => x.Distance <= Math.Max(2, key.Length * 2 / 3))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Customer.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Customer)
            .ToList();
    }

    /// <summary>Products the text names, longest first, from the list given (the customers' records).</summary>
    public static IReadOnlyList<string> FindProducts(string text, IEnumerable<string> products)
    {
        var key = Customer.NameKey(text ?? string.Empty);
        return products
            .Where(p => Customer.NameKey(p).Length >= 2 && key.Contains(Customer.NameKey(p), StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(p => p.Length)
            .ToList();
    }

    /// <summary>Levenshtein distance, for the "did you mean" list.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>Short Latin names must stand as a word ("ACE" is not in "SPACE"); Chinese and long names may sit anywhere.</summary>
    private static bool Names(string text, string textKey, string nameKey, string name)
    {
        if (!textKey.Contains(nameKey, StringComparison.Ordinal))
        {
            return false;
        }

        return nameKey.Any(c => c > 0x2E80) || nameKey.Length > 5
            || Regex.IsMatch(text, $@"(?<![A-Za-z0-9]){Regex.Escape(name.Trim())}(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string Blank(string text, Regex pattern) => pattern.Replace(text, m => new string(' ', m.Length));

    private static string? Domain(string email)
    {
        var at = email.LastIndexOf('@');
        return at < 0 ? null : email[(at + 1)..].ToLowerInvariant();
    }

    private static string Digits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());

    private static readonly HashSet<string> PublicMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "qq.com", "163.com", "126.com", "sina.com", "sohu.com", "gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "foxmail.com", "139.com", "yeah.net", "aliyun.com", "icloud.com", "live.com",
    };

    /// <summary>
    /// The quantity of the sentence that names a defect (the smallest, leaving out totals such as
    /// "total shipment 10,000 pcs"), else the only quantity; null when it cannot tell.
    /// </summary>
    private static int? Affected(string text, IReadOnlyList<(int Value, int Index, int Length)> values)
    {
        var near = values
            .Where(v => DefectWords().IsMatch(Sentence(text, v.Index, v.Length)) && !TotalWords().IsMatch(text[Math.Max(0, v.Index - 20)..v.Index]))
            .Select(v => v.Value)
            .Distinct()
            .ToList();
        if (near.Count >= 1)
        {
            return near.Min();
        }

        var distinct = values.Select(v => v.Value).Distinct().ToList();
        return distinct.Count == 1 ? distinct[0] : null;
    }

    private static string Sentence(string text, int index, int length)
    {
        var start = text.LastIndexOfAny(SentenceEnds, Math.Max(0, index - 1)) + 1;
        var end = text.IndexOfAny(SentenceEnds, Math.Min(text.Length - 1, index + length));
        return text[start..(end < 0 ? text.Length : end)];
    }

    private static readonly char[] SentenceEnds = ['.', '!', '?', '。', '！', '？', '\n', ';', '；'];

    private static string WithoutHistory(string text)
    {
        var lines = text.Split('\n');
        var kept = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (i > 0 && (QuotedHistory().IsMatch(line) || ForwardedHeader().IsMatch(line) || line.StartsWith('>')))
            {
                break;
            }

            kept = i + 1;
        }

        return string.Join('\n', lines.Take(kept));
    }

    /// <summary>A "From:" / "Sent:" / "发件人:" header line, or a quoted "Original Message": the text came as an e-mail.</summary>
    private static bool MailMarks(string text) => text.Split('\n').Select(l => l.Trim()).Any(l =>
        (HeaderLine().Match(l) is { Success: true } h && h.Groups["name"].Value.ToLowerInvariant() is "from" or "sent" or "发件人" or "发送时间" or "寄件者")
        || OriginalMessage().IsMatch(l));

    /// <summary>The text itself: e-mail headers (the subject kept apart), quoted replies and the signature taken off.</summary>
    private static (string Body, string? Subject, bool IsEmail) MainText(string text)
    {
        var lines = text.Split('\n');
        var kept = new List<string>();
        string? subject = null;
        var headers = 0;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (QuotedHistory().IsMatch(line) || (kept.Count > 0 && headers > 0 && HeaderLine().IsMatch(line) && line.StartsWith("From", StringComparison.OrdinalIgnoreCase)) || (kept.Count > 0 && ForwardedHeader().IsMatch(line)))
            {
                break; // everything below is the earlier conversation
            }

            if (Signature().IsMatch(line) && kept.Count > 0)
            {
                break;
            }

            if (HeaderLine().Match(line) is { Success: true } header)
            {
                headers++;
                if (header.Groups["name"].Value.ToLowerInvariant() is "subject" or "主题" or "re" && subject is null)
                {
                    subject = header.Groups["value"].Value.Trim();
                }

                continue;
            }

            if (line.StartsWith('>'))
            {
                continue;
            }

            kept.Add(line);
        }

        var body = string.Join("\n", kept).Trim();
        body = BlankLines().Replace(body, "\n\n");
        return (body, string.IsNullOrWhiteSpace(subject) ? null : subject, headers >= 2 || (headers >= 1 && subject is not null));
    }

    [GeneratedRegex(@"\b(?:QT|SO|PN|SP)-\d{4}-\d{4,9}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DocumentNumberPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<!\d)(?:(?<y>\d{4})\s*[-/.年]\s*(?<m>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})\s*日?|(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*[日号])(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"(?<![\d.])(?<n>\d{1,3}(?:,\d{3})+|\d{1,9})\s*(?:pcs|pc|pieces|piece|units|unit|sets|set|boxes|box|cartons|ctns|ctn|sheets|rolls|copies|books|labels|个|件|张|套|本|盒|只|份|箱|卷|片|册|枚|PCS)(?![A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();

    [GeneratedRegex(@"(?<![\w@])\+?\d[\d\s\-()]{6,22}\d(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex WhitespaceRun();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"^(?<name>From|Sent|To|Cc|Subject|Date|发件人|发送时间|收件人|抄送|主题|日期|寄件者|主旨)\s*[:：]\s*(?<value>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^(?:-{2,}\s*(?:Original Message|Forwarded message|原始邮件|转发邮件|转发的邮件)\s*-{2,}|On .{4,200} wrote:|在\s*.{2,200}\s*写道[:：]|_{8,})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuotedHistory();

    [GeneratedRegex(@"^-{2,}\s*(?:Original Message|原始邮件)\s*-{2,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMessage();

    // "1,200 of the 20,000", "300 out of 5000", "5000个中有300个"
    [GeneratedRegex(@"(?<![\d.,])(?<n>\d{1,3}(?:,\d{3})+|\d{1,9})\s+(?:out\s+)?of\s+(?:the\s+|our\s+|your\s+|all\s+)?(?<t>\d{1,3}(?:,\d{3})+|\d{1,9})(?![\d.])|(?<t>\d{1,3}(?:,\d{3})+|\d{1,9})\s*[个件张套只盒]?\s*中\s*有?\s*(?<n>\d{1,3}(?:,\d{3})+|\d{1,9})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartOfPattern();

    [GeneratedRegex(@"^-{2,}\s*(?:Forwarded|转发)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForwardedHeader();

    [GeneratedRegex(@"^(?:--\s*|Best regards|Kind regards|Best wishes|Regards|Thanks(?: and regards)?|Thank you|Sincerely|Cheers|BR|此致|敬礼|顺祝商祺|祝好|谢谢|多谢)[,，!！.。]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Signature();

    [GeneratedRegex(@"微信|\bwe-?chat\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeChatWords();

    [GeneratedRegex(@"来访|上门|到厂|来厂|\bvisited\b|\bcame to the factory\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VisitWords();

    [GeneratedRegex(@"传真|\bfax(?:ed)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FaxWords();

    [GeneratedRegex(@"来电|打电话|电话里|电话中|致电|电话投诉|\bphoned\b|\bcalled\b|\bon the phone\b|\bphone call\b|\bby phone\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhoneWords();

    [GeneratedRegex(@"邮件|电邮|\be-?mail(?:ed)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmailWords();

    // What the defect does, not how much of a hurry the customer is in: "紧急", "urgent", "着急" ask the severity.
    [GeneratedRegex(@"严重|召回|停线|全部不良|索赔|\bcritical\b|\bserious(?:ly)?\b|\brecall\b|\bline stop|\bclaim\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CriticalWords();

    [GeneratedRegex(@"^(?:错|有问题|wrong|bad)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GenericFault();

    [GeneratedRegex(@"迟交|晚交|延迟交货|交货延迟|交期延误|延误|没按时|未按时|没到货|未到货|还没到|没收到货|没有收到货|送货晚|发货晚|少发|漏发|送错|\blate\b|\bdelayed\b|\bnot (?:yet )?(?:arrived|delivered|received)\b|\bshort[- ]shipped\b|\bshort shipment\b|\bmissing cartons?\b|\bwrong address\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeliveryWords();

    [GeneratedRegex(@"发票|对账|单价不对|价格不对|多收|多开|\binvoice|\bbilling\b|\bovercharg|\bcredit note\b|\bwrong price\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InvoiceWords();

    [GeneratedRegex(@"态度|服务差|服务不好|不回复|没人回复|没有回复|回复慢|不理|\brude\b|\battitude\b|\bno reply\b|\bnever (?:replied|answered)\b|\bunresponsive\b|\bpoor service\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ServiceWords();

    [GeneratedRegex(@"(?:(?<![A-Za-z])P\.?\s?O\.?(?:\s*(?:No\.?|number|#))?|purchase order(?:\s*(?:No\.?|number|#))?|customer order(?:\s*(?:No\.?|number|#))?|订单号|订单编号|采购单号|采购订单号|客户单号|客户订单号)\s*[:：#]?\s*(?<po>[A-Za-z0-9][A-Za-z0-9\-_/]{1,30}[A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CustomerOrderPattern();

    [GeneratedRegex(@"前天|前日|\bthe day before yesterday\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayBeforeYesterday();

    [GeneratedRegex(@"昨天|昨日|昨晚|\byesterday\b|\blast night\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Yesterday();

    [GeneratedRegex(@"今天|今日|今早|今天上午|今天下午|\btoday\b|\bthis morning\b|\bthis afternoon\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Today();

    // "11月28日来电", "11月28日下午打电话投诉": a date with the words of a complaint coming in.
    [GeneratedRegex(@"(?<!\d)(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*[日号]\s*(?:上午|下午|晚上|早上)?\s*(?:来电|来信|来函|打电话|致电|发邮件|来邮件|投诉|反映|来访)", RegexOptions.CultureInvariant)]
    private static partial Regex ReceivedDatePattern();

    [GeneratedRegex(@"total|shipment|shipped|ordered|out of|总共|总数|共计|合计|订了|发货|出货", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TotalWords();

    [GeneratedRegex(@"轻微|个别|\bminor\b|\bslight(?:ly)?\b|\bcosmetic\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MinorWords();

    [GeneratedRegex(@"不良|有问题|错|破损|损坏|退货|次品|脱落|褪色|偏色|模糊|\bdefect|\bbad\b|\bwrong|\bdamaged|\bmisprint|\baffected|\bfaulty|\breject|\bNG\b|\bsmear|\bfaded|\bblurr", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefectWords();
}
