using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Directory;

/// <summary>Who is who: the positions a person holds, and who holds a position.</summary>
public interface IPeopleDirectory
{
    /// <summary>The person with this Entra object id, or <c>null</c> when the directory does not know them.</summary>
    Task<Person?> FindAsync(string aadObjectId, CancellationToken cancellationToken);

    /// <summary>Everyone who holds <paramref name="position"/>.</summary>
    Task<IReadOnlyList<Person>> HoldersAsync(Position position, CancellationToken cancellationToken);
}
