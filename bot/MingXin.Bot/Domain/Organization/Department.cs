namespace MingXin.Bot.Domain.Organization;

/// <summary>The departments of MX-QM-03 §3 that the bot posts to.</summary>
public enum Department
{
    Sales,
    QualityControl,
    Production,
    MaterialsControl,
    Warehouse,
    GeneralManagerOffice,
}

/// <summary>Names, codes and aliases of <see cref="Department"/>, as the factory writes them.</summary>
public static class Departments
{
    private sealed record Info(Department Department, string Code, string ChineseName, string EnglishName, string[] Aliases);

    private static readonly Info[] All =
    [
        new(Department.Sales, "sales", "业务部", "Sales", ["sales", "业务", "业务部", "销售", "销售部"]),
        new(Department.QualityControl, "qc", "品管部", "Quality Control", ["qc", "quality", "qualitycontrol", "quality-control", "品管", "品管部", "品质部"]),
        new(Department.Production, "production", "生产部", "Production", ["production", "prod", "生产", "生产部"]),
        new(Department.MaterialsControl, "materials", "物控部", "Materials Control", ["materials", "materialscontrol", "materials-control", "mc", "物控", "物控部"]),
        new(Department.Warehouse, "warehouse", "仓储", "Warehouse", ["warehouse", "wh", "仓储", "仓库", "仓储部"]),
        new(Department.GeneralManagerOffice, "gm-office", "总经办", "GM Office", ["gm-office", "gmoffice", "gm", "总经办", "总经理办公室"]),
    ];

    public static IReadOnlyList<Department> List { get; } = All.Select(i => i.Department).ToArray();

    /// <summary>Short stable code used in storage keys and configuration, e.g. <c>qc</c>.</summary>
    public static string Code(this Department department) => Find(department).Code;

    public static string Name(this Department department, Language language) =>
        language == Language.Chinese ? Find(department).ChineseName : Find(department).EnglishName;

    /// <summary>Both names, the company's own first: <c>品管部 Quality Control</c>.</summary>
    public static string BilingualName(this Department department) =>
        $"{Find(department).ChineseName} {Find(department).EnglishName}";

    /// <summary>Parses what a user typed (code, English or Chinese name, case- and space-insensitive).</summary>
    public static bool TryParse(string? text, out Department department)
    {
        department = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var key = text.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        foreach (var info in All)
        {
            if (info.Aliases.Contains(key) || info.EnglishName.Replace(" ", string.Empty, StringComparison.Ordinal).Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                department = info.Department;
                return true;
            }
        }

        return false;
    }

    public static bool TryFromCode(string? code, out Department department)
    {
        foreach (var info in All)
        {
            if (string.Equals(info.Code, code, StringComparison.Ordinal))
            {
                department = info.Department;
                return true;
            }
        }

        department = default;
        return false;
    }

    private static Info Find(Department department) =>
        Array.Find(All, i => i.Department == department) ?? throw new ArgumentOutOfRangeException(nameof(department), department, null);
}
