using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Presentation;
using MingXin.Bot.Scheduling;
using MingXin.Bot.Storage;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>Production Notice 生产通知单 in Teams (command <c>notice SO-…</c> / <c>生产通知单 SO-…</c>).</summary>
public sealed partial class ProductionNoticeRunner(StepFormServices services, BusinessCalendar calendar, IOptions<ProductionAnswerOptions> answerOptions, RecordIndex records, CustomerStore customers)
    : StepFormRunner<ProductionNotice, ProductionNoticeState>(services), IFormChangeHandler<AmendmentConfirmed>, IFormChangeHandler<CustomerAgreedDate>, IFormChangeHandler<ContactRaised>, IFormChangeHandler<CustomerRefusedDate>, IFormChangeHandler<Domain.Shipments.ShipmentRecorded>
{
    public override string Kind => ProductionNotice.Kind;

    public override string Prefix => ProductionNotice.Prefix;

    public override string VerbPrefix => NoticeVerbs.Prefix;

    public override StepTable<ProductionNotice, NoticeStatus> Steps { get; } = ProductionNoticeSteps.Build(start => ClockFrom(start, answerOptions.Value, calendar));

    protected override Domain.Records.RecordFacts Facts(ProductionNotice form)
    {
        var (twoHour, minutes) = form.TwoHour();
        // In production the record says how far shipping has got (stored as Released, which said nothing of it).
        var status = form.Shipping switch
        {
            ShippingState.InProduction when form.Status == NoticeStatus.Released => nameof(ShippingState.InProduction),
            ShippingState.PartlyShipped => nameof(ShippingState.PartlyShipped),
            _ => form.StatusName,
        };
        return FactsOf(form, form.State.Order.CustomerName, form.State.Order.Product, form.State.ClosedAt) with { Status = status, TwoHour = twoHour, AnswerMinutes = minutes, AtRisk = form.AtRisk };
    }

    protected override ProductionNotice Wrap(ProductionNoticeState state) => new(state);

    /// <summary>What a new notice is issued from: the passed order review, and the customer's property in the register to choose materials from.</summary>
    private sealed record NoticeParent(OrderRef Order, IReadOnlyList<PropertyRef> Property, IReadOnlyList<ReturnedStock> Returned, string? DeliveryAddress = null);

    /// <summary>Production may raise an Internal Contact Form from the notice's card at any time while it is in production.</summary>
    /// <remarks>Sales and the warehouse may raise a Delivery Note from the card of a notice that can ship (its runner checks it again).</remarks>
    protected override IEnumerable<string> FollowOnVerbs(ProductionNotice form, Actor viewer) =>
        (form.InProduction && (viewer.Positions.Contains(Position.ProductionManager) || viewer.Positions.Contains(Position.ProductionPlanner)) ? [ContactVerbs.Start] : Array.Empty<string>())
            .Concat(form.Shippable && Domain.Shipments.DeliveryNote.Arranges(viewer) ? [Domain.Shipments.DeliveryVerbs.Start] : Array.Empty<string>());

    // ---- the two-hour rule (4.2.2) --------------------------------------------------------------

    protected override bool HandlesOwn(Deadline deadline) => deadline.Key is NoticeDeadlines.Remind or NoticeDeadlines.Due;

    /// <summary>A clock moment came: the reminder or the overdue record, once, with a line in every thread naming who must act.</summary>
    protected override async Task OnOwnDeadlineAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var partition = await Services.Store.LoadForStepAsync(deadline.WorkflowId, cancellationToken).ConfigureAwait(false);
            if (partition is null || partition.State.Kind != Kind)
            {
                return;
            }

            var notice = Load(partition);
            var now = Services.Time.GetUtcNow();
            var outcome = deadline.Key == NoticeDeadlines.Remind ? notice.RecordReminder(now) : notice.RecordBreach(now);
            if (outcome is not FormOutcome.Accepted accepted)
            {
                return; // answered in time, or already recorded
            }

            if (accepted.Events[0].Action == NoticeEvents.DateStands)
            {
                // The procedure's reading: no Internal Contact Form within two hours — the date stands, nobody is chased.
                if (await CommitStepAsync(notice, partition, accepted.Events, cancellationToken).ConfigureAwait(false) is CommitResult.Committed)
                {
                    return;
                }

                continue;
            }

            // Name the people who must act in the history line that goes to every thread.
            var positions = deadline.Key == NoticeDeadlines.Remind ? new[] { Position.ProductionPlanner, Position.ProductionManager } : [Position.ProductionManager, Position.FollowUpClerk];
            var people = new List<Person>();
            foreach (var position in positions)
            {
                people.AddRange(await Services.Directory.HoldersAsync(position, cancellationToken).ConfigureAwait(false));
            }

            people = people.DistinctBy(p => p.AadObjectId, StringComparer.OrdinalIgnoreCase).ToList();
            var detail = new Dictionary<string, string>(accepted.Events[0].Detail ?? new Dictionary<string, string>())
            {
                [FormEvent.MentionKey] = string.Join(",", people.Select(p => p.AadObjectId)),
            };
            var e = accepted.Events[0] with { Comment = string.Join("、", people.Select(p => p.DisplayName)), Detail = detail };
            notice.State.History[^1] = notice.State.History[^1] with { Comment = e.Comment };
            if (await CommitStepAsync(notice, partition, [e], cancellationToken).ConfigureAwait(false) is CommitResult.Committed)
            {
                Logger.LogInformation("{Id}: {Key} recorded.", notice.Id, deadline.Key);
                return;
            }
        }
    }

    private static AnswerClock ClockFrom(DateTimeOffset start, ProductionAnswerOptions o, BusinessCalendar calendar)
    {
        DateTimeOffset After(int minutes) => o.WorkingTime ? calendar.AddWorkingTime(start, TimeSpan.FromMinutes(minutes)) : start.AddMinutes(minutes);
        return new AnswerClock(start, After(o.ReminderMinutes), After(o.Minutes), o.WorkingTime, o.Mode);
    }

    protected override async Task<(object? Parent, string? Problem)> FindParentAsync(string parentId, Language l, CancellationToken cancellationToken)
    {
        var review = await LoadStateAsync<SalesOrderReviewState>(parentId, SalesOrderReview.Kind, cancellationToken).ConfigureAwait(false);
        if (review is null)
        {
            return (null, l.Pick($"找不到订单评审 {CardText.Escape(parentId, 20)}。生产通知单要写明已通过的订单评审号，例如：生产通知单 SO-2026-0001", $"There is no order review {CardText.Escape(parentId, 20)}. Name the passed order review, e.g. notice SO-2026-0001"));
        }

        if (review.Status != OrderReviewStatus.Passed)
        {
            return (null, l.Pick($"订单评审 {review.Id} 还没有通过（六项未全部确认），不能下生产通知单。", $"Order review {review.Id} has not passed (not all six points confirmed), so no Production Notice yet."));
        }

        var o = review.Order;
        var order = new OrderRef(review.Id, review.Quoted.QuotationId, review.Quoted.CustomerName, o.Product, o.Specification, o.Quantity, o.DeliveryDate, o.CustomerSchedule, review.Quoted.IsRepeatOrder, review.Status);
        var returned = order.IsRepeatOrder ? await ReturnedStockOfAsync(order.CustomerName, order.Product, cancellationToken).ConfigureAwait(false) : [];
        var address = (await customers.FindAsync(order.CustomerName, cancellationToken).ConfigureAwait(false))?.Addresses?.FirstOrDefault();
        return (new NoticeParent(order, await PropertyOfAsync(order.CustomerName, cancellationToken).ConfigureAwait(false), returned, address), null);
    }

    /// <summary>
    /// Returned goods of the customer's product that QC found good and the warehouse put back into stock
    /// (Customer Returns of the last two years), for a repeat order's stock check (4.1.8.1).
    /// </summary>
    private async Task<IReadOnlyList<ReturnedStock>> ReturnedStockOfAsync(string customer, string product, CancellationToken cancellationToken)
    {
        var name = (await customers.FindAsync(customer, cancellationToken).ConfigureAwait(false))?.Name ?? customer;
        var today = FactoryToday(Services.Time.GetUtcNow());
        var search = new Domain.Records.RecordSearch(null, name, Domain.Records.FormCatalog.ByKind(Domain.Returns.CustomerReturn.Kind), Domain.Records.RecordState.Closed, null, today.AddYears(-2), today);
        var (found, _) = await records.SearchAsync(search, [name], today, cancellationToken).ConfigureAwait(false);
        var stock = new List<ReturnedStock>();
        foreach (var r in found.OrderByDescending(r => r.CreatedAt).Take(ProductionNotice.MaxMaterials))
        {
            if (await LoadStateAsync<Domain.Returns.CustomerReturnState>(r.Id, Domain.Returns.CustomerReturn.Kind, cancellationToken).ConfigureAwait(false) is { } rt
                && Domain.Customers.Customer.NameKey(rt.Source.Product) == Domain.Customers.Customer.NameKey(product)
                && new Domain.Returns.CustomerReturn(rt).Restocked is > 0 and var restocked)
            {
                stock.Add(new ReturnedStock(rt.Id, restocked));
            }
        }

        return stock;
    }

    /// <summary>The customer's open Customer Property Register entries (held, or awaiting inspection), newest first.</summary>
    private async Task<IReadOnlyList<PropertyRef>> PropertyOfAsync(string customer, CancellationToken cancellationToken)
    {
        var name = (await customers.FindAsync(customer, cancellationToken).ConfigureAwait(false))?.Name ?? customer;
        var today = FactoryToday(Services.Time.GetUtcNow());
        var search = new Domain.Records.RecordSearch(null, name, Domain.Records.FormCatalog.ByKind(Domain.Property.CustomerProperty.Kind), Domain.Records.RecordState.Open, null, today.AddYears(-5), today);
        var (found, _) = await records.SearchAsync(search, [name], today, cancellationToken).ConfigureAwait(false);
        return found.OrderByDescending(r => r.CreatedAt).Take(ProductionNotice.MaxMaterials).Select(r => new PropertyRef(r.Id, r.Subject)).ToList();
    }

    protected override (ProductionNotice? Form, FormOutcome Outcome) Start(string id, object parent, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today)
    {
        var p = (NoticeParent)parent;
        var chosen = new StepValues(values).Text("registered").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var registered = chosen.Select(c => p.Property.FirstOrDefault(r => string.Equals(r.Id, c, StringComparison.OrdinalIgnoreCase))).ToList();
        return registered.Any(r => r is null)
            ? (null, new FormOutcome.Invalid([new Domain.Quotations.FieldProblem("registered", Domain.Quotations.ProblemKind.Unknown)]))
            : ProductionNotice.Start(id, p.Order, new StepValues(values).Lines("materials"), QuotationInput.Get(values, "notes"), actor, now, registered!, p.Returned, p.DeliveryAddress);
    }

    /// <summary>
    /// Applies a confirmed Order Amendment Notice to the notice, from the amendment's outbox.
    /// </summary>
    public Task<string> ApplyAsync(AmendmentConfirmed change, CancellationToken cancellationToken) =>
        ApplyToAsync(change.NoticeId, (notice, now) => notice.ApplyAmendment(change.AmendmentId, change.Field, change.NewValue, change.Reason, change.By, now, change.Permission), cancellationToken);

    /// <summary>Gives the notice a delivery date its customer agreed for another form's reason (an Internal Contact Form, a material issue).</summary>
    public Task<string> ApplyAsync(CustomerAgreedDate change, CancellationToken cancellationToken) =>
        ApplyToAsync(change.NoticeId, (notice, now) => notice.ApplyPermissionFrom(new CustomerPermission(change.Source, null, change.AgreedDate, change.AgreedBy, change.Via, change.RecordedBy, now, change.Customer)), cancellationToken);

    /// <summary>Lists an Internal Contact Form on its notice (the answer, when Production still owed one).</summary>
    public Task<string> ApplyAsync(ContactRaised change, CancellationToken cancellationToken) =>
        ApplyToAsync(change.NoticeId, (notice, _) => notice.RecordContact(change.Contact), cancellationToken);

    /// <summary>Puts the notice at risk: its customer refused a new date; the general manager decides.</summary>
    public Task<string> ApplyAsync(CustomerRefusedDate change, CancellationToken cancellationToken) =>
        ApplyToAsync(change.NoticeId, (notice, _) => notice.MarkAtRisk(change.Refusal), cancellationToken);

    /// <summary>Lists a Delivery Note's shipment on its notice, which closes when nothing more is due.</summary>
    public Task<string> ApplyAsync(Domain.Shipments.ShipmentRecorded change, CancellationToken cancellationToken) =>
        ApplyToAsync(change.NoticeId, (notice, _) => notice.RecordShipment(change.Shipment), cancellationToken);

    private string AnswerText(ProductionNotice form, AnswerClock clock, Language l)
    {
        var s = form.State;
        var due = FormCardView.Time(clock.DueAt, full: false);
        if (s.Answer is { Kind: ProductionAnswerKind.DateStands })
        {
            return l.Pick($"✅ 两小时内（{due} 前）未发内部联络单：交期维持", $"✅ No Internal Contact Form within two hours (by {due}): the date stands");
        }

        if (s.Answer is { ContactId: { } contact } ca)
        {
            return l.Pick($"📝 内部联络单 {contact}", $"📝 Internal Contact Form {contact}") + $" · {CardText.Escape(ca.By.Name, 60)}，{FormCardView.Time(ca.At, full: false)}" + (ca.Late ? l.Pick("（超过两小时）", " (after the two hours)") : string.Empty);
        }

        if (s.Answer is { } a)
        {
            var what = a.Kind == ProductionAnswerKind.CanMeet
                ? l.Pick("✅ 能满足交期", "✅ can meet the date")
                : l.Pick($"📝 内部联络单：建议交期 {FormCardView.Date(a.ProposedDate!.Value)}，原因：{CardText.Escape(a.Reason, 300)}", $"📝 Internal Contact Form: proposed {FormCardView.Date(a.ProposedDate!.Value)}, because {CardText.Escape(a.Reason, 300)}");
            return $"{what} · {CardText.Escape(a.By.Name, 60)}，{FormCardView.Time(a.At, full: false)}" + (a.Late ? l.Pick("（超时答复）", " (late)") : string.Empty)
                + (form.PermissionPending ? l.Pick("；待业务跟单员取得客户许可，交期未变", "; the delivery date stays until the follow-up clerk records the customer's permission") : string.Empty);
        }

        if (s.BreachedAt is not null)
        {
            return l.Pick($"⚠️ 已超时（期限 {due}），仍未答复", $"⚠️ Overdue (due {due}), no answer yet");
        }

        var now = Services.Time.GetUtcNow();
        var left = clock.WorkingTime ? calendar.WorkingTimeBetween(now, clock.DueAt) : clock.DueAt - now;
        var minutes = Math.Max(0, (int)Math.Ceiling(left.TotalMinutes));
        if (!clock.AnswerRequired)
        {
            return l.Pick($"⏱ 如不能按期交货，须在 {due} 前发内部联络单（还剩 {minutes} 分钟{(clock.WorkingTime ? "，工作时间" : string.Empty)}）；未发则交期维持", $"⏱ If the date cannot be met, an Internal Contact Form is due by {due} ({minutes} min left{(clock.WorkingTime ? ", working time" : string.Empty)}); without one the date stands");
        }

        return l.Pick($"⏱ {due} 前答复，还剩 {minutes} 分钟{(clock.WorkingTime ? "（工作时间）" : string.Empty)}", $"⏱ answer by {due}: {minutes} min left{(clock.WorkingTime ? " (working time)" : string.Empty)}");
    }
}
