using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Security;

/// <summary>
/// Who may see what: a form is seen by its originator, holders of a position it involves, the GM and
/// administrators — people the directory knows. Anyone else, by refresh or by a click, gets one short
/// answer that says nothing of the form, the same whether it exists or not (numbers are sequential).
/// A quotation's cost lines and margin are for Sales and the GM only.
/// </summary>
public sealed class VisibilityTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private async Task<JsonObject> ClickAsync(string user, string verb, string id, long version = 1)
    {
        var response = await Activities.PostAsync(Client, Activities.CardClick(Connector.ServiceUrl, user, verb, new JsonObject { ["workflow"] = id, ["version"] = version, ["comment"] = "ok" }, "en-US"));
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["value"]!.AsObject();
    }

    [Theory]
    [InlineData("aad-stranger", "refresh")] // unknown to the directory
    [InlineData("aad-stranger", "approve")]
    [InlineData(BotHost.WarehouseId, "refresh")] // known, but the warehouse has no part in an Internal Approval
    [InlineData(BotHost.WarehouseId, "comment")]
    public async Task Someone_with_no_part_gets_nothing_of_the_form_and_the_same_answer_as_for_a_number_that_does_not_exist(string user, string verb)
    {
        var id = await StartApprovalAsync();

        var refused = CardDriver.Text(await ClickAsync(user, verb, id));
        Assert.Contains($"There is no form numbered {id}, or it is not yours to see.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("烫金", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam Sales", refused, StringComparison.Ordinal);

        // Probing the next numbers: the same answer, so existence is not given away either.
        var next = id[..^4] + "0002";
        Assert.Equal(refused.Replace(id, next, StringComparison.Ordinal), CardDriver.Text(await ClickAsync(user, verb, next)));

        // Nothing changed: the form is still at version 1.
        Assert.Equal(1, (await Store.GetStateAsync(id, default))!.Version);
    }

    [Theory]
    [InlineData(BotHost.QcId)] // QC's channel gets the card
    [InlineData(BotHost.GmId)]
    [InlineData(BotHost.AdminId)]
    [InlineData(BotHost.SalesId)] // the originator
    public async Task Those_with_a_part_see_it(string user)
    {
        var id = await StartApprovalAsync();
        Assert.Contains("新烫金工艺试产", CardDriver.Text(await ClickAsync(user, "refresh", id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quotations_costs_and_margin_are_for_Sales_and_the_GM_not_for_the_reviewers_or_the_channels()
    {
        var draft = await NewQuotationDraftAsync();
        var (_, started) = await Cards.ActAsync(BotHost.SalesId, "qt-start", null, 0, Quotation(), draft: draft);
        var id = CardDriver.Id(started);
        Assert.Contains("利润率", CardDriver.Text(started), StringComparison.Ordinal); // the salesperson's own view

        var reviewer = CardDriver.Text((await Cards.ActAsync(BotHost.ProductionManagerId, "refresh", id, 1)).Card);
        Assert.Contains("礼盒", reviewer, StringComparison.Ordinal); // what the review needs
        Assert.DoesNotContain("利润率", reviewer, StringComparison.Ordinal);
        Assert.DoesNotContain("成本核算表（", reviewer, StringComparison.Ordinal);
        Assert.DoesNotContain("¥600.00", reviewer, StringComparison.Ordinal); // the plates' fixed cost

        Assert.Contains("利润率", CardDriver.Text((await Cards.ActAsync(BotHost.GmId, "refresh", id, 1)).Card), StringComparison.Ordinal);

        // The cards in the department channels (Production, QC, Materials Control see them) carry no costs.
        await Eventually.TrueAsync(() => Posts().Count >= 4, "the quotation's channel posts");
        Assert.All(
            Connector.Delivered.Where(c => c.Method == "POST" && c.Path == "/v3/conversations"),
            post => Assert.DoesNotContain("利润率", post.Body!.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Records_show_only_forms_a_person_may_see_and_a_quotations_cost_sheet_only_to_Sales_and_the_GM()
    {
        var approval = await StartApprovalAsync();
        await DrainedAsync(approval); // the record index is written by the outbox

        // The warehouse has no part in an Internal Approval: not in its search, not by its number.
        var search = CardDriver.Text((await Cards.SayAsync(BotHost.WarehouseId, "records form approval", "en-US")).Card!);
        Assert.DoesNotContain(approval, search, StringComparison.Ordinal);
        var byNumber = CardDriver.Text((await Cards.SayAsync(BotHost.WarehouseId, "records " + approval, "en-US")).Card!);
        Assert.Contains($"There is no form numbered {approval}, or it is not yours to see.", byNumber, StringComparison.Ordinal);
        Assert.DoesNotContain("烫金", byNumber, StringComparison.Ordinal);
        Assert.Contains(approval, CardDriver.Text((await Cards.SayAsync(BotHost.QcId, "records form approval", "en-US")).Card!), StringComparison.Ordinal);

        // A quotation's record: the reviewer reads it without the cost sheet, the salesperson with it.
        var (_, started) = await Cards.ActAsync(BotHost.SalesId, "qt-start", null, 0, Quotation(), draft: await NewQuotationDraftAsync());
        var quotation = CardDriver.Id(started);
        await DrainedAsync(quotation);
        var reviewer = CardDriver.Text((await Cards.SayAsync(BotHost.ProductionManagerId, "records " + quotation, "en-US")).Card!);
        Assert.Contains("礼盒", reviewer, StringComparison.Ordinal);
        Assert.DoesNotContain("Cost sheet version", reviewer, StringComparison.Ordinal);
        Assert.DoesNotContain("600", reviewer, StringComparison.Ordinal);
        Assert.Contains("Cost sheet version", CardDriver.Text((await Cards.SayAsync(BotHost.SalesId, "records " + quotation, "en-US")).Card!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_customer_register_refuses_strangers_and_shows_phones_and_mails_only_to_Sales_and_the_GM()
    {
        var register = await Cards.SayAsync(BotHost.ClerkId, "customers", "en-US");
        await Cards.ClickAsync(BotHost.ClerkId, register.Card!, "cu-add", new JsonObject { ["name"] = "华美礼品", ["emails"] = "qa@huamei.example", ["phones"] = "0755-12345678" });

        var stranger = await Cards.SayAsync("aad-stranger", "customers", "en-US");
        Assert.Contains("no position for you", stranger.Text, StringComparison.Ordinal);

        var qc = CardDriver.Text((await Cards.SayAsync(BotHost.QcId, "customers", "en-US")).Card!);
        Assert.Contains("华美礼品", qc, StringComparison.Ordinal);
        Assert.DoesNotContain("qa@huamei.example", qc, StringComparison.Ordinal);
        Assert.DoesNotContain("0755-12345678", qc, StringComparison.Ordinal);
        Assert.Contains("qa@huamei.example", CardDriver.Text((await Cards.SayAsync(BotHost.GmId, "customers", "en-US")).Card!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_name_typed_with_an_invisible_character_is_refused_as_the_same_customer()
    {
        var register = await Cards.SayAsync(BotHost.ClerkId, "customers", "en-US");
        var added = await Cards.ClickAsync(BotHost.ClerkId, register.Card!, "cu-add", new JsonObject { ["name"] = "华美礼品" });
        var twin = await Cards.ClickAsync(BotHost.ClerkId, added, "cu-add", new JsonObject { ["name"] = "华美\u200b礼品" });

        Assert.Contains("有重复", CardDriver.Banner(twin), StringComparison.Ordinal); // the card was drawn in Chinese
        Assert.Single(await Host.Services.GetRequiredService<MingXin.Bot.Storage.CustomerStore>().ListAsync(default));
    }

    [Fact]
    public async Task An_export_link_downloads_once_follows_its_owners_visibility_and_a_person_exports_at_most_five_a_minute()
    {
        var approval = await StartApprovalAsync();
        await DrainedAsync(approval);

        // The warehouse keeper's search for approvals finds none, so there is nothing to export (the export reads the same search).
        var warehouse = (await Cards.SayAsync(BotHost.WarehouseId, "records form approval", "en-US")).Card!;
        Assert.DoesNotContain(approval, CardDriver.Text(warehouse), StringComparison.Ordinal);
        Assert.DoesNotContain(Flatten(warehouse), o => o["type"]?.GetValue<string>() == "Action.OpenUrl");

        // QC's export has it — once; the same link again gives nothing.
        var qc = (await Cards.SayAsync(BotHost.QcId, "records form approval", "en-US")).Card!;
        var link = ExportLink(qc, "csv");
        var first = await Client.GetAsync(link);
        Assert.Contains(approval, await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var again = await Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Contains("has been used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Five export attempts a minute per person: QC has made two (the used link counts); three more work, the next is refused with 429.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var card = (await Cards.SayAsync(BotHost.QcId, "records form approval", "en-US")).Card!;
            answers.Add((await Client.GetAsync(ExportLink(card, "xlsx"))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], answers);
    }

    [Fact]
    public async Task A_storage_outage_during_an_export_answers_503_with_retry_after_not_500()
    {
        await using var host = new BotHost(AzuriteFixture.UnreachableConnectionString(AzuriteFixture.FreePort()));
        var response = await host.CreateClient().GetAsync("/records/export?format=csv&t=AAAA.AAAA");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string ExportLink(JsonObject card, string format)
    {
        var url = Flatten(card).Single(o => o["type"]?.GetValue<string>() == "Action.OpenUrl" && o["url"]!.GetValue<string>().Contains("format=" + format, StringComparison.Ordinal))["url"]!.GetValue<string>();
        return new Uri(url).PathAndQuery;
    }

    private static IEnumerable<JsonObject> Flatten(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Flatten(p.Value))),
        JsonArray a => a.SelectMany(Flatten),
        _ => [],
    };

    private async Task<string> NewQuotationDraftAsync()
    {
        await Activities.PostAsync(Client, Activities.PersonalMessage(Connector.ServiceUrl, "报价", BotHost.SalesId));
        var card = Connector.Delivered.Last(c => c.Path.Contains("a:personal-" + BotHost.SalesId, StringComparison.Ordinal)).Card!;
        return CardDriver.FindAction(card, "qt-start")["data"]!["draft"]!.GetValue<string>();
    }

    private static JsonObject Quotation() => new()
    {
        ["customer"] = "华美礼品",
        ["product"] = "礼盒",
        ["specification"] = "250×180×60 mm", ["evaluation"] = "现有工艺可以满足",
        ["repeat"] = "false",
        ["path"] = "special",
        ["special"] = "冷烫金",
        ["quantities"] = "3000",
        ["fixed_plates"] = "600",
        ["unit_material"] = "0.35",
        ["margin"] = "25",
    };
}
