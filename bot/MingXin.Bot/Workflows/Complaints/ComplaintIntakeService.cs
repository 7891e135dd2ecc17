using MingXin.Bot.Conversations;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Samples;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;
using MingXin.Bot.Workflows.Forms;

namespace MingXin.Bot.Workflows.Complaints;

/// <summary>
/// The complaint conversation (4.3.1) in chat: loads the person's conversation, looks up the form
/// numbers and customers a message names, lets <see cref="ComplaintIntake"/> decide, saves the state
/// under its ETag, and answers with the next question or the confirmation card.
/// </summary>
public sealed class ComplaintIntakeService(IntakeStore intakes, CustomerStore customers, WorkflowStore store, ComplaintRunner complaints, IPeopleDirectory directory, TimeProvider time, ILogger<ComplaintIntakeService> logger)
{
    /// <summary>A conversation untouched this long is dropped: the next message is an ordinary command again.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromHours(24);

    private const int Attempts = 3;

    /// <summary>The person's open conversation takes the message; null when there is none here.</summary>
    public async Task<IReadOnlyList<ChatReply>?> ContinueAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        if (turn.Kind == ConversationKind.Channel)
        {
            return null;
        }

        var key = IntakeStore.Key(turn.Address.ConversationId, turn.UserAadObjectId);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var loaded = await intakes.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (loaded is not { } found || !Open(found.State))
            {
                return null;
            }

            var intake = new ComplaintIntake(found.State);

            // An answer such as "2" or "300" says no language: the conversation goes on in the one it began in.
            var l = Languages.FromText(turn.Text, found.State.Language);
            if (turn.ActivityId is not null && found.State.RecentActivityIds.Contains(turn.ActivityId))
            {
                return Current(key, intake, l); // a redelivery: same answer, nothing changes
            }

