using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Tests.Domain.Complaints;

public sealed class MailDraftTests
{
    private static readonly PersonRef By = new("clerk", "孙丽");

    private static readonly IReadOnlyList<Customer> Register =
    [
        new Customer("CU-2026-0001", "华美礼品", ["华美"], ["0755-26881234"], ["purchase@huamei-gifts.com"], ["礼盒"], By, default),
        new Customer("CU-2026-0002", "Acme Printing Ltd", ["ACME"], [], ["acme.buyer@gmail.com"], ["Hang tags"], By, default),
    ];

    private static MailMessage From(string address, string? messageId = "<m1@x>") => new("g1", messageId, "Someone", address, "Subject", new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero), "Body line 1\n\nBody line 2", []);

    [Theory]
    [InlineData("purchase@huamei-gifts.com", "CU-2026-0001")] // the address in the register
    [InlineData("Lily.Huang@HUAMEI-GIFTS.com", "CU-2026-0001")] // a colleague at the same company domain
    [InlineData("acme.buyer@gmail.com", "CU-2026-0002")] // a public mail service: only the address itself
    [InlineData("someone.else@gmail.com", null)] // …never the whole of gmail.com
    [InlineData("sales@unknown.example", null)]
    public void A_mail_is_a_draft_only_when_a_register_customer_sent_it(string address, string? customer) =>
        Assert.Equal(customer, MailDraft.From("k", From(address), Register)?.State.CustomerId);

    [Fact]
    public void The_same_mail_has_one_key_by_its_message_id_whatever_graph_calls_it()
    {
        Assert.Equal(MailDraftStore.Key(From("a@b.c")), MailDraftStore.Key(From("a@b.c") with { Id = "another-graph-id" }));
        Assert.NotEqual(MailDraftStore.Key(From("a@b.c")), MailDraftStore.Key(From("a@b.c", "<m2@x>")));
    }

    [Fact]
    public void One_clerk_takes_a_draft_others_are_refused_and_only_sales_decide()
    {
        var draft = MailDraft.From("k", From("purchase@huamei-gifts.com"), Register)!;
        var at = new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
        Actor Person(string id, Position p) => new(new PersonRef(id, id), new HashSet<Position> { p });
        Assert.Equal(MailDraftRefusal.NotSales, draft.StartRegistering(Person("qc", Position.QcInspector), at));
        Assert.Equal(MailDraftRefusal.None, draft.StartRegistering(Person("clerk", Position.FollowUpClerk), at));
        Assert.Equal(MailDraftRefusal.AlreadyHandled, draft.MarkNotAComplaint(Person("sales", Position.Salesperson), at));
        Assert.Equal(MailDraftRefusal.None, draft.StartRegistering(Person("clerk", Position.FollowUpClerk), at)); // their own, again
        Assert.True(draft.MarkRegistered("CC-2026-0001"));
        Assert.False(draft.MarkRegistered("CC-2026-0002"));
        Assert.Equal(("CC-2026-0001", MailDraftStatus.Registered), (draft.State.ComplaintId, draft.State.Status));
        Assert.StartsWith("From: Someone <purchase@huamei-gifts.com>\nSent: 2026-11-27 01:00\nSubject: Subject\n\nBody line 1", draft.AsText(), StringComparison.Ordinal);
    }
}
