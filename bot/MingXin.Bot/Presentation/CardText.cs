using System.Text;

namespace MingXin.Bot.Presentation;

/// <summary>A line at the top of the card: the result of the user's action, or why it was refused.</summary>
public sealed record Banner(string Text, bool IsError);

/// <summary>Makes text that came from outside (user input, Teams names) safe to show on a card or in a message.</summary>
public static class CardText
{
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
}
