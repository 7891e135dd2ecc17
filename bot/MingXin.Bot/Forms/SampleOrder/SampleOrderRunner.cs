using System.Globalization;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Samples;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>Sample Production Order 样品制作单 → Sample Receipt 样品签收单 in Teams (command <c>sample QT-…</c> / <c>样品 QT-…</c>).</summary>
public sealed partial class SampleOrderRunner(StepFormServices services) : StepFormRunner<SampleOrder, SampleOrderState>(services)
{
    public override string Kind => SampleOrder.Kind;

    public override string Prefix => SampleOrder.Prefix;

    public override string VerbPrefix => SampleVerbs.Prefix;

    public override StepTable<SampleOrder, SampleStatus> Steps => SampleOrderSteps.Table;

    protected override Domain.Records.RecordFacts Facts(SampleOrder form) => FactsOf(form, form.State.CustomerName, form.State.Product);

    protected override SampleOrder Wrap(SampleOrderState state) => new(state);

    protected override async Task<(object? Parent, string? Problem)> FindParentAsync(string parentId, Language l, CancellationToken cancellationToken)
    {
        var q = await LoadStateAsync<QuotationState>(parentId, Quotation.Kind, cancellationToken).ConfigureAwait(false);
        if (q is null)
        {
            return (null, l.Pick($"找不到报价单 {CardText.Escape(parentId, 20)}。样品制作单要写明已确认的报价单号，例如：样品 QT-2026-0001", $"There is no quotation {CardText.Escape(parentId, 20)}. Name the confirmed quotation, e.g. sample QT-2026-0001"));
        }

        return q.Status == QuotationStatus.Confirmed
            ? (new QuotationRef(q.Id, q.Status, q.Request.CustomerName, q.Request.Product), null)
            : (null, l.Pick($"报价单 {q.Id} 还没有客户确认签回，价格确定后才能做样品（4.1.5）。", $"Quotation {q.Id} is not confirmed by the customer yet; samples follow a confirmed price (4.1.5)."));
    }

    protected override (SampleOrder? Form, FormOutcome Outcome) Start(string id, object parent, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today)
    {
        var problems = new List<FieldProblem>();
        var quantityText = QuotationInput.Get(values, "quantity");
        if (!int.TryParse(quantityText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
        {
            problems.Add(new FieldProblem("quantity", quantityText.Length == 0 ? ProblemKind.Required : ProblemKind.NotANumber));
        }

        if (ParseDate(QuotationInput.Get(values, "due")) is not { } due)
        {
            problems.Add(new FieldProblem("due", ProblemKind.Required));
            due = today;
        }

        var (order, outcome) = SampleOrder.Start(id, (QuotationRef)parent, problems.Any(p => p.Field == "quantity") ? 1 : quantity, due, QuotationInput.Get(values, "requirements"), actor, today, now);
        if (problems.Count == 0)
        {
            return (order, outcome);
        }

        var more = outcome is FormOutcome.Invalid invalid ? invalid.Problems.Where(p => problems.All(x => x.Field != p.Field)) : [];
        return (null, new FormOutcome.Invalid([.. problems, .. more]));
    }

}
