namespace MingXin.Bot.Messaging;

/// <summary>Looks people up in the factory's team, for the ids Teams uses in cards.</summary>
public interface ITeamsRoster
{
    /// <summary>The Teams user id (<c>29:…</c>) of the team member with this Entra object id, or <c>null</c>.</summary>
    Task<string?> FindUserIdAsync(string aadObjectId, CancellationToken cancellationToken);
}
