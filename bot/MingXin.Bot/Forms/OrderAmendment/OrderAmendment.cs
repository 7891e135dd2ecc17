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

    public static (OrderAmendment? Amendment, FormOutcome Outcome) Start(string id, NoticeRef notice, AmendedField field, string? newValue, string? reason, Actor actor, DateOnly today, DateTimeOffset at)
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
        });
        var e = new FormEvent(actor.Person, at, AmendmentEvents.Started, amendment.State.Reason, amendment.Status.ToString(), new Dictionary<string, string>
        {
            ["notice"] = notice.Id,
            ["field"] = field.ToString(),
            ["old"] = old,
            ["new"] = normalized,
        });
        amendment.Record([e]);
        return (amendment, new FormOutcome.Accepted([e]));
    }

    /// <summary>The positions the form waits on now, as its step table declares them.</summary>
    public IReadOnlyList<Position> PositionsWaitedOn() => OrderAmendmentSteps.Table.PositionsWaitedOn(this);

    /// <summary>The next person in the chain confirms (the planner's confirmation is the acknowledgement that applies it).</summary>
    public FormOutcome Confirm(Actor actor, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return Refuse(FormRefusal.WrongStep);
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
