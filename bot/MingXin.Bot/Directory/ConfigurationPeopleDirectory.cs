using MingXin.Bot.Domain.Organization;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Directory;

/// <summary>The default directory: people and positions listed in configuration (<c>Directory:People</c>).</summary>
internal sealed class ConfigurationPeopleDirectory : IPeopleDirectory
{
    private readonly PeopleSnapshot _snapshot;

    public ConfigurationPeopleDirectory(IOptions<DirectoryOptions> options)
    {
        var memberships = new List<(string, string, Position)>();
        foreach (var person in options.Value.People)
        {
            if (string.IsNullOrWhiteSpace(person.AadObjectId))
            {
                throw new InvalidOperationException($"Directory:People: '{person.Name}' has no AadObjectId.");
            }

            foreach (var name in person.Positions)
            {
                if (!Positions.TryParse(name, out var position))
                {
                    throw new InvalidOperationException(
                        $"Directory:People: '{person.Name}' has the unknown position '{name}'. Known positions: {string.Join(", ", Positions.List)}.");
                }

                memberships.Add((person.AadObjectId.Trim(), person.Name, position));
            }
        }

        _snapshot = new PeopleSnapshot(memberships);
    }

    public Task<Person?> FindAsync(string aadObjectId, CancellationToken cancellationToken) =>
        Task.FromResult(_snapshot.Find(aadObjectId));

    public Task<IReadOnlyList<Person>> HoldersAsync(Position position, CancellationToken cancellationToken) =>
        Task.FromResult(_snapshot.Holders(position));
}
