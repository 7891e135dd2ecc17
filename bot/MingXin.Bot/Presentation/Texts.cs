using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Presentation;

/// <summary>Every sentence the bot says outside a card template, in both languages.</summary>
public static class Texts
{
    public static string Pick(this Language language, string chinese, string english) =>
        language == Language.Chinese ? chinese : english;

    public static string BotName(Language l) => l.Pick("明新客服助手", "MingXin customer service");

    public static string RegisterOnlyInChannel(Language l) => l.Pick(
        "“注册”只能在团队频道中使用：请到该部门的频道里 @我 并输入 注册 <部门>。",
        "`register` works only in a team channel: go to the department's channel, @mention me and type register <department>.");

    public static string RegisterNeedsAdministrator(Language l, Person? person) => l.Pick(
        $"只有 {Position.Administrator.Name(l)} 才能绑定部门频道。{HoldsSentence(l, person)}",
        $"Only an {Position.Administrator.Name(l)} can bind department channels. {HoldsSentence(l, person)}");

    public static string RegisterUnknownDepartment(Language l, string typed) =>
        string.IsNullOrWhiteSpace(typed)
            ? l.Pick($"请说明要绑定哪个部门，例如：注册 品管部。可选部门：{DepartmentList(l)}。", $"Say which department to bind, e.g. register qc. Departments: {DepartmentList(l)}.")
            : l.Pick($"没有叫“{CardText.Escape(typed, 40)}”的部门。可选部门：{DepartmentList(l)}。", $"There is no department called \"{CardText.Escape(typed, 40)}\". Departments: {DepartmentList(l)}.");

    public static string Registered(Language l, Department department, string channelName, string? previousChannelName) =>
        l.Pick(
            $"已将本频道（{CardText.Escape(channelName, 80)}）绑定为 **{department.Name(l)}** 的频道，{department.Name(l)} 的表单和提醒会发到这里。",
            $"This channel ({CardText.Escape(channelName, 80)}) is now the **{department.Name(l)}** channel: {department.Name(l)} forms and reminders will be posted here.")
        + (previousChannelName is null ? string.Empty : l.Pick($"（之前绑定的是：{CardText.Escape(previousChannelName, 80)}）", $" (It was bound to: {CardText.Escape(previousChannelName, 80)}.)"));

    public static string DepartmentList(Language l) =>
        string.Join(l.Pick("、", ", "), Departments.List.Select(d => $"{d.Name(Language.Chinese)} ({d.Code()})"));

    public static string NotBound(Language l) => l.Pick("未绑定", "not bound");

    /// <summary>Why a separation-of-duties rule keeps this person from the step, naming the rule.</summary>
    public static string DutyRefused(Domain.Forms.DutyRule rule, Language l) => rule switch
    {
        Domain.Forms.DutyRule.ReviewSeatsByDifferentPeople => l.Pick(
            "没有执行：你已经在这次会签中代表另一个部门签过了。职责分离规定，会签的每个席位由不同的人签署。",
            "Not done: you have already signed another department's seat of this joint review. Separation of duties: each seat of a joint review is signed by a different person."),
        Domain.Forms.DutyRule.NoApprovalOfOwnForm => l.Pick(
            "没有执行：这张表单是你发起的。职责分离规定，发起人不能给自己的表单做总经理批准，请由另一位总经理（或其代理人）批准。",
            "Not done: you started this form. Separation of duties: the general manager's approval of a form is not given by the person who started it; another general manager (or the GM's deputy) must approve it."),
        Domain.Forms.DutyRule.VerifierOwnsNoAction => l.Pick(
            "没有执行：你是这份改善措施中某项措施的负责人。职责分离规定，品管验证不能由措施负责人自己做，请由另一位品管人员验证。",
            "Not done: you own one of this corrective action's actions. Separation of duties: QC's verification is not made by an owner of the actions; another QC person must verify it."),
        _ => l.Pick("没有执行：职责分离规定不允许你做这一步。", "Not done: separation of duties keeps you from this step."),
    };

    /// <summary>The departments card's line for a binding Teams refused.</summary>
    public static string BrokenSince(Language l, string at, string reason) =>
        l.Pick($"⚠ 无法发送（{at} 起，Teams：{CardText.Escape(reason, 80)}）：请把机器人加回团队，或在新频道 注册", $"⚠ not reachable since {at} (Teams: {CardText.Escape(reason, 80)}): add the bot back to the team or register another channel");

    public static string ChannelsLostWithTeam(Language l, IReadOnlyList<Storage.ChannelBinding> removed) =>
        l.Pick(
            $"机器人已被移出团队“{CardText.Escape(removed[0].TeamName ?? removed[0].TeamId, 60)}”，以下部门现在没有频道：{string.Join("、", removed.Select(b => b.Department.Name(l)))}。在它们的新频道中 @我 并输入 注册 <部门>，新的表单才会发到那里。",
            $"The bot was removed from the team \"{CardText.Escape(removed[0].TeamName ?? removed[0].TeamId, 60)}\"; these departments have no channel now: {string.Join(", ", removed.Select(b => b.Department.Name(l)))}. @mention me with register <department> in their new channels so new forms are posted there.");

    public static string ChannelBroken(Language l, Storage.ChannelBinding binding, int status) =>
        l.Pick(
            $"Teams 拒绝了发往 {binding.Department.Name(l)} 频道（{CardText.Escape(binding.TeamName ?? binding.TeamId, 60)} › {CardText.Escape(binding.ChannelName ?? GeneralChannel(l), 60)}）的表单（{status}）。在修复之前该部门收不到新表单：请把机器人加回该团队，或在新频道 @我 并输入 注册 {binding.Department.Code()}。",
            $"Teams refused a form posted to the {binding.Department.Name(l)} channel ({CardText.Escape(binding.TeamName ?? binding.TeamId, 60)} › {CardText.Escape(binding.ChannelName ?? GeneralChannel(l), 60)}) with {status}. Until it is fixed the department gets no new forms: add the bot back to that team, or @mention me with register {binding.Department.Code()} in another channel.");

    public static string StorageUnavailable(Language l) => l.Pick(
        "暂时无法保存，请稍后再试。（存储服务不可用）", "I can't save anything right now; please try again shortly (storage is unavailable).");

    public static string GeneralChannel(Language l) => l.Pick("常规", "General");

    private static string HoldsSentence(Language l, Person? person) =>
        person is null || person.Positions.Count == 0
            ? l.Pick("目录中没有为你登记任何岗位。", "The directory lists no position for you.")
            : l.Pick($"你的岗位：{string.Join("、", person.Positions.Select(p => p.Name(l)))}。", $"Your positions: {string.Join(", ", person.Positions.Select(p => p.Name(l)))}.");
}
