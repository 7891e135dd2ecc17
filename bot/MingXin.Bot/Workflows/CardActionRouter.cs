using MingXin.Bot.Domain.Documents;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Workflows.Forms;

namespace MingXin.Bot.Workflows;

/// <summary>Sends a card action to the service of its form: by the verb's family, else by the form number's prefix.</summary>
public sealed class CardActionRouter(ApprovalService approvals, QuotationService quotations, StepForms stepForms, Customers.CustomerRegisterService customers, Records.RecordService records)
{
    public Task<ActionAnswer> ActAsync(CardClick action, CancellationToken cancellationToken)
    {
        if (action.Verb?.StartsWith(Customers.CustomerRegisterService.VerbPrefix, StringComparison.Ordinal) == true)
        {
            return customers.ActAsync(action, cancellationToken);
        }

        if (action.Verb == Records.RecordService.OpenVerb)
        {
            return records.ActAsync(action, cancellationToken);
        }

        var quotation = action.Verb?.StartsWith(QuotationService.VerbPrefix, StringComparison.Ordinal) == true
            || (DocumentNumber.TryParse(action.WorkflowId, out var number) && number.Prefix == Quotation.Prefix);
        if (quotation)
        {
            return quotations.ActAsync(action, cancellationToken);
        }

        return stepForms.For(action) is { } runner ? runner.ActAsync(action, cancellationToken) : approvals.ActAsync(action, cancellationToken);
    }
}
