using System.Text.Json.Nodes;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Messaging;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows;

/// <summary>Renders a quotation's cards with what only the directory knows: who can act now.</summary>
public sealed class QuotationCards(IPeopleDirectory directory, UserIdStore userIds, ITeamsRoster roster)
{
    /// <summary>Entra ids of everyone who can act now: holders of the positions it waits on, and its originator while it is open.</summary>
    public async Task<IReadOnlyList<string>> ActorsNowAsync(Quotation q, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var position in q.PositionsWaitedOn())
        {
            ids.AddRange((await directory.HoldersAsync(position, cancellationToken).ConfigureAwait(false)).Select(p => p.AadObjectId));
        }

        if (q.IsOpen)
        {
            ids.Add(q.State.Originator.Id);
        }

        return ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<JsonObject> BaseCardAsync(Quotation q, Language language, CancellationToken cancellationToken) =>
        QuotationCardView.Render(q, language, new HashSet<QuotationAction>(), null, await RefreshUsersAsync(q, cancellationToken).ConfigureAwait(false));

    public async Task<JsonObject> CardForAsync(Quotation q, Person person, Language language, Banner? banner, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? typed = null) =>
        QuotationCardView.Render(q, language, q.ActionsFor(Actor.From(person)), banner, await RefreshUsersAsync(q, cancellationToken).ConfigureAwait(false), typed);

    private async Task<IReadOnlyList<string>> RefreshUsersAsync(Quotation q, CancellationToken cancellationToken) =>
        await userIds.ResolveAsync(await ActorsNowAsync(q, cancellationToken).ConfigureAwait(false), ApprovalCards.MaxRefreshUsers, cancellationToken, roster.FindUserIdAsync).ConfigureAwait(false);
}

/// <summary>The Quotation 报价单 for the shared machinery (outbox, "my tasks").</summary>
public sealed class QuotationWorkflowForm(QuotationCards cards) : IWorkflowForm
{
    public string Kind => Quotation.Kind;

    public bool IsOpen(WorkflowPartition partition) => QuotationService.Load(partition).IsOpen;

    public Domain.Records.RecordFacts Facts(WorkflowPartition partition)
    {
        var s = QuotationService.Load(partition).State;
        return new(s.Status.ToString(), s.CancelReason is not null || s.Status == QuotationStatus.Cancelled, s.CreatedAt, s.Originator.Name, string.IsNullOrWhiteSpace(s.Request.CustomerName) ? null : s.Request.CustomerName, s.Request.Product);
    }

    public IReadOnlyList<string> TaskKeys(WorkflowPartition partition)
    {
        var q = QuotationService.Load(partition);
        var keys = q.PositionsWaitedOn().Select(TaskIndex.PositionKey).ToList();
        if (q.WaitsOnOriginator)
        {
            keys.Add(TaskIndex.PersonKey(q.State.Originator.Id));
        }

        return keys.Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    public TaskIndex.TaskEntry TaskEntry(WorkflowPartition partition, Language language, DateTimeOffset now)
    {
        var q = QuotationService.Load(partition);
        return new TaskIndex.TaskEntry(q.Id, Quotation.Kind, $"{q.State.Request.CustomerName} · {q.State.Request.Product}", QuotationCardView.StatusText(q, language), now);
    }

    public Task<JsonObject> BaseCardAsync(WorkflowPartition partition, Language language, CancellationToken cancellationToken) =>
        cards.BaseCardAsync(QuotationService.Load(partition), language, cancellationToken);

    public async Task<JsonObject?> CardIfWaitingOnAsync(WorkflowPartition partition, Person person, Language language, CancellationToken cancellationToken)
    {
        var q = QuotationService.Load(partition);
        var waiting = q.ActionsFor(Actor.From(person)).Any(a => a != QuotationAction.Cancel);
        return waiting ? await cards.CardForAsync(q, person, language, null, cancellationToken).ConfigureAwait(false) : null;
    }
}
