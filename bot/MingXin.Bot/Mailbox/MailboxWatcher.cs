using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Storage;
using MingXin.Bot.Workflows.Complaints;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Mailbox;

/// <summary>What one read of the mailbox did.</summary>
/// <param name="Throttled">Graph said to wait: nothing more is asked before <see cref="MailboxWatcher.NotBefore"/>.</param>
public sealed record MailboxRead(int Messages, int Drafts, int Skipped, int AlreadyKnown, int Posted, bool Throttled);

/// <summary>
/// Reads the complaints mailbox every <see cref="MailboxOptions.PollSeconds"/>: Graph's delta query returns only what
/// arrived since the saved cursor. A message from a customer in the register becomes a draft complaint whose card
/// goes to Sales' channel; anything else is noted and left alone. Each message is claimed by inserting its row, so
/// it is handled once however many instances run and however often Graph returns it; a draft saved but not posted
/// (the instance stopped in between) is posted on the next read.
/// </summary>
/// <remarks>
/// Why a delta query and not a change-notification subscription: a subscription needs a public HTTPS endpoint that
/// answers Graph's validation, renewal at least every three days, and a delta query anyway to catch up after missed
/// notifications or downtime. Reading every minute is one small request when nothing arrived, survives restarts by
/// itself (the cursor is in Table Storage), and a minute is nothing against the days a complaint is answered in.
/// </remarks>
internal sealed class MailboxWatcher(
    IMailboxSource source,
    MailDraftStore drafts,
    CustomerStore customers,
    MailDraftCards cards,
    IOptions<MailboxOptions> options,
    TimeProvider time,
    ILogger<MailboxWatcher> logger) : BackgroundService
{
    /// <summary>The first read of a mailbox (no cursor yet) looks back this far: older mail was handled before the bot read it.</summary>
    public static readonly TimeSpan FirstReadLooksBack = TimeSpan.FromDays(1);

    private const int MaxPagesPerRead = 20;

    /// <summary>Graph asked to wait until then.</summary>
    public DateTimeOffset NotBefore { get; private set; } = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(every, time, stoppingToken).ConfigureAwait(false);
            try
            {
                await ReadOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reading the complaints mailbox failed; it is read again in {Seconds} s.", every.TotalSeconds);
            }
        }
    }

    /// <summary>One read: cards not yet posted, then every page of what is new since the cursor.</summary>
    public async Task<MailboxRead> ReadOnceAsync(CancellationToken cancellationToken)
    {
        var mailbox = options.Value.Address!;
        var posted = 0;
        foreach (var waiting in await drafts.UnpostedAsync(20, cancellationToken).ConfigureAwait(false))
        {
            posted += await cards.PostAsync(waiting, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        if (time.GetUtcNow() < NotBefore)
        {
            return new MailboxRead(0, 0, 0, 0, posted, Throttled: true);
        }

        var (cursor, etag) = await drafts.CursorAsync(mailbox, cancellationToken).ConfigureAwait(false);
        var since = cursor is null ? time.GetUtcNow() - FirstReadLooksBack : DateTimeOffset.MinValue;
        var register = await customers.ListAsync(cancellationToken).ConfigureAwait(false);
        var (messages, made, skipped, known) = (0, 0, 0, 0);
        string? link = cursor;
        for (var page = 0; page < MaxPagesPerRead; page++)
        {
            MailPage read;
            try
            {
                read = await source.ReadAsync(mailbox, link, options.Value.PageSize, cancellationToken).ConfigureAwait(false);
            }
            catch (MailboxThrottledException throttled)
            {
                // Nothing of this page was read; the cursor stays, so the next read starts where this one did.
                NotBefore = time.GetUtcNow() + throttled.RetryAfter;
                logger.LogWarning("The complaints mailbox is throttled by Graph: next read after {NotBefore:u}.", NotBefore);
                return new MailboxRead(messages, made, skipped, known, posted, Throttled: true);
            }

            foreach (var message in read.Messages)
            {
                messages++;
                var key = MailDraftStore.Key(message);
                if (message.ReceivedAt < since)
                {
                    skipped++;
                    continue;
                }

                if (MailDraft.From(key, message, register) is not { } draft)
                {
                    if (await drafts.TrySkipAsync(key, "not from a register customer", cancellationToken).ConfigureAwait(false))
                    {
                        skipped++;
                    }
                    else
                    {
                        known++;
                    }

                    continue;
                }

                if (!await drafts.TryAddAsync(draft.State, cancellationToken).ConfigureAwait(false))
                {
                    known++; // another instance, or an earlier read, has it
                    continue;
                }

                made++;
                logger.LogInformation("Mail from {From} ({Customer}) is draft complaint {Key}.", draft.State.FromAddress, draft.State.CustomerName, key);
                if (await drafts.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } saved && await cards.PostAsync(saved, cancellationToken).ConfigureAwait(false))
                {
                    posted++;
                }
            }

            if (read.NextLink is { } next)
            {
                link = next;
                continue;
            }

            if (read.DeltaLink is { } delta && !await drafts.MoveCursorAsync(mailbox, delta, etag, cancellationToken).ConfigureAwait(false))
            {
                logger.LogInformation("Another instance moved the mailbox cursor first; its read stands.");
            }

            break;
        }

        return new MailboxRead(messages, made, skipped, known, posted, Throttled: false);
    }
}
