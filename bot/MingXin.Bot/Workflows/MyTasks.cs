using MingXin.Bot.Conversations;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows;

/// <summary>"My tasks" 待办: the cards of every form waiting on the person, of any kind, from the task index.</summary>
public sealed class MyTasks(IPeopleDirectory directory, TaskIndex tasks, WorkflowStore store, WorkflowForms forms)
{
    public const int MaxCards = 10;

    public async Task<IReadOnlyList<ChatReply>> ListAsync(string actorId, Language l, CancellationToken cancellationToken)
    {
        var person = await directory.FindAsync(actorId, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return [ChatReply.Message(l.Pick("目录中没有你的岗位，所以没有待办。", "The directory lists no position for you, so nothing waits on you."))];
        }

        var entries = await tasks.ForAsync(person, cancellationToken).ConfigureAwait(false);
        var replies = new List<ChatReply>();
        foreach (var entry in entries)
        {
            if (replies.Count == MaxCards)
            {
                break;
            }

            var partition = await store.LoadForStepAsync(entry.WorkflowId, cancellationToken).ConfigureAwait(false);
            if (partition is null || forms.For(partition.State.Kind) is not { } form)
            {
                continue;
            }

            if (await form.CardIfWaitingOnAsync(partition, person, l, cancellationToken).ConfigureAwait(false) is { } card)
            {
                replies.Add(ChatReply.AdaptiveCard(card));
            }
        }

        var header = replies.Count == 0
            ? l.Pick("没有等你处理的事项。", "Nothing is waiting on you.")
            : l.Pick($"有 {replies.Count} 项等你处理：", $"{replies.Count} item(s) waiting on you:");
        return [ChatReply.Message(header), .. replies];
    }
}
