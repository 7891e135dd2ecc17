using MingXin.Bot.Domain.Records;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Storage;
using MingXin.Cards;

namespace MingXin.Bot.Presentation;

/// <summary>
/// Builds the view model of each card (every string computed here, in the user's language) and
/// expands its template from <c>cards/templates</c>.
/// </summary>
public static class CardViews
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JsonObject Help(Language l, string? notUnderstood)
    {
        var model = new
        {
            title = l.Pick("明新客服助手 · 帮助", "MingXin customer service · Help"),
            intro = l.Pick(
                "我按 MX-QM-03《客户服务管理程序》把表单送到各部门的频道里审批和回复，并提醒每个期限。",
                "I run the MX-QM-03 customer service procedure: forms go to each department's channel to be approved or answered there, and I watch every deadline."),
            hasProblem = notUnderstood is not null,
            problem = notUnderstood is null
                ? string.Empty
                : l.Pick($"我看不懂“{CardText.Escape(notUnderstood, 60)}”。下面是我能做的事。", $"I don't understand \"{CardText.Escape(notUnderstood, 60)}\". This is what I can do."),
            commands = new[]
            {
                new { command = l.Pick("帮助 / help", "help / 帮助"), description = l.Pick("显示这张卡片", "Show this card") },
                new
                {
                    command = l.Pick("注册 <部门> / register <department>", "register <department> / 注册 <部门>"),
                    description = l.Pick("把当前频道设为该部门的频道（仅系统管理员，在频道中 @我）", "Make this channel the department's channel (administrators only, in a channel, @mention me)"),
                },
                new { command = l.Pick("部门 / departments", "departments / 部门"), description = l.Pick("列出各部门绑定的频道", "List the channel bound to each department") },
            }
            .Concat(FormCatalog.All.Where(f => f.Command is not null).OrderBy(f => f.Kind == Domain.Approvals.InternalApprovalForm.Kind ? 0 : 1).Select(f => new { command = l.Pick(f.Command!.UsageZh, f.Command.UsageEn), description = l.Pick(f.Command.WhatZh, f.Command.WhatEn) }))
            .Concat(new[]
            {
                new { command = l.Pick("客户 / customers", "customers / 客户"), description = l.Pick("客户名录：查看和登记客户（名称、简称、电话、邮件、产品）", "Customer register: list and add customers (names, short names, phones, e-mails, products)") },
                new
                {
                    command = l.Pick("记录 … / records", "records … / 记录"),
                    description = l.Pick("查记录：客户 …、表单 …、状态 进行中/已完成/已取消、从 yyyy-MM-dd、到 yyyy-MM-dd，或表单编号；可导出 Excel / CSV", "Find records: customer …, form …, status open/closed/cancelled, from yyyy-MM-dd, to yyyy-MM-dd, or a form number; export to Excel or CSV"),
                },
                new { command = l.Pick("看板 [客户 …] / dashboard", "dashboard [customer …] / 看板"), description = l.Pick("图表：两小时答复准时率、各部门未结事项、投诉结案天数、满意度趋势", "Charts: two-hour rule on time, open items by department, days to close complaints, satisfaction trend") },
                new { command = l.Pick("待办 / tasks", "tasks / 待办"), description = l.Pick("列出等你处理的表单（私聊）", "List the forms waiting on you (personal chat)") },
                new
                {
                    command = l.Pick("代理 <姓名> 从 <日期> 到 <日期> / deputy", "deputy <name> from <date> to <date> / 代理"),
                    description = l.Pick("外出期间指定代理人：代理人处理你岗位的步骤，提醒和升级也发给他；“代理”列出，“代理 取消”结束", "Name who stands in while you are away: they take your positions' steps and get your reminders and escalations; “deputy” lists, “deputy off” ends"),
                },
            }).Select(c => new { command = CardText.Placeholders(c.command), c.description }).ToArray(),
            departmentsTitle = l.Pick("部门（注册时可用的名称）", "Departments (names accepted by register)"),
            departments = Departments.List.Select(d => new { name = d.Name(l), aliases = $"{d.Code()}, {d.Name(Language.Chinese)}" }).ToArray(),
            footnote = l.Pick("在频道或群聊中请先 @我 再输入命令。", "In a channel or group chat, @mention me before the command."),
        };
        return CardTemplates.Render("help", JsonSerializer.SerializeToNode(model, Json));
    }

    public static JsonObject Setup(Language l, string? teamName, IReadOnlyList<ChannelBinding> bindings)
    {
        var model = new
        {
            title = l.Pick("欢迎使用明新客服助手", "Welcome to MingXin customer service"),
            intro = string.IsNullOrWhiteSpace(teamName)
                ? l.Pick("感谢把我加入团队。每个部门需要一个频道来接收表单和提醒。", "Thanks for adding me to this team. Each department needs a channel for its forms and reminders.")
                : l.Pick($"感谢把我加入团队“{CardText.Escape(teamName, 80)}”。每个部门需要一个频道来接收表单和提醒。", $"Thanks for adding me to the team \"{CardText.Escape(teamName, 80)}\". Each department needs a channel for its forms and reminders."),
            steps = new[]
            {
                new { text = l.Pick("1. 打开部门的频道（例如“品管部”）。", "1. Open the department's channel (e.g. \"Quality Control\").") },
                new { text = l.Pick("2. 系统管理员在该频道中 @我 并输入：register qc（或 注册 品管部）", "2. An administrator @mentions me there and types: register qc (or 注册 品管部)") },
                new { text = l.Pick("3. @我 并输入 departments 查看绑定情况；help 查看所有命令。", "3. @mention me with departments to see the bindings; help lists every command.") },
            },
            statusTitle = l.Pick("当前绑定", "Current bindings"),
            departments = BindingRows(l, bindings, withWho: false),
        };
        return CardTemplates.Render("setup", JsonSerializer.SerializeToNode(model, Json));
    }

    public static JsonObject DepartmentBindings(Language l, IReadOnlyList<ChannelBinding> bindings)
    {
        var model = new
        {
            title = l.Pick("部门频道", "Department channels"),
            departments = BindingRows(l, bindings, withWho: true),
            footnote = CardText.Placeholders(l.Pick("系统管理员在频道中 @我 并输入 注册 <部门> 即可绑定。", "An administrator binds a channel by @mentioning me there with register <department>.")),
        };
        return CardTemplates.Render("departments", JsonSerializer.SerializeToNode(model, Json));
    }

    /// <summary>A short card that says something went wrong (unknown form, bad data).</summary>
    public static JsonObject Notice(Language l, string title, string text) =>
        CardTemplates.Render("notice", JsonSerializer.SerializeToNode(new { title, text }, Json));

    private static object[] BindingRows(Language l, IReadOnlyList<ChannelBinding> bindings, bool withWho) =>
        Departments.List.Select(d =>
        {
            var b = bindings.FirstOrDefault(x => x.Department == d);
            string status;
            if (b is null)
            {
                status = Texts.NotBound(l);
            }
            else
            {
                var place = $"{CardText.Escape(b.TeamName ?? b.TeamId, 60)} › {CardText.Escape(b.ChannelName ?? Texts.GeneralChannel(l), 60)}";
                var at = TimeZoneInfo.ConvertTime(b.BoundAt, BusinessCalendar.FactoryZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                status = withWho
                    ? place + l.Pick($"（{CardText.Escape(b.BoundByName, 40)} 于 {at} 绑定）", $" (bound by {CardText.Escape(b.BoundByName, 40)}, {at})")
                    : place;
                if (b.BrokenAt is { } brokenAt)
                {
                    status += " " + Texts.BrokenSince(l, TimeZoneInfo.ConvertTime(brokenAt, BusinessCalendar.FactoryZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), b.BrokenReason ?? string.Empty);
                }
            }

            return (object)new { name = d.Name(l), status };
        }).ToArray();
}
