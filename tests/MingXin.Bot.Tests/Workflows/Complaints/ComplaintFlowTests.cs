using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Scheduling;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Workflows.Complaints;

/// <summary>
/// Complaints (MX-QM-03 4.3) through the real host on Azurite: the follow-up clerk logs one by
/// conversation in personal chat, confirms it, and its corrective action runs to closure in the
/// department channels.
/// </summary>
public sealed class ComplaintFlowTests(AzuriteFixture azurite) : HostedFlow(azurite)
{
    private const string Clerk = BotHost.ClerkId;

    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Adds customers through the register's own card.</summary>
    internal static async Task RegisterCustomersAsync(CardDriver cards)
    {
        var card = (await cards.SayAsync(Clerk, "客户")).Card!;
        card = await cards.ClickAsync(Clerk, card, "cu-add", new JsonObject { ["name"] = "华美礼品", ["shortNames"] = "华美, Huamei", ["phones"] = "0755-26881234", ["emails"] = "purchase@huamei-gifts.com", ["products"] = "礼盒, 手提袋" });
        Assert.Contains("已登记客户", CardDriver.Banner(card), StringComparison.Ordinal);
        card = await cards.ClickAsync(Clerk, card, "cu-add", new JsonObject { ["name"] = "Acme Printing Ltd", ["shortNames"] = "ACME", ["emails"] = "qa@acmeprint.hk", ["products"] = "Hang tags" });
        Assert.Contains("已登记客户", CardDriver.Banner(card), StringComparison.Ordinal);
    }

    private List<string> Texts(string user) => Connector.Delivered
        .Where(c => c.Method == "POST" && c.Path.Contains("a:personal-" + user, StringComparison.Ordinal) && c.Text is not null)
        .Select(c => c.Text!)
        .ToList();

    private async Task<string> SayTextAsync(string text, string locale = "zh-CN", string user = Clerk)
    {
        var before = Texts(user).Count;
        await Cards.SayAsync(user, text, locale);
        return Texts(user).Skip(before).LastOrDefault() ?? string.Empty;
    }

    /// <summary>
    /// #20.4: a late delivery is a complaint too — no quantity is asked or shown; the day it came in is the one the
    /// clerk gives ("昨天下午来电"), not the day it is typed in; the customer's PO is kept.
    /// </summary>
    [Fact]
    public async Task A_late_delivery_reported_yesterday_is_registered_with_its_kind_day_and_po_and_no_quantity()
    {
        await RegisterCustomersAsync(Cards);
        var pn = await NoticeAtProductionAsync();
        var answer = await SayTextAsync($"投诉：华美昨天下午来电，订单号：HM-1102（{pn}）的货还没到，比约定晚了三天");
        Assert.Contains("投诉类型 交货", answer, StringComparison.Ordinal);
        Assert.Contains("客户订单号 HM-1102", answer, StringComparison.Ordinal);
        Assert.Contains($"收到日期 {Today.AddDays(-1):yyyy-MM-dd}", answer, StringComparison.Ordinal);
        Assert.EndsWith("回复：1 轻微、2 一般、3 严重。", answer, StringComparison.Ordinal); // no quantity question

        var card = (await Cards.SayAsync(Clerk, "2")).Card!;
        var text = CardDriver.Text(card);
        Assert.DoesNotContain("受影响数量", text, StringComparison.Ordinal);
        var cc = CardDriver.Id(await Cards.ClickAsync(Clerk, card, "cc-start", new JsonObject { ["assignTo"] = "production" }));
        var state = await StateAsync<ComplaintState>(cc);
        Assert.Equal((ComplaintKind.Delivery, 0, "HM-1102", Today.AddDays(-1), pn), (state.Details.Kind, state.Details.QuantityAffected, state.Details.CustomerOrder, state.ReceivedOn, state.Details.Reference));

        var registered = CardDriver.Text((await Cards.ActAsync(BotHost.ProductionManagerId, "refresh", cc, 1)).Card);
        Assert.Contains("交货", registered, StringComparison.Ordinal);
        Assert.Contains("HM-1102", registered, StringComparison.Ordinal);
        Assert.DoesNotContain("受影响数量", registered, StringComparison.Ordinal);
    }

