using System.Text.Json.Nodes;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using MingXin.Cards;

namespace MingXin.Bot.Tests.Cards;

public sealed class CardTemplateTests
{
    private static string TemplatesFolder => Path.Combine(RepositoryRoot.Path, "cards", "templates");

    [Fact]
    public void Every_template_file_is_embedded_and_has_sample_data_beside_it()
    {
        var files = System.IO.Directory.GetFiles(TemplatesFolder, "*.json").Select(Path.GetFileName).Where(f => !f!.EndsWith(".sample.json", StringComparison.Ordinal)).Select(f => f![..^5]).Order().ToList();

        Assert.NotEmpty(files);
        Assert.Equal(files, CardTemplates.Names);
        Assert.All(files, name => Assert.True(File.Exists(Path.Combine(TemplatesFolder, name + ".sample.json")), $"{name}.sample.json is missing"));
    }

    [Fact]
    public async Task The_csharp_binder_expands_every_template_exactly_like_adaptivecards_templating()
    {
        var jobs = CardTemplates.Names.Select(name => (
            Name: name,
            Template: JsonNode.Parse(CardTemplates.Source(name))!.AsObject(),
            Data: JsonNode.Parse(File.ReadAllText(Path.Combine(TemplatesFolder, name + ".sample.json")))))
            .ToList();

        var expected = await ReferenceCards.ExpandAsync(jobs.Select(j => (j.Template, j.Data)));

        for (var i = 0; i < jobs.Count; i++)
        {
            var actual = CardBinder.Expand(jobs[i].Template, jobs[i].Data);
            Assert.True(JsonNode.DeepEquals(expected[i], actual), $"{jobs[i].Name}:\nreference: {expected[i].ToJsonString()}\nbinder:    {actual.ToJsonString()}");
        }
    }

    [Fact]
    public async Task The_binder_agrees_with_the_reference_on_repeats_conditions_and_types()
    {
        var template = JsonNode.Parse("""
            {"type":"AdaptiveCard","version":"1.5","body":[
              {"type":"TextBlock","text":"${title} (${count})"},
              {"type":"TextBlock","$when":"${flag}","text":"shown"},
              {"type":"TextBlock","$when":"${!flag}","text":"hidden"},
              {"type":"Container","items":[{"$data":"${rows}","type":"TextBlock","text":"${$index}: ${name} / ${$root.title}"}]},
              {"type":"Input.Number","id":"n","value":"${count}"},
              {"type":"TextBlock","text":"${nested.deep[1].x}"}
            ]}
            """)!.AsObject();
        var data = JsonNode.Parse("""{"title":"QT-2026-0001","count":3,"flag":true,"rows":[{"name":"a"},{"name":"b"}],"nested":{"deep":[{"x":"0"},{"x":"one"}]}}""");

        var expected = (await ReferenceCards.ExpandAsync([(template, data)]))[0];

        Assert.True(JsonNode.DeepEquals(expected, CardBinder.Expand(template, data)), expected.ToJsonString());
    }

