using System.Globalization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Samples;

namespace MingXin.Bot.Domain.Orders;

public enum AmendmentStatus
{
    AwaitingSalesManager,
    AwaitingProductionManager,
    AwaitingPlanner,

    /// <summary>Acknowledged by the production planner: the notice carries the new value.</summary>
    Applied,

    Rejected,
    Cancelled,
}

/// <summary>The Production Notice an amendment changes, as it stands when the amendment is written.</summary>
public sealed record NoticeRef(string Id, NoticeStatus Status, string CustomerName, string Product, int Quantity, DateOnly? DeliveryDate, string Specification);

public sealed class OrderAmendmentState : FormState
{
    public NoticeRef Notice { get; set; } = null!;

    public AmendedField Field { get; set; }

    public string OldValue { get; set; } = string.Empty;

    public string NewValue { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;

    public AmendmentStatus Status { get; set; }

    public SignOff? SalesManager { get; set; }

    public SignOff? ProductionManager { get; set; }

    public SignOff? Planner { get; set; }

    public string? RejectReason { get; set; }

    /// <summary>
    /// A new delivery date's permission from the notice's customer (4.2: who at the customer, when, how),
    /// recorded by Sales before the departments hear of it. Null for other changes — and on date
    /// amendments written before it was asked, which wait for it before anyone confirms them.
    /// </summary>
    public CustomerPermission? Permission { get; set; }
}

/// <summary>
/// Order Amendment Notice 订单修正通知单 (MX-QM-03 4.1.10): reason and content by the salesperson,
/// confirmed by the sales manager, then the production manager, then acknowledged by the production
/// planner, who acts on it — at which point the Production Notice carries the new value, the old one kept.
/// </summary>
public sealed class OrderAmendment(OrderAmendmentState state) : StepForm<OrderAmendmentState>(state)
{
    public const string Kind = "OrderAmendment";
    public const string Prefix = "OA";

    public AmendmentStatus Status => State.Status;

    public override bool IsOpen => Status is AmendmentStatus.AwaitingSalesManager or AmendmentStatus.AwaitingProductionManager or AmendmentStatus.AwaitingPlanner;

    public override string StatusName => Status.ToString();

    protected override void MarkCancelled() => State.Status = AmendmentStatus.Cancelled;

    public static string Name(Language l) => l == Language.Chinese ? "订单修正通知单" : "Order Amendment Notice";

