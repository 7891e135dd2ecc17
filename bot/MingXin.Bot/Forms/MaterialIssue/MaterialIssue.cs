using System.Globalization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Domain.Orders;

public enum MaterialProblem
{
    /// <summary>The material arrives late.</summary>
    Late,

    /// <summary>The material has a serious quality problem.</summary>
    Quality,
}

public enum MaterialIssueStatus
{
    /// <summary>QC and Production are notified; the production supervisor passes it to Sales.</summary>
    AwaitingProductionSupervisor,

    /// <summary>The follow-up clerk agrees a date with the customer.</summary>
    AwaitingCustomerPermission,

    /// <summary>Every customer has answered: a permission moved that customer's notices, a refusal put them at risk for the GM.</summary>
    Resolved,

    Cancelled,
}

/// <summary>One customer's notices held up by the issue, and that customer's answer (4.2.3).</summary>
public sealed class CustomerAnswer
{
    public string Customer { get; set; } = string.Empty;

    public List<string> Notices { get; set; } = [];

    public CustomerPermission? Permission { get; set; }

    public CustomerRefusal? Refusal { get; set; }

    public bool Answered => Permission is not null || Refusal is not null;
}

/// <summary>A Production Notice the issue holds up, with its customer.</summary>
public sealed record AffectedNotice(string Id, string Customer);

public sealed class MaterialIssueState : FormState
{
    public string Supplier { get; set; } = string.Empty;

    public string Material { get; set; } = string.Empty;

    public MaterialProblem Problem { get; set; }

    public string Description { get; set; } = string.Empty;

    /// <summary>When the supplier says the (good) material will be here.</summary>
    public DateOnly ExpectedDate { get; set; }

    /// <summary>The Production Notices it holds up.</summary>
    public List<string> AffectedNotices { get; set; } = [];

    public MaterialIssueStatus Status { get; set; }

    public string? SupervisorNote { get; set; }

    public PersonRef? PassedToSalesBy { get; set; }

    /// <summary>The affected notices grouped by customer, each with that customer's answer.</summary>
    public List<CustomerAnswer> Customers { get; set; } = [];

    /// <summary>The one permission of an issue recorded before answers were kept per customer.</summary>
    public CustomerPermission? Permission { get; set; }
}

/// <summary>
/// A late or bad-quality material (MX-QM-03 4.2.1): Materials Control confirms with the supplier and
/// reports to the QC and Production supervisors; the Production supervisor tells Sales; the
/// follow-up clerk agrees a delivery date with the customer — under the permission rule (4.2.3) —
/// and every affected Production Notice takes the new date.
/// </summary>
public sealed class MaterialIssue(MaterialIssueState state) : StepForm<MaterialIssueState>(state)
{
    public const string Kind = "MaterialIssue";
    public const string Prefix = "MI";
    public const int MaxAffected = 10;

    public MaterialIssueStatus Status => State.Status;

    public override bool IsOpen => Status is MaterialIssueStatus.AwaitingProductionSupervisor or MaterialIssueStatus.AwaitingCustomerPermission;

    public override string StatusName => Status.ToString();

    public static string Name(Language l) => l == Language.Chinese ? "物料异常通知" : "Material issue";

    protected override void MarkCancelled() => State.Status = MaterialIssueStatus.Cancelled;

