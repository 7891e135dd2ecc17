namespace MingXin.Bot.Domain.Organization;

/// <summary>
/// A member of staff as the bot knows them: identified by the Entra object id (Teams'
/// <c>from.aadObjectId</c>), with the positions they hold — their own and, while they deputise for
/// someone away, that person's too (<see cref="Covers"/>).
/// </summary>
public sealed record Person(string AadObjectId, string DisplayName, IReadOnlySet<Position> Positions)
{
    /// <summary>Whom this person deputises for today, with the positions each brings; empty for most.</summary>
    public IReadOnlyList<Cover> Covers { get; init; } = [];

    /// <summary>The positions that are this person's own, without those they hold as a deputy.</summary>
    public IReadOnlySet<Position> OwnPositions => Own ?? Positions;

    public bool Holds(Position position) => Positions.Contains(position);

    /// <summary>The same person deputising for <paramref name="covers"/>: their positions are added to this person's own.</summary>
    public Person Covering(IReadOnlyList<Cover> covers) => covers.Count == 0 ? this : this with
    {
        Positions = Positions.Concat(covers.SelectMany(c => c.Positions)).ToHashSet(),
        Covers = covers,
        Own = OwnPositions,
    };

    private IReadOnlySet<Position>? Own { get; init; }

    /// <summary>Someone Teams knows but the directory does not: holds no position.</summary>
    public static Person Unknown(string aadObjectId, string? displayName) =>
        new(aadObjectId, string.IsNullOrWhiteSpace(displayName) ? aadObjectId : displayName, new HashSet<Position>());
}
