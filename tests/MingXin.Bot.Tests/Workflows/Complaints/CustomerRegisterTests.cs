using System.Text.Json.Nodes;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows.Complaints;

/// <summary>The customer register 客户名录: its card, its checks, and the customers loaded from configuration.</summary>
public sealed class CustomerRegisterTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    [Fact]
    public async Task The_card_adds_customers_once_refuses_bad_values_and_people_outside_sales()
    {
        var card = (await Cards.SayAsync(BotHost.ClerkId, "客户")).Card!;
        var added = await Cards.ClickAsync(BotHost.ClerkId, card, "cu-add", new JsonObject { ["name"] = "华美礼品", ["shortNames"] = "华美", ["emails"] = "a@huamei.example" });
        Assert.StartsWith("已登记客户 CU-2026-0001", CardDriver.Banner(added), StringComparison.Ordinal);

        var again = await Cards.ClickAsync(BotHost.ClerkId, added, "cu-add", new JsonObject { ["name"] = " 华美 礼品 " });
        Assert.Contains("有重复", CardDriver.Banner(again), StringComparison.Ordinal); // same name, spaces aside
        var bad = await Cards.ClickAsync(BotHost.ClerkId, added, "cu-add", new JsonObject { ["name"] = "", ["emails"] = "not an address", ["phones"] = "12" });
        Assert.StartsWith("没有保存", CardDriver.Banner(bad), StringComparison.Ordinal);
        Assert.Contains("客户全称", CardDriver.Banner(bad), StringComparison.Ordinal);
        Assert.Contains("电子邮件", CardDriver.Banner(bad), StringComparison.Ordinal);
        Assert.Contains("电话", CardDriver.Banner(bad), StringComparison.Ordinal);

        var qcCard = (await Cards.SayAsync(BotHost.QcId, "customers", "en-US")).Card!;
        Assert.DoesNotContain("cu-add", CardDriver.Verbs(qcCard)); // read-only outside Sales
        var (_, refused) = await Cards.ActAsync(BotHost.QcId, "cu-add", "", 0, new JsonObject { ["name"] = "Someone Ltd" }, "en-US");
        Assert.Contains("Only Sales", CardDriver.Banner(refused), StringComparison.Ordinal);

        var register = await Host.Services.GetRequiredService<CustomerStore>().ListAsync(default);
        Assert.Equal(["华美礼品"], register.Select(c => c.Name));
        Assert.Empty((await ReferenceCards.ValidateAsync([card, added, bad, qcCard]))[0]);
    }

    [Fact]
    public async Task Customers_from_configuration_are_loaded_once_and_an_invalid_entry_is_left_out()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Customers:Initial:0:Name"] = "Acme Printing Ltd",
            ["Customers:Initial:0:ShortNames"] = "ACME, acme, Acme Print", // the same name twice is kept once
            ["Customers:Initial:0:Emails"] = "qa@acmeprint.example",
            ["Customers:Initial:1:Name"] = "Bad Mail Co",
            ["Customers:Initial:1:Emails"] = "nobody",
        };
        var prefix = AzuriteFixture.NewTablePrefix();
        for (var start = 0; start < 2; start++)
        {
            await using var host = new BotHost(Azurite.ConnectionString, extra: settings, tablePrefix: prefix);
            host.CreateClient().Dispose(); // starts the host
            var register = await host.Services.GetRequiredService<CustomerStore>().ListAsync(default);
            var acme = Assert.Single(register);
            Assert.Equal("CU-2026-0001", acme.Id);
            Assert.Equal(["ACME", "Acme Print"], acme.ShortNames);
        }
    }
}
