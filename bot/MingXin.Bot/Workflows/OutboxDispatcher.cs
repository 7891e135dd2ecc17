using System.Text.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Conversations;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Hosting;
using MingXin.Bot.Messaging;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;
using MingXin.Bot.Workflows.Records;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Workflows;

/// <summary>
/// Sends what a workflow's outbox holds, in order, and records each row as sent (with the Teams
/// activity id it produced), so a restart resumes where it stopped and nothing is sent twice.
/// Cards are rendered from the state at send time, so a late update always shows the latest state.
/// </summary>
public sealed class OutboxDispatcher(
    WorkflowStore store,
    OutboxPendingIndex pending,
    IChannelMessenger messenger,
    TaskIndex tasks,
    RecordIndex records,
    RecordSummaries summaries,
    WorkflowForms forms,
    IEnumerable<IOutboxRelay> relays,
    DeadlineStore deadlines,
    IPeopleDirectory directory,
    UserIdStore userIds,
    ITeamsRoster roster,
    ChannelHealth channels,
    IOptions<BotOptions> options,
    IOptions<OutboxOptions> outboxOptions,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    private const string PostRow = "post-";

    /// <summary>How old a mark with no form must be to be taken for a step that never committed (far above any step's time).</summary>
    private static readonly TimeSpan AbandonedMarkAge = TimeSpan.FromMinutes(10);
    private const string TasksRow = "tasks";
    private const string RecordRow = "record";

    private TimeSpan PostLease => TimeSpan.FromSeconds(outboxOptions.Value.PostLeaseSeconds);

    private Language ChannelLanguage => Languages.FromLocale(options.Value.DefaultLanguage, Language.Chinese);

    /// <summary>Sends every unsent row of the workflow: how many it sent, and whether nothing of the form is left unsent.</summary>
    /// <param name="snapshot">The step that just committed, as it knows the partition (saves reading it back).</param>
    /// <param name="olderThan">For sweeps: only rows created before this moment (newer ones belong to the instance that wrote them).</param>
    public async Task<DispatchOutcome> DispatchAsync(string workflowId, CancellationToken cancellationToken, StepSnapshot? snapshot = null, DateTimeOffset? olderThan = null)
    {
        var partition = snapshot?.Partition ?? await store.LoadForStepAsync(workflowId, cancellationToken).ConfigureAwait(false);
        if (partition is null)
        {
            // A new form is marked before its first batch: a sweep between the two finds a mark and no form.
            // Clearing it then would orphan the batch that lands a moment later (never sent, never swept), so
            // only a mark left long enough that no step can still be committing it is cleared.
            if (await pending.GetAsync(workflowId, cancellationToken).ConfigureAwait(false) is { } mark
                && (mark.MarkedAt ?? DateTimeOffset.MinValue) < time.GetUtcNow() - AbandonedMarkAge)
            {
                await pending.ClearAsync(mark, cancellationToken).ConfigureAwait(false);
            }

            return new DispatchOutcome(0, AllSent: false);
        }

        var form = forms.For(partition.State.Kind);
        if (form is null)
        {
            logger.LogError("{Id}: no form knows the kind {Kind}; its outbox stays unsent.", workflowId, partition.State.Kind);
            return new DispatchOutcome(0, AllSent: false);
        }

        // A step's copy of the side rows was read before it committed. When something was still waiting to be
        // sent then, that step's dispatch may have posted or indexed since: read them as they are now (the
        // posted cards to update and reply to, the task rows to replace). When nothing was, the copy is current
        // and costs no request.
        var sideRows = new Dictionary<string, string>(
            snapshot is { SideRowsCurrent: false } && partition.PendingOutbox.Any(r => r.Kind is OutboxMessage.Post or OutboxMessage.Update or OutboxMessage.Reply or OutboxMessage.Tasks)
                ? await store.GetSideRowsAsync(workflowId, cancellationToken).ConfigureAwait(false)
                : partition.SideRows,
            StringComparer.Ordinal);
        var posts = sideRows
            .Where(kv => kv.Key.StartsWith(PostRow, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => WorkflowJson.Deserialize<PostedMessage>(kv.Value), StringComparer.Ordinal);
        JsonObject? baseCard = null;
        async Task<JsonObject> BaseCard() => baseCard ??= await form.BaseCardAsync(partition, ChannelLanguage, cancellationToken).ConfigureAwait(false);
        var rows = partition.PendingOutbox.Where(r => olderThan is null || r.CreatedAt < olderThan).ToList();
        logger.LogDebug("{Id}: dispatching {Rows} of {Pending} pending rows.", workflowId, rows.Count, partition.PendingOutbox.Count());

        // Rows are recorded as sent in one batch after the loop (also when it stops on an error).
        // A post is never repeated: its side row is written right after it. Only a crash in the middle
        // of the loop can repeat an update (harmless) or a history line in a thread.
        var done = new List<(OutboxRecord Record, string? Result)>();
        var leaseHolder = Guid.NewGuid().ToString("N");
        try
        {
            await SendAsync().ConfigureAwait(false);
        }
        finally
        {
            await store.MarkDispatchedAsync(workflowId, done, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }

        // The pending mark lives as long as the form is open; a closed form with nothing left to send drops it.
        if (!form.IsOpen(partition) && done.Count == partition.PendingOutbox.Count())
        {
            await ClearMarkAsync(workflowId, cancellationToken).ConfigureAwait(false);
        }

        // A step's copy holds only its own rows: all of the form is sent only if nothing else was waiting when it read.
        var allSent = done.Count == partition.PendingOutbox.Count() && snapshot is not { SideRowsCurrent: false };
        return new DispatchOutcome(done.Count, allSent);

        async Task SendAsync()
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var message = WorkflowJson.Deserialize<OutboxMessage>(row.PayloadJson);
                string result;
                switch (message.Kind)
                {
                    case OutboxMessage.Post:
                        // A step posts to several channels at once: each channel is paced on its own, so one
                        // waiting for room does not hold up the others. The rows are still recorded in order.
                        var channelsOfRun = new HashSet<string>(StringComparer.Ordinal);
                        var run = rows.Skip(i)
                            .Select(r => (Row: r, Message: WorkflowJson.Deserialize<OutboxMessage>(r.PayloadJson)))
                            .TakeWhile(r => r.Message.Kind == OutboxMessage.Post && channelsOfRun.Add(r.Message.Department?.Code() ?? string.Empty))
                            .ToList();
                        var postCard = await BaseCard().ConfigureAwait(false);
                        var outcomes = await Task.WhenAll(run.Select(r => PostAsync(r.Row, r.Message, postCard))).ConfigureAwait(false);
                        i += run.Count - 1;
                        foreach (var ((postRow, _), outcome) in run.Zip(outcomes))
                        {
                            if (outcome.Posted is { } posted)
                            {
                                posts[outcome.Key!] = posted;
                            }

                            if (outcome.Result is { } settled)
                            {
                                done.Add((postRow, settled));
                            }
                        }

                        if (outcomes.FirstOrDefault(o => o.Failure is not null)?.Failure is { } failure)
                        {
                            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                        }

                        continue;
                    case OutboxMessage.Update:
                        var updated = 0;
                        var card = posts.Count > 0 ? await BaseCard().ConfigureAwait(false) : null;
                        foreach (var post in posts.Values)
                        {
                            updated += await UnlessGoneAsync(post, () => messenger.UpdateCardAsync(post, card!, cancellationToken)).ConfigureAwait(false);
                        }

                        result = $"updated {updated} of {posts.Count}";
                        break;
                    case OutboxMessage.Reply:
                        var text = ChannelLanguage == Language.Chinese ? message.ChineseText : message.EnglishText;
                        var reply = await WithMentionsAsync(text ?? string.Empty, message.MentionIds ?? [], cancellationToken).ConfigureAwait(false);
                        var replied = 0;
                        foreach (var post in posts.Values)
                        {
                            replied += await UnlessGoneAsync(post, () => messenger.ReplyInThreadAsync(post, reply, cancellationToken)).ConfigureAwait(false);
                        }

                        result = $"replied {replied} of {posts.Count}";
                        break;
                    case OutboxMessage.Tasks:
                        // The record index first: it is rewritten whole, so doing it again is harmless.
                        var keys = form.TaskKeys(partition).ToArray();
                        var summary = await summaries.ForAsync(workflowId, partition, form, keys, row.CreatedAt, cancellationToken).ConfigureAwait(false);
                        var fingerprint = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(summary)))[..32];
                        if (sideRows.GetValueOrDefault(RecordRow) != fingerprint)
                        {
                            // A step that changes nothing the index shows (a comment, a reminder) writes nothing.
                            await records.IndexAsync(summary, cancellationToken).ConfigureAwait(false);
                            await store.SetSideRowAsync(workflowId, RecordRow, fingerprint, cancellationToken).ConfigureAwait(false);
                            sideRows[RecordRow] = fingerprint;
                        }

                        var previous = sideRows.TryGetValue(TasksRow, out var json) ? WorkflowJson.Deserialize<string[]>(json) : [];
                        if (previous.SequenceEqual(keys))
                        {
                            result = "record indexed; task rows unchanged";
                            break;
                        }

                        await tasks.ReplaceAsync(workflowId, previous, keys, form.TaskEntry(partition, ChannelLanguage, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                        await store.SetSideRowAsync(workflowId, TasksRow, WorkflowJson.Serialize(keys), cancellationToken).ConfigureAwait(false);
                        result = $"record indexed; {keys.Length} task rows";
                        break;
                    case OutboxMessage.Deadlines:
                        var change = WorkflowJson.Deserialize<DeadlineChange>(message.Payload ?? "{}");
                        var now = time.GetUtcNow();
                        foreach (var (deadlineKey, due) in change.Register)
                        {
                            await deadlines.RegisterAsync(new Deadline(workflowId, deadlineKey, due, "{}"), now, cancellationToken).ConfigureAwait(false);
                        }

                        var cancelled = 0;
                        foreach (var (deadlineKey, due) in change.Cancel)
                        {
                            // Registered late, a deadline sits in the bucket of its registration; then the handler's own check stops it.
                            cancelled += await deadlines.CancelAsync(workflowId, deadlineKey, DeadlineStore.Bucket(due), cancellationToken).ConfigureAwait(false) ? 1 : 0;
                        }

                        result = $"{change.Register.Count} registered, {cancelled} cancelled";
                        break;
                    case OutboxMessage.ToOtherForm when relays.FirstOrDefault(r => r.Name == message.Relay) is { } relay:
                        result = await relay.RelayAsync(message.Payload ?? "{}", cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        result = "unknown kind " + message.Kind;
                        logger.LogError("{Id}: outbox row {Row} has the unknown kind {Kind}.", workflowId, row.RowKey, message.Kind);
                        break;
                }

                done.Add((row, result));
            }
        }

        // One post: null result when another dispatch holds its lease (that one posts and records it).
        async Task<PostOutcome> PostAsync(OutboxRecord row, OutboxMessage message, JsonObject card)
        {
            if (message.Department is not { } department)
            {
                return new PostOutcome(null, null, "unknown kind post without a department", null);
            }

            var key = PostRow + department.Code();
            if (posts.ContainsKey(key))
            {
                return new PostOutcome(key, null, "already posted", null);
            }

            // Another dispatch may have posted it after our copy of the partition was read — unless the copy is
            // current and the row younger than a post's lease: any other poster would still hold the lease below.
            if ((snapshot is not { SideRowsCurrent: true } || row.CreatedAt < time.GetUtcNow() - PostLease)
                && await store.GetSideRowAsync(workflowId, key, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                return new PostOutcome(key, WorkflowJson.Deserialize<PostedMessage>(stored), "already posted", null);
            }

            // Teams has no idempotency key for a new post: of two instances dispatching the same row
            // (an owner slower than the sweep period, and a sweep), only the lease holder posts.
            if (!await store.TryLeaseAsync(workflowId, "lease-" + key, leaseHolder, time.GetUtcNow(), PostLease, cancellationToken).ConfigureAwait(false))
            {
                logger.LogDebug("{Id}: {Department}'s post is leased by another dispatch.", workflowId, department);
                return new PostOutcome(key, null, null, null); // the holder posts it and marks this row; if it died, the lease runs out and a later sweep posts
            }

            try
            {
                var posted = await messenger.PostToDepartmentAsync(department, ChatReply.AdaptiveCard(card), cancellationToken).ConfigureAwait(false);
                await store.SetSideRowAsync(workflowId, key, WorkflowJson.Serialize(posted), cancellationToken).ConfigureAwait(false);
                return new PostOutcome(key, posted, "posted " + posted.ActivityId, null);
            }
            catch (DepartmentNotBoundException unbound)
            {
                logger.LogWarning("{Id}: {Department} has no working channel; its card was not posted.", workflowId, department);
                return new PostOutcome(key, null, (unbound.Broken ? "not posted: the channel of " : "not posted: no channel for ") + department.Code() + (unbound.Broken ? " is broken" : string.Empty), null);
            }
            catch (ChannelUnreachableException refused)
            {
                // Teams' final word (the bot left the team, the channel is gone): trying again would fail
                // the same way, so the row is settled, the binding marked and the administrators told.
                await channels.UnreachableAsync(refused, cancellationToken).ConfigureAwait(false);
                return new PostOutcome(key, null, $"not posted: the channel of {department.Code()} refused it ({refused.Status})", null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Not posted (Teams failed or timed out): free the lease so the next sweep can try at once
                // (if that fails too, the lease simply runs out).
                try
                {
                    await store.ReleaseLeaseAsync(workflowId, "lease-" + key, leaseHolder, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception releaseFailure) when (releaseFailure is not OperationCanceledException)
                {
                    logger.LogWarning(releaseFailure, "{Id}: the lease of {Department}'s post was not released; it runs out.", workflowId, department);
                }

                return new PostOutcome(key, null, null, ex);
            }
        }

        // A thread Teams refuses for good (the bot left the team, someone deleted the post) is skipped, not
        // retried for ever; the form's other threads and its record still get the step.
        async Task<int> UnlessGoneAsync(PostedMessage post, Func<Task> send)
        {
            try
            {
                await send().ConfigureAwait(false);
                return 1;
            }
            catch (ChannelUnreachableException refused)
            {
                logger.LogWarning("{Id}: Teams refused the thread {Thread} ({Status}); it is no longer updated.", workflowId, post.ThreadConversationId, refused.Status);
                return 0;
            }
        }
    }

    /// <summary>The line with an @mention of each person Teams knows (learned ids, else the team roster); the others are named only.</summary>
    private async Task<ChatReply> WithMentionsAsync(string text, IReadOnlyList<string> aadObjectIds, CancellationToken cancellationToken)
    {
        var mentions = new List<ChatMention>();
        foreach (var aad in aadObjectIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var person = await directory.FindAsync(aad, cancellationToken).ConfigureAwait(false);
            var teamsId = (await userIds.ResolveAsync([aad], 1, cancellationToken, roster.FindUserIdAsync).ConfigureAwait(false)).FirstOrDefault();
            if (person is not null && teamsId is not null)
            {
                mentions.Add(new ChatMention(teamsId, CardText.Escape(person.DisplayName, 60)));
            }
        }

        return mentions.Count == 0
            ? ChatReply.Message(text)
            : new ChatReply(text + " " + string.Join(" ", mentions.Select(m => $"<at>{m.Name}</at>")), null, mentions);
    }

    private async Task ClearMarkAsync(string workflowId, CancellationToken cancellationToken)
    {
        if (await pending.GetAsync(workflowId, cancellationToken).ConfigureAwait(false) is { } mark)
        {
            await pending.ClearAsync(mark, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>What one post did: the message posted (or found posted), the row's result when it is settled, or why it failed.</summary>
internal sealed record PostOutcome(string? Key, PostedMessage? Posted, string? Result, Exception? Failure);

/// <summary>What one dispatch did: rows sent, and whether the form has nothing left to send as far as this dispatch knows.</summary>
public sealed record DispatchOutcome(int Sent, bool AllSent);
