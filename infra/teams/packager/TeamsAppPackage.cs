using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MingXin.TeamsPackage;

/// <summary>What goes into the package: the bot's app id, where it runs, and the package version.</summary>
internal sealed record PackageRequest(string SourceDirectory, string BotId, string Domain, string Version, string OutputPath);

/// <summary>The outcome: the zip written, or the reasons nothing was written.</summary>
internal sealed record PackageResult(string? PackagePath, IReadOnlyList<string> Problems)
{
    public bool Succeeded => PackagePath is not null;
}

/// <summary>
/// Fills the bot's id, host name and version into <c>manifest.json</c> and zips it with its
/// localization file and icons, all at the root of the zip as Teams expects.
/// </summary>
internal static partial class TeamsAppPackage
{
    public const string ManifestFile = "manifest.json";
    public const string ColorIconFile = "color.png";
    public const string OutlineIconFile = "outline.png";

    /// <summary>Placeholders in the source files.</summary>
    public const string BotIdPlaceholder = "${{BOT_ID}}";
    public const string DomainPlaceholder = "${{BOT_DOMAIN}}";
    public const string VersionPlaceholder = "${{APP_VERSION}}";

    public static PackageResult Create(PackageRequest request)
    {
        var problems = new List<string>();
        if (!Guid.TryParseExact(request.BotId, "D", out _))
        {
            problems.Add($"--bot-id must be the app registration's application (client) ID, a GUID like 00000000-0000-0000-0000-000000000000; got '{request.BotId}'.");
        }

        if (request.Domain.Contains("://", StringComparison.Ordinal) || request.Domain.Contains('/'))
        {
            problems.Add($"--domain is a host name only (e.g. mingxinbot-abc123.azurewebsites.net), without https:// or a path; got '{request.Domain}'.");
        }
        else if (Uri.CheckHostName(request.Domain) != UriHostNameType.Dns || !request.Domain.Contains('.'))
        {
            problems.Add($"--domain must be a DNS host name such as mingxinbot-abc123.azurewebsites.net; got '{request.Domain}'.");
        }

        if (!VersionPattern().IsMatch(request.Version))
        {
            problems.Add($"--version must look like 1.0.0 (raise it each time you upload a new package); got '{request.Version}'.");
        }

        var manifestPath = Path.Combine(request.SourceDirectory, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            problems.Add($"No {ManifestFile} in {request.SourceDirectory}.");
        }

        if (problems.Count > 0)
        {
            return new PackageResult(null, problems);
        }

        var manifestText = Fill(File.ReadAllText(manifestPath), request);
        using var manifest = JsonDocument.Parse(manifestText);
        var files = new List<(string Name, byte[] Content)> { (ManifestFile, System.Text.Encoding.UTF8.GetBytes(manifestText)) };

        foreach (var name in ReferencedFiles(manifest.RootElement))
        {
            var path = Path.Combine(request.SourceDirectory, name);
            if (!File.Exists(path))
            {
                problems.Add($"{ManifestFile} names {name}, which is not in {request.SourceDirectory}.");
                continue;
            }

            var content = name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? System.Text.Encoding.UTF8.GetBytes(Fill(File.ReadAllText(path), request))
                : File.ReadAllBytes(path);
            files.Add((name, content));
        }

        if (problems.Count > 0)
        {
            return new PackageResult(null, problems);
        }

        var output = Path.GetFullPath(request.OutputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var temporary = output + ".tmp";
        using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        File.Move(temporary, output, overwrite: true);
        return new PackageResult(output, []);
    }

    private static string Fill(string text, PackageRequest request)
    {
        var filled = text
            .Replace(BotIdPlaceholder, request.BotId.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace(DomainPlaceholder, request.Domain.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace(VersionPlaceholder, request.Version, StringComparison.Ordinal);
        var left = filled.IndexOf("${{", StringComparison.Ordinal);
        return left < 0
            ? filled
            : throw new InvalidOperationException($"Unknown placeholder in the package source: {filled.Substring(left, Math.Min(30, filled.Length - left))}");
    }

    /// <summary>The icons and localization files the manifest points at.</summary>
    private static IEnumerable<string> ReferencedFiles(JsonElement manifest)
    {
        if (manifest.TryGetProperty("icons", out var icons))
        {
            foreach (var icon in icons.EnumerateObject())
            {
                yield return icon.Value.GetString()!;
            }
        }

        if (manifest.TryGetProperty("localizationInfo", out var localization)
            && localization.TryGetProperty("additionalLanguages", out var languages))
        {
            foreach (var language in languages.EnumerateArray())
            {
                yield return language.GetProperty("file").GetString()!;
            }
        }
    }

    [GeneratedRegex(@"^\d{1,4}\.\d{1,4}\.\d{1,4}$")]
    private static partial Regex VersionPattern();
}
