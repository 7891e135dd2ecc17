using MingXin.Bot.Domain.Orders;

namespace MingXin.Bot.Domain.Complaints;

/// <summary>
/// The names of a complaint's choices in the factory's words, for its cards, its conversation and its record
/// (one place: the record card names a stored <c>Critical</c> as the complaint card does).
/// </summary>
public static class ComplaintWords
{
    public static string Name(this ComplaintKind kind, Language l) => kind switch
    {
        ComplaintKind.Product => l.Say("产品质量", "Product quality"),
        ComplaintKind.Delivery => l.Say("交货", "Delivery"),
        ComplaintKind.Invoice => l.Say("发票/单据", "Invoice or documents"),
        ComplaintKind.Service => l.Say("服务", "Service"),
        _ => l.Say("其他", "Other"),
    };

    public static string Name(this Severity severity, Language l) => severity switch
    {
        Severity.Minor => l.Say("轻微", "Minor"),
        Severity.Major => l.Say("一般", "Major"),
        _ => l.Say("严重", "Critical"),
    };

    /// <summary>人机料法环测.</summary>
    public static string Name(this CauseCategory category, Language l) => category switch
    {
        CauseCategory.Man => l.Say("人", "Man"),
        CauseCategory.Machine => l.Say("机", "Machine"),
        CauseCategory.Material => l.Say("料", "Material"),
        CauseCategory.Method => l.Say("法", "Method"),
        CauseCategory.Environment => l.Say("环", "Environment"),
        _ => l.Say("测", "Measurement"),
    };

    /// <summary>How a customer was reached: 电话 / Phone …</summary>
    public static string Name(this ContactChannel channel, Language l) => channel switch
    {
        ContactChannel.Phone => l.Say("电话", "Phone"),
        ContactChannel.Email => l.Say("电子邮件", "E-mail"),
        ContactChannel.Fax => l.Say("传真", "Fax"),
        ContactChannel.WeChat => l.Say("微信", "WeChat"),
        ContactChannel.Visit => l.Say("来访", "Visit"),
        _ => l.Say("其他", "Other"),
    };
}
