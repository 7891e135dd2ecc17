using System.ComponentModel.DataAnnotations;
namespace MingXin.Bot.Directory;

/// <summary>Configuration section <c>Directory</c>: who holds which position.</summary>
public sealed class DirectoryOptions : IValidatableObject
{
    public const string SectionName = "Directory";

    /// <summary><c>Configuration</c> (default: the <see cref="People"/> list) or <c>Graph</c> (Entra groups).</summary>
    public string Source { get; set; } = "Configuration";

    /// <summary>People and their positions, used when <see cref="Source"/> is <c>Configuration</c>.</summary>
    public List<PersonOptions> People { get; set; } = [];

    public GraphDirectoryOptions Graph { get; set; } = new();

    public bool UsesGraph => string.Equals(Source, "Graph", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.Equals(Source, "Configuration", StringComparison.OrdinalIgnoreCase) && !UsesGraph)
        {
            yield return new ValidationResult("must be Configuration or Graph.", [nameof(Source)]);
        }

        if (Graph.CacheMinutes is < 1 or > 1440)
        {
            yield return new ValidationResult($"Graph:CacheMinutes must be between 1 and 1440 (it is {Graph.CacheMinutes}).", [nameof(Graph)]);
        }
    }
}

public sealed class PersonOptions
{
    /// <summary>The person's Entra object id (Teams' <c>from.aadObjectId</c>).</summary>
    public string AadObjectId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>Position names, e.g. <c>Salesperson</c>, <c>GeneralManager</c>, <c>Administrator</c>.</summary>
    public List<string> Positions { get; set; } = [];
}

public sealed class GraphDirectoryOptions
{
    /// <summary>Entra group object id for each position, e.g. <c>"QcInspector": "5f1c…"</c>. Members are read transitively.</summary>
    public Dictionary<string, string> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tenant of the app registration that reads the groups (defaults to <c>MicrosoftAppTenantId</c>).</summary>
    public string? TenantId { get; set; }

    /// <summary>App registration with <c>GroupMember.Read.All</c> (defaults to <c>MicrosoftAppId</c>). Empty secret = managed identity.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>How long group membership is cached before it is read again.</summary>
    public int CacheMinutes { get; set; } = 10;
}