    /// <param name="agreedBy">For a new delivery date: who at the customer agreed to it (4.2).</param>
    /// <param name="via">For a new delivery date: how the customer agreed.</param>
    public static (OrderAmendment? Amendment, FormOutcome Outcome) Start(string id, NoticeRef notice, AmendedField field, string? newValue, string? reason, Actor actor, DateOnly today, DateTimeOffset at, string? agreedBy = null, ContactChannel? via = null)
    {
        if (!(actor.Positions.Contains(Position.Salesperson) || actor.Positions.Contains(Position.SalesManager)))
        {
            return (null, Refuse(FormRefusal.NotYourTurn));
        }

        var problems = new List<FieldProblem>();
        if (notice.Status == NoticeStatus.Cancelled)
        {
            problems.Add(new FieldProblem("notice", ProblemKind.Unknown));
        }

        var value = newValue?.Trim() ?? string.Empty;
        string normalized = value;
        string old;
        switch (field)
        {
            case AmendedField.Quantity:
                old = notice.Quantity.ToString(CultureInfo.InvariantCulture);
                if (!int.TryParse(value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
                {
                    problems.Add(new FieldProblem("value", value.Length == 0 ? ProblemKind.Required : ProblemKind.NotANumber));
                }
                else if (quantity <= 0 || quantity > CostSheet.MaxQuantity)
                {
                    problems.Add(new FieldProblem("value", quantity <= 0 ? ProblemKind.MustBePositive : ProblemKind.TooLarge, quantity <= 0 ? null : CostSheet.MaxQuantity));
                }
                else
                {
                    normalized = quantity.ToString(CultureInfo.InvariantCulture);
                }

                break;
            case AmendedField.DeliveryDate:
                old = notice.DeliveryDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
                if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    problems.Add(new FieldProblem("value", ProblemKind.Required));
                }
                else if (date < today)
                {
                    problems.Add(new FieldProblem("value", ProblemKind.DateInPast));
                }

                // 4.2: "業務跟單員必須同客戶協商好，得到允許後再知會相關部門" — no date moves without the customer.
                problems.AddRange(CustomerPermission.Problems(date, agreedBy, via ?? (ContactChannel)(-1), DateOnly.MinValue).Where(p => p.Field != "agreedDate"));
                break;
            default:
                old = field == AmendedField.Specification ? notice.Specification : string.Empty;
                if (value.Length == 0)
                {
                    problems.Add(new FieldProblem("value", ProblemKind.Required));
                }
                else if (value.Length > QuotationRequest.MaxTextLength)
                {
                    problems.Add(new FieldProblem("value", ProblemKind.TooLong, QuotationRequest.MaxTextLength));
                }

                break;
        }

        if (normalized == old && problems.Count == 0)
        {
            problems.Add(new FieldProblem("value", ProblemKind.Duplicate)); // nothing would change
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add(new FieldProblem("reason", ProblemKind.Required));
        }
        else if (reason.Trim().Length > MaxTextLength)
        {
            problems.Add(new FieldProblem("reason", ProblemKind.TooLong, MaxTextLength));
        }

        if (problems.Count > 0)
        {
            return (null, new FormOutcome.Invalid(problems));
        }

        var amendment = new OrderAmendment(new OrderAmendmentState
        {
            Id = id,
            Originator = actor.Person,
            CreatedAt = at,
            Version = 1,
            Notice = notice,
            Field = field,
            OldValue = old,
            NewValue = normalized,
            Reason = reason!.Trim(),
            Status = AmendmentStatus.AwaitingSalesManager,
            Permission = field == AmendedField.DeliveryDate
                ? new CustomerPermission(id, notice.DeliveryDate, DateOnly.ParseExact(normalized, "yyyy-MM-dd", CultureInfo.InvariantCulture), agreedBy!.Trim(), via!.Value, actor.Person, at, notice.CustomerName)
                : null,
        });
        var e = new FormEvent(actor.Person, at, AmendmentEvents.Started, amendment.State.Reason, amendment.Status.ToString(), new Dictionary<string, string>
        {
            ["notice"] = notice.Id,
            ["field"] = field.ToString(),
            ["old"] = old,
            ["new"] = normalized,
        });
        if (amendment.State.Permission is { } permission)
        {
            ((Dictionary<string, string>)e.Detail!)["agreedBy"] = permission.AgreedBy;
            ((Dictionary<string, string>)e.Detail!)["via"] = permission.Via.ToString();
        }

        amendment.Record([e]);
        return (amendment, new FormOutcome.Accepted([e]));
    }

    /// <summary>The positions the form waits on now, as its step table declares them.</summary>
    public IReadOnlyList<Position> PositionsWaitedOn() => OrderAmendmentSteps.Table.PositionsWaitedOn(this);

    /// <summary>A date amendment written before the customer's permission was asked for: nobody confirms it until Sales records it.</summary>
    public bool PermissionMissing => IsOpen && State.Field == AmendedField.DeliveryDate && State.Permission is null;

    /// <summary>Sales records the customer's permission for the new date on such an amendment (who, how; the date is the amendment's).</summary>
    public FormOutcome RecordCustomerPermission(Actor actor, string? agreedBy, ContactChannel via, DateTimeOffset at)
    {
        if (!PermissionMissing)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!(IsOriginator(actor) || actor.Positions.Contains(Position.SalesManager) || actor.Positions.Contains(Position.FollowUpClerk)))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var date = DateOnly.ParseExact(State.NewValue, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var problems = CustomerPermission.Problems(date, agreedBy, via, DateOnly.MinValue);
        if (problems.Count > 0)
        {
            return new FormOutcome.Invalid(problems);
        }

        State.Permission = new CustomerPermission(State.Id, State.Notice.DeliveryDate, date, agreedBy!.Trim(), via, actor.Person, at, State.Notice.CustomerName);
        return Accept(new FormEvent(actor.Person, at, AmendmentEvents.CustomerPermission, $"{State.Permission.AgreedBy}（{via}）", StatusName, new Dictionary<string, string> { ["agreedBy"] = State.Permission.AgreedBy, ["via"] = via.ToString() }));
    }

    /// <summary>The next person in the chain confirms (the planner's confirmation is the acknowledgement that applies it).</summary>
    public FormOutcome Confirm(Actor actor, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (PermissionMissing)
        {
            return Refuse(FormRefusal.CustomerPermissionRequired);
        }

        if (!PositionsWaitedOn().Any(actor.Positions.Contains))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        var signed = new SignOff(actor.Person, at);
        string action;
        switch (Status)
        {
            case AmendmentStatus.AwaitingSalesManager:
                State.SalesManager = signed;
                State.Status = AmendmentStatus.AwaitingProductionManager;
                action = AmendmentEvents.SalesManagerConfirmed;
                break;
            case AmendmentStatus.AwaitingProductionManager:
                State.ProductionManager = signed;
                State.Status = AmendmentStatus.AwaitingPlanner;
                action = AmendmentEvents.ProductionManagerConfirmed;
                break;
            default:
                State.Planner = signed;
                State.Status = AmendmentStatus.Applied;
                action = AmendmentEvents.PlannerAcknowledged;
                break;
        }

        return Accept(new FormEvent(actor.Person, at, action, null, Status.ToString()));
    }

    /// <summary>The sales manager or the production manager refuses the change, with the reason.</summary>
    public FormOutcome Reject(Actor actor, string? reason, DateTimeOffset at)
    {
        if (Status is not (AmendmentStatus.AwaitingSalesManager or AmendmentStatus.AwaitingProductionManager))
        {
            return Refuse(FormRefusal.WrongStep);
        }

        if (!PositionsWaitedOn().Any(actor.Positions.Contains))
        {
            return Refuse(FormRefusal.NotYourTurn);
        }

        if (CheckText(reason, required: true) is { } refused)
        {
            return refused;
        }

        State.RejectReason = Clean(reason);
        State.Status = AmendmentStatus.Rejected;
        return Accept(new FormEvent(actor.Person, at, AmendmentEvents.Rejected, State.RejectReason, Status.ToString()));
    }

}
