using System.Text;

namespace MingXin.Bot.Presentation;

/// <summary>A line at the top of the card: the result of the user's action, or why it was refused.</summary>
public sealed record Banner(string Text, bool IsError);

/// <summary>Makes text that came from outside (user input, Teams names) safe to show on a card or in a message.</summary>
public static class CardText
{
    /// <summary>Card text as plain text: the backslash <see cref="Escape"/> puts before a character markdown would read (* _ [ ] ` and a backslash; a line's first # - + &gt;) is dropped.</summary>
    public static string Plain(string card) =>
        System.Text.RegularExpressions.Regex.Replace(card, @"\\([\\`*_\[\]#>+\-])", "$1", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>
    /// Escapes markdown so user text cannot turn into links, emphasis or lists, removes control
    /// characters and <c>&lt;at&gt;</c> mention tags, and shortens it to <paramref name="maxLength"/> characters.
    /// </summary>
    public static string Escape(string? text, int maxLength = 200)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var shortened = text.Length > maxLength ? text[..maxLength] + "…" : text;
        var builder = new StringBuilder(shortened.Length + 8);
        foreach (var c in shortened)
        {
            var atStart = builder.Length == 0;
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']':
                    builder.Append('\\').Append(c);
                    break;
                case '#' or '-' or '+' or '>' when atStart:
                    builder.Append('\\').Append(c); // headings, lists and quotes start a line
                    break;
                case '<':
                    builder.Append('‹'); // no <at> mentions or HTML
                    break;
                case '\r' or '\n' or '\t':
                    builder.Append(' ');
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A usage line with its placeholders (<c>request &lt;title&gt;</c>): Teams reads <c>&lt;…&gt;</c> as an HTML
    /// tag and drops it, so the brackets are shown as ‹…›.
    /// </summary>
    public static string Placeholders(string text) => text.Replace('<', '‹').Replace('>', '›');

    /// <summary>
    /// A markdown link that works: the name escaped like any text, the address left as it is except for what
    /// would end or break a markdown link (spaces, brackets, parentheses, angle brackets, quotes), which are
    /// percent-encoded. An address that is not absolute http(s) is not linked: the name alone is shown.
    /// </summary>
    public static string Link(string? name, string? url, int maxLength = 200)
    {
        var text = Escape(string.IsNullOrWhiteSpace(name) ? url : name, maxLength);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || url!.Length > 2000)
        {
            return text;
        }

        var builder = new StringBuilder(url.Length + 16);
        foreach (var c in url)
        {
            switch (c)
            {
                case ' ' or '(' or ')' or '[' or ']' or '<' or '>' or '"' or '\\' or '`':
                    builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return $"[{text}]({builder})";
    }

    /// <summary>A file size as people read it: 512 B, 34 KB, 2.5 MB.</summary>
    public static string Bytes(long size) => size switch
    {
        < 1024 => $"{size} B",
        < 1024 * 1024 => (size / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " KB",
        _ => (size / (1024.0 * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB",
    };
}
