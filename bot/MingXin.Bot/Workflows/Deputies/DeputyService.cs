using MingXin.Bot.Conversations;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Messaging;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Deputies;

/// <summary>
/// <c>deputy &lt;person&gt; from … to …</c> / <c>代理 &lt;人&gt; 从 … 到 …</c>: a person names who stands in for
/// them while they are away; <c>deputy</c> lists the current deputyships, <c>deputy off</c> ends one's own.
/// The deputy is told in personal chat (best effort). What a deputy may then do is the directory's
/// business (<see cref="DeputyDirectory"/>).
/// </summary>
public sealed class DeputyService(IPeopleDirectory directory, DeputyStore deputies, UserIdStore userIds, IChannelMessenger messenger, TimeProvider time, ILogger<DeputyService> logger)
{
    public async Task<ChatReply> HandleAsync(ChatTurn turn, string text, CancellationToken cancellationToken)
    {
        var l = turn.Language;
        var person = await directory.FindAsync(turn.UserAadObjectId, cancellationToken).ConfigureAwait(false);
        if (person is null || person.OwnPositions.Count == 0)
        {
            return ChatReply.Message(l.Pick("目录中没有你的岗位，不能指定代理人。", "The directory lists no position for you, so there is nobody to stand in for you."));
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, BusinessCalendar.FactoryZone).DateTime);
        var all = await deputies.ListAsync(cancellationToken).ConfigureAwait(false);
        switch (DeputyRequest.Parse(text, today))
        {
            case DeputyRequest.List:
                var current = all.Where(d => d.Current(today)).ToList();
                return ChatReply.Message(current.Count == 0
                    ? l.Pick("现在没有代理安排。指定代理人：代理 <姓名> 从 yyyy-MM-dd 到 yyyy-MM-dd", "No deputies are named now. To name yours: deputy <name> from yyyy-MM-dd to yyyy-MM-dd")
                    : l.Pick("代理安排：\n\n", "Deputies:\n\n") + string.Join("\n\n", current.Select(d => "- " + Line(d, l))));
            case DeputyRequest.End:
                var ended = await deputies.EndAsync(person.AadObjectId, today, now, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("{Person} ended {Count} deputyships.", person.AadObjectId, ended);
                return ChatReply.Message(ended == 0
                    ? l.Pick("你没有正在进行或即将开始的代理安排。", "You have no current or coming deputy.")
                    : l.Pick($"已结束你的 {ended} 项代理安排。", $"Ended your {ended} deputy arrangement(s)."));
            case DeputyRequest.Name named:
                return await NameAsync(turn, person, named, today, now, all, cancellationToken).ConfigureAwait(false);
            default:
                throw new InvalidOperationException("A deputy request lists, ends or names.");
        }
    }

