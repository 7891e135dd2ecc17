namespace MingXin.TeamsPackage;

/// <summary>
/// The app's two icons, drawn from one shape: a white "M" (for MingXin 明新).
/// Color: 192×192, the symbol inside the central 96×96 on the accent colour, fully opaque.
/// Outline: 32×32, the symbol in white on a transparent background, as Teams requires.
/// </summary>
internal static class Icons
{
    /// <summary>The accent colour of the app (manifest <c>accentColor</c>, colour icon background).</summary>
    public const string AccentColor = "#0B5CAD";

    public const int ColorSize = 192;
    public const int OutlineSize = 32;

    // The "M", in a unit square (x right, y down).
    private static readonly (double X, double Y)[] Symbol =
    [
        (0.16, 0.84), (0.16, 0.16), (0.32, 0.16), (0.50, 0.46), (0.68, 0.16), (0.84, 0.16),
        (0.84, 0.84), (0.68, 0.84), (0.68, 0.44), (0.50, 0.72), (0.32, 0.44), (0.32, 0.84),
    ];

    private const int Supersampling = 4;

    public static byte[] Color()
    {
        var (r, g, b) = ParseHex(AccentColor);
        const int inset = ColorSize / 4; // symbol in the central 96×96
        var pixels = new byte[ColorSize * ColorSize * 4];
        for (var y = 0; y < ColorSize; y++)
        {
            for (var x = 0; x < ColorSize; x++)
            {
                var cover = Coverage(x - inset, y - inset, ColorSize - 2 * inset);
                var i = (y * ColorSize + x) * 4;
                pixels[i] = Blend(r, 255, cover);
                pixels[i + 1] = Blend(g, 255, cover);
                pixels[i + 2] = Blend(b, 255, cover);
                pixels[i + 3] = 255;
            }
        }

        return Png.Encode(ColorSize, ColorSize, pixels);
    }

    public static byte[] Outline()
    {
        var pixels = new byte[OutlineSize * OutlineSize * 4];
        for (var y = 0; y < OutlineSize; y++)
        {
            for (var x = 0; x < OutlineSize; x++)
            {
                var alpha = (byte)Math.Round(Coverage(x, y, OutlineSize) * 255);
                var i = (y * OutlineSize + x) * 4;
                // Fully transparent pixels are (0,0,0,0); every visible one is pure white.
                var white = alpha == 0 ? (byte)0 : (byte)255;
                pixels[i] = white;
                pixels[i + 1] = white;
                pixels[i + 2] = white;
                pixels[i + 3] = alpha;
            }
        }

        return Png.Encode(OutlineSize, OutlineSize, pixels);
    }

    /// <summary>Share of pixel (x, y) covered by the symbol drawn in a <paramref name="size"/>-pixel square.</summary>
    private static double Coverage(int x, int y, int size)
    {
        var inside = 0;
        for (var sy = 0; sy < Supersampling; sy++)
        {
            for (var sx = 0; sx < Supersampling; sx++)
            {
                var px = (x + (sx + 0.5) / Supersampling) / size;
                var py = (y + (sy + 0.5) / Supersampling) / size;
                if (Contains(px, py))
                {
                    inside++;
                }
            }
        }

        return inside / (double)(Supersampling * Supersampling);
    }

    // Even-odd ray casting.
    private static bool Contains(double x, double y)
    {
        var inside = false;
        for (int i = 0, j = Symbol.Length - 1; i < Symbol.Length; j = i++)
        {
            var (xi, yi) = Symbol[i];
            var (xj, yj) = Symbol[j];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    private static byte Blend(byte background, byte foreground, double cover) =>
        (byte)Math.Round(background + (foreground - background) * cover);

    private static (byte R, byte G, byte B) ParseHex(string hex) =>
        (Convert.ToByte(hex[1..3], 16), Convert.ToByte(hex[3..5], 16), Convert.ToByte(hex[5..7], 16));
}
