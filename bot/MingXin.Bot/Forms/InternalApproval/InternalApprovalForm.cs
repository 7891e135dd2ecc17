using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Domain.Approvals;

/// <summary>
/// Internal Approval 内部审批单: a general two-step sign-off — a joint review by the Production
/// manager, the QC manager and Materials Control (all three), then the general manager. The forms of
/// MX-QM-03 define their own routes on the same engine.
/// </summary>
public static class InternalApprovalForm
{
    public const string Kind = "InternalApproval";
    public const string Prefix = "IA";
    public const int MaxTitleLength = 100;
    public const int MaxDetailsLength = 1000;

    public static string Name(Language l) => l == Language.Chinese ? "内部审批单" : "Internal Approval";

    public static Department OriginDepartment => Department.Sales;

    public static IReadOnlyList<StepDefinition> Route { get; } =
    [
        new StepDefinition(
            "review",
            "会签（生产、品管、物控）",
            "Joint review (Production, QC, Materials Control)",
            ApprovalRule.AllOf,
            [new Seat("production", Position.ProductionManager), new Seat("qc", Position.QcManager), new Seat("materials", Position.MaterialsController)],
            Department.Production),
        new StepDefinition(
            "gm",
            "总经理批准",
            "General manager's approval",
            ApprovalRule.Single,
            [new Seat("gm", Position.GeneralManager)],
            Department.GeneralManagerOffice),
    ];

    /// <summary>Departments whose channels show a step: those of its seats' positions.</summary>
    public static IReadOnlyList<Department> DepartmentsOf(StepDefinition step) =>
        step.Seats.Select(s => s.Position.HomeDepartment() ?? step.Department).Distinct().ToList();
}
