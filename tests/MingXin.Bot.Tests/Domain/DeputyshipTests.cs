using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;

namespace MingXin.Bot.Tests.Domain;

public sealed class DeputyshipTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [InlineData("孙丽 从 2026-12-01 到 2026-12-05", "孙丽", "2026-12-01", "2026-12-05")]
    [InlineData("Sun Li from 2026/12/01 to 2026/12/05", "Sun Li", "2026-12-01", "2026-12-05")]
    [InlineData("林伟 12月1日至12月3日", "林伟", "2026-12-01", "2026-12-03")]
    [InlineData("lin wei 11-27 ~ 11-30", "lin wei", "2026-11-27", "2026-11-30")]
    [InlineData("林伟 2026-12-24", "林伟", "2026-12-24", "2026-12-24")] // one day
    [InlineData("林伟 1-4 到 1-8", "林伟", "2027-01-04", "2027-01-08")] // January comes after this November
    [InlineData("林伟 2026-02-30", "林伟", null, null)]
    [InlineData("林伟", "林伟", null, null)]
    public void A_deputy_and_the_days_are_read_as_people_type_them(string text, string name, string? from, string? to)
    {
        var named = Assert.IsType<DeputyRequest.Name>(DeputyRequest.Parse(text, Today));
        Assert.Equal((name, from is null ? (DateOnly?)null : DateOnly.Parse(from), to is null ? (DateOnly?)null : DateOnly.Parse(to)), (named.Deputy, named.From, named.To));
    }

    [Fact]
    public void Nothing_lists_and_off_ends()
    {
        Assert.IsType<DeputyRequest.List>(DeputyRequest.Parse(" ", Today));
        Assert.IsType<DeputyRequest.End>(DeputyRequest.Parse("off", Today));
        Assert.IsType<DeputyRequest.End>(DeputyRequest.Parse("取消", Today));
    }

    [Fact]
    public void The_days_must_be_real_not_over_not_too_long_and_not_already_covered()
    {
        var existing = new Deputyship("gm", "GM", "sm", "SM", Today.AddDays(3), Today.AddDays(6), new PersonRef("gm", "GM"), DateTimeOffset.UnixEpoch);

        Assert.Equal(["deputy"], Fields("gm", "gm", Today, Today));
        Assert.Equal(["from"], Fields("gm", "sm", null, Today));
        Assert.Equal(["to"], Fields("gm", "sm", Today.AddDays(-5), Today.AddDays(-1)));
        Assert.Equal(["to"], Fields("gm", "sm", Today.AddDays(2), Today.AddDays(1)));
        Assert.Equal(ProblemKind.TooLarge, Assert.Single(Deputyship.Problems("gm", "sm", Today, Today.AddDays(Deputyship.MaxDays), Today, [])).Kind);
        Assert.Empty(Deputyship.Problems("gm", "sm", Today, Today.AddDays(Deputyship.MaxDays - 1), Today, []));
        Assert.Equal(["from"], Deputyship.Problems("gm", "clerk", Today.AddDays(6), Today.AddDays(8), Today, [existing]).Select(p => p.Field));
        Assert.Empty(Deputyship.Problems("gm", "clerk", Today.AddDays(7), Today.AddDays(8), Today, [existing]));
        Assert.Empty(Deputyship.Problems("gm", "clerk", Today.AddDays(6), Today.AddDays(8), Today, [existing with { EndedAt = DateTimeOffset.UnixEpoch }]));

        static IEnumerable<string> Fields(string principal, string deputy, DateOnly? from, DateOnly? to) => Deputyship.Problems(principal, deputy, from, to, Today, []).Select(p => p.Field);
    }

    [Fact]
    public void A_deputy_holds_the_principals_positions_beside_their_own_only_while_covering()
    {
        var clerk = new Person("clerk", "孙丽 Sun Li", new HashSet<Position> { Position.FollowUpClerk });
        Assert.Same(clerk, clerk.Covering([]));

        var covering = clerk.Covering([new Cover("sm", "林伟 Lin Wei", new HashSet<Position> { Position.SalesManager })]);

        Assert.Equal([Position.SalesManager, Position.FollowUpClerk], covering.Positions.Order());
        Assert.Equal([Position.FollowUpClerk], covering.OwnPositions);
        Assert.Equal("sm", Assert.Single(covering.Covers).PrincipalId);
        var active = new Deputyship("sm", "SM", "clerk", "C", Today, Today.AddDays(2), new PersonRef("sm", "SM"), DateTimeOffset.UnixEpoch);
        Assert.Equal([false, true, true, true, false], Enumerable.Range(-1, 5).Select(d => active.ActiveOn(Today.AddDays(d))));
    }
}
