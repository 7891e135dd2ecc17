namespace MingXin.Bot.Domain.Organization;

/// <summary>
/// A member of staff as the bot knows them: identified by the Entra object id (Teams'
/// <c>from.aadObjectId</c>), with the positions they hold.
/// </summary>
public sealed record Person(string AadObjectId, string DisplayName, IReadOnlySet<Position> Positions)
{
    public bool Holds(Position position) => Positions.Contains(position);

    /// <summary>Someone Teams knows but the directory does not: holds no position.</summary>
    public static Person Unknown(string aadObjectId, string? displayName) =>
        new(aadObjectId, string.IsNullOrWhiteSpace(displayName) ? aadObjectId : displayName, new HashSet<Position>());
}