            var result = intake.Take(await MessageAsync(turn, cancellationToken).ConfigureAwait(false), first: false);
            intake.Remember(turn.ActivityId);
            if (await intakes.SaveAsync(key, intake.State, found.ETag, cancellationToken).ConfigureAwait(false))
            {
                return Replies(key, intake, result, l, intro: false);
            }
        }

        return [ChatReply.Message(ComplaintTexts.Busy(turn.Language))];
    }

    /// <summary>Whether the person has a complaint conversation open in this chat.</summary>
    public async Task<bool> IsOpenAsync(ChatTurn turn, CancellationToken cancellationToken) =>
        turn.Kind != ConversationKind.Channel
        && await intakes.GetAsync(IntakeStore.Key(turn.Address.ConversationId, turn.UserAadObjectId), cancellationToken).ConfigureAwait(false) is { } found
        && Open(found.State);

    /// <summary>Opens a conversation with the message that asked for it (<c>投诉 …</c>, or a pasted e-mail).</summary>
    /// <param name="mailDraft">The complaints-mailbox draft the conversation is opened with (its mail is the message).</param>
    public async Task<IReadOnlyList<ChatReply>> StartAsync(ChatTurn turn, CancellationToken cancellationToken, string? mailDraft = null)
    {
        var l = turn.Language;
        if (turn.Kind == ConversationKind.Channel)
        {
            return [ChatReply.Message(ComplaintTexts.ChannelNotSupported(l))];
        }

        var person = await directory.FindAsync(turn.UserAadObjectId, cancellationToken).ConfigureAwait(false);
        if (person is null || !Complaint.IsSales(Actor.From(person)))
        {
            return [ChatReply.Message(ComplaintTexts.SalesOnly(l))];
        }

        var key = IntakeStore.Key(turn.Address.ConversationId, turn.UserAadObjectId);
        var earlier = await intakes.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (earlier is { } e && turn.ActivityId is not null && e.State.RecentActivityIds.Contains(turn.ActivityId))
        {
            return Current(key, new ComplaintIntake(e.State), l);
        }

        var intake = ComplaintIntake.Start(Guid.NewGuid().ToString("N"), person.AadObjectId, person.DisplayName, l, time.GetUtcNow());
        intake.State.MailDraft = mailDraft;
        var result = intake.Take(await MessageAsync(turn, cancellationToken).ConfigureAwait(false), first: true);
        intake.Remember(turn.ActivityId);
        if (!await intakes.SaveAsync(key, intake.State, earlier?.ETag, cancellationToken).ConfigureAwait(false))
        {
            return [ChatReply.Message(ComplaintTexts.Busy(l))];
        }

        logger.LogInformation("Complaint conversation {Intake} opened by {User}.", intake.State.Id, person.AadObjectId);
        return Replies(key, intake, result, l, intro: true);
    }

    private bool Open(ComplaintIntakeState state) =>
        state.Status is IntakeStatus.Collecting or IntakeStatus.Confirming && time.GetUtcNow() - state.UpdatedAt < Abandoned;

    private async Task<IntakeMessage> MessageAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var text = turn.Text ?? string.Empty;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, BusinessCalendar.FactoryZone).DateTime);
        var facts = ComplaintText.Read(text, today);
        var references = new List<ReferenceInfo>();
        foreach (var number in facts.References)
        {
            references.Add(await LookUpAsync(number, cancellationToken).ConfigureAwait(false));
        }

        var attachments = (turn.Attachments ?? []).Select(a => new ComplaintAttachment(a.Name, a.Url, a.FileType, a.Size, a.UniqueId)).ToList();
        return new IntakeMessage(text, facts, references, await customers.ListAsync(cancellationToken).ConfigureAwait(false), attachments, now, today);
    }

    /// <summary>A form number's customer and product, from the form itself.</summary>
    private async Task<ReferenceInfo> LookUpAsync(string number, CancellationToken cancellationToken)
    {
        var state = await store.GetStateAsync(number, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return new ReferenceInfo(number, false, null, null);
        }

        var json = state.StateJson;
        var (customer, product) = state.Kind switch
        {
            Quotation.Kind => WorkflowJson.Deserialize<QuotationState>(json).Request is var r ? (r.CustomerName, r.Product) : default,
            SalesOrderReview.Kind => WorkflowJson.Deserialize<SalesOrderReviewState>(json).Quoted is var q ? (q.CustomerName, q.Product) : default,
            ProductionNotice.Kind => WorkflowJson.Deserialize<ProductionNoticeState>(json).Order is var o ? (o.CustomerName, o.Product) : default,
            SampleOrder.Kind => WorkflowJson.Deserialize<SampleOrderState>(json) is var sample ? (sample.CustomerName, sample.Product) : default,
            _ => ((string?)null, (string?)null),
        };
        return new ReferenceInfo(number, customer is not null, customer, product);
    }

    private IReadOnlyList<ChatReply> Replies(string key, ComplaintIntake intake, IntakeTurn turn, Language l, bool intro)
    {
        if (turn.Next == IntakeNext.Cancelled)
        {
            return [ChatReply.Message(ComplaintTexts.Cancelled(l))];
        }

        var text = ComplaintTexts.Reply(turn.Notes, turn.Asking, l);
        if (intro)
        {
            text = ComplaintTexts.Intro(l) + (text.Length == 0 ? string.Empty : "\n\n" + text);
        }

        var replies = new List<ChatReply>();
        if (text.Length > 0)
        {
            replies.Add(ChatReply.Message(text));
        }

        if (turn.Next == IntakeNext.Confirm)
        {
            replies.Add(ChatReply.AdaptiveCard(complaints.ConfirmationCard(key, intake.State, l)));
        }

        return replies;
    }

    private IReadOnlyList<ChatReply> Current(string key, ComplaintIntake intake, Language l) => intake.State.Status switch
    {
        IntakeStatus.Confirming => [ChatReply.AdaptiveCard(complaints.ConfirmationCard(key, intake.State, l))],
        IntakeStatus.Collecting when intake.State.Asking is { } slot => [ChatReply.Message(ComplaintTexts.Question(slot, l))],
        IntakeStatus.Registered => [ChatReply.Message(l.Pick($"已登记为 {intake.State.ComplaintId}。", $"Registered as {intake.State.ComplaintId}."))],
        _ => [ChatReply.Message(ComplaintTexts.Cancelled(l))],
    };
}
