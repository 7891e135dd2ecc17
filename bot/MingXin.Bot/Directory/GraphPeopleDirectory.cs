using MingXin.Bot.Domain.Organization;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using GraphUser = Microsoft.Graph.Models.User;

namespace MingXin.Bot.Directory;

/// <summary>
/// Positions from Entra groups: each position is mapped to a group (<c>Directory:Graph:Groups</c>), and
/// its transitive user members hold it. Membership is read with Microsoft Graph
/// (permission <c>GroupMember.Read.All</c>) and cached for <c>CacheMinutes</c>.
/// </summary>
internal sealed class GraphPeopleDirectory : IPeopleDirectory, IDisposable
{
    private readonly GraphServiceClient _graph;
    private readonly TimeProvider _time;
    private readonly ILogger<GraphPeopleDirectory> _logger;
    private readonly IReadOnlyList<(Position Position, string GroupId)> _groups;
    private readonly TimeSpan _cacheFor;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (PeopleSnapshot Snapshot, DateTimeOffset LoadedAt)? _cache;

    public GraphPeopleDirectory(GraphServiceClient graph, IOptions<DirectoryOptions> options, TimeProvider time, ILogger<GraphPeopleDirectory> logger)
    {
        _graph = graph;
        _time = time;
        _logger = logger;
        var graphOptions = options.Value.Graph;
        _cacheFor = TimeSpan.FromMinutes(Math.Max(0, graphOptions.CacheMinutes));
        var groups = new List<(Position, string)>();
        foreach (var (name, groupId) in graphOptions.Groups)
        {
            if (!Positions.TryParse(name, out var position))
            {
                throw new InvalidOperationException($"Directory:Graph:Groups has the unknown position '{name}'. Known positions: {string.Join(", ", Positions.List)}.");
            }

            if (string.IsNullOrWhiteSpace(groupId))
            {
                throw new InvalidOperationException($"Directory:Graph:Groups:{name} has no group id.");
            }

            groups.Add((position, groupId.Trim()));
        }

        _groups = groups;
    }

    public async Task<Person?> FindAsync(string aadObjectId, CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken).ConfigureAwait(false)).Find(aadObjectId);

    public async Task<IReadOnlyList<Person>> HoldersAsync(Position position, CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken).ConfigureAwait(false)).Holders(position);

    public void Dispose() => _refresh.Dispose();

    private async Task<PeopleSnapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        if (_cache is { } fresh && _time.GetUtcNow() - fresh.LoadedAt < _cacheFor)
        {
            return fresh.Snapshot;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cache is { } again && _time.GetUtcNow() - again.LoadedAt < _cacheFor)
            {
                return again.Snapshot;
            }

            var memberships = new List<(string, string, Position)>();
            foreach (var (position, groupId) in _groups)
            {
                foreach (var user in await ReadMembersAsync(groupId, cancellationToken).ConfigureAwait(false))
                {
                    if (!string.IsNullOrEmpty(user.Id))
                    {
                        memberships.Add((user.Id, user.DisplayName ?? user.Mail ?? user.Id, position));
                    }
                }
            }

            var snapshot = new PeopleSnapshot(memberships);
            _cache = (snapshot, _time.GetUtcNow());
            _logger.LogInformation("Read {Count} position memberships from {Groups} Entra groups.", memberships.Count, _groups.Count);
            return snapshot;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<List<GraphUser>> ReadMembersAsync(string groupId, CancellationToken cancellationToken)
    {
        var users = new List<GraphUser>();
        var page = await _graph.Groups[groupId].TransitiveMembers.GraphUser.GetAsync(
            request =>
            {
                request.QueryParameters.Select = ["id", "displayName", "mail"];
                request.QueryParameters.Top = 999;
            },
            cancellationToken).ConfigureAwait(false);

        while (page is not null)
        {
            users.AddRange(page.Value ?? []);
            if (string.IsNullOrEmpty(page.OdataNextLink))
            {
                break;
            }

            page = await _graph.Groups[groupId].TransitiveMembers.GraphUser.WithUrl(page.OdataNextLink).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return users;
    }
}
