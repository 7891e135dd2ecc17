using MingXin.Bot.Conversations;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Documents;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>Every form on the pipeline, found by the verbs its table declares or by its number prefix.</summary>
public sealed class StepForms(IEnumerable<IFormRunner> runners)
{
    private readonly IReadOnlyList<IFormRunner> _runners = runners.ToList();

    /// <summary>The runner of a card action: the form whose table declares the verb, else the form the number on the card belongs to.</summary>
    public IFormRunner? For(CardClick action) =>
        (action.Verb is { } verb ? _runners.FirstOrDefault(r => r.Knows(verb)) : null)
        ?? (DocumentNumber.TryParse(action.WorkflowId, out var number) ? _runners.FirstOrDefault(r => r.Prefix == number.Prefix) : null);

    public async Task<ChatReply> NewFormAsync(string prefix, string actorId, string parentId, Language l, CancellationToken cancellationToken)
    {
        var runner = _runners.OfType<IStepFormRunner>().Single(r => r.Prefix == prefix);
        return string.IsNullOrWhiteSpace(parentId)
            ? ChatReply.Message(runner.ParentHint(l))
            : await runner.NewFormAsync(actorId, parentId, l, cancellationToken).ConfigureAwait(false);
    }
}