    private async Task<ChatReply> NameAsync(ChatTurn turn, Person principal, DeputyRequest.Name named, DateOnly today, DateTimeOffset now, IReadOnlyList<Deputyship> all, CancellationToken cancellationToken)
    {
        var l = turn.Language;
        if (named.Deputy.Length == 0)
        {
            return ChatReply.Message(l.Pick("请写上代理人的姓名和日期，例如：代理 孙丽 从 2026-12-01 到 2026-12-05", "Name the deputy and the days, e.g. deputy Sun Li from 2026-12-01 to 2026-12-05"));
        }

        var matches = (await EveryoneAsync(cancellationToken).ConfigureAwait(false))
            .Where(p => p.DisplayName.Contains(named.Deputy, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var exact = matches.Where(p => p.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(p.DisplayName).Any(n => string.Equals(n, named.Deputy, StringComparison.OrdinalIgnoreCase))).ToList();
        var deputy = exact.Count == 1 ? exact[0] : matches.Count == 1 ? matches[0] : null;
        if (deputy is null)
        {
            return ChatReply.Message(matches.Count == 0
                ? l.Pick($"目录中没有叫“{CardText.Escape(named.Deputy, 60)}”的人。", $"Nobody in the directory is called \"{CardText.Escape(named.Deputy, 60)}\".")
                : l.Pick($"有几个人符合“{CardText.Escape(named.Deputy, 60)}”：{string.Join("、", matches.Take(8).Select(p => CardText.Escape(p.DisplayName, 60)))}。请写全名。", $"Several people match \"{CardText.Escape(named.Deputy, 60)}\": {string.Join(", ", matches.Take(8).Select(p => CardText.Escape(p.DisplayName, 60)))}. Write more of the name."));
        }

        var problems = Deputyship.Problems(principal.AadObjectId, deputy.AadObjectId, named.From, named.To, today, all);
        if (problems.Count > 0)
        {
            return ChatReply.Message(l.Pick("没有保存：", "Nothing was saved: ") + string.Join(l.Pick("；", "; "), problems.Select(p => Problem(p, l))));
        }

        var deputyship = new Deputyship(principal.AadObjectId, principal.DisplayName, deputy.AadObjectId, deputy.DisplayName, named.From!.Value, named.To!.Value, new PersonRef(principal.AadObjectId, principal.DisplayName), now);
        await deputies.AddAsync(deputyship, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("{Principal} named {Deputy} deputy from {From} to {To}.", principal.AadObjectId, deputy.AadObjectId, deputyship.From, deputyship.To);
        await TellDeputyAsync(turn, deputyship, principal, cancellationToken).ConfigureAwait(false);
        return ChatReply.Message(l.Pick(
            $"已记录：{Line(deputyship, l)}。期间{CardText.Escape(deputy.DisplayName, 60)}可处理你岗位（{Positions(principal, l)}）的步骤，记录中会写明代理；给你的提醒和升级也会发给{CardText.Escape(deputy.DisplayName, 60)}。提前结束：代理 取消",
            $"Recorded: {Line(deputyship, l)}. On those days {CardText.Escape(deputy.DisplayName, 60)} takes the steps of your positions ({Positions(principal, l)}), recorded as your deputy; reminders and escalations for you go to them too. To end it early: deputy off"));
    }

    private async Task TellDeputyAsync(ChatTurn turn, Deputyship d, Person principal, CancellationToken cancellationToken)
    {
        var teamsId = (await userIds.ResolveAsync([d.DeputyId], 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (teamsId is null)
        {
            logger.LogInformation("Deputy {Deputy} was not told in personal chat: the bot has not seen them in Teams yet.", d.DeputyId);
            return;
        }

        try
        {
            var text = $"{CardText.Escape(d.PrincipalName, 60)} 指定你为代理人：{Dates(d)}，岗位 {Positions(principal, Language.Chinese)}。\n\n{CardText.Escape(d.PrincipalName, 60)} named you deputy: {Dates(d)}, positions {Positions(principal, Language.English)}.";
            await messenger.SendToPersonAsync(turn.Address.ServiceUrl, turn.Address.TenantId, teamsId, ChatReply.Message(text), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Deputy {Deputy} could not be told in personal chat.", d.DeputyId);
        }
    }

    /// <summary>Everyone the directory lists with a position, once each.</summary>
    private async Task<IReadOnlyList<Person>> EveryoneAsync(CancellationToken cancellationToken)
    {
        var people = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase);
        foreach (var position in Enum.GetValues<Position>())
        {
            foreach (var p in await directory.HoldersAsync(position, cancellationToken).ConfigureAwait(false))
            {
                people.TryAdd(p.AadObjectId, p);
            }
        }

        return people.Values.ToList();
    }

    private static string Line(Deputyship d, Language l) =>
        l.Pick($"{CardText.Escape(d.DeputyName, 60)} 代理 {CardText.Escape(d.PrincipalName, 60)}，{Dates(d)}", $"{CardText.Escape(d.DeputyName, 60)} deputises for {CardText.Escape(d.PrincipalName, 60)}, {Dates(d)}");

    private static string Dates(Deputyship d) => d.From == d.To ? FormCardView.Date(d.From) : $"{FormCardView.Date(d.From)} – {FormCardView.Date(d.To)}";

    private static string Positions(Person p, Language l) => string.Join(l.Pick("、", ", "), p.OwnPositions.Select(x => x.Name(l)));

    private static string Problem(FieldProblem p, Language l) => (p.Field, p.Kind) switch
    {
        ("deputy", _) => l.Pick("代理人不能是你自己", "the deputy cannot be yourself"),
        ("from", ProblemKind.Required) => l.Pick("请写上开始日期（yyyy-MM-dd）", "give the first day (yyyy-MM-dd)"),
        ("to", ProblemKind.Required) => l.Pick("请写上结束日期（yyyy-MM-dd）", "give the last day (yyyy-MM-dd)"),
        ("to", ProblemKind.DateInPast) => l.Pick("结束日期已过", "the last day has passed"),
        ("to", ProblemKind.TooLarge) => l.Pick($"一次最多 {Deputyship.MaxDays} 天", $"at most {Deputyship.MaxDays} days at a time"),
        ("to", _) => l.Pick("结束日期早于开始日期", "the last day comes before the first"),
        ("from", ProblemKind.Duplicate) => l.Pick("这些日期已有代理人（先用“代理 取消”结束）", "those days already have a deputy (end it first with \"deputy off\")"),
        _ => p.Field,
    };
}
