using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Upgrade;

/// <summary>
/// Delivery-date steps the previous version left half done, in the previous version's own JSON (the
/// fixtures' states stood back at the step before): after the upgrade each finishes under the
/// permission rule (4.2) — no date moves without its own customer's permission.
/// </summary>
public sealed partial class PreviousVersionTests
{
    [Fact]
    public async Task A_material_issue_saved_waiting_for_the_customer_moves_only_the_named_customers_notices()
    {
        await using var bot = await UpgradedBot.StartAsync(azurite, "material-issue-resolved", (id, state) =>
        {
            if (id == "MI-2026-0001")
            {
                state["status"] = "AwaitingCustomerPermission";
                state.Remove("permission");
            }
            else if (id.StartsWith("PN-", StringComparison.Ordinal))
            {
                state["deliveryDate"] = state["order"]!["deliveryDate"]!.DeepClone();
                state["permissions"] = new JsonArray();
                if (id == "PN-2026-0002")
                {
                    state["order"]!["customerName"] = "宏图包装"; // another customer's order held up by the same material
                }
            }

            return state;
        });

        var clerk = (await bot.Cards.ActAsync(BotHost.ClerkId, "refresh", "MI-2026-0001", await bot.VersionAsync("MI-2026-0001"))).Card;
        Assert.Equal(["mi-permission", "mi-refused"], CardDriver.Verbs(clerk));
        var done = await bot.Cards.ClickAsync(BotHost.ClerkId, clerk, "mi-permission", new JsonObject { ["customer"] = "华美礼品", ["agreedDate"] = "2027-01-06", ["agreedBy"] = "黄先生", ["via"] = "Email" });
        Assert.Equal("客户许可已记录，该客户的生产通知单随即更新。", CardDriver.Banner(done));

        await Eventually.TrueAsync(() => bot.StateAsync<ProductionNoticeState>("PN-2026-0001").Result.Permissions.Count == 1, "the customer's own notice to take the date");
        Assert.Equal(new DateOnly(2027, 1, 6), (await bot.StateAsync<ProductionNoticeState>("PN-2026-0001")).DeliveryDate);
        Assert.Equal(MaterialIssueStatus.Resolved, (await bot.StateAsync<MaterialIssueState>("MI-2026-0001")).Status);
        await Eventually.TrueAsync(() => bot.Host.Services.GetRequiredService<MingXin.Bot.Storage.WorkflowStore>().LoadAsync("MI-2026-0001", default).Result!.PendingOutbox.Any() is false, "the issue's outbox to drain");
        var other = await bot.StateAsync<ProductionNoticeState>("PN-2026-0002");
        Assert.Equal((new DateOnly(2026, 12, 27), 0), (other.DeliveryDate, other.Permissions.Count)); // 宏图包装 never agreed
    }

    [Fact]
    public async Task A_contact_answer_saved_on_the_notice_itself_still_takes_the_clerks_permission()
    {
        await using var bot = await UpgradedBot.StartAsync(azurite, "amendment-applied", (id, state) =>
        {
            if (id == "PN-2026-0001")
            {
                state["answer"] = new JsonObject
                {
                    ["kind"] = "InternalContact", ["proposedDate"] = "2027-01-10", ["reason"] = "烫金箔延迟到货",
                    ["by"] = new JsonObject { ["id"] = "aad-prod-mgr", ["name"] = "刘洋 Liu Yang" }, ["at"] = "2026-11-27T02:00:00+00:00", ["late"] = false,
                };
            }

            return state;
        });

        var clerk = (await bot.Cards.ActAsync(BotHost.ClerkId, "refresh", "PN-2026-0001", await bot.VersionAsync("PN-2026-0001"))).Card;
        Assert.Contains(NoticeVerbs.Permission, CardDriver.Verbs(clerk));
        var done = await bot.Cards.ClickAsync(BotHost.ClerkId, clerk, NoticeVerbs.Permission, new JsonObject { ["agreedDate"] = "2027-01-10", ["agreedBy"] = "黄先生", ["via"] = "Phone" });
        Assert.Equal("客户许可已记录，新交期已通知各部门。", CardDriver.Banner(done));

        var notice = await bot.StateAsync<ProductionNoticeState>("PN-2026-0001");
        Assert.Equal(new DateOnly(2027, 1, 10), notice.DeliveryDate);
        Assert.Equal(("PN-2026-0001", "华美礼品"), (notice.Permissions[0].Source, notice.Permissions[0].Customer));
    }

    [Fact]
    public async Task A_date_amendment_saved_without_the_customers_permission_waits_for_it_before_anyone_confirms()
    {
        await using var bot = await UpgradedBot.StartAsync(azurite, "amendment-applied", (id, state) =>
        {
            if (id == "OA-2026-0001")
            {
                state["field"] = "DeliveryDate";
                state["oldValue"] = "2026-12-27";
                state["newValue"] = "2027-01-15";
                state["status"] = "AwaitingSalesManager";
                state.Remove("salesManager");
                state.Remove("productionManager");
                state.Remove("planner");
            }
            else if (id == "PN-2026-0001")
            {
                state["amendments"] = new JsonArray();
            }

            return state;
        });

        var version = await bot.VersionAsync("OA-2026-0001");
        var refused = await bot.Cards.ActAsync(BotHost.SalesManagerId, AmendmentVerbs.Confirm, "OA-2026-0001", version);
        Assert.Equal("新交期须先记录客户的许可（客户同意人、方式），才能确认。", CardDriver.Banner(refused.Card));
        Assert.Equal([AmendmentVerbs.Permission, AmendmentVerbs.Cancel], CardDriver.Verbs((await bot.Cards.ActAsync(BotHost.SalesId, "refresh", "OA-2026-0001", version)).Card));

        var recorded = await bot.Cards.ActAsync(BotHost.SalesId, AmendmentVerbs.Permission, "OA-2026-0001", version, new JsonObject { ["agreedBy"] = "黄先生", ["via"] = "Email" });
        Assert.Equal("客户许可已记录，可以确认了。", CardDriver.Banner(recorded.Card));
        await bot.Cards.ActAsync(BotHost.SalesManagerId, AmendmentVerbs.Confirm, "OA-2026-0001", version + 1);
        await bot.Cards.ActAsync(BotHost.ProductionManagerId, AmendmentVerbs.Confirm, "OA-2026-0001", version + 2);
        await bot.Cards.ActAsync(BotHost.PlannerId, AmendmentVerbs.Confirm, "OA-2026-0001", version + 3);

        await Eventually.TrueAsync(() => bot.StateAsync<ProductionNoticeState>("PN-2026-0001").Result.DeliveryDate == new DateOnly(2027, 1, 15), "the notice to take the permitted date");
        var permission = Assert.Single((await bot.StateAsync<ProductionNoticeState>("PN-2026-0001")).Permissions);
        Assert.Equal(("OA-2026-0001", "黄先生", "华美礼品"), (permission.Source, permission.AgreedBy, permission.Customer));
    }
}
