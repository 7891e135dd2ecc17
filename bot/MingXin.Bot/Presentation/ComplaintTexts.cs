using System.Globalization;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Workflows.Forms;

namespace MingXin.Bot.Presentation;

/// <summary>What the complaint conversation says, in the user's language.</summary>
public static class ComplaintTexts
{
    public static string Intro(Language l) =>
        l.Pick("开始登记客户投诉（顾客投诉登记表）。随时可以更正，例如“不是，客户是…”；输入“取消”结束。", "Logging a customer complaint (Customer Complaint Register). Correct anything at any time, e.g. “no, the customer is …”; type “cancel” to stop.");

    public static string Question(IntakeSlot slot, Language l) => slot switch
    {
        IntakeSlot.Customer => l.Pick("哪位客户投诉？请回复客户名称或简称。", "Which customer is it? Reply with its name or short name."),
        IntakeSlot.Channel => l.Pick("客户是怎么投诉的？回复：1 电话、2 电子邮件、3 传真、4 微信、5 来访、6 其他。", "How did the complaint come in? Reply 1 phone, 2 e-mail, 3 fax, 4 WeChat, 5 visit or 6 other."),
        IntakeSlot.Subject => l.Pick("涉及哪张单或哪个产品？回复单号（如 PN-2026-0001）或产品名称。", "Which order or product is it about? Reply with a form number (e.g. PN-2026-0001) or the product name."),
        IntakeSlot.Description => l.Pick("客户反映了什么问题？请描述。", "What does the customer report? Describe the problem."),
        IntakeSlot.Quantity => l.Pick("受影响的数量是多少？回复数字，例如 300。", "How many pieces are affected? Reply with a number, e.g. 300."),
        IntakeSlot.Kind => l.Pick("投诉的是什么？回复：1 产品质量、2 交货、3 发票/单据、4 服务、5 其他。", "What is the complaint about? Reply 1 product quality, 2 delivery, 3 invoice or documents, 4 service or 5 other."),
        _ => l.Pick("严重程度？回复：1 轻微、2 一般、3 严重。", "How severe is it? Reply 1 minor, 2 major or 3 critical."),
    };

    public static string SlotName(IntakeSlot slot, Language l) => slot switch
    {
        IntakeSlot.Customer => l.Pick("客户", "customer"),
        IntakeSlot.Channel => l.Pick("投诉方式", "received by"),
        IntakeSlot.Subject => l.Pick("订单/产品", "order/product"),
        IntakeSlot.Description => l.Pick("问题描述", "complaint"),
        IntakeSlot.Quantity => l.Pick("受影响数量", "quantity affected"),
        IntakeSlot.Kind => l.Pick("投诉类型", "about"),
        IntakeSlot.ReceivedOn => l.Pick("收到日期", "received on"),
        IntakeSlot.CustomerOrder => l.Pick("客户订单号", "customer PO"),
        _ => l.Pick("严重程度", "severity"),
    };

    public static string Cancelled(Language l) => l.Pick("已取消，这次投诉没有登记。", "Cancelled: nothing was registered.");

    /// <summary>Said after a command typed in the middle of a complaint conversation: the conversation waits.</summary>
    public static string StillOpen(Language l) => l.Pick("你的投诉登记还没有完成：继续回答上面的问题，或输入“取消”放弃。", "Your complaint is not registered yet: go on answering the question above, or type \"cancel\" to drop it.");

    public static string Busy(Language l) => l.Pick("上一条消息还在处理中，请再发一次。", "Your previous message is still being handled; please send this one again.");

    public static string ChannelNotSupported(Language l) =>
        l.Pick("请在与机器人的私聊或群聊中登记投诉。", "Log complaints in a personal chat or a group chat with the bot.");

    public static string SalesOnly(Language l) =>
        l.Pick("客户投诉由业务部登记（业务跟单员、业务员、业务经理）。目录中你没有这些岗位。", "Complaints are logged by Sales (follow-up clerk, salesperson, sales manager); the directory lists none of these positions for you.");

