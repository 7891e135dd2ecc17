using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Mailbox;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using MingXin.Bot.Tests.Workflows.Complaints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace MingXin.Bot.Tests.Mailbox;

/// <summary>
/// #20.5: the complaints mailbox read through the real Graph SDK against a fake Graph on the test's edge — paging,
/// throttling, a message that comes twice, two instances — into draft complaints in Sales' channel, and from a
/// draft's card into the complaint conversation and the register.
/// </summary>
public sealed class MailboxTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private const string Mailbox = "complaints@mingxin.example";
    private readonly FakeGraph _graph = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Mailbox:Address"] = Mailbox, ["Mailbox:PollSeconds"] = "3600" };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IMailboxSource>(new GraphMailboxSource(new GraphServiceClient(new HttpClient(_graph), new AnonymousAuthenticationProvider())));

    private MailboxWatcher Watcher => Host.Services.GetRequiredService<MailboxWatcher>();

    /// <summary>Graph's mailbox, page by page, as the delta query returns it; counts what was asked.</summary>
    private sealed class FakeGraph : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        public int Throttles { get; set; } = 1;

        /// <summary>What the delta link d2 returns (a later read).</summary>
        public List<JsonObject> Later { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = Uri.UnescapeDataString(request.RequestUri!.ToString());
            Requests.Add(url);
            if (url.Contains("/attachments", StringComparison.Ordinal))
            {
                return Json(new JsonObject { ["value"] = new JsonArray(new JsonObject { ["@odata.type"] = "#microsoft.graph.fileAttachment", ["id"] = "att-1", ["name"] = "barcode.jpg", ["contentType"] = "image/jpeg", ["size"] = 48_213 }) });
            }

            if (!url.Contains($"/users/{Mailbox}/mailFolders/inbox/messages/delta", StringComparison.Ordinal))
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            }

            if (url.Contains("$skiptoken=p2", StringComparison.Ordinal))
            {
                return Json(Page([Huamei(), Acme()], next: null, delta: "d1")); // Acme again: the same mail twice
            }

            if (url.Contains("$deltatoken=d1", StringComparison.Ordinal))
            {
                if (Throttles-- > 0)
                {
                    var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("""{"error":{"code":"ApplicationThrottled","message":"Too many requests"}}""", Encoding.UTF8, "application/json") };
                    throttled.Headers.Add("Retry-After", "120");
                    return Task.FromResult(throttled);
                }

                return Json(Page([Acme(), .. Later.Select(m => m.DeepClone().AsObject())], next: null, delta: "d2"));
            }

            if (url.Contains("$deltatoken=d2", StringComparison.Ordinal))
            {
                return Json(Page([.. Later.Select(m => m.DeepClone().AsObject())], next: null, delta: "d2"));
            }

            // The first read: a customer's complaint, a stranger's advertisement, and a next page.
            return Json(Page([Acme(), Mail("m-ad", "<ad@promo>", "Promo", "deals@gmail.com", "Cheap pallets", "Best prices on pallets.")], next: "p2", delta: null));
        }

        public static JsonObject Acme() => Mail("m-acme", "<CA+1234@acmeprint.hk>", "Peter Chan", "qa@acmeprint.hk", "PO ACM-2231 hang tags misprinted", "Hi team,\nWe found 1,200 pcs of the Hang tags with the barcode misprinted.\nPlease call me.\nPeter", attachments: true);

        public static JsonObject Huamei() => Mail("m-hm", "<hm-778@huamei-gifts.com>", "黄小姐", "lily@huamei-gifts.com", "礼盒交货延误", "你好，订单 HM-1102 的礼盒还没到货，比约定晚了三天。");

        public static JsonObject Mail(string id, string messageId, string name, string address, string subject, string body, bool attachments = false) => new()
        {
            ["id"] = id,
            ["internetMessageId"] = messageId,
            ["subject"] = subject,
            ["receivedDateTime"] = "2026-11-27T00:40:00Z",
            ["hasAttachments"] = attachments,
            ["webLink"] = "https://outlook.office365.com/owa/?ItemID=" + id,
            ["from"] = new JsonObject { ["emailAddress"] = new JsonObject { ["name"] = name, ["address"] = address } },
            ["body"] = new JsonObject { ["contentType"] = "text", ["content"] = body },
        };

        private static JsonObject Page(JsonObject[] messages, string? next, string? delta)
        {
            var page = new JsonObject { ["value"] = new JsonArray(messages) };
            if (next is not null)
            {
                page["@odata.nextLink"] = $"https://graph.microsoft.com/v1.0/users/{Mailbox}/mailFolders/inbox/messages/delta?$skiptoken={next}";
            }

            if (delta is not null)
            {
                page["@odata.deltaLink"] = $"https://graph.microsoft.com/v1.0/users/{Mailbox}/mailFolders/inbox/messages/delta?$deltatoken={delta}";
            }

            return page;
        }

        private static Task<HttpResponseMessage> Json(JsonObject body) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") });
    }

    /// <summary>The mail cards posted as new threads in Sales' channel (a new thread carries its card in <c>activity</c>).</summary>
    private List<JsonObject> SalesCards() => Connector.Delivered
        .Where(c => c.Method == "POST" && c.Path == "/v3/conversations" && c.Body?["channelData"]?["channel"]?["id"]?.GetValue<string>() == "19:sales@thread.tacv2")
        .Select(c => c.Body?["activity"]?["attachments"]?[0]?["content"] as JsonObject)
        .Where(card => card is not null && CardDriver.Text(card).Contains("投诉邮箱", StringComparison.Ordinal))
        .Select(card => card!)
        .ToList();

    [Fact]
    public async Task Pages_throttling_a_mail_seen_twice_and_two_instances_give_one_draft_per_customer_mail()
    {
        await ComplaintFlowTests.RegisterCustomersAsync(Cards);

        // First read: two pages; the stranger is left alone; Acme's mail, returned twice, is one draft.
        var first = await Watcher.ReadOnceAsync(default);
        Assert.Equal((4, 2, 1, 1, 2, false), (first.Messages, first.Drafts, first.Skipped, first.AlreadyKnown, first.Posted, first.Throttled));
        var cards = SalesCards();
        Assert.Equal(2, cards.Count);
        var acme = CardDriver.Text(cards.Single(c => CardDriver.Text(c).Contains("Acme", StringComparison.Ordinal)));
        Assert.Contains("qa@acmeprint.hk", acme, StringComparison.Ordinal);
        Assert.Contains("1,200 pcs of the Hang tags", acme, StringComparison.Ordinal);
        Assert.Contains("barcode.jpg", acme, StringComparison.Ordinal);
        Assert.Contains("mail-register", CardDriver.Verbs(cards[0]));
        Assert.Contains("华美礼品", CardDriver.Text(cards.Single(c => !CardDriver.Text(c).Contains("Acme", StringComparison.Ordinal))), StringComparison.Ordinal); // by the company's mail domain

        // Throttled: nothing read, the cursor stays, and Graph is not asked again before Retry-After.
        var throttled = await Watcher.ReadOnceAsync(default);
        Assert.True(throttled.Throttled);
        var asked = _graph.Requests.Count;
        Assert.True((await Watcher.ReadOnceAsync(default)).Throttled);
        Assert.Equal(asked, _graph.Requests.Count);

        // After the wait: the same mail once more (nothing new) and a new one — read by two instances at once.
        _graph.Later.Add(FakeGraph.Mail("m-acme-2", "<CA+5678@acmeprint.hk>", "Peter Chan", "qa@acmeprint.hk", "Re: hang tags", "Also 300 pcs smeared."));
        Host.Time.Advance(TimeSpan.FromSeconds(121));
        var second = ActivatorUtilities.CreateInstance<MailboxWatcher>(Host.Services);
        var reads = await Task.WhenAll(Watcher.ReadOnceAsync(default), second.ReadOnceAsync(default));
        Assert.Equal(1, reads.Sum(r => r.Drafts));
        Assert.Equal(3, SalesCards().Count);
        var again = await Watcher.ReadOnceAsync(default); // d2 returns the new mail once more: known, no second draft
        Assert.Equal((1, 0), (again.AlreadyKnown, again.Drafts));
    }

    [Fact]
    public async Task A_draft_is_registered_through_the_complaint_conversation_or_closed_as_not_a_complaint_once()
    {
        await ComplaintFlowTests.RegisterCustomersAsync(Cards);
        await Watcher.ReadOnceAsync(default);
        var cards = SalesCards();
        var acme = cards.Single(c => CardDriver.Text(c).Contains("Acme", StringComparison.Ordinal));
        var huamei = cards.Single(c => CardDriver.Text(c).Contains("华美", StringComparison.Ordinal));

        // Only Sales handle a customer's mail.
        Assert.Contains("只由业务部处理", CardDriver.Text(await Cards.ClickAsync(BotHost.QcId, acme, "mail-register")), StringComparison.Ordinal);

        // The clerk registers it: the conversation opens in their personal chat with the mail as its message.
        var answer = await Cards.ClickAsync(BotHost.ClerkId, acme, "mail-register");
        Assert.Contains("私聊中开始登记", CardDriver.Banner(answer), StringComparison.Ordinal);
        var chat = Connector.Delivered.Where(c => c.Method == "POST" && Uri.UnescapeDataString(c.Path) == $"/v3/conversations/a:personal-{BotHost.ClerkId}/activities").Select(c => c.Text ?? string.Empty).ToList();
        Assert.Contains(chat, t => t.Contains("来自投诉邮箱", StringComparison.Ordinal));
        var noted = chat.Last();
        Assert.Contains("customer Acme Printing Ltd (ACME)", noted, StringComparison.Ordinal);
        Assert.Contains("received by E-mail", noted, StringComparison.Ordinal);
        Assert.Contains("quantity affected 1200", noted, StringComparison.Ordinal);
        Assert.Contains("customer PO ACM-2231", noted, StringComparison.Ordinal);
        Assert.EndsWith("Reply 1 minor, 2 major or 3 critical.", noted, StringComparison.Ordinal);

        // A second clerk is told who has it.
        Assert.Contains("已有人处理：孙丽 Sun Li 正在私聊中登记", CardDriver.Banner(await Cards.ClickAsync(BotHost.SalesId, acme, "mail-register")), StringComparison.Ordinal);

        // The same confirmation as a pasted e-mail; registering it names the complaint on the mail's card.
        var confirmation = (await Cards.SayAsync(BotHost.ClerkId, "2", "en-US")).Card!;
        var cc = CardDriver.Id(await Cards.ClickAsync(BotHost.ClerkId, confirmation, "cc-start", new JsonObject { ["assignTo"] = "qc" }));
        var state = await StateAsync<ComplaintState>(cc);
        Assert.Equal(("ACM-2231", 1200, MingXin.Bot.Domain.Orders.ContactChannel.Email), (state.Details.CustomerOrder, state.Details.QuantityAffected, state.Details.Channel));
        Assert.Equal(["barcode.jpg"], state.Details.Attachments.Select(a => a.Name));
        var draft = (await Host.Services.GetRequiredService<MailDraftStore>().GetAsync(MailDraftStore.Key(new MailMessage("m-acme", "<CA+1234@acmeprint.hk>", null, "qa@acmeprint.hk", null, default, string.Empty, [])), default))!;
        Assert.Equal((MailDraftStatus.Registered, cc), (draft.State.Status, draft.State.ComplaintId));
        Assert.Contains(Connector.Delivered, c => c.Method == "PUT" && c.Card is { } updated && CardDriver.Text(updated).Contains($"已登记为 {cc}", StringComparison.Ordinal));

        // Huamei's delivery question is not a complaint, says the salesperson; once.
        var closed = await Cards.ClickAsync(BotHost.SalesManagerId, huamei, "mail-not");
        Assert.Contains("不是投诉", CardDriver.Text(closed), StringComparison.Ordinal);
        Assert.DoesNotContain("mail-register", CardDriver.Verbs(closed));
        Assert.Contains("已有人处理：林伟 Lin Wei：不是投诉", CardDriver.Banner(await Cards.ClickAsync(BotHost.ClerkId, huamei, "mail-register")), StringComparison.Ordinal);
    }
}
