using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows;

/// <summary>
/// What the shared machinery (outbox, "my tasks") needs to know about one kind of form; each form
/// of the procedure (Internal Approval, Quotation, …) has one.
/// </summary>
public interface IWorkflowForm
{
    /// <summary>The kind stored on the workflow's state row.</summary>
    string Kind { get; }

    /// <summary>Whether the form still waits on someone (a closed form's pending mark is dropped).</summary>
    bool IsOpen(WorkflowPartition partition);

    /// <summary><see cref="TaskIndex"/> keys of whoever the form waits on now.</summary>
    IReadOnlyList<string> TaskKeys(WorkflowPartition partition);

    /// <summary>What the form tells the records (search, dashboards): its customer, subject and figures, typed.</summary>
    Domain.Records.RecordFacts Facts(WorkflowPartition partition);

    /// <summary>The task-list line of the form.</summary>
    TaskIndex.TaskEntry TaskEntry(WorkflowPartition partition, Language language, DateTimeOffset now);

    /// <summary>The read-only card posted in the channels.</summary>
    Task<JsonObject> BaseCardAsync(WorkflowPartition partition, Language language, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="person"/> may see this form at all (its records, its card).</summary>
    bool MaySee(WorkflowPartition partition, Person person);

    /// <summary>Who may read the form in a search, as <see cref="TaskIndex"/> keys (positions it involves, its originator); kept on its record summary.</summary>
    IReadOnlyList<string> Readers(WorkflowPartition partition);

    /// <summary>Whether <paramref name="person"/> may have a part in some form of this kind (a search lists only those kinds).</summary>
    bool MaySeeKind(Person person);

    /// <summary>The parts of the stored form (top-level fields, and keys of its audit rows' details) withheld from <paramref name="person"/>, e.g. a quotation's cost sheet.</summary>
    IReadOnlySet<string> Withheld(Person person) => new HashSet<string>();

    /// <summary>An audit row as a sentence in the reader's words, as the form's own history says it (the action's code, and its comment, when the form has no words for it), ready for a card (markdown escaped).</summary>
    string AuditSentence(string action, string? comment, Language language) => string.IsNullOrWhiteSpace(comment) ? action : $"{action}: {Presentation.CardText.Escape(comment, 300)}";

    /// <summary>The card as <paramref name="person"/> sees it when the form waits on them; null otherwise.</summary>
    Task<JsonObject?> CardIfWaitingOnAsync(WorkflowPartition partition, Person person, Language language, CancellationToken cancellationToken);
}

/// <summary>Every kind of form, by its stored kind.</summary>
public sealed class WorkflowForms(IEnumerable<IWorkflowForm> forms)
{
    private readonly Dictionary<string, IWorkflowForm> _byKind = forms.ToDictionary(f => f.Kind, StringComparer.Ordinal);

    public IWorkflowForm? For(string kind) => _byKind.GetValueOrDefault(kind);
}
