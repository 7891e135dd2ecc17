using MingXin.Bot.Domain.Documents;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Workflows;

/// <summary>Sends a card action to the service of its form: by the verb's family, else by the form number's prefix.</summary>
public sealed class CardActionRouter(ApprovalService approvals, QuotationService quotations)
{
    public Task<ActionAnswer> ActAsync(ApprovalAction action, CancellationToken cancellationToken)
    {
        var quotation = action.Verb?.StartsWith(QuotationService.VerbPrefix, StringComparison.Ordinal) == true
            || (DocumentNumber.TryParse(action.WorkflowId, out var number) && number.Prefix == Quotation.Prefix);
        return quotation ? quotations.ActAsync(action, cancellationToken) : approvals.ActAsync(action, cancellationToken);
    }
}
