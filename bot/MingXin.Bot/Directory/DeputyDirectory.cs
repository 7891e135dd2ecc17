using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Directory;

/// <summary>
/// The directory as the forms see it while people are away: a deputy (代理) holds, on the days named,
/// the positions of the person they stand in for as well as their own — so they see and act on that
/// person's steps — and whoever asks for the holders of a position (reminders, escalations, a card's
/// refresh list) gets the deputies of absent holders too. One level only: a deputy's deputy is not one.
/// </summary>
public sealed class DeputyDirectory(IPeopleDirectory inner, DeputyStore deputies, TimeProvider time) : IPeopleDirectory
{
    public async Task<Person?> FindAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var person = await inner.FindAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return null;
        }

        var today = Today();
        var covers = new List<Cover>();
        foreach (var d in (await deputies.ListAsync(cancellationToken).ConfigureAwait(false)).Where(d => d.ActiveOn(today) && string.Equals(d.DeputyId, aadObjectId, StringComparison.OrdinalIgnoreCase)))
        {
            if (await inner.FindAsync(d.PrincipalId, cancellationToken).ConfigureAwait(false) is { } principal && covers.All(c => c.PrincipalId != principal.AadObjectId))
            {
                covers.Add(new Cover(principal.AadObjectId, principal.DisplayName, principal.Positions));
            }
        }

        return person.Covering(covers);
    }

    public async Task<IReadOnlyList<Person>> HoldersAsync(Position position, CancellationToken cancellationToken)
    {
        var holders = await inner.HoldersAsync(position, cancellationToken).ConfigureAwait(false);
        var today = Today();
        var active = (await deputies.ListAsync(cancellationToken).ConfigureAwait(false)).Where(d => d.ActiveOn(today)).ToList();
        if (active.Count == 0)
        {
            return holders;
        }

        var result = holders.ToList();
        foreach (var d in active.Where(d => holders.Any(h => string.Equals(h.AadObjectId, d.PrincipalId, StringComparison.OrdinalIgnoreCase))))
        {
            if (result.All(p => !string.Equals(p.AadObjectId, d.DeputyId, StringComparison.OrdinalIgnoreCase)) && await FindAsync(d.DeputyId, cancellationToken).ConfigureAwait(false) is { } deputy)
            {
                result.Add(deputy);
            }
        }

        return result;
    }

    private DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), BusinessCalendar.FactoryZone).DateTime);
}
