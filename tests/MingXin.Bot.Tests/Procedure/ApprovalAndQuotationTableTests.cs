using System.Text.Json;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using static MingXin.Bot.Tests.Procedure.StepTableHarness;

namespace MingXin.Bot.Tests.Procedure;

/// <summary>
/// The Internal Approval and the Quotation on their step tables, in memory: random walks in which the
/// table and the aggregate must agree at every move — who may act, whom the form waits on, where a step
/// leads — and a refused step changes nothing.
/// </summary>
public sealed class ApprovalAndQuotationTableTests
{
    private static readonly Actor Gm = People.Single(p => p.Positions.Contains(Position.GeneralManager));

    private static Quotation NewQuotation(bool special)
    {
        var sheet = CostSheet.Create([new CostLine(CostCategory.Plates, "CTP", 600m, 0m), new CostLine(CostCategory.Material, null, 0m, 0.35m)], 25m, [3000, 5000]).Sheet!;
        var request = new QuotationRequest("华美礼品", "礼盒", "250×180×60 mm", false, special ? QuotationPath.SpecialRequirement : QuotationPath.Ordinary, special ? "冷烫金" : null);
        return Quotation.Start("QT-2026-0001", request, sheet, Originator, T0).Quotation!;
    }

    private static IReadOnlyDictionary<string, string> QuotationValues(string verb, Random random) => verb switch
    {
        QuotationVerbs.Review => new Dictionary<string, string> { ["feasibility"] = random.Next(5) switch { 0 => "NotFeasible", 1 => "x", 2 => "FeasibleWithConditions", _ => "Feasible" }, ["reviewNote"] = "ok" },
        QuotationVerbs.Reject => new Dictionary<string, string> { ["gmComment"] = random.Next(3) == 0 ? string.Empty : "太低" },
        QuotationVerbs.Revise => new Dictionary<string, string> { ["quantities"] = random.Next(4) == 0 ? "abc" : "3000,5000", ["margin"] = "25", [QuotationInput.FixedId(CostCategory.Plates)] = "600", [QuotationInput.UnitId(CostCategory.Material)] = "0.35" },
        QuotationVerbs.Sent => new Dictionary<string, string> { ["method"] = random.Next(4) == 0 ? string.Empty : "Fax" },
        QuotationVerbs.Confirm => new Dictionary<string, string> { ["signedBy"] = "黄先生", ["signedOn"] = random.Next(4) == 0 ? "2099-01-01" : "2026-11-27" },
        QuotationVerbs.Object => new Dictionary<string, string> { ["objection"] = random.Next(4) == 0 ? string.Empty : "单价太高" },
        QuotationVerbs.Decide => new Dictionary<string, string> { ["decision"] = ((ObjectionDecision)random.Next(0, 4)).ToString() },
        QuotationVerbs.Cancel => new Dictionary<string, string> { ["cancelReason"] = random.Next(4) == 0 ? string.Empty : "客户取消" },
        _ => new Dictionary<string, string>(),
    };

    [Fact]
    public void Quotation_walks_agree_with_the_quotation_on_who_acts_and_where_it_leads()
    {
        var table = QuotationSteps.Table;
        var random = new Random(20261130);
        var applied = new HashSet<string>();
        var verbs = table.Verbs.ToList();
        for (var walk = 0; walk < 300; walk++)
        {
            var q = NewQuotation(special: random.Next(2) == 0);
            for (var move = 0; move < 25; move++)
            {
                // The table offers exactly what the quotation itself lets each person do.
                foreach (var person in People.Append(new Actor(new PersonRef("aad-sm", "SM"), new HashSet<Position> { Position.SalesManager })))
                {
                    var fromTable = table.VerbsFor(q, person).Select(QuotationSteps.ActionOf).OfType<QuotationAction>().ToHashSet();
                    Assert.True(fromTable.SetEquals(q.ActionsFor(person)), $"{q.Status}: table offers {string.Join(",", fromTable)} to {person.Person.Name}, the quotation {string.Join(",", q.ActionsFor(person))}");
                }

                Assert.Equal(q.PositionsWaitedOn().Order(), table.PositionsWaitedOn(q).Order());
                Assert.Equal(q.WaitsOnOriginator, table.WaitsOnOriginator(q));

                var open = table.Steps.Where(s => s.IsOpen(q)).Select(s => s.Verb).Distinct().ToList();
                var verb = open.Count > 0 && random.Next(5) > 0 ? open[random.Next(open.Count)] : verbs[random.Next(verbs.Count)];
                var allowed = People.Where(p => table.VerbsFor(q, p).Contains(verb)).ToList();
                var actor = allowed.Count > 0 && random.Next(4) > 0 ? allowed[random.Next(allowed.Count)] : People[random.Next(People.Count)];
                var before = JsonSerializer.Serialize(q.State);
                var statusBefore = q.Status;
                var step = table.Find(q, verb);
                var outcome = table.Act(q, verb, new StepContext(actor, new StepValues(QuotationValues(verb, random)), T0.AddMinutes(move), Today));
                if (outcome is QuotationOutcome.Accepted)
                {
                    Assert.NotNull(step);
                    Assert.True(step.To.Count == 0 ? q.Status == statusBefore : step.To.Contains(q.Status.ToString()), $"{verb} from {statusBefore} led to {q.Status}, which the table does not declare");
                    applied.Add(verb);
                }
                else
                {
                    Assert.Equal(before, JsonSerializer.Serialize(q.State));
                }
            }
        }

        // Every step of the table was taken somewhere in the walks.
        Assert.Equal(verbs.Order(), applied.Order());
    }

