using System.Text.Json.Nodes;
using MingXin.Bot.Conversations;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Messaging;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Complaints;

/// <summary>
/// The card of a mail from the complaints mailbox in Sales' channel: who sent it, when, the subject, its first
/// lines and files, and "register as complaint" / "not a complaint" while nobody has decided. Posted once, kept
/// up to date in place.
/// </summary>
public sealed class MailDraftCards(MailDraftStore store, IChannelMessenger messenger, ILogger<MailDraftCards> logger)
{
    public const string VerbPrefix = "mail-";
    public const string RegisterVerb = "mail-register";
    public const string NotAComplaintVerb = "mail-not";

    /// <summary>Channel cards are written for everyone in the channel: in Chinese, the factory's language.</summary>
    public const Language ChannelLanguage = Language.Chinese;

    public static string Name(Language l) => l.Pick("投诉邮箱 · 待登记", "Complaints mailbox · draft");

    public static JsonObject Render(MailDraftState d, Language l, Banner? banner = null)
    {
        var draft = new MailDraft(d);
        var facts = new List<(string, string)>
        {
            (l.Pick("客户", "Customer"), CardText.Escape(d.CustomerName, 100)),
            (l.Pick("发件人", "From"), CardText.Escape(d.FromName is { Length: > 0 } n ? $"{n} <{d.FromAddress}>" : d.FromAddress, 160)),
            (l.Pick("收到时间", "Received"), FormCardView.Time(d.ReceivedAt, full: true)),
            (l.Pick("主题", "Subject"), CardText.Escape(d.Subject ?? "—", 200)),
        };
        if (d.ComplaintId is { } cc)
        {
            facts.Add((l.Pick("登记为", "Registered as"), cc));
        }

        var sections = new List<FormSection>
        {
            new(l.Pick("邮件开头", "First lines"), draft.Preview().Split('\n').Where(x => x.Length > 0).Select(x => CardText.Escape(x, 300)).ToList()),
            new(l.Pick("附件", "Attachments"), d.Attachments.Select(a => "📎 " + CardText.Escape(a.Name, 120) + (a.Size is { } size ? $" ({CardText.Bytes(size)})" : string.Empty)).ToList()),
        };
        var panels = new List<FormPanel>();
        if (d.Status is MailDraftStatus.New or MailDraftStatus.Registering)
        {
            panels.Add(new FormPanel(
                l.Pick("业务跟单：这是客户投诉吗？", "Follow-up clerks: is this a complaint?"),
                [],
                [new FormButton(RegisterVerb, l.Pick("登记为投诉", "Register as complaint")), new FormButton(NotAComplaintVerb, l.Pick("不是投诉", "Not a complaint"), "default")]));
        }

        var card = new FormCard(
            d.Key,
            d.Version,
            Name(l),
            $"{CardText.Escape(d.CustomerName, 60)} · {CardText.Escape(d.Subject ?? l.Pick("（无主题）", "(no subject)"), 120)}",
            StatusText(d, l),
            d.Status switch { MailDraftStatus.Registered => "Good", MailDraftStatus.NotAComplaint => "Default", _ => "Accent" },
            facts,
            sections,
            [],
            _ => string.Empty,
            panels);
        return FormCardView.Render(card, l, banner, []);
    }

    public static string StatusText(MailDraftState d, Language l) => d.Status switch
    {
        MailDraftStatus.New => l.Pick("待业务跟单判断", "Waiting for a follow-up clerk"),
        MailDraftStatus.Registering => l.Pick($"{CardText.Escape(d.HandledBy?.Name, 60)} 正在私聊中登记", $"{CardText.Escape(d.HandledBy?.Name, 60)} is registering it in personal chat"),
        MailDraftStatus.Registered => l.Pick($"已登记为 {d.ComplaintId}（{CardText.Escape(d.HandledBy?.Name, 60)}）", $"Registered as {d.ComplaintId} by {CardText.Escape(d.HandledBy?.Name, 60)}"),
        _ => l.Pick($"{CardText.Escape(d.HandledBy?.Name, 60)}：不是投诉（{FormCardView.Time(d.HandledAt ?? d.ReceivedAt, full: false)}）", $"Not a complaint, said {CardText.Escape(d.HandledBy?.Name, 60)} ({FormCardView.Time(d.HandledAt ?? d.ReceivedAt, full: false)})"),
    };

    /// <summary>Posts the draft's card in Sales' channel and keeps where it went. False when Sales has no channel yet (tried again on the next read).</summary>
    public async Task<bool> PostAsync(MailDraftStore.Saved saved, CancellationToken cancellationToken)
    {
        PostedMessage posted;
        try
        {
            posted = await messenger.PostToDepartmentAsync(Department.Sales, ChatReply.AdaptiveCard(Render(saved.State, ChannelLanguage)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DepartmentNotBoundException or ChannelUnreachableException)
        {
            logger.LogWarning("The mail from {From} waits: {Problem}", saved.State.FromAddress, ex.Message);
            return false;
        }

        if (!await store.SaveAsync(saved.State, posted, saved.ETag, cancellationToken).ConfigureAwait(false))
        {
            logger.LogInformation("Mail draft {Key} changed while its card was posted; the card is updated on the next change.", saved.State.Key);
        }

        return true;
    }

    /// <summary>Shows the draft as it is now on the card in the channel.</summary>
    public async Task UpdateAsync(MailDraftState state, PostedMessage? posted, CancellationToken cancellationToken)
    {
        if (posted is null)
        {
            return;
        }

        try
        {
            await messenger.UpdateCardAsync(posted, Render(state, ChannelLanguage), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelUnreachableException ex)
        {
            logger.LogWarning("The mail card of {Key} could not be updated: {Problem}", state.Key, ex.Message);
        }
    }

    /// <summary>The complaint conversation a mail opened was confirmed: the draft names the complaint.</summary>
    public async Task RegisteredAsync(string key, string complaintId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await store.GetAsync(key, cancellationToken).ConfigureAwait(false) is not { } saved)
            {
                return;
            }

            if (!new MailDraft(saved.State).MarkRegistered(complaintId))
            {
                return;
            }

            if (await store.SaveAsync(saved.State, saved.Posted, saved.ETag, cancellationToken).ConfigureAwait(false))
            {
                logger.LogInformation("Mail draft {Key} registered as {Complaint}.", key, complaintId);
                await UpdateAsync(saved.State, saved.Posted, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }
}
