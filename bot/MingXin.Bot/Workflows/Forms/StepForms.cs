using MingXin.Bot.Conversations;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Documents;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>Every step form, found by its number prefix or its verbs.</summary>
public sealed class StepForms(IEnumerable<IStepFormRunner> runners)
{
    private readonly IReadOnlyList<IStepFormRunner> _runners = runners.ToList();

    /// <summary>The runner of a card action: by its verb family, else by the form number on the card.</summary>
    public IStepFormRunner? For(CardClick action) =>
        _runners.FirstOrDefault(r => action.Verb?.StartsWith(r.VerbPrefix, StringComparison.Ordinal) == true)
        ?? (DocumentNumber.TryParse(action.WorkflowId, out var number) ? _runners.FirstOrDefault(r => r.Prefix == number.Prefix) : null);

    public async Task<ChatReply> NewFormAsync(string prefix, string actorId, string parentId, Language l, CancellationToken cancellationToken)
    {
        var runner = _runners.Single(r => r.Prefix == prefix);
        return string.IsNullOrWhiteSpace(parentId)
            ? ChatReply.Message(runner.ParentHint(l))
            : await runner.NewFormAsync(actorId, parentId, l, cancellationToken).ConfigureAwait(false);
    }
}
