using System.Globalization;
using System.Text;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Records;

namespace MingXin.Bot.Domain.Forms;

/// <summary>
/// Draws a form's step table as the page an auditor holds next to MX-QM-03: a Mermaid state diagram
/// (states, steps, who acts) and the same facts as tables (service levels, where the card goes, what a
/// step sets off on other forms). Generated from the code, so it cannot drift from what the bot does.
/// </summary>
public static class ProcedureDiagram
{
    /// <param name="form">The form as the company names it.</param>
    /// <param name="source">The file that declares the table, for the reader who wants the code.</param>
    /// <param name="hoursFor">The service level of a waiting state (<c>Kind.Status</c>), in hours.</param>
    /// <param name="workingTime">Whether service levels run in working time.</param>
    public static string Markdown<TForm>(FormName form, string source, IStepTable<TForm> table, Func<string, double> hoursFor, bool workingTime)
        where TForm : class
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# {form.Chinese} {form.English} ({form.Prefix}-…)\n\n");
        md.Append(CultureInfo.InvariantCulture, $"MX-QM-03 {form.Clause}. Generated from [`{Path.GetFileName(source)}`](../../{source}) by the test `ProcedureDiagramTests`; do not edit by hand.\n\n");
        md.Append("```mermaid\nstateDiagram-v2\n");
        foreach (var start in new[] { table.Initial }.Concat(table.AlsoStartsIn))
        {
            md.Append(CultureInfo.InvariantCulture, $"    [*] --> {start}\n");
        }

        foreach (var step in table.Steps.Where(s => s.To.Count > 0))
        {
            var from = StatesOf(step, table);
            foreach (var f in from)
            {
                foreach (var to in step.To)
                {
                    md.Append(CultureInfo.InvariantCulture, $"    {f} --> {to} : {step.Verb} · {Who(step)}\n");
                }
            }
        }

        // A state no step leads out of (other than the originator's cancel) ends the form.
        var ending = table.States.Where(s => !table.Steps.Any(step => step.To.Count > 0 && step.During != StepConditions.Open && StatesOf(step, table).Contains(s)) && table.Steps.Any(step => step.To.Contains(s))).ToList();
        foreach (var end in ending)
        {
            md.Append(CultureInfo.InvariantCulture, $"    {end} --> [*]\n");
        }

        foreach (var step in table.Steps.Where(s => s.To.Count == 0))
        {
            foreach (var state in StatesOf(step, table))
            {
                md.Append(CultureInfo.InvariantCulture, $"    {state} --> {state} : {step.Verb} · {Who(step)} (while {step.During})\n");
            }
        }

        md.Append("```\n\n## Steps\n\n| during | verb | who acts | may also act | leads to | service level |\n|---|---|---|---|---|---|\n");
        foreach (var step in table.Steps)
        {
            var states = StatesOf(step, table);
            var sla = step.Waits && states.Count == 1 && step.During == states[0]
                ? $"{hoursFor($"{form.Kind}.{table.ServiceLevelKey(states[0])}").ToString("0.##", CultureInfo.InvariantCulture)} h{(workingTime ? " working time" : string.Empty)}"
                : "—";
            md.Append(CultureInfo.InvariantCulture, $"| {(step.States.SequenceEqual([step.During]) ? step.During : $"{step.During} ({string.Join(", ", step.States)})")} | `{step.Verb}` | {Who(step)} | {(step.AlsoBy.Count == 0 ? "—" : string.Join(", ", step.AlsoBy.Select(Names)))} | {(step.To.Count == 0 ? "(stays)" : string.Join(", ", step.To))} | {sla} |\n");
        }

        var separated = table.Steps.SelectMany(s => (s.Separations ?? []).Select(r => (Step: s, r.Rule))).ToList();
        if (separated.Count > 0)
        {
            md.Append("\n## Separation of duties 职责分离\n\nOn unless turned off in `Forms:SeparationOfDuties`.\n\n| during | verb | who may not take it |\n|---|---|---|\n");
            foreach (var (step, rule) in separated)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {step.During} | `{step.Verb}` | {RuleText(rule)} |\n");
            }
        }

        md.Append("\n## Where the card goes\n\n| when | channel |\n|---|---|\n");
        if (table.PostedAtStart.Count > 0 || table.PostedAtStartAlso is not null)
        {
            md.Append(CultureInfo.InvariantCulture, $"| started | {string.Join(", ", table.PostedAtStart.Select(d => d.BilingualName()).Concat(table.PostedAtStartAlso is { } also ? [also] : []))} |\n");
        }

        foreach (var posting in table.Postings)
        {
            md.Append(CultureInfo.InvariantCulture, $"| reaches {posting.State} | {string.Join(", ", posting.To.Select(d => d.BilingualName()))} |\n");
        }

        if (table.DeclaredEffects.Count > 0)
        {
            md.Append("\n## What a step sets off\n\n| event | effect |\n|---|---|\n");
            foreach (var (e, what) in table.DeclaredEffects)
            {
                md.Append(CultureInfo.InvariantCulture, $"| `{e}` | {what} |\n");
            }
        }

        return md.ToString();
    }

    /// <summary>The states a step acts in.</summary>
    private static IReadOnlyList<string> StatesOf<TForm>(Step<TForm> step, IStepTable<TForm> table)
        where TForm : class => step.States.Count > 0 ? step.States : [table.Initial];

    private static string Who<TForm>(Step<TForm> step) =>
        string.Join(", ", step.By.Select(Names).Concat(step.Who is { } who ? [who] : []).Concat(step.ByOriginator ? ["originator 发起人"] : []));

    private static string RuleText(DutyRule rule) => rule switch
    {
        DutyRule.ReviewSeatsByDifferentPeople => "a person who signed another seat of this review 已签本次会签另一席位的人 (`ReviewSeats`)",
        DutyRule.NoApprovalOfOwnForm => "the person who started the form 表单发起人 (`ApproveOwnForm`)",
        DutyRule.VerifierOwnsNoAction => "a person who confirmed one of its actions as owner 确认过其中措施的负责人 (`VerifyOwnActions`)",
        _ => rule.ToString(),
    };

    private static string Names(Position p) => $"{p.Name(Language.English)} {p.Name(Language.Chinese)}";
}
