namespace MingXin.Bot.Domain.Organization;

/// <summary>The positions (roles) named in MX-QM-03 §3 that act on forms.</summary>
public enum Position
{
    Salesperson,
    SalesManager,
    FollowUpClerk,
    GeneralManager,
    ProductionPlanner,
    ProductionManager,
    QcInspector,
    QcManager,
    MaterialsController,
    WarehouseKeeper,
    Administrator,
}

public static class Positions
{
    private sealed record Info(Position Position, Department? Department, string ChineseName, string EnglishName);

    private static readonly Info[] All =
    [
        new(Position.Salesperson, Department.Sales, "业务员", "Salesperson"),
        new(Position.SalesManager, Department.Sales, "业务经理", "Sales manager"),
        new(Position.FollowUpClerk, Department.Sales, "业务跟单员", "Sales follow-up clerk"),
        new(Position.GeneralManager, Department.GeneralManagerOffice, "总经理", "General manager"),
        new(Position.ProductionPlanner, Department.Production, "生管员", "Production planner"),
        new(Position.ProductionManager, Department.Production, "生产经理", "Production manager"),
        new(Position.QcInspector, Department.QualityControl, "品管员", "QC inspector"),
        new(Position.QcManager, Department.QualityControl, "品管经理", "QC manager"),
        new(Position.MaterialsController, Department.MaterialsControl, "物控员", "Materials controller"),
        new(Position.WarehouseKeeper, Department.Warehouse, "仓管员", "Warehouse keeper"),
        new(Position.Administrator, null, "系统管理员", "Administrator"),
    ];

    public static IReadOnlyList<Position> List { get; } = All.Select(i => i.Position).ToArray();

    /// <summary>Every position of a department, e.g. anyone in QC.</summary>
    public static Position[] In(params Department[] departments) => All.Where(i => i.Department is { } d && departments.Contains(d)).Select(i => i.Position).ToArray();

    /// <summary>The department a position belongs to; <c>null</c> for the bot administrator.</summary>
    public static Department? HomeDepartment(this Position position) => Find(position).Department;

    /// <summary>Whom a late step of this position escalates to: the department's manager, managers to the GM; null for the GM.</summary>
    public static Position? ManagerOf(this Position position) => position switch
    {
        Position.Salesperson or Position.FollowUpClerk => Position.SalesManager,
        Position.ProductionPlanner => Position.ProductionManager,
        Position.QcInspector => Position.QcManager,
        Position.GeneralManager => null,
        _ => Position.GeneralManager,
    };

    public static string Name(this Position position, Language language) =>
        language == Language.Chinese ? Find(position).ChineseName : Find(position).EnglishName;

    public static bool TryParse(string? text, out Position position) =>
        Enum.TryParse(text?.Trim().Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out position) && Enum.IsDefined(position);

    private static Info Find(Position position) =>
        Array.Find(All, i => i.Position == position) ?? throw new ArgumentOutOfRangeException(nameof(position), position, null);
}