    public static (MaterialIssue? Issue, FormOutcome Outcome) Start(string id, IReadOnlyList<AffectedNotice> affectedNotices, string? supplier, string? material, MaterialProblem problem, string? description, DateOnly? expectedDate, Actor actor, DateOnly today, DateTimeOffset at)
    {
        if (!actor.Positions.Contains(Position.MaterialsController))
        {
            return (null, Refuse(FormRefusal.NotYourTurn));
        }

        var problems = new List<FieldProblem>();
        Text("supplier", supplier, QuotationRequest.MaxNameLength);
        Text("material", material, QuotationRequest.MaxNameLength);
        Text("description", description, MaxTextLength);
        if (expectedDate is null)
        {
            problems.Add(new FieldProblem("expectedDate", ProblemKind.Required));
        }
        else if (expectedDate < today)
        {
            problems.Add(new FieldProblem("expectedDate", ProblemKind.DateInPast));
        }

        if (affectedNotices.Count == 0)
        {
            problems.Add(new FieldProblem("notices", ProblemKind.Required));
        }
        else if (affectedNotices.Count > MaxAffected)
        {
            problems.Add(new FieldProblem("notices", ProblemKind.TooMany, MaxAffected));
        }

        if (!Enum.IsDefined(problem))
        {
            problems.Add(new FieldProblem("problem", ProblemKind.Unknown));
        }

        if (problems.Count > 0)
        {
            return (null, new FormOutcome.Invalid(problems));
        }

        var issue = new MaterialIssue(new MaterialIssueState
        {
            Id = id,
            Originator = actor.Person,
            CreatedAt = at,
            Version = 1,
            Supplier = supplier!.Trim(),
            Material = material!.Trim(),
            Problem = problem,
            Description = description!.Trim(),
            ExpectedDate = expectedDate!.Value,
            AffectedNotices = affectedNotices.Select(n => n.Id).Distinct().ToList(),
            Customers = affectedNotices.DistinctBy(n => n.Id).GroupBy(n => n.Customer.Trim(), StringComparer.OrdinalIgnoreCase)
                .Select(g => new CustomerAnswer { Customer = g.First().Customer.Trim(), Notices = g.Select(n => n.Id).ToList() }).ToList(),
            Status = MaterialIssueStatus.AwaitingProductionSupervisor,
        });
        var e = new FormEvent(actor.Person, at, MaterialIssueEvents.Started, issue.State.Description, issue.StatusName, new Dictionary<string, string>
        {
            ["supplier"] = issue.State.Supplier,
            ["material"] = issue.State.Material,
            ["problem"] = problem.ToString(),
            ["expected"] = issue.State.ExpectedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["notices"] = string.Join(",", issue.State.AffectedNotices),
        });
        issue.Record([e]);
        return (issue, new FormOutcome.Accepted([e]));

        void Text(string field, string? value, int max)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new FieldProblem(field, ProblemKind.Required));
            }
            else if (value.Trim().Length > max)
            {
                problems.Add(new FieldProblem(field, ProblemKind.TooLong, max));
            }
        }
    }

    /// <summary>The positions the form waits on now, as its step table declares them.</summary>
    public IReadOnlyList<Position> PositionsWaitedOn() => MaterialIssueSteps.Table.PositionsWaitedOn(this);

    /// <summary>The production supervisor passes the issue to Sales (4.2.1).</summary>
    public FormOutcome PassToSales(Actor actor, string? note, DateTimeOffset at)
    {
        if (Status != MaterialIssueStatus.AwaitingProductionSupervisor)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!actor.Positions.Contains(Position.ProductionManager))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (CheckText(note, required: false) is { } refused)
        {
            return refused;
        }

        State.SupervisorNote = Clean(note);
        State.PassedToSalesBy = actor.Person;
        State.Status = MaterialIssueStatus.AwaitingCustomerPermission;
        return Accept(new FormEvent(actor.Person, at, MaterialIssueEvents.PassedToSales, State.SupervisorNote, StatusName));
    }

    /// <summary>The customers who have not answered yet (an issue from before answers were kept per customer has none listed).</summary>
    public IReadOnlyList<CustomerAnswer> Unanswered => State.Customers.Where(c => !c.Answered).ToList();

    /// <summary>
    /// The follow-up clerk records the date one customer agreed (who, how): that customer's notices take
    /// it, no other customer's. For an issue from before answers were kept per customer, the customer
    /// named is taken as the one who answered for every notice; each notice still takes only its own customer's date.
    /// </summary>
    public FormOutcome RecordCustomerPermission(Actor actor, string? customer, DateOnly? agreedDate, string? agreedBy, ContactChannel via, DateOnly today, DateTimeOffset at)
    {
        if (Guard(actor, customer) is { } refused)
        {
            return refused;
        }

        var problems = CustomerPermission.Problems(agreedDate, agreedBy, via, today);
        if (problems.Count > 0)
        {
            return new FormOutcome.Invalid(problems);
        }

        var answer = AnswerOf(customer!);
        answer.Permission = new CustomerPermission(State.Id, null, agreedDate!.Value, agreedBy!.Trim(), via, actor.Person, at, answer.Customer);
        return Answered(actor, at, MaterialIssueEvents.CustomerPermission, answer, $"{answer.Customer}: {answer.Permission.AgreedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}（{answer.Permission.AgreedBy}, {via}）", new Dictionary<string, string>
        {
            ["customer"] = answer.Customer,
            ["agreedDate"] = answer.Permission.AgreedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["agreedBy"] = answer.Permission.AgreedBy,
            ["via"] = via.ToString(),
        });
    }

    /// <summary>One customer refused a new date: recorded, and that customer's notices go to the general manager at risk.</summary>
    public FormOutcome RecordCustomerRefusal(Actor actor, string? customer, string? refusedBy, ContactChannel via, string? note, DateTimeOffset at)
    {
        if (Guard(actor, customer) is { } refused)
        {
            return refused;
        }

        var problems = CustomerRefusal.Problems(refusedBy, via, note);
        if (problems.Count > 0)
        {
            return new FormOutcome.Invalid(problems);
        }

        var answer = AnswerOf(customer!);
        answer.Refusal = new CustomerRefusal(State.Id, answer.Customer, State.ExpectedDate, refusedBy!.Trim(), via, note!.Trim(), actor.Person, at);
        return Answered(actor, at, MaterialIssueEvents.CustomerRefused, answer, $"{answer.Customer}: {answer.Refusal.RefusedBy}（{via}）{answer.Refusal.Note}", new Dictionary<string, string>
        {
            ["customer"] = answer.Customer,
            ["refusedBy"] = answer.Refusal.RefusedBy,
            ["via"] = via.ToString(),
        });
    }

    private FormOutcome Answered(Actor actor, DateTimeOffset at, string action, CustomerAnswer answer, string comment, Dictionary<string, string> detail)
    {
        if (State.Customers.All(c => c.Answered))
        {
            State.Status = MaterialIssueStatus.Resolved;
        }

        return Accept(new FormEvent(actor.Person, at, action, comment, StatusName, detail));
    }

    private FormOutcome? Guard(Actor actor, string? customer)
    {
        if (Status != MaterialIssueStatus.AwaitingCustomerPermission)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!(actor.Positions.Contains(Position.FollowUpClerk) || actor.Positions.Contains(Position.SalesManager)))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var name = customer?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            return Invalid(new FieldProblem("customer", ProblemKind.Required));
        }

        if (name.Length > QuotationRequest.MaxNameLength)
        {
            return Invalid(new FieldProblem("customer", ProblemKind.TooLong, QuotationRequest.MaxNameLength));
        }

        return State.Customers.Count == 0 || Unanswered.Any(c => Same(c.Customer, name)) ? null : Invalid(new FieldProblem("customer", ProblemKind.Unknown));
    }

    /// <summary>The customer's group; an issue from before groups were kept gets one group, every notice in it.</summary>
    private CustomerAnswer AnswerOf(string customer)
    {
        if (State.Customers.Count == 0)
        {
            State.Customers.Add(new CustomerAnswer { Customer = customer.Trim(), Notices = State.AffectedNotices.ToList() });
        }

        return State.Customers.First(c => !c.Answered && (State.Customers.Count == 1 || Same(c.Customer, customer)));
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
