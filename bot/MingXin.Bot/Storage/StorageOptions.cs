using System.ComponentModel.DataAnnotations;
namespace MingXin.Bot.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// A Table Storage connection string (Azurite locally and in tests). Leave empty in Azure and set
    /// <see cref="TableEndpoint"/> instead, so the managed identity is used and no key is stored.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's table endpoint, e.g. <c>https://mingxin.table.core.windows.net</c>.</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>Prefix of every table name (letters and digits), so several environments can share an account.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,19}$", ErrorMessage = "must be 1 to 20 letters or digits, starting with a letter.")]
    public string TablePrefix { get; set; } = "mx";

    /// <summary>Seconds a single storage request may take before it counts as failed.</summary>
    [Range(1, 300)]
    public int RequestTimeoutSeconds { get; set; } = 5;
}
