using System.ComponentModel.DataAnnotations;
using MingXin.Bot.Domain.Documents;

namespace MingXin.Bot.Documents;

/// <summary>
/// Section <c>Documents</c>: how the company's documents are headed — its name in both languages, address,
/// phone, fax, an optional logo — each form's own code and revision next to MX-QM-03, and what a
/// customer's quotation says besides its prices (how long it holds, its terms).
/// </summary>
public sealed class DocumentOptions : IValidatableObject
{
    public const string SectionName = "Documents";

    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string CompanyNameZh { get; set; } = "明新刷品制造(深圳)有限公司";

    [StringLength(150)]
    public string CompanyNameEn { get; set; } = "Mingxin Printing Products Manufacturing (Shenzhen) Co., Ltd.";

    [StringLength(200)]
    public string Address { get; set; } = string.Empty;

    [StringLength(40)]
    public string Phone { get; set; } = string.Empty;

    [StringLength(40)]
    public string Fax { get; set; } = string.Empty;

    /// <summary>The company's logo, a PNG or JPEG file (absolute, or relative to the bot's folder), printed at the top left; none when empty.</summary>
    public string LogoPath { get; set; } = string.Empty;

    /// <summary>The logo's file as the writer opens it, or null for none.</summary>
    public string? LogoFile => string.IsNullOrWhiteSpace(LogoPath) ? null : Path.IsPathRooted(LogoPath) ? LogoPath : Path.Combine(AppContext.BaseDirectory, LogoPath);

    /// <summary>The procedure every form belongs to.</summary>
    [Required]
    [StringLength(40, MinimumLength = 1)]
    public string Procedure { get; set; } = "MX-QM-03";

    /// <summary>Each form's own code and revision as printed on it, by kind (e.g. <c>"Quotation": "QR-MX-03-01 A"</c>); a kind not named prints MX-QM-03 and its number prefix.</summary>
    public Dictionary<string, string> FormCodes { get; set; } = [];

    /// <summary>How many days a customer's quotation holds its prices, from the day it was approved.</summary>
    [Range(1, 366)]
    public int QuotationValidDays { get; set; } = 30;

    /// <summary>The terms printed on a customer's quotation, one per line, each "中文 | English".</summary>
    public List<string> QuotationTerms { get; set; } =
    [
        "价格以人民币计 | Prices in CNY",
        "价格以本报价单所列规格及数量为准 | Prices apply to the specification and quantities above",
        "请签字盖章回传确认 | Please sign, stamp and return to confirm",
    ];

    public Letterhead Letterhead() => new(CompanyNameZh, CompanyNameEn, Address, Phone, Fax, LogoFile);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LogoFile is { } logo && (!File.Exists(logo) || !(logo.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || logo.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || logo.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))))
        {
            yield return new ValidationResult($"'{LogoPath}' must be a PNG or JPEG file that exists (absolute, or relative to the bot's folder).", [nameof(LogoPath)]);
        }
    }

    /// <summary>The reference a form prints: the procedure, and the form's code and revision.</summary>
    public string Reference(string kind, string prefix) =>
        FormCodes.TryGetValue(kind, out var code) && !string.IsNullOrWhiteSpace(code) ? $"{Procedure} · {code.Trim()}" : $"{Procedure} · {prefix}";
}
