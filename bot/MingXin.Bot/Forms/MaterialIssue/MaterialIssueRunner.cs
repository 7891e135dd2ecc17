using MingXin.Bot.Domain.Quotations;
using System.Text.RegularExpressions;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>
/// Material issue 物料异常 (4.2.1) in Teams (command <c>material PN-… [PN-…]</c> / <c>物料 PN-…</c>). The
/// customer's permission recorded on it is carried by its outbox to every affected Production Notice.
/// </summary>
public sealed partial class MaterialIssueRunner(StepFormServices services) : StepFormRunner<MaterialIssue, MaterialIssueState>(services)
{
    public override string Kind => MaterialIssue.Kind;

    public override string Prefix => MaterialIssue.Prefix;

    public override string VerbPrefix => MaterialIssueVerbs.Prefix;

    public override StepTable<MaterialIssue, MaterialIssueStatus> Steps => MaterialIssueSteps.Table;

    protected override Domain.Records.RecordFacts Facts(MaterialIssue form) => FactsOf(form, null, form.State.Material);

    protected override MaterialIssue Wrap(MaterialIssueState state) => new(state);

    protected override async Task<(object? Parent, string? Problem)> FindParentAsync(string parentId, Language l, CancellationToken cancellationToken)
    {
        var ids = NoticeNumbers().Matches(parentId).Select(m => m.Value.ToUpperInvariant()).Distinct().ToList();
        if (ids.Count == 0)
        {
            return (null, l.Pick("请写上受影响的生产通知单号，例如：物料 PN-2026-0001 PN-2026-0002", "Name the Production Notices it holds up, e.g. material PN-2026-0001 PN-2026-0002"));
        }

        var affected = new List<AffectedNotice>();
        foreach (var id in ids)
        {
            var notice = await LoadStateAsync<ProductionNoticeState>(id, ProductionNotice.Kind, cancellationToken).ConfigureAwait(false);
            if (notice is null || notice.Status == NoticeStatus.Cancelled)
            {
                return (null, l.Pick($"找不到生产通知单 {CardText.Escape(id, 20)}（或已取消）。", $"There is no Production Notice {CardText.Escape(id, 20)} (or it is cancelled)."));
            }

            affected.Add(new AffectedNotice(notice.Id, notice.Order.CustomerName));
        }

        return (affected, null);
    }

    protected override (MaterialIssue? Form, FormOutcome Outcome) Start(string id, object parent, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today)
    {
        string V(string key) => QuotationInput.Get(values, key);
        var problem = Enum.TryParse<MaterialProblem>(V("problem"), out var p) ? p : (MaterialProblem)(-1);
        return MaterialIssue.Start(id, (List<AffectedNotice>)parent, V("supplier"), V("material"), problem, V("description"), ParseDate(V("expectedDate")), actor, today, now);
    }

    [GeneratedRegex(@"PN-\d{4}-\d{4,}", RegexOptions.IgnoreCase)]
    private static partial Regex NoticeNumbers();
}
