using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Directory;

/// <summary>An immutable view of who holds which position, built from any source.</summary>
internal sealed class PeopleSnapshot
{
    private readonly Dictionary<string, Person> _byId;

    public PeopleSnapshot(IEnumerable<(string Id, string Name, Position Position)> memberships)
    {
        _byId = memberships
            .GroupBy(m => m.Id, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                g => g.Key,
                g => new Person(g.Key, g.Select(m => m.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? g.Key, g.Select(m => m.Position).ToHashSet()),
                StringComparer.OrdinalIgnoreCase);
    }

    public Person? Find(string id) => _byId.GetValueOrDefault(id);

    public IReadOnlyList<Person> Holders(Position position) =>
        _byId.Values.Where(p => p.Holds(position)).OrderBy(p => p.DisplayName, StringComparer.Ordinal).ToList();
}