    [Fact]
    public void Internal_approval_walks_agree_with_its_seats_and_a_handed_seat_waits_on_the_colleague()
    {
        var table = InternalApprovalSteps.Table;
        var random = new Random(20261130);
        var applied = new HashSet<string>();
        var colleagues = Positions.List.Select(p => new Actor(new PersonRef("aad-2-" + p, p + " 2"), new HashSet<Position> { p })).ToList();
        var everyone = People.Concat(colleagues).ToList();
        for (var walk = 0; walk < 300; walk++)
        {
            var (a, _) = Approval.Start("IA-2026-0001", InternalApprovalForm.Kind, "试产", null, Originator.Person, InternalApprovalForm.Route, T0);
            for (var move = 0; move < 20; move++)
            {
                // Whom it waits on is its open seats: by position, or the colleague a seat was handed to.
                var seats = a.OpenSeats();
                Assert.Equal(seats.Where(s => s.Person is null).Select(s => s.Position).Distinct().Order(), table.PositionsWaitedOn(a).Order());
                Assert.Equal(seats.Where(s => s.Person is not null).Select(s => s.Person!.Id).Order(), table.NamedPeopleWaitedOn(a).Order());
                foreach (var person in everyone)
                {
                    Assert.Equal(a.SeatFor(person) is not null, table.VerbsFor(a, person).Contains(InternalApprovalVerbs.Approve));
                }

                var open = table.Steps.Where(s => s.IsOpen(a)).Select(s => s.Verb).Distinct().ToList();
                if (open.Count == 0)
                {
                    Assert.NotEqual(ApprovalStatus.InProgress, a.Status);
                    break;
                }

                var verb = open[random.Next(open.Count)];
                var allowed = everyone.Where(p => table.VerbsFor(a, p).Contains(verb)).ToList();
                var actor = allowed.Count > 0 && random.Next(4) > 0 ? allowed[random.Next(allowed.Count)] : everyone[random.Next(everyone.Count)];
                var seat = a.SeatFor(actor)?.Key ?? a.OpenSeats().FirstOrDefault()?.Key ?? "any";
                var named = verb == InternalApprovalVerbs.Reassign ? colleagues.FirstOrDefault(c => a.OpenSeats().Any(s => s.Key == seat && c.Positions.Contains(s.Position))) : null;
                var values = new Dictionary<string, string> { ["seat"] = seat, ["comment"] = random.Next(4) == 0 ? string.Empty : "意见" };
                var before = JsonSerializer.Serialize(a.State);
                var stageBefore = InternalApprovalSteps.Stage(a);
                var step = table.Find(a, verb);
                var outcome = table.Act(a, verb, new StepContext(actor, new StepValues(values), T0.AddMinutes(move), Today, named));
                if (outcome is ActionOutcome.Accepted)
                {
                    Assert.NotNull(step);
                    var now = InternalApprovalSteps.Stage(a);
                    Assert.True(step.To.Count == 0 ? now == stageBefore : step.To.Contains(now.ToString()), $"{verb} from {stageBefore} led to {now}, which the table does not declare");
                    applied.Add(verb);
                }
                else
                {
                    Assert.Equal(before, JsonSerializer.Serialize(a.State));
                }
            }
        }

        Assert.Equal(table.Verbs.Order(), applied.Order());
    }

    [Fact]
    public void Every_verb_belongs_to_one_form_so_a_click_finds_its_form()
    {
        var tables = new Dictionary<string, IReadOnlySet<string>>
        {
            ["InternalApproval"] = InternalApprovalSteps.Table.Verbs,
            ["Quotation"] = QuotationSteps.Table.Verbs,
            ["SampleOrder"] = MingXin.Bot.Domain.Samples.SampleOrderSteps.Table.Verbs,
            ["SalesOrderReview"] = MingXin.Bot.Domain.Orders.SalesOrderReviewSteps.Table.Verbs,
            ["OrderAmendment"] = MingXin.Bot.Domain.Orders.OrderAmendmentSteps.Table.Verbs,
            ["MaterialIssue"] = MingXin.Bot.Domain.Orders.MaterialIssueSteps.Table.Verbs,
            ["Complaint"] = MingXin.Bot.Domain.Complaints.ComplaintSteps.Table.Verbs,
            ["CustomerProperty"] = MingXin.Bot.Domain.Property.CustomerPropertySteps.Table.Verbs,
        };
        var shared = tables.SelectMany(t => t.Value.Select(v => (Verb: v, Form: t.Key))).GroupBy(x => x.Verb).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Form))}").ToList();
        Assert.Empty(shared);
        Assert.DoesNotContain("refresh", tables.SelectMany(t => t.Value));
    }
}
