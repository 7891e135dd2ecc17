using System.Globalization;
using System.Text;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Customers;

/// <summary>
/// One customer of the customer register 客户名录: the names people use for it (full name and short
/// names), how it reaches the factory (phones, e-mail addresses), the products it buys and where its
/// goods are delivered. Complaints are logged against it; a pasted e-mail is matched to it by any of these.
/// </summary>
/// <param name="Addresses">Delivery addresses, the usual one first (a Delivery Note offers them); null on entries saved before they were kept.</param>
/// <param name="Documents">The language of the documents the customer gets (a quotation, a delivery note): an overseas customer reads English.</param>
public sealed record Customer(
    string Id,
    string Name,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> Products,
    PersonRef AddedBy,
    DateTimeOffset AddedAt,
    IReadOnlyList<string>? Addresses = null,
    Documents.DocumentLanguage Documents = Documents.DocumentLanguage.Chinese)
{
    public const int MaxAddressLength = 300;
    public const int MaxAddresses = 10;

    public const string Prefix = "CU";
    public const int MaxNameLength = 100;
    public const int MaxListItems = 30;

    public static string RegisterName(Language l) => l == Language.Chinese ? "客户名录" : "Customer Register";

    /// <summary>The name with its first short name, as cards show it: <c>深圳华彩包装有限公司（华彩）</c>, <c>Acme Printing Ltd (ACME)</c>.</summary>
    public string Label => ShortNames.Count == 0 ? Name : Name.Any(c => c > 0x2E80) ? $"{Name}（{ShortNames[0]}）" : $"{Name} ({ShortNames[0]})";

    /// <summary>Every name this customer is known by, full name first.</summary>
    public IEnumerable<string> Names => new[] { Name }.Concat(ShortNames);

    /// <summary>
    /// A new register entry from what was typed (lists separated by commas, semicolons or new lines).
    /// Every problem is reported at once.
    /// </summary>
    /// <param name="addresses">Delivery addresses, one per line (an address has commas of its own).</param>
    /// <param name="documents">The language of the customer's documents, by name (Chinese, English, Both); none: Chinese.</param>
    public static (Customer? Customer, IReadOnlyList<FieldProblem> Problems) Create(string id, string? name, string? shortNames, string? phones, string? emails, string? products, PersonRef by, DateTimeOffset at, string? addresses = null, string? documents = null)
    {
        var problems = new List<FieldProblem>();
        var cleanName = (name ?? string.Empty).Trim();
        if (cleanName.Length == 0)
        {
            problems.Add(new FieldProblem("name", ProblemKind.Required));
        }
        else if (cleanName.Length > MaxNameLength)
        {
            problems.Add(new FieldProblem("name", ProblemKind.TooLong, MaxNameLength));
        }

        var shorts = List("shortNames", shortNames, 40, problems);
        var phoneList = List("phones", phones, 40, problems);
        if (phoneList.FirstOrDefault(p => Digits(p) is < 5 or > 15) is not null)
        {
            problems.Add(new FieldProblem("phones", ProblemKind.Unknown));
        }

        var emailList = List("emails", emails, 120, problems).Select(e => e.ToLowerInvariant()).ToList();
        if (emailList.Any(e => !LooksLikeEmail(e)))
        {
            problems.Add(new FieldProblem("emails", ProblemKind.Unknown));
        }

        var productList = List("products", products, MaxNameLength, problems);
        var addressList = (addresses ?? string.Empty).Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (addressList.Count > MaxAddresses)
        {
            problems.Add(new FieldProblem("addresses", ProblemKind.TooMany, MaxAddresses));
        }
        else if (addressList.Any(a => a.Length > MaxAddressLength))
        {
            problems.Add(new FieldProblem("addresses", ProblemKind.TooLong, MaxAddressLength));
        }

        var language = MingXin.Bot.Domain.Documents.DocumentLanguage.Chinese;
        if (!string.IsNullOrWhiteSpace(documents) && (!Enum.TryParse(documents.Trim(), ignoreCase: true, out language) || !Enum.IsDefined(language)))
        {
            problems.Add(new FieldProblem("documents", ProblemKind.Unknown));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new Customer(id, cleanName, shorts, phoneList, emailList, productList, by, at, addressList, language), problems);
    }

    /// <summary>The key that makes names unique in the register: case, width and spaces do not count.</summary>
    public static string NameKey(string name)
    {
        var normalized = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (!char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !TypedText.IsInvisible(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    internal static int Digits(string phone) => phone.Count(char.IsAsciiDigit);

    internal static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && text.IndexOf('.', at) > at + 1 && !text.EndsWith('.') && !text.Any(char.IsWhiteSpace);
    }

    private static List<string> List(string field, string? text, int maxLength, List<FieldProblem> problems)
    {
        var items = (text ?? string.Empty)
            .Split([',', '，', ';', '；', '\n', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (items.Count > MaxListItems)
        {
            problems.Add(new FieldProblem(field, ProblemKind.TooMany, MaxListItems));
        }
        else if (items.Any(i => i.Length > maxLength))
        {
            problems.Add(new FieldProblem(field, ProblemKind.TooLong, maxLength));
        }

        return items;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id} {Name}");
}