    /// <summary>#20.8: the zh-CN record card names a channel, a severity, a department, a cause and a step in Chinese, and the customer by name.</summary>
    [Fact]
    public async Task The_chinese_record_card_shows_words_not_code_names()
    {
        await RegisterCustomersAsync(Cards);
        var pn = await NoticeAtProductionAsync();
        await SayTextAsync($"投诉：{pn} 礼盒有 300个 烫金脱落");
        await SayTextAsync("电话");
        var cc = CardDriver.Id(await Cards.ClickAsync(Clerk, (await Cards.SayAsync(Clerk, "3")).Card!, "cc-start", new JsonObject { ["assignTo"] = "qc" }));
        await Cards.ActAsync(BotHost.QcId, "cc-ack", cc, 1, new JsonObject { ["containment"] = "隔离" });
        await Cards.ActAsync(BotHost.QcId, "cc-rootcause", cc, 2, new JsonObject { ["why1"] = "温度低", ["category"] = "Machine", ["rootCause"] = "温控器" });

        var record = CardDriver.Text((await Cards.SayAsync(Clerk, "记录 " + cc)).Card!);
        foreach (var word in new[] { "\"电话\"", "\"严重\"", "\"品管部\"", "\"机\"", "\"产品质量\"", "进行中 · 待制定纠正与预防措施", "\"华美礼品\"" })
        {
            Assert.Contains(word, record, StringComparison.Ordinal);
        }

        foreach (var code in new[] { "\"Phone\"", "\"Critical\"", "\"QualityControl\"", "\"Machine\"", "· Actions" })
        {
            Assert.DoesNotContain(code, record, StringComparison.Ordinal);
        }

        Assert.Contains("\"客户编号\"", record.Replace("投诉内容 · ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal); // the register number is labelled as one
    }

    /// <summary>An answer that says no language ("2") goes on in the language the complaint began in, whatever the client's locale.</summary>
    [Fact]
    public async Task A_bare_number_answers_in_the_language_the_conversation_began_in()
    {
        await RegisterCustomersAsync(Cards);
        Assert.Contains("严重程度", await SayTextAsync("投诉：华美礼品来电，礼盒 300个 烫金脱落", locale: "en-US"), StringComparison.Ordinal);
        var confirmation = (await Cards.SayAsync(Clerk, "2", "en-US")).Card!;
        var text = CardDriver.Text(confirmation);
        Assert.Contains("登记投诉", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Register the complaint", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// #20.9: the containment typed with "Take it on" is kept. The card is filled in and pressed by the official
    /// renderer and delivered as the Agents Playground delivers it, so card, client and bot are all in the path. And a
    /// note typed on a card that went out of date while the step was still the person's comes back in the fresh card
    /// (it was lost before: pressing again recorded the step without it).
    /// </summary>
    [Fact]
    public async Task What_is_typed_on_the_card_is_kept_through_the_renderer_and_through_an_out_of_date_card()
    {
        await RegisterCustomersAsync(Cards);
        var pn = await NoticeAtProductionAsync();
        await SayTextAsync($"投诉：{pn} 礼盒有 300个 烫金脱落");
        await SayTextAsync("电话");
        var confirmation = (await Cards.SayAsync(Clerk, "2")).Card!;
        var cc = CardDriver.Id(await Cards.SubmitAsync(Clerk, confirmation, "cc-start"));

        // QC's own card, filled in and pressed as a person would.
        var qc = (await Cards.ActAsync(BotHost.QcId, "refresh", cc, 1)).Card;
        var taken = await Cards.SubmitAsync(BotHost.QcId, qc, "cc-ack", new Dictionary<string, string> { ["containment"] = "库存 2,000 个隔离复检" });
        Assert.Contains("cc-rootcause", CardDriver.Verbs(taken));
        Assert.Equal("库存 2,000 个隔离复检", CardDriver.InputValue(taken, "containment")); // the next step shows it
        var state = await StateAsync<ComplaintState>(cc);
        Assert.Equal("库存 2,000 个隔离复检", state.Containment);
        Assert.Equal("库存 2,000 个隔离复检", state.History.Single(h => h.Action == "acknowledged").Comment);

        // Two owners confirm their actions; the QC manager's card goes out of date while they type.
        await Cards.ActAsync(BotHost.QcId, "cc-rootcause", cc, 2, new JsonObject { ["why1"] = "烫金温度偏低", ["category"] = "Machine", ["rootCause"] = "温控器未按期校准" });
        var due = Today.AddDays(5).ToString("yyyy-MM-dd");
        await Cards.ActAsync(BotHost.QcId, "cc-actions", cc, 3, new JsonObject { ["ca1"] = "校准温控器", ["ca1Owner"] = "ProductionManager", ["ca1Due"] = due, ["pa1"] = "温控器列入月度点检", ["pa1Owner"] = "QcManager", ["pa1Due"] = due });
        var managers = (await Cards.ActAsync(BotHost.QcManagerId, "refresh", cc, 4)).Card;
        await Cards.ActAsync(BotHost.ProductionManagerId, "cc-done", cc, 4, new JsonObject { ["doneNote"] = "已校准" });
        var stale = await Cards.SubmitAsync(BotHost.QcManagerId, managers, "cc-done", new Dictionary<string, string> { ["doneNote"] = "已列入十二月点检表" });
        Assert.Contains("What you typed is kept below", CardDriver.Banner(stale), StringComparison.Ordinal);
        Assert.Equal("已列入十二月点检表", CardDriver.InputValue(stale, "doneNote"));
        Assert.Equal(5, CardDriver.Version(stale));

        // Pressed again as it came back, without typing anything: the note is applied.
        await Cards.SubmitAsync(BotHost.QcManagerId, stale, "cc-done");
        state = await StateAsync<ComplaintState>(cc);
        Assert.Equal("已列入十二月点检表", state.Actions.Single(a => a.Owner == MingXin.Bot.Domain.Organization.Position.QcManager).DoneNote);

        // A step that is no longer theirs gives nothing back: the card is simply current.
        var (_, gone) = await Cards.ActAsync(BotHost.QcId, "cc-ack", cc, 1, new JsonObject { ["containment"] = "重复" });
        Assert.DoesNotContain("已保留", CardDriver.Banner(gone), StringComparison.Ordinal);
        Assert.Null(CardDriver.InputValue(gone, "containment"));
    }

    [Fact]
    public async Task A_complaint_from_the_first_message_to_closure_with_one_ineffective_verification()
    {
        await RegisterCustomersAsync(Cards);
        var pn = await NoticeAtProductionAsync();

        // 1. Logged by conversation: the notice gives customer and product, the note the quantity and the problem.
        var answer = await SayTextAsync($"投诉：{pn} 礼盒有 300个 烫金脱落");
        Assert.Contains("客户 华美礼品（华美）", answer, StringComparison.Ordinal);
        Assert.Contains("受影响数量 300", answer, StringComparison.Ordinal);
        Assert.EndsWith("回复：1 电话、2 电子邮件、3 传真、4 微信、5 来访、6 其他。", answer, StringComparison.Ordinal); // only what is missing, one question

        Assert.EndsWith("回复：1 轻微、2 一般、3 严重。", await SayTextAsync("电话"), StringComparison.Ordinal);
        var confirmation = (await Cards.SayAsync(Clerk, "2")).Card!;
        Assert.Contains("cc-start", CardDriver.Verbs(confirmation));

        // 2. Registered: the register entry and its corrective action, in Sales' and QC's channels.
        var card = await Cards.ClickAsync(Clerk, confirmation, "cc-start", new JsonObject { ["assignTo"] = "qc" });
        var cc = CardDriver.Id(card);
        Assert.Equal("CC-2026-0001", cc);
        await DrainedAsync(cc);
        Assert.Equal(["qc", "sales"], Posts().Where(p => p.Form == cc).Select(p => p.Channel).Order(StringComparer.Ordinal));
        var state = await StateAsync<ComplaintState>(cc);
        Assert.Equal((pn, "礼盒", 300, Severity.Major, ContactChannel.Phone), (state.Details.Reference, state.Details.Product, state.Details.QuantityAffected, state.Details.Severity, state.Details.Channel));
        Assert.Equal("华美礼品", state.Details.CustomerName);
        Assert.Equal(IntakeStatus.Registered, (await Host.Services.GetRequiredService<IntakeStore>().GetAsync(IntakeStore.Key("a:personal-" + Clerk, Clerk), default))!.Value.State.Status);

        // 3. QC takes it on, finds a cause, plans actions with owners; the owners confirm.
        // Every card on the way is kept, with the next actor's view in English, for the official renderer.
        var seen = new List<JsonObject> { confirmation, card };
        async Task<JsonObject> Step(string user, string verb, long version, JsonObject? values = null, string? next = null)
        {
            var (_, answered) = await Cards.ActAsync(user, verb, cc, version, values);
            seen.Add(answered);
            seen.Add((await Cards.ActAsync(next ?? user, "refresh", cc, version + 1, locale: "en-US")).Card);
            return answered;
        }

        await Step(BotHost.QcId, "cc-ack", 1, new JsonObject { ["containment"] = "库存 2,000 个隔离复检" });
        await Step(BotHost.QcId, "cc-rootcause", 2, new JsonObject { ["why1"] = "烫金附着力不够", ["why2"] = "烫金温度偏低", ["category"] = "Machine", ["rootCause"] = "温控器未按期校准" });
        var due = Today.AddDays(5).ToString("yyyy-MM-dd");
        await Step(BotHost.QcId, "cc-actions", 3, new JsonObject { ["ca1"] = "校准温控器", ["ca1Owner"] = "ProductionManager", ["ca1Due"] = due, ["pa1"] = "温控器列入月度点检", ["pa1Owner"] = "QcManager", ["pa1Due"] = due }, BotHost.ProductionManagerId);
        var planned = (await Cards.ActAsync(BotHost.QcId, "refresh", cc, 4)).Card.ToJsonString(Unescaped);
        Assert.Contains("纠正措施 1：校准温控器", planned, StringComparison.Ordinal); // each kind numbered on its own
        Assert.Contains("预防措施 1：温控器列入月度点检", planned, StringComparison.Ordinal);
        Assert.Contains("制定措施，负责：生产经理、品管经理", planned, StringComparison.Ordinal); // one colon, the reader's language
        Assert.Contains("planned the actions; owners: Production manager", (await Cards.ActAsync(BotHost.QcId, "refresh", cc, 4, locale: "en-US")).Card.ToJsonString(Unescaped), StringComparison.Ordinal);
        var (_, refused) = await Cards.ActAsync(BotHost.QcId, "cc-done", cc, 4);
        Assert.Contains("没有这一步所需的岗位", CardDriver.Banner(refused), StringComparison.Ordinal); // not an owner
        await Step(BotHost.ProductionManagerId, "cc-done", 4, new JsonObject { ["doneNote"] = "已校准" }, BotHost.QcManagerId);
        await Step(BotHost.QcManagerId, "cc-done", 5);

        // 4. Not effective: back to the root cause, counted; a second round is effective.
        // The QC manager owns one of the actions: separation of duties keeps them from verifying it.
        var (_, own) = await Cards.ActAsync(BotHost.QcManagerId, "cc-ineffective", cc, 6, new JsonObject { ["comment"] = "复检仍有脱落" });
        Assert.Contains("职责分离", CardDriver.Banner(own), StringComparison.Ordinal);
        var ng = await Step(BotHost.QcId, "cc-ineffective", 6, new JsonObject { ["comment"] = "复检仍有脱落" });
        Assert.Contains("cc-rootcause", CardDriver.Verbs(ng));
        await Step(BotHost.QcId, "cc-rootcause", 7, new JsonObject { ["why1"] = "烫金纸批次附着力差", ["category"] = "Material", ["rootCause"] = "烫金纸来料未检附着力" }, BotHost.ProductionManagerId);
        await Step(BotHost.ProductionManagerId, "cc-actions", 8, new JsonObject { ["ca1"] = "烫金纸来料加做附着力测试", ["ca1Owner"] = "QcInspector", ["ca1Due"] = due }, BotHost.QcId);
        await Step(BotHost.QcId, "cc-done", 9, next: BotHost.QcManagerId);
        await Step(BotHost.QcManagerId, "cc-effective", 10, new JsonObject { ["comment"] = "连续三批合格" }, Clerk);

        // 5. Sales replies to the customer: closed.
        var closed = await Step(Clerk, "cc-reply", 11, new JsonObject { ["repliedOn"] = Today.ToString("yyyy-MM-dd"), ["via"] = "Email", ["repliedTo"] = "黄先生", ["reply"] = "已补发 300 个并说明改善措施" });
        Assert.Contains("已结案", closed.ToJsonString(Unescaped), StringComparison.Ordinal);
        await DrainedAsync(cc);
        seen.Add((await Cards.SayAsync(Clerk, "客户")).Card!);
        seen.Add((await Cards.SayAsync(Clerk, "customers", "en-US")).Card!);
        var events = await ReferenceCards.ValidateAsync(seen);
        Assert.All(events, e => Assert.Empty(e));

        state = await StateAsync<ComplaintState>(cc);
        Assert.Equal(ComplaintStatus.Closed, state.Status);
        Assert.Equal(1, state.Reopened);
        Assert.Equal(2, state.Analyses.Count);
        Assert.Equal(3, state.Actions.Count);
        Assert.All(state.Actions, a => Assert.NotNull(a.Done));
        Assert.Equal([false, true], state.Verifications.Select(v => v.Effective));
        var audit = (await Store.LoadAsync(cc, default))!.Audit.Select(a => a.Action).ToList();
        Assert.Equal(["registered", "acknowledged", "root-cause", "actions-planned", "action-done", "action-done", "verified-ineffective", "root-cause", "actions-planned", "action-done", "verified-effective", "closed"], audit);
        Assert.Equal(["qc", "sales"], Posts().Where(p => p.Form == cc).Select(p => p.Channel).Order(StringComparer.Ordinal)); // updated in place, never posted twice
    }

    [Fact]
    public async Task A_messy_english_email_is_read_corrected_and_confirmed_in_english()
    {
        await RegisterCustomersAsync(Cards);
        const string mail = """
            From: Peter Chan <peter.chan@acmeprint.hk>
            Sent: Thursday, November 26, 2026 4:12 PM
            Subject: RE: hang tags - misprint

            Hi Sam,
            We found 1,200 pcs of the Hang tags with the barcode misprinted (total shipment 10,000 pcs). This is urgent.
            Please call me on +852 2345 6789.

            Best regards
            Peter Chan

            -----Original Message-----
            From: Sun Li
            The goods for 华美礼品 were shipped today.
            """;

        var answer = await SayTextAsync(mail, "en-US");
        Assert.Contains("customer Acme Printing Ltd (ACME)", answer, StringComparison.Ordinal);
        Assert.Contains("quantity affected 1200", answer, StringComparison.Ordinal);
        Assert.Contains("received by E-mail", answer, StringComparison.Ordinal);
        Assert.Contains("about Product quality", answer, StringComparison.Ordinal);
        Assert.Contains("received on 2026-11-26", answer, StringComparison.Ordinal); // the mail's own Sent header
        Assert.EndsWith("How severe is it? Reply 1 minor, 2 major or 3 critical.", answer, StringComparison.Ordinal); // "urgent" is a hurry, not a severity
        Assert.DoesNotContain("华美", answer, StringComparison.Ordinal); // the quoted history is not the complaint

        // The correction changes what the description quoted, so QC does not read 1,200 next to 1,150.
        Assert.Contains("Corrected: quantity affected → 1150", await SayTextAsync("no, the quantity is 1,150", "en-US"), StringComparison.Ordinal);
        var card = (await Cards.SayAsync(Clerk, "3", "en-US")).Card!;
        Assert.Contains("1,150", card.ToJsonString(Unescaped), StringComparison.Ordinal);
        Assert.Contains("1150 pcs (corrected; first given as 1,200 pcs) of the Hang tags", card.ToJsonString(Unescaped), StringComparison.Ordinal);
        Assert.Contains("peter.chan@acmeprint.hk", card.ToJsonString(Unescaped), StringComparison.Ordinal);
        Assert.Contains("Register the complaint", card.ToJsonString(Unescaped), StringComparison.Ordinal);

        var cc = CardDriver.Id(await Cards.ClickAsync(Clerk, card, "cc-start", new JsonObject { ["assignTo"] = "production" }, "en-US"));
        await DrainedAsync(cc);
        var state = await StateAsync<ComplaintState>(cc);
        Assert.Equal((1150, "Hang tags", MingXin.Bot.Domain.Organization.Department.Production), (state.Details.QuantityAffected, state.Details.Product, state.AssignedTo));
        Assert.Equal((new DateOnly(2026, 11, 26), Severity.Critical, ComplaintKind.Product), (state.ReceivedOn, state.Details.Severity, state.Details.Kind));
        Assert.Contains("1,200 pcs", state.Details.Messages[0], StringComparison.Ordinal); // the source as typed
        Assert.Contains("+852 2345 6789", state.Details.Phones);
        Assert.Equal(["production", "qc", "sales"], Posts().Where(p => p.Form == cc).Select(p => p.Channel).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_photo_sent_in_personal_chat_is_kept_once_with_its_type_and_id_and_its_link_on_the_card_works()
    {
        await RegisterCustomersAsync(Cards);
        const string url = "https://contoso-my.sharepoint.com/personal/sam_sales_contoso_com/Documents/Microsoft Teams Chat Files/tags (1).jpg";
        JsonObject Photo() => new()
        {
            // What Teams sends for a file in a personal chat once the app supports files.
            ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
            ["contentUrl"] = url,
            ["name"] = "tags (1).jpg",
            ["content"] = new JsonObject { ["downloadUrl"] = "https://contoso-my.sharepoint.com/download.aspx?tempauth=x", ["uniqueId"] = "1150D938-8870-4044-9F2C-5BBDEBA70C8C", ["fileType"] = "JPG" },
        };
        var message = Activities.PersonalMessage(Connector.ServiceUrl, "Hi, ACME says 1,200 pcs of the Hang tags have the barcode misprinted, see the photo. Please call +852 2345 6789. Urgent.", Clerk, "en-US");
        message["attachments"] = new JsonArray(Photo(), new JsonObject { ["contentType"] = "text/html", ["content"] = "<p>Hi</p>" });
        await Activities.PostAsync(Client, message);
        var again = Activities.PersonalMessage(Connector.ServiceUrl, "the same photo again", Clerk, "en-US");
        again["attachments"] = new JsonArray(Photo());
        await Activities.PostAsync(Client, again);

        Assert.Null((await Cards.SayAsync(Clerk, "e-mail", "en-US")).Card); // "Urgent." is a hurry: the severity is asked
        var card = (await Cards.SayAsync(Clerk, "3", "en-US")).Card!;

        var registered = await Cards.ClickAsync(Clerk, card, "cc-start", new JsonObject { ["assignTo"] = "qc" }, "en-US");
        var state = await StateAsync<ComplaintState>(CardDriver.Id(registered));
        var photo = Assert.Single(state.Details.Attachments);
        Assert.Equal(("tags (1).jpg", url, "jpg", "1150D938-8870-4044-9F2C-5BBDEBA70C8C"), (photo.Name, photo.Url, photo.FileType, photo.UniqueId));

        // The link on the card is a working markdown link: the name escaped, the address not (no "sam\_sales").
        Assert.Contains(
            @"[tags (1).jpg](https://contoso-my.sharepoint.com/personal/sam_sales_contoso_com/Documents/Microsoft%20Teams%20Chat%20Files/tags%20%281%29.jpg)",
            registered.ToJsonString(Unescaped).Replace(@"\\", @"\", StringComparison.Ordinal),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_that_starts_with_hi_is_a_complaint_in_its_own_language_and_a_command_typed_meanwhile_runs_while_the_complaint_waits()
    {
        await RegisterCustomersAsync(Cards);

        // A pasted e-mail that opens with a greeting is a complaint, not the help card; it is answered in
        // the language it is written in, whatever the Teams client's locale.
        var answer = await SayTextAsync("Hi team,\nAcme Printing Ltd says 300 hang tags of the last lot have the wrong Pantone colour.\nPlease call Peter.", "zh-CN");
        Assert.Contains("customer Acme Printing Ltd (ACME)", answer, StringComparison.Ordinal);

        // A command in the middle of the conversation runs as a command; the conversation waits, and says so once.
        var before = Texts(Clerk).Count;
        var calls = Connector.Delivered.Count;
        await Cards.SayAsync(Clerk, "记录 客户 华美礼品");
        var replies = Connector.Delivered.Skip(calls).Where(c => c.Method == "POST" && c.Path.Contains("a:personal-" + Clerk, StringComparison.Ordinal)).ToList();
        Assert.Contains("华美礼品", CardDriver.Text(Assert.Single(replies, c => c.Text is null).Card!), StringComparison.Ordinal); // the search ran
        Assert.Equal(["你的投诉登记还没有完成：继续回答上面的问题，或输入“取消”放弃。"], Texts(Clerk).Skip(before).ToList());

        // …and the conversation goes on where it was.
        var next = await SayTextAsync("no, the quantity is 250", "zh-CN");
        Assert.Contains("Corrected: quantity affected → 250", next, StringComparison.Ordinal);
        Assert.Contains("How did the complaint come in?", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_the_conversation_loses_nothing()
    {
        await RegisterCustomersAsync(Cards);
        await SayTextAsync("投诉 华美 礼盒 印刷偏色");
        await SayTextAsync("传真");

        // A new process on the same storage carries on where the first stopped.
        await using (var second = new BotHost(Azurite.ConnectionString, tablePrefix: Host.TablePrefix))
        {
            var cards = new CardDriver(second.CreateClient(), Connector);
            await Host.DisposeAsync();
            await cards.SayAsync(Clerk, "500");
            var card = (await cards.SayAsync(Clerk, "1")).Card!;
            var cc = CardDriver.Id(await cards.ClickAsync(Clerk, card, "cc-start", new JsonObject { ["assignTo"] = "qc" }));
            var state = WorkflowJson(await second.Services.GetRequiredService<WorkflowStore>().GetStateAsync(cc, default));
            Assert.Equal((ContactChannel.Fax, 500, Severity.Minor, "礼盒"), (state.Details.Channel, state.Details.QuantityAffected, state.Details.Severity, state.Details.Product));
            Assert.Contains("印刷偏色", state.Details.Description, StringComparison.Ordinal);
        }
    }

    private static ComplaintState WorkflowJson(WorkflowState? state) => MingXin.Bot.Workflows.WorkflowJson.Deserialize<ComplaintState>(state!.StateJson);

    [Fact]
    public async Task Bad_input_gets_clear_answers_and_never_a_half_registered_complaint()
    {
        await RegisterCustomersAsync(Cards);

        // Not Sales: told so, nothing starts.
        Assert.Contains("由业务部登记", await SayTextAsync("投诉 华美 礼盒 坏了", user: BotHost.QcId), StringComparison.Ordinal);

        // An unknown customer: the closest names are offered, and a number picks one.
        await SayTextAsync("投诉");
        var answer = await SayTextAsync("华每礼品");
        Assert.Contains("客户名录里没有“华每礼品”。是不是：1. 华美礼品（华美）", answer, StringComparison.Ordinal);
        Assert.StartsWith("已记下：客户 华美礼品（华美）", await SayTextAsync("1"), StringComparison.Ordinal);

        // A number that does not exist; nonsense for a quantity; a very long text.
        await SayTextAsync("电话");
        Assert.Contains("没看懂投诉类型", await SayTextAsync("很多"), StringComparison.Ordinal);
        await SayTextAsync("1");
        Assert.Contains("没有单号 PN-2026-0999，未采用。", await SayTextAsync("PN-2026-0999"), StringComparison.Ordinal);
        await SayTextAsync("手提袋");
        await SayTextAsync("提手断裂");
        Assert.Contains("数量要回复数字", await SayTextAsync("很多"), StringComparison.Ordinal);
        Assert.Contains("消息太长", await SayTextAsync(new string('长', ComplaintText.MaxMessageLength + 10)), StringComparison.Ordinal);
        await SayTextAsync("80");
        var card = (await Cards.SayAsync(Clerk, "3")).Card!;

        // A correction after the card makes that card out of date; the latest one registers, once, however often it is clicked.
        var latest = (await Cards.SayAsync(Clerk, "不是，数量是 90")).Card!;
        var stale = await Cards.ClickAsync(Clerk, card, "cc-start", new JsonObject { ["assignTo"] = "qc" });
        Assert.Contains("最新的确认卡片", stale.ToJsonString(Unescaped), StringComparison.Ordinal);
        var first = CardDriver.Id(await Cards.ClickAsync(Clerk, latest, "cc-start", new JsonObject { ["assignTo"] = "qc" }));
        var second = CardDriver.Id(await Cards.ClickAsync(Clerk, latest, "cc-start", new JsonObject { ["assignTo"] = "qc" }));
        Assert.Equal(first, second);
        Assert.Equal(90, (await StateAsync<ComplaintState>(first)).Details.QuantityAffected);
        Assert.Null(await Store.GetStateAsync("CC-2026-0002", default));

        // After registration the chat is free again: "cancel" of a new conversation registers nothing.
        await SayTextAsync("投诉");
        Assert.Contains("已取消", await SayTextAsync("取消"), StringComparison.Ordinal);
        Assert.Contains("明新客服助手 · 帮助", (await Cards.SayAsync(Clerk, "帮助")).Card!.ToJsonString(Unescaped), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_acknowledgement_service_level_reminds_the_department_on_the_fake_clock()
    {
        await RegisterCustomersAsync(Cards);
        await SayTextAsync("投诉 华美 礼盒 200个 印刷偏色，电话投诉，严重");
        var card = Connector.Delivered.Last(c => c.Path.Contains("a:personal-" + Clerk, StringComparison.Ordinal)).Card!;
        var cc = CardDriver.Id(await Cards.ClickAsync(Clerk, card, "cc-start", new JsonObject { ["assignTo"] = "qc" }));
        await DrainedAsync(cc);
        var clock = (await StateAsync<ComplaintState>(cc)).Sla!;
        Assert.Equal("AwaitingAcknowledgement", clock.Step);
        // 4 working hours from Friday 09:30 in Shenzhen: 2.5 h to noon, lunch does not count, 1.5 h from 13:30.
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.FromHours(8)), clock.Levels[0]);

        Host.Time.Advance(clock.Levels[0] - Host.Time.GetUtcNow());
        await Host.Services.GetRequiredService<DeadlineScheduler>().TickAsync(default);
        await Eventually.TrueAsync(() => StateAsync<ComplaintState>(cc).Result.SlaNotices.Count == 1, "the reminder");
        Assert.Contains("陈静", (await StateAsync<ComplaintState>(cc)).SlaNotices[0].Names, StringComparison.Ordinal);
    }
}
