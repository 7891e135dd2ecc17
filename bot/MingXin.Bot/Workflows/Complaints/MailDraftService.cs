using MingXin.Bot.Conversations;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Messaging;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Complaints;

/// <summary>
/// What a follow-up clerk does with a mail card: "register as complaint" opens the complaint conversation in
/// their personal chat with the mail as its first message — the same questions and the same confirmation as a
/// pasted e-mail, already filled with what the mail says — and "not a complaint" closes the draft. Either is
/// taken once: a second clerk is told who has it.
/// </summary>
public sealed class MailDraftService(
    MailDraftStore store,
    MailDraftCards cards,
    IPeopleDirectory directory,
    ComplaintIntakeService intakes,
    ChannelBindingStore bindings,
    UserIdStore userIds,
    IChannelMessenger messenger,
    TimeProvider time,
    ILogger<MailDraftService> logger)
{
    /// <summary>Whether a click belongs to a mail card (its verbs, or a refresh of a card whose id is a mail's key).</summary>
    public static bool Handles(CardClick click) =>
        click.Verb?.StartsWith(MailDraftCards.VerbPrefix, StringComparison.Ordinal) == true
        || (click.Verb == "refresh" && click.WorkflowId is { Length: 64 } id && id.All(char.IsAsciiHexDigitLower));

    public async Task<ActionAnswer> ActAsync(CardClick click, CancellationToken cancellationToken)
    {
        var l = click.Language;
        var person = await directory.FindAsync(click.ActorId, cancellationToken).ConfigureAwait(false);
        var saved = click.WorkflowId is { } key ? await store.GetAsync(key, cancellationToken).ConfigureAwait(false) : null;
        if (saved is null || person is null || !Complaint.IsSales(Actor.From(person)))
        {
            // The same answer whether the mail exists or not: a customer's mail is Sales' to read.
            return new ActionAnswer.Card(CardViews.Notice(l, MailDraftCards.Name(l), l.Pick("没有这封邮件，或它只由业务部处理。", "There is no such mail, or it is Sales' to handle.")), Changed: false);
        }

        var actor = Actor.From(person);
        var draft = new MailDraft(saved.State);
        if (click.Verb == "refresh")
        {
            return Answer(draft.State, l, null, changed: false);
        }

        if (click.Version != saved.State.Version)
        {
            // A draft changes only when someone decides: say who, and that nothing was done.
            return Answer(draft.State, l, new Banner(l.Pick("这封邮件已有人处理：", "This mail is already handled: ") + MailDraftCards.StatusText(draft.State, l) + l.Pick("。你的操作没有执行。", ". Your action was not applied."), IsError: true), changed: false);
        }

        var now = time.GetUtcNow();
        var refusal = click.Verb == MailDraftCards.RegisterVerb ? draft.StartRegistering(actor, now) : click.Verb == MailDraftCards.NotAComplaintVerb ? draft.MarkNotAComplaint(actor, now) : (MailDraftRefusal?)null;
        switch (refusal)
        {
            case null:
                return new ActionAnswer.BadRequest($"Unknown verb '{click.Verb}' for a mail card.");
            case MailDraftRefusal.NotSales:
                return Answer(draft.State, l, new Banner(ComplaintTexts.SalesOnly(l), IsError: true), changed: false);
            case MailDraftRefusal.AlreadyHandled:
                return Answer(draft.State, l, new Banner(MailDraftCards.StatusText(draft.State, l), IsError: true), changed: false);
        }

        if (!await store.SaveAsync(draft.State, saved.Posted, saved.ETag, cancellationToken).ConfigureAwait(false))
        {
            var fresh = await store.GetAsync(saved.State.Key, cancellationToken).ConfigureAwait(false);
            return Answer((fresh ?? saved).State, l, new Banner(l.Pick("别人刚处理了这封邮件，下面是最新状态。", "Someone handled this mail just now; this is the current state."), IsError: true), changed: false);
        }

        logger.LogInformation("Mail draft {Key}: {Verb} by {User}.", draft.State.Key, click.Verb, person.AadObjectId);
        await cards.UpdateAsync(draft.State, saved.Posted, cancellationToken).ConfigureAwait(false);
        if (click.Verb == MailDraftCards.NotAComplaintVerb)
        {
            return Answer(draft.State, l, new Banner(l.Pick("已记为“不是投诉”。", "Recorded as not a complaint."), IsError: false), changed: true);
        }

        var opened = await OpenConversationAsync(draft, person, l, cancellationToken).ConfigureAwait(false);
        return Answer(draft.State, l, opened
            ? new Banner(l.Pick("已在你与我的私聊中开始登记：回答那里的问题并确认。", "The complaint is open in your personal chat with me: answer there and confirm it."), IsError: false)
            : new Banner(l.Pick("无法打开你与我的私聊（请先在 Teams 中安装本应用），登记没有开始；稍后再按一次“登记为投诉”。", "Your personal chat with me could not be opened (add the app in Teams first); nothing was started — press “Register as complaint” again later."), IsError: true), changed: true);
    }

    /// <summary>Opens the person's personal chat and starts the complaint conversation there with the mail as the first message.</summary>
    private async Task<bool> OpenConversationAsync(MailDraft draft, Person person, Language l, CancellationToken cancellationToken)
    {
        var via = await bindings.GetAsync(Department.Sales, cancellationToken).ConfigureAwait(false);
        var teamsId = (await userIds.ResolveAsync([person.AadObjectId], 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (via is null || teamsId is null)
        {
            return false;
        }

        var d = draft.State;
        var intro = l.Pick($"来自投诉邮箱：{d.CustomerName} 的邮件“{d.Subject}”（{FormCardView.Time(d.ReceivedAt, full: true)}）。", $"From the complaints mailbox: {d.CustomerName}'s mail “{d.Subject}” ({FormCardView.Time(d.ReceivedAt, full: true)}).");
        var chat = await messenger.SendToPersonAsync(via.ServiceUrl, via.TenantId, teamsId, ChatReply.Message(intro), cancellationToken).ConfigureAwait(false);
        var files = d.Attachments.Select(a => new ChatAttachment(a.Name, d.WebLink ?? "https://outlook.office.com/mail/", Path.GetExtension(a.Name).TrimStart('.').ToLowerInvariant(), a.Size, a.Id)).ToList();
        var turn = new ChatTurn(draft.AsText(), Languages.FromText(draft.AsText(), l), ConversationKind.Personal, person.AadObjectId, person.DisplayName, new ConversationAddress(via.ServiceUrl, via.TenantId, via.BotId, chat), null, "mail-" + d.Key, files);
        foreach (var reply in await intakes.StartAsync(turn, cancellationToken, d.Key).ConfigureAwait(false))
        {
            await messenger.SendToPersonAsync(via.ServiceUrl, via.TenantId, teamsId, reply, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static ActionAnswer Answer(MailDraftState state, Language l, Banner? banner, bool changed) =>
        new ActionAnswer.Card(MailDraftCards.Render(state, l, banner), changed);
}