    [Theory]
    [InlineData("${if(a, b, c)}")]
    [InlineData("${a + 1}")]
    [InlineData("${count(rows)}")]
    public void Logic_in_a_template_is_refused(string expression)
    {
        var template = new JsonObject { ["type"] = "AdaptiveCard", ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = expression }) };

        Assert.Throws<TemplateException>(() => CardBinder.Expand(template, new JsonObject()));
    }

    public static TheoryData<string, JsonObject> EveryCardTheBotProduces()
    {
        var bindings = new List<ChannelBinding>
        {
            new(Department.QualityControl, "https://smba.example/", "t", "team", "19:qc", "品管 [QC]", "明新工厂", "28:bot", "aad-admin", "王芳 *Wang*", new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero)),
            new(Department.Sales, "https://smba.example/", "t", "team", "19:sales", "业务", "明新工厂", "28:bot", "aad-admin", "王芳", new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero), "403: the bot is not a member of the team"),
        };
        var found = new List<RecordSummary>
        {
            new("QT-2026-0001", "Quotation", RecordState.Closed, "Confirmed", "华美礼品", new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero), "王芳", "礼盒"),
        };
        var data = new TheoryData<string, JsonObject>();
        foreach (var language in new[] { Language.Chinese, Language.English })
        {
            data.Add($"help/{language}", CardViews.Help(language, null));
            data.Add($"help-unknown/{language}", CardViews.Help(language, "[x](http://evil) <at>boss</at>"));
            data.Add($"setup/{language}", CardViews.Setup(language, "明新工厂", bindings));
            data.Add($"setup-empty/{language}", CardViews.Setup(language, null, []));
            data.Add($"departments/{language}", CardViews.DepartmentBindings(language, bindings));
            data.Add($"notice/{language}", CardViews.Notice(language, "找不到这张表单。", "IA-2026-0099"));
            data.Add($"records/{language}", RecordCardView.Results(new RecordSearch(null, "华美", null, null, null, null, null), found, false, language, []));
            data.Add($"records-file/{language}", RecordCardView.Results(new RecordSearch(null, "华美", null, null, null, null, null), found, false, language, [("导出 Excel", "https://bot.example.com/records/export?format=xlsx&t=abc")], "customer=华美"));
            data.Add($"records-offered/{language}", RecordCardView.FileOffered("I have sent a file request in this chat.", language));
            foreach (var (name, card) in ApprovalCards(language))
            {
                data.Add($"approval-{name}/{language}", card);
            }

            foreach (var (name, card) in QuotationCards(language))
            {
                data.Add($"quotation-{name}/{language}", card);
            }
        }

        return data;
    }

    private static IEnumerable<(string Name, JsonObject Card)> ApprovalCards(Language l)
    {
        var t = new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero);
        var sales = new Actor(new PersonRef("s", "王芳 *Wang*"), new HashSet<Position> { Position.Salesperson });
        var prod = new Actor(new PersonRef("p", "刘洋"), new HashSet<Position> { Position.ProductionManager });
        var qc = new Actor(new PersonRef("q", "周婷"), new HashSet<Position> { Position.QcManager });
        var qc2 = new Actor(new PersonRef("q2", "吴刚"), new HashSet<Position> { Position.QcManager });
        MingXin.Bot.Domain.Approvals.Approval Fresh() => MingXin.Bot.Domain.Approvals.Approval.Start("IA-2026-0001", InternalApprovalForm.Kind, "新烫金工艺 [试产]", "客户要求 <at>冷烫金</at>", sales.Person, InternalApprovalForm.Route, t).Approval;
        var fresh = Fresh();
        fresh.Approve(prod, null, "可以 **排产**", t.AddMinutes(1));
        fresh.Reassign(qc, "qc", qc2, null, t.AddMinutes(2));
        yield return ("base", ApprovalCardView.Render(fresh, l, null, null, ["29:a", "29:b"]));
        yield return ("seat-holder", ApprovalCardView.Render(fresh, l, new ApprovalViewer(fresh.SeatFor(qc2), true, false, [qc.Person]), new Banner("已同意。", false), ["29:a"]));
        yield return ("originator", ApprovalCardView.Render(fresh, l, new ApprovalViewer(null, true, true, []), new Banner("这张卡片已过期", true), []));

        var rejected = Fresh();
        rejected.Reject(prod, null, "油墨不合格", t);
        yield return ("rejected", ApprovalCardView.Render(rejected, l, new ApprovalViewer(null, true, true, []), null, []));

        var cancelled = Fresh();
        cancelled.Cancel(sales, "客户取消", t);
        yield return ("cancelled", ApprovalCardView.Render(cancelled, l, null, null, []));
    }

    /// <summary>The quotation card at every step, as each person sees it, and the new-quotation form (blank and re-shown with errors).</summary>
    private static IEnumerable<(string Name, JsonObject Card)> QuotationCards(Language l)
    {
        var t = new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero);
        var sales = new Actor(new PersonRef("s", "王芳 *Wang*"), new HashSet<Position> { Position.Salesperson });
        var prod = new Actor(new PersonRef("p", "刘洋"), new HashSet<Position> { Position.ProductionManager });
        var qc = new Actor(new PersonRef("q", "周婷"), new HashSet<Position> { Position.QcManager });
        var mat = new Actor(new PersonRef("m", "赵敏"), new HashSet<Position> { Position.MaterialsController });
        var gm = new Actor(new PersonRef("g", "李强"), new HashSet<Position> { Position.GeneralManager });
        var sheet = CostSheet.Create([new CostLine(CostCategory.Plates, "CTP [x4]", 600m, 0m), new CostLine(CostCategory.Material, null, 0m, 0.35m)], 25m, [3000, 5000]).Sheet!;
        var q = Quotation.Start("QT-2026-0001", new QuotationRequest("华美 <at>礼品</at>", "礼盒", "250×180×60 mm", true, QuotationPath.SpecialRequirement, "冷烫金 **new**"), sheet, sales, t).Quotation!;

        yield return ("new-form", QuotationCardView.NewForm(l, "d-1", null, null));
        yield return ("new-form-errors", QuotationCardView.NewForm(l, "d-1", new Dictionary<string, string> { ["customer"] = "华美", ["quantities"] = "abc" }, new Banner("请填写“产品”。", true)));
        yield return ("review", QuotationCardView.Render(q, l, q.ActionsFor(prod), null, ["29:p"]));
        q.Review(prod, Feasibility.NotFeasible, "1200 g 纸板上不了机", t);
        q.Review(qc, Feasibility.FeasibleWithConditions, "每批耐磨测试", t);
        q.Review(mat, Feasibility.Feasible, null, t);
        yield return ("revise", QuotationCardView.Render(q, l, q.ActionsFor(sales), new Banner("退回修改", true), ["29:s"], showCosts: true));
        q.Revise(sales, sheet, "改用 800 g", t);
        q.Review(prod, Feasibility.Feasible, null, t);
        q.Review(qc, Feasibility.Feasible, null, t);
        q.Review(mat, Feasibility.Feasible, null, t);
        yield return ("gm", QuotationCardView.Render(q, l, q.ActionsFor(gm), null, ["29:g"], showCosts: true));
        q.GmApprove(gm, "同意", t);
        yield return ("send", QuotationCardView.Render(q, l, q.ActionsFor(sales), null, []));
        q.RecordSent(sales, SendMethod.Fax, t);
        yield return ("customer", QuotationCardView.Render(q, l, q.ActionsFor(sales), null, []));
        q.RecordObjection(sales, "单价太高", t);
        yield return ("objection", QuotationCardView.Render(q, l, q.ActionsFor(gm), null, []));
        q.DecideObjection(gm, ObjectionDecision.Hold, null, t);
        yield return ("on-hold", QuotationCardView.Render(q, l, q.ActionsFor(gm), null, []));
        q.DecideObjection(gm, ObjectionDecision.Revise, null, t);
        q.Revise(sales, sheet, null, t);
        q.GmApprove(gm, null, t);
        q.RecordSent(sales, SendMethod.Email, t);
        q.RecordConfirmation(sales, "黄先生", new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 27), t);
        yield return ("confirmed", QuotationCardView.Render(q, l, q.ActionsFor(sales), null, []));
    }

    [Theory]
    [MemberData(nameof(EveryCardTheBotProduces))]
    public async Task Every_card_the_bot_produces_is_valid_for_the_official_renderer(string name, JsonObject card)
    {
        var events = (await ReferenceCards.ValidateAsync([card]))[0];

        Assert.True(events.Count == 0, $"{name}: {string.Join("; ", events)}");
        Assert.DoesNotContain("${", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("1.5", card["version"]!.GetValue<string>());

        // Older Teams clients: a card they cannot show says so; buttons sit in an ActionSet in the body (not the
        // card's own actions), each Universal Action with an Action.Submit fallback that carries the same verb.
        Assert.False(string.IsNullOrWhiteSpace(card["fallbackText"]?.GetValue<string>()), $"{name}: no fallbackText");
        Assert.DoesNotContain(CardDriver.Executes(card["actions"]), _ => true);
        foreach (var execute in CardDriver.Executes(card["body"]))
        {
            var fallback = execute["fallback"] as JsonObject;
            Assert.True(fallback?["type"]?.GetValue<string>() == "Action.Submit", $"{name}: {execute["verb"]} has no Action.Submit fallback");
            Assert.Equal(execute["verb"]!.GetValue<string>(), fallback!["data"]!["verb"]!.GetValue<string>());
        }
    }
}
