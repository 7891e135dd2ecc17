using PdfSharp.Fonts;

namespace MingXin.Bot.Documents;

/// <summary>
/// The one font documents are set in, Noto Sans SC (OFL 1.1, from the npm package
/// <c>@expo-google-fonts/noto-sans-sc</c>), regular and bold, read from the <c>fonts</c> folder the build
/// copies next to the bot's binary — never a font installed on the host, which a server may not have.
/// PDFsharp embeds the subset a document uses, with its Unicode map, so the text stays selectable.
/// </summary>
internal sealed class DocumentFonts : IFontResolver
{
    public const string Family = "Noto Sans SC";
    private const string RegularFace = "NotoSansSC-Regular";
    private const string BoldFace = "NotoSansSC-Bold";
    private static readonly object Gate = new();
    private static bool _installed;

    private readonly Dictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    /// <summary>The folder the font files are read from.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "fonts");

    /// <summary>Makes the fonts PDFsharp's resolver, once per process (PDFsharp keeps one for all documents).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            GlobalFontSettings.FontResolver = new DocumentFonts();
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase) ? new FontResolverInfo(isBold ? BoldFace : RegularFace) : null;

    public byte[]? GetFont(string faceName)
    {
        lock (_faces)
        {
            if (!_faces.TryGetValue(faceName, out var bytes))
            {
                var path = Path.Combine(Folder, faceName + ".ttf");
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"The document font {path} is missing: it is copied from node_modules at build time (run npm ci, then build or publish again).", path);
                }

                bytes = File.ReadAllBytes(path);
                _faces[faceName] = bytes;
            }

            return bytes;
        }
    }
}
