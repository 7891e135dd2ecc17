namespace MingXin.Bot.Domain.Quotations;

/// <summary>
/// The card verbs of the Quotation, written here once for the C# side (the quotation's own card
/// template, <c>cards/templates/quotation.json</c>, names them too, until the quotation moves onto a step table).
/// </summary>
public static class QuotationVerbs
{
    public const string Prefix = "qt-";
    public const string Start = "qt-start";
    public const string Review = "qt-review";
    public const string Approve = "qt-approve";
    public const string Reject = "qt-reject";
    public const string Revise = "qt-revise";
    public const string Sent = "qt-sent";
    public const string Confirm = "qt-confirm";
    public const string Object = "qt-object";
    public const string Decide = "qt-decide";
    public const string Cancel = "qt-cancel";
}
