using MingXin.Bot.Workflows.Forms;

namespace MingXin.Bot.Workflows;

/// <summary>Sends a card action to what handles it: a mail of the complaints mailbox, the customer register, the records, or the form whose verb or number it carries.</summary>
public sealed class CardActionRouter(StepForms forms, Customers.CustomerRegisterService customers, Records.RecordService records, Complaints.MailDraftService mail)
{
    public Task<ActionAnswer> ActAsync(CardClick action, CancellationToken cancellationToken)
    {
        if (Complaints.MailDraftService.Handles(action))
        {
            return mail.ActAsync(action, cancellationToken);
        }

        if (action.Verb?.StartsWith(Customers.CustomerRegisterService.VerbPrefix, StringComparison.Ordinal) == true)
        {
            return customers.ActAsync(action, cancellationToken);
        }

        if (action.Verb is Records.RecordService.OpenVerb or Records.RecordService.FileVerb or Presentation.RecordCardView.ListVerb)
        {
            return records.ActAsync(action, cancellationToken);
        }

        return forms.For(action) is { } runner
            ? runner.ActAsync(action, cancellationToken)
            : Task.FromResult<ActionAnswer>(new ActionAnswer.BadRequest($"Unknown verb '{action.Verb}' for a card without a known form number."));
    }
}