    /// <summary>One line per note, then the question (or nothing when the card follows).</summary>
    public static string Reply(IReadOnlyList<IntakeNote> notes, IntakeSlot? asking, Language l)
    {
        var lines = new List<string>();
        var noted = notes.OfType<IntakeNote.Noted>().Where(n => !n.Corrected).Select(n => $"{SlotName(n.Slot, l)} {Value(n, l)}").ToList();
        if (noted.Count > 0)
        {
            lines.Add(l.Pick("已记下：", "Noted: ") + string.Join(l.Pick("；", "; "), noted));
        }

        foreach (var note in notes)
        {
            switch (note)
            {
                case IntakeNote.Noted { Corrected: true } n:
                    lines.Add(l.Pick($"已更正：{SlotName(n.Slot, l)} → {Value(n, l)}", $"Corrected: {SlotName(n.Slot, l)} → {Value(n, l)}"));
                    break;
                case IntakeNote.UnknownCustomer u:
                    lines.Add(u.Closest.Count == 0
                        ? l.Pick($"客户名录里没有“{CardText.Escape(u.Typed, 60)}”。新客户请先用“客户”命令登记，或回复正确的名称。", $"The customer register has no “{CardText.Escape(u.Typed, 60)}”. Register a new customer first with “customers”, or reply with the right name.")
                        : l.Pick($"客户名录里没有“{CardText.Escape(u.Typed, 60)}”。是不是：", $"The customer register has no “{CardText.Escape(u.Typed, 60)}”. Did you mean: ") + Numbered(u.Closest) + l.Pick("？回复序号或名称。", "? Reply with the number or the name."));
                    break;
                case IntakeNote.SeveralCustomers several:
                    lines.Add(l.Pick("提到了几位客户：", "Several customers are named: ") + Numbered(several.Candidates) + l.Pick("。是哪一位？回复序号。", ". Which one? Reply with the number."));
                    break;
                case IntakeNote.UnknownReference r:
                    lines.Add(l.Pick($"没有单号 {r.Number}，未采用。", $"There is no form {r.Number}; it was not used."));
                    break;
                case IntakeNote.NotUnderstood problem:
                    lines.Add(Problem(problem, l));
                    break;
                case IntakeNote.AttachmentKept a:
                    lines.Add(l.Pick("已保存附件：", "Attachment kept: ") + CardText.Escape(a.Name, 120));
                    break;
                case IntakeNote.MessageTooLong tooLong:
                    lines.Add(l.Pick($"消息太长（超过 {tooLong.Limit} 字），没有采用；请只贴邮件正文。", $"That message is too long (over {tooLong.Limit} characters) and was not used; paste only the body of the e-mail."));
                    break;
            }
        }

        if (asking is { } slot && !notes.Any(n => n is IntakeNote.UnknownCustomer or IntakeNote.SeveralCustomers))
        {
            lines.Add(Question(slot, l));
        }

        return string.Join("\n\n", lines);
    }

    private static string Value(IntakeNote.Noted n, Language l) => n.Slot switch
    {
        IntakeSlot.Channel when Enum.TryParse<ContactChannel>(n.Value, out var c) => FormCardView.Via(c, l),
        IntakeSlot.Severity when Enum.TryParse<Severity>(n.Value, out var s) => ComplaintRunner.SeverityName(s, l),
        IntakeSlot.Kind when Enum.TryParse<ComplaintKind>(n.Value, out var k) => ComplaintRunner.KindName(k, l),
        IntakeSlot.Description => "“" + CardText.Escape(n.Value, 80) + "”",
        _ => CardText.Escape(n.Value, 120),
    };

    private static string Numbered(IReadOnlyList<Customer> customers) =>
        string.Join(" ", customers.Select((c, i) => $"{(i + 1).ToString(CultureInfo.InvariantCulture)}. {CardText.Escape(c.Label, 120)}"));

    private static string Problem(IntakeNote.NotUnderstood p, Language l) => (p.Slot, p.Kind) switch
    {
        (IntakeSlot.Customer, _) => l.Pick("这个序号不在列表里。", "That number is not on the list."),
        (IntakeSlot.Channel, _) => l.Pick("没看懂投诉方式。", "That is not a way a complaint comes in."),
        (IntakeSlot.Quantity, AnswerProblem.NotANumber) => l.Pick("数量要回复数字。", "The quantity must be a number."),
        (IntakeSlot.Quantity, _) => l.Pick($"数量要在 1 到 {ComplaintIntake.MaxQuantity:N0} 之间。", $"The quantity must be between 1 and {ComplaintIntake.MaxQuantity:N0}."),
        (IntakeSlot.Severity, _) => l.Pick("没看懂严重程度。", "That is not a severity."),
        (IntakeSlot.Kind, _) => l.Pick("没看懂投诉类型。", "That is not one of the kinds."),
        (IntakeSlot.ReceivedOn, AnswerProblem.OutOfRange) => l.Pick($"收到日期不能晚于今天，也不能早于 {ComplaintIntake.MaxReceivedDaysAgo} 天前。", $"The received date cannot be after today or more than {ComplaintIntake.MaxReceivedDaysAgo} days ago."),
        (IntakeSlot.ReceivedOn, _) => l.Pick("没看懂收到日期，例如“收到日期是 11月28日”或“昨天”。", "That is not a date, e.g. “received 2026-11-28” or “yesterday”."),
        (IntakeSlot.CustomerOrder, _) => l.Pick("客户订单号最多 40 个字符。", "A customer PO may have at most 40 characters."),
        (IntakeSlot.Description, AnswerProblem.TooLong) => l.Pick($"问题描述最多 {ComplaintIntake.MaxDescriptionLength} 字，请精简。", $"The description may have at most {ComplaintIntake.MaxDescriptionLength} characters; please shorten it."),
        (IntakeSlot.Description, _) => l.Pick("描述太短，请写清楚客户反映的问题。", "That is too short to describe the problem."),
        (IntakeSlot.Subject, AnswerProblem.TooLong) => l.Pick("产品名称最多 100 字。", "A product name may have at most 100 characters."),
        _ => l.Pick("没看懂订单或产品。", "That is not an order number or a product."),
    };
}
