using System.Globalization;
using System.Text;

namespace MingXin.Bot.Storage;

/// <summary>
/// Table Storage keys may not contain <c>/ \ # ?</c>, control characters, and are at most 1 KiB.
/// Values that come from outside (Teams ids, user text) are escaped with <c>%XX</c> before use.
/// </summary>
public static class TableKeys
{
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (builder.Length > 512)
        {
            throw new ArgumentException("The value is too long to be a table key.", nameof(value));
        }

        return builder.ToString();
    }
}
