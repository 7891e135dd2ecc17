using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Tests.Infrastructure;

namespace MingXin.Bot.Tests.Security;

/// <summary>
/// Who may see what: a form is seen by its originator, holders of a position it involves, the GM and
/// administrators — people the directory knows. Anyone else, by refresh or by a click, gets one short
/// answer that says nothing of the form, the same whether it exists or not (numbers are sequential).
/// A quotation's cost lines and margin are for Sales and the GM only.
/// </summary>
public sealed class VisibilityTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private async Task<string> StartApprovalAsync()
    {
        await Activities.PostAsync(Client, Activities.PersonalMessage(Connector.ServiceUrl, "申请 新烫金工艺试产 | 客户要求冷烫金", BotHost.SalesId));
        return CardDriver.Id(Connector.Delivered.Last(c => c.Path.Contains("a:personal-" + BotHost.SalesId, StringComparison.Ordinal)).Card!);
    }

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
        ["specification"] = "250×180×60 mm",
        ["repeat"] = "false",
        ["path"] = "special",
        ["special"] = "冷烫金",
        ["quantities"] = "3000",
        ["fixed_plates"] = "600",
        ["unit_material"] = "0.35",
        ["margin"] = "25",
    };
}
