using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;
using MingXin.Bot.Workflows;
using MingXin.Bot.Workflows.Complaints;
using MingXin.Bot.Workflows.Customers;
using MingXin.Bot.Workflows.Forms;

namespace MingXin.Bot.Conversations;

/// <summary>Answers typed commands: help, register a department channel, list the bindings.</summary>
public sealed class CommandHandler(IPeopleDirectory directory, ChannelBindingStore bindings, InternalApprovalRunner approvals, QuotationRunner quotations, StepForms stepForms, MyTasks myTasks, ComplaintIntakeService complaints, CustomerRegisterService customers, MingXin.Bot.Workflows.Records.RecordService records, MingXin.Bot.Workflows.Records.DashboardService dashboard, MingXin.Bot.Workflows.Deputies.DeputyService deputies, TimeProvider time, ILogger<CommandHandler> logger)
{
    public async Task<IReadOnlyList<ChatReply>> HandleAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        var command = ChatCommand.Parse(turn.Text);
        if (command is ChatCommand.Unknown or ChatCommand.Complaint)
        {
            // A complaint conversation in progress takes its person's answers in its chat.
            if (await complaints.ContinueAsync(turn, cancellationToken).ConfigureAwait(false) is { } answers)
            {
                return answers;
            }
        }
        else if (await complaints.IsOpenAsync(turn, cancellationToken).ConfigureAwait(false))
        {
            // A command typed in the middle of one runs as a command; the conversation waits, and the person is told so.
            return [.. await RunAsync(turn, command, cancellationToken).ConfigureAwait(false), ChatReply.Message(Presentation.ComplaintTexts.StillOpen(turn.Language))];
        }

        if (command is ChatCommand.Unknown && turn.Kind != ConversationKind.Channel && LooksLikeAComplaint(turn.Text))
        {
            command = new ChatCommand.Complaint(turn.Text); // a pasted e-mail or note
        }

        return await RunAsync(turn, command, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ChatReply>> RunAsync(ChatTurn turn, ChatCommand command, CancellationToken cancellationToken) =>
        command switch
        {
            ChatCommand.Complaint => await complaints.StartAsync(turn, cancellationToken).ConfigureAwait(false),
            ChatCommand.Customers => [await customers.ShowAsync(turn.UserAadObjectId, turn.Language, cancellationToken).ConfigureAwait(false)],
            ChatCommand.Records search => [await records.SearchAsync(turn.UserAadObjectId, search.Query, turn.Language, turn.Kind == ConversationKind.Personal, cancellationToken).ConfigureAwait(false)],
            ChatCommand.Dashboard d => [await dashboard.ShowAsync(turn.UserAadObjectId, d.Customer, turn.Language, cancellationToken).ConfigureAwait(false)],
            ChatCommand.Help => [ChatReply.AdaptiveCard(CardViews.Help(turn.Language, null))],
            ChatCommand.Register register => [await RegisterAsync(turn, register.Argument, cancellationToken).ConfigureAwait(false)],
            ChatCommand.ListDepartments => [ChatReply.AdaptiveCard(CardViews.DepartmentBindings(turn.Language, await bindings.ListAsync(cancellationToken).ConfigureAwait(false)))],
            ChatCommand.Request request => [await approvals.StartAsync(turn.UserAadObjectId, request.Title, request.Details, turn.Language, turn.ActivityId, cancellationToken).ConfigureAwait(false)],
            ChatCommand.Quote => [await quotations.NewFormAsync(turn.UserAadObjectId, turn.Language, cancellationToken).ConfigureAwait(false)],
            ChatCommand.StartForm start => [await stepForms.NewFormAsync(start.Prefix, turn.UserAadObjectId, start.ParentId, turn.Language, cancellationToken).ConfigureAwait(false)],
            ChatCommand.Deputy deputy => [await deputies.HandleAsync(turn, deputy.Argument, cancellationToken).ConfigureAwait(false)],
            ChatCommand.Tasks => await myTasks.ListAsync(turn.UserAadObjectId, turn.Language, cancellationToken).ConfigureAwait(false),
            ChatCommand.Unknown unknown => [ChatReply.AdaptiveCard(CardViews.Help(turn.Language, unknown.Text))],
            _ => throw new InvalidOperationException($"Unhandled command {command}."),
        };

    /// <summary>
    /// Text that is no command but reads like a complaint: several lines (a pasted e-mail), a long note
    /// (a Chinese character counts as three letters), or a word of complaint.
    /// </summary>
    public static bool LooksLikeAComplaint(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Contains('\n', StringComparison.Ordinal)
            || trimmed.Sum(c => c > 0x2E80 ? 3 : 1) >= 60
            || System.Text.RegularExpressions.Regex.IsMatch(trimmed, "投诉|客诉|不良|质量问题|坏了|破损|退货|complain|defect|damaged|faulty", System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
    }

    /// <summary>The setup card shown when the bot is installed in a team.</summary>
    public async Task<ChatReply> WelcomeTeamAsync(Language language, string? teamName, CancellationToken cancellationToken) =>
        ChatReply.AdaptiveCard(CardViews.Setup(language, teamName, await bindings.ListAsync(cancellationToken).ConfigureAwait(false)));

    private async Task<ChatReply> RegisterAsync(ChatTurn turn, string argument, CancellationToken cancellationToken)
    {
        var l = turn.Language;
        if (turn.Kind != ConversationKind.Channel || turn.Channel is null)
        {
            return ChatReply.Message(Texts.RegisterOnlyInChannel(l));
        }

        var person = await directory.FindAsync(turn.UserAadObjectId, cancellationToken).ConfigureAwait(false);
        if (person is null || !person.Holds(Position.Administrator))
        {
            logger.LogWarning("Refused register by {User}: not an administrator.", turn.UserAadObjectId);
            return ChatReply.Message(Texts.RegisterNeedsAdministrator(l, person));
        }

        if (!Departments.TryParse(argument, out var department))
        {
            return ChatReply.Message(Texts.RegisterUnknownDepartment(l, argument));
        }

        var previous = await bindings.GetAsync(department, cancellationToken).ConfigureAwait(false);
        var channelName = turn.Channel.ChannelName ?? Texts.GeneralChannel(l);
        await bindings.SaveAsync(
            new ChannelBinding(
                department,
                turn.Address.ServiceUrl,
                turn.Address.TenantId,
                turn.Channel.TeamId,
                turn.Channel.ChannelId,
                turn.Channel.ChannelName,
                turn.Channel.TeamName,
                turn.Address.BotId,
                person.AadObjectId,
                person.DisplayName,
                time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        logger.LogInformation("{Department} bound to channel {Channel} by {User}.", department, turn.Channel.ChannelId, person.AadObjectId);

        var previousName = previous is not null && previous.ChannelId != turn.Channel.ChannelId
            ? $"{previous.TeamName ?? previous.TeamId} › {previous.ChannelName ?? Texts.GeneralChannel(l)}"
            : null;
        return ChatReply.Message(Texts.Registered(l, department, channelName, previousName));
    }
}
