using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Workflows;
using MingXin.Cards;

namespace MingXin.Bot.Presentation;

/// <summary>
/// The Quotation 报价单 card (with its Cost Calculation Sheet 成本核算表 and Contract Review Form
/// 合同评审表), and the new-quotation form. Every string is computed here; the template only binds.
/// </summary>
public static class QuotationCardView
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The blank (or re-shown, with what was typed) form that starts a quotation.</summary>
    public static JsonObject NewForm(Language l, string draftId, IReadOnlyDictionary<string, string>? typed, Banner? banner)
    {
        var model = BaseModel(l, banner, id: string.Empty, version: 0, userIds: []);
        model["formName"] = Quotation.Name(l) + " · " + CostSheetName(l);
        model["title"] = l.Pick("新报价", "New quotation");
        model["statusText"] = l.Pick("填写客户要求和成本，提交后送审。", "Fill in the customer's request and the costs; submitting sends it for approval.");
        model["statusColor"] = "Accent";
        model["draft"] = draftId;
        model["editor"] = Editor(l, typed ?? new Dictionary<string, string>(), showRequest: true, verb: QuotationVerbs.Start, submit: l.Pick("提交报价", "Submit quotation"));
        return CardTemplates.Render("quotation", JsonSerializer.SerializeToNode(model, Json));
    }

    /// <summary>
    /// The quotation as <paramref name="actions"/> allow its viewer to act (empty = read-only base card);
    /// the cost lines, the margin and the cost of each price break only when <paramref name="showCosts"/>
    /// (Sales and the general manager: never on the cards in the channels).
    /// </summary>
    public static JsonObject Render(Quotation q, Language l, IReadOnlySet<QuotationAction> actions, Banner? banner, IReadOnlyList<string> refreshUserIds, IReadOnlyDictionary<string, string>? typed = null, bool showCosts = false)
    {
        var s = q.State;
        var model = BaseModel(l, banner, s.Id, s.Version, refreshUserIds);
        // On the special path the cost sheet comes after the contract review: until then there is none.
        var current = q.CurrentVersion;
        var sheet = current?.Data.ToSheet();
        model["showCosts"] = showCosts && sheet is not null;
        model["hasPrices"] = sheet is not null;
        model["hasRecord"] = true;
        model["formName"] = current is null
            ? $"{Quotation.Name(l)} {s.Id} · {CostSheetName(l)} {l.Pick("（合同评审后填写）", "(filled in after the contract review)")}"
            : $"{Quotation.Name(l)} {s.Id} · {CostSheetName(l)} {l.Pick($"第 {current.Number} 版", $"version {current.Number}")}";
        model["title"] = $"{CardText.Escape(s.Request.CustomerName, 100)} · {CardText.Escape(s.Request.Product, 100)}";
        model["statusText"] = StatusText(q, l);
        model["statusColor"] = s.Status switch
        {
            QuotationStatus.Confirmed => "Good",
            QuotationStatus.Declined or QuotationStatus.Cancelled => "Attention",
            QuotationStatus.ReturnedForRevision or QuotationStatus.ObjectionRaised or QuotationStatus.OnHold => "Warning",
            _ => "Accent",
        };
        var facts = new List<object>
        {
            Fact(l.Pick("客户", "Customer"), CardText.Escape(s.Request.CustomerName, 100)),
            Fact(l.Pick("产品", "Product"), CardText.Escape(s.Request.Product, 100)),
            Fact(l.Pick("规格", "Specification"), CardText.Escape(s.Request.Specification, 500)),
            Fact(l.Pick("类别", "Type"), PathText(s.Request, l)),
        };
        if (s.Request.SpecialRequirement is { } special)
        {
            facts.Add(Fact(l.Pick("特殊要求", "Special requirement"), CardText.Escape(special, 500)));
        }

        if (s.Request.Evaluation is { } evaluation)
        {
            facts.Add(Fact(l.Pick("客户要求评估", "Evaluation of the requirements"), CardText.Escape(evaluation, 500)));
        }

        facts.Add(Fact(l.Pick("业务员", "Salesperson"), CardText.Escape(s.Originator.Name, 80)));
        facts.Add(Fact(l.Pick("日期", "Date"), Time(s.CreatedAt, full: true)));
        model["facts"] = facts;

        model["costTitle"] = $"{CostSheetName(l)}（{CostSheet.Currency}）";
        model["costHeader"] = new { category = l.Pick("项目", "Item"), fixedCost = l.Pick("固定", "Fixed"), unitCost = l.Pick("每件", "Per piece") };
        model["costRows"] = (sheet?.Lines ?? []).Select(line => new
        {
            category = CategoryName(line.Category, l) + (line.Description is null ? string.Empty : " · " + CardText.Escape(line.Description, 100)),
            fixedCost = Money(line.FixedCost),
            unitCost = UnitMoney(line.UnitCost),
        }).ToArray();
        model["marginText"] = sheet is null ? string.Empty : l.Pick($"利润率 {sheet.MarginPercent.ToString("0.##", CultureInfo.InvariantCulture)}%（按成本加成）", $"Margin {sheet.MarginPercent.ToString("0.##", CultureInfo.InvariantCulture)}% on cost");
        model["priceTitle"] = l.Pick("报价", "Prices");
        model["priceHeader"] = new { quantity = l.Pick("数量", "Quantity"), cost = l.Pick("成本", "Cost"), unitPrice = l.Pick("单价", "Unit price"), total = l.Pick("金额", "Total") };
        model["prices"] = (sheet?.PriceBreaks() ?? []).Select(p => new
        {
            quantity = p.Quantity.ToString("N0", CultureInfo.InvariantCulture),
            cost = Money(p.Cost),
            unitPrice = UnitMoney(p.UnitPrice),
            total = Money(p.Total),
        }).ToArray();
        model["roundingNote"] = l.Pick("单价四舍五入到 0.0001 元，金额 = 单价 × 数量，四舍五入到分。", "Unit prices rounded half up to 0.0001 yuan; total = unit price × quantity, rounded to the fen.");

        var review = ReviewLines(q, l);
        model["hasReview"] = review.Count > 0;
        model["reviewTitle"] = ContractReview.Name(l) + (q.CurrentReview is { } round ? l.Pick($" 第 {round.Number} 轮（第 {round.ForVersion} 版）", $" round {round.Number} (version {round.ForVersion})") : string.Empty);
        model["reviewLines"] = review;

        var decisions = DecisionLines(q, l);
        model["hasDecisions"] = decisions.Count > 0;
        model["decisionsTitle"] = l.Pick("审批与客户回复", "Approval and customer answer");
        model["decisionLines"] = decisions;

        model["historyTitle"] = l.Pick("记录", "History");
        model["history"] = s.History.TakeLast(Quotation.HistoryLimit)
            .Select(h => new { text = $"{Time(h.At, full: false)} {CardText.Escape(h.ActorName, 60)} {HistoryText(h, l)}" }).ToArray();

        typed ??= new Dictionary<string, string>();
        model["review"] = new
        {
            show = actions.Contains(QuotationAction.Review),
            label = l.Pick("评审结论", "Your department's conclusion"),
            choices = Enum.GetValues<Feasibility>().Select(f => new { title = FeasibilityText(f, l), value = f.ToString() }).ToArray(),
            value = QuotationInput.Get(typed, "feasibility") is { Length: > 0 } chosen ? chosen : nameof(Feasibility.Feasible),
            noteLabel = l.Pick("条件 / 原因（“有条件可行”“不可行”必填）", "Conditions / reason (required unless feasible)"),
            note = QuotationInput.Get(typed, "reviewNote"),
            submit = l.Pick("提交评审", "Submit review"),
        };
        model["gm"] = new
        {
            show = actions.Contains(QuotationAction.GmDecide),
            label = l.Pick("总经理意见（驳回时必填）", "General manager's comment (required to reject)"),
            approve = l.Pick("批准", "Approve"),
            reject = l.Pick("驳回修改", "Reject for revision"),
        };
        var next = (current?.Number ?? 0) + 1;
        model["editor"] = Editor(
            l,
            typed.Count > 0 ? typed : sheet is null ? new Dictionary<string, string>() : EditorValues(sheet),
            showRequest: false,
            verb: QuotationVerbs.Revise,
            submit: s.Status == QuotationStatus.AwaitingCostSheet ? l.Pick("提交成本核算表，送总经理", "Submit the cost sheet to the general manager") : l.Pick($"提交第 {next} 版", $"Submit version {next}"),
            show: actions.Contains(QuotationAction.Revise),
            title: s.Status == QuotationStatus.AwaitingCostSheet ? CostSheetAfterReview(q, l) : null);
        model["send"] = new
        {
            show = actions.Contains(QuotationAction.RecordSent),
            label = l.Pick("报价单已通过以下方式发给客户", "The quotation was sent to the customer by"),
            choices = new[] { new { title = l.Pick("传真", "Fax"), value = nameof(SendMethod.Fax) }, new { title = l.Pick("电子邮件", "E-mail"), value = nameof(SendMethod.Email) } },
            submit = l.Pick("记录已发送", "Record as sent"),
        };
        model["customer"] = new
        {
            show = actions.Contains(QuotationAction.RecordCustomerAnswer),
            signedByLabel = l.Pick("客户签回人", "Signed by (customer)"),
            signedBy = QuotationInput.Get(typed, "signedBy"),
            signedOnLabel = l.Pick("签回日期", "Signed on"),
            signedOn = QuotationInput.Get(typed, "signedOn"),
            confirm = l.Pick("客户已确认签回", "Customer confirmed and signed"),
            objectionLabel = l.Pick("客户异议（交总经理处理）", "Customer's objection (goes to the general manager)"),
            objection = QuotationInput.Get(typed, "objection"),
            objectSubmit = l.Pick("记录客户异议", "Record the objection"),
        };
        model["decide"] = new
        {
            show = actions.Contains(QuotationAction.DecideObjection),
            label = l.Pick("处理客户异议", "Decision on the objection"),
            choices = Enum.GetValues<ObjectionDecision>()
                .Where(d => !(d == ObjectionDecision.Hold && s.Status == QuotationStatus.OnHold))
                .Select(d => new { title = DecisionText(d, l), value = d.ToString() }).ToArray(),
            noteLabel = l.Pick("说明（不再报价时必填）", "Note (required to decline)"),
            submit = l.Pick("确定", "Decide"),
        };
        model["cancel"] = new
        {
            show = actions.Contains(QuotationAction.Cancel),
            title = l.Pick("取消报价", "Cancel quotation"),
            label = l.Pick("取消原因", "Reason for cancelling"),
            submit = l.Pick("确认取消", "Confirm cancellation"),
        };
        return CardTemplates.Render("quotation", JsonSerializer.SerializeToNode(model, Json));
    }

    public static string StatusText(Quotation q, Language l) => q.Status switch
    {
        QuotationStatus.InContractReview => l.Pick("合同评审中 · 生产、品管、物控", "In contract review · Production, QC, Materials Control"),
        QuotationStatus.AwaitingGmApproval => l.Pick("待总经理批准", "Waiting for the general manager"),
        QuotationStatus.AwaitingCostSheet => l.Pick("合同评审已完成 · 待业务员参照评审填成本核算表", "Contract review done · the salesperson fills in the cost sheet with reference to it"),
        QuotationStatus.ReturnedForRevision => l.Pick("退回业务员修改", "Returned to the salesperson for revision"),
        QuotationStatus.ApprovedToSend => l.Pick("已批准 · 待发给客户", "Approved · to be sent to the customer"),
        QuotationStatus.AwaitingCustomer => l.Pick("已发给客户 · 待客户签回", "Sent · waiting for the customer's signature"),
        QuotationStatus.Confirmed => l.Pick("客户已确认签回", "Confirmed and signed by the customer"),
        QuotationStatus.ObjectionRaised => l.Pick("客户有异议 · 待总经理处理", "Customer objects · the general manager decides"),
        QuotationStatus.OnHold => l.Pick("总经理暂缓", "On hold by the general manager"),
        QuotationStatus.Declined => l.Pick("总经理决定不再报价", "Declined by the general manager"),
        _ => l.Pick("已取消：", "Cancelled: ") + CardText.Escape(q.State.CancelReason, 200),
    };

    /// <summary>The line posted in the thread for what happened.</summary>
    public static string HistoryLine(QuotationEvent e, Language l) =>
        $"{CardText.Escape(e.By.Name, 60)} {HistoryText(new HistoryEntry(e.At, e.By.Name, e.Action, e switch
        {
            ContractReviewed r => $"{SeatDepartment(r.SeatKey, l)}{l.Pick("：", ": ")}{FeasibilityText(r.Feasibility, l)}" + (r.Note is null ? string.Empty : " — " + r.Note),
            GmDecided g => g.Comment,
            CostSheetRevised v => l.Pick($"第 {v.Version} 版", $"version {v.Version}") + (v.Note is null ? string.Empty : " — " + v.Note),
            QuotationSentToCustomer t => t.Method == SendMethod.Fax ? l.Pick("传真", "fax") : l.Pick("电子邮件", "e-mail"),
            CustomerConfirmed c => c.SignedBy,
            CustomerObjected o => o.Text,
            ObjectionDecided d => DecisionText(d.Decision, l) + (d.Note is null ? string.Empty : " — " + d.Note),
            QuotationCancelled c => c.Reason,
            Domain.Quotations.ServiceLevelNoticed n => n.Names,
            _ => null,
        }), l)} → {StatusText(e.StatusAfter, l)}";

    public static string CostSheetName(Language l) => l.Pick("成本核算表", "Cost Calculation Sheet");

    public static string CategoryName(CostCategory c, Language l) => c switch
    {
        CostCategory.Material => l.Pick("纸张/材料", "Paper / material"),
        CostCategory.Plates => l.Pick("制版", "Plates"),
        CostCategory.Printing => l.Pick("印刷", "Printing"),
        CostCategory.Finishing => l.Pick("后加工", "Finishing"),
        CostCategory.Packaging => l.Pick("包装", "Packaging"),
        CostCategory.Freight => l.Pick("运费", "Freight"),
        _ => l.Pick("其他", "Other"),
    };

    public static string FeasibilityText(Feasibility f, Language l) => f switch
    {
        Feasibility.Feasible => l.Pick("可行", "Feasible"),
        Feasibility.FeasibleWithConditions => l.Pick("有条件可行", "Feasible with conditions"),
        _ => l.Pick("不可行", "Not feasible"),
    };

    public static string DecisionText(ObjectionDecision d, Language l) => d switch
    {
        ObjectionDecision.Revise => l.Pick("修改报价", "Revise the quotation"),
        ObjectionDecision.Hold => l.Pick("暂缓", "Hold"),
        _ => l.Pick("不再报价", "Decline"),
    };

    /// <summary>A field problem as a sentence naming the field, in the user's language.</summary>
    public static string ProblemText(FieldProblem p, Language l) => FieldProblems.Text(p, l, FieldName(p.Field, l));

    public static string FieldName(string field, Language l)
    {
        foreach (var c in Enum.GetValues<CostCategory>())
        {
            if (field == QuotationInput.FixedId(c))
            {
                return CategoryName(c, l) + l.Pick("·固定", " · fixed");
            }

            if (field == QuotationInput.UnitId(c))
            {
                return CategoryName(c, l) + l.Pick("·每件", " · per piece");
            }

            if (field == QuotationInput.DescriptionId(c))
            {
                return CategoryName(c, l) + l.Pick("·说明", " · description");
            }
        }

        return field switch
        {
            QuotationInput.Customer => l.Pick("客户", "Customer"),
            QuotationInput.Product => l.Pick("产品", "Product"),
            QuotationInput.Specification => l.Pick("规格", "Specification"),
            QuotationInput.Path => l.Pick("类别", "Type"),
            QuotationInput.Special => l.Pick("特殊要求", "Special requirement"),
            QuotationInput.Evaluation => l.Pick("客户要求评估", "Evaluation of the requirements"),
            QuotationInput.Quantities => l.Pick("报价数量", "Quantities"),
            QuotationInput.Margin => l.Pick("利润率 %", "Margin %"),
            "lines" => l.Pick("成本项目", "Cost lines"),
            _ => field,
        };
    }

    private static Dictionary<string, object?> BaseModel(Language l, Banner? banner, string id, long version, IReadOnlyList<string> userIds) => new()
    {
        ["id"] = id,
        ["version"] = version,
        ["draft"] = string.Empty,
        ["record"] = new { show = id.Length > 0, title = l.Pick("📄 记录与 PDF", "📄 Record and PDF") },
        ["refreshTitle"] = l.Pick("刷新", "Refresh"),
        ["showCosts"] = false,

        // The card's verbs come from the step table's constants: the template names none of its own.
        ["verbs"] = new { review = QuotationVerbs.Review, approve = QuotationVerbs.Approve, reject = QuotationVerbs.Reject, sent = QuotationVerbs.Sent, confirm = QuotationVerbs.Confirm, @object = QuotationVerbs.Object, decide = QuotationVerbs.Decide, cancel = QuotationVerbs.Cancel },
        ["userIds"] = userIds.Take(60).ToArray(),
        ["hasBanner"] = banner is not null,
        ["banner"] = banner?.Text ?? string.Empty,
        ["bannerColor"] = banner is { IsError: true } ? "Attention" : "Good",
        ["hasRecord"] = false,
        ["facts"] = Array.Empty<object>(),
        ["costTitle"] = string.Empty,
        ["costHeader"] = new { category = string.Empty, fixedCost = string.Empty, unitCost = string.Empty },
        ["costRows"] = Array.Empty<object>(),
        ["marginText"] = string.Empty,
        ["priceTitle"] = string.Empty,
        ["priceHeader"] = new { quantity = string.Empty, cost = string.Empty, unitPrice = string.Empty, total = string.Empty },
        ["prices"] = Array.Empty<object>(),
        ["roundingNote"] = string.Empty,
        ["hasReview"] = false,
        ["reviewTitle"] = string.Empty,
        ["reviewLines"] = Array.Empty<object>(),
        ["hasDecisions"] = false,
        ["decisionsTitle"] = string.Empty,
        ["decisionLines"] = Array.Empty<object>(),
        ["historyTitle"] = string.Empty,
        ["history"] = Array.Empty<object>(),
        ["review"] = new { show = false },
        ["gm"] = new { show = false },
        ["send"] = new { show = false },
        ["customer"] = new { show = false },
        ["decide"] = new { show = false },
        ["cancel"] = new { show = false },
    };

    /// <summary>The department a contract-review seat signs for (生产部 / Production …).</summary>
    private static string SeatDepartment(string seatKey, Language l) =>
        ContractReview.Seats.FirstOrDefault(seat => seat.Key == seatKey)?.Position.HomeDepartment()?.Name(l) ?? seatKey;

    /// <summary>The cost-sheet step after the contract review names what the review asked for, so the salesperson prices it (4.1.3.2).</summary>
    private static string CostSheetAfterReview(Quotation q, Language l)
    {
        var conditions = (q.CurrentReview?.Answers ?? []).Where(a => a.Feasibility == Feasibility.FeasibleWithConditions && a.Note is not null)
            .Select(a => $"{SeatDepartment(a.SeatKey, l)}：{CardText.Escape(a.Note, 300)}").ToList();
        return l.Pick("填写成本核算表（参照合同评审）", "Fill in the cost sheet (with reference to the contract review)")
            + (conditions.Count == 0 ? string.Empty : l.Pick(" — 评审条件：", " — the review's conditions: ") + string.Join(l.Pick("；", "; "), conditions));
    }

    private static object Editor(Language l, IReadOnlyDictionary<string, string> values, bool showRequest, string verb, string submit, bool show = true, string? title = null)
    {
        string V(string key) => QuotationInput.Get(values, key);
        return new
        {
            show,
            showRequest,
            title = title ?? (showRequest ? l.Pick("客户要求", "Customer's request") : l.Pick("修改成本核算表", "Revise the cost sheet")),
            customerLabel = l.Pick("客户", "Customer"),
            customer = V(QuotationInput.Customer),
            productLabel = l.Pick("产品", "Product"),
            product = V(QuotationInput.Product),
            specificationLabel = l.Pick("规格（尺寸、材料、印色、工艺）", "Specification (size, material, colours, finishing)"),
            specification = V(QuotationInput.Specification),
            repeatLabel = l.Pick("返单（重复订单）", "Repeat order (返单)"),
            repeat = V(QuotationInput.RepeatOrder) is { Length: > 0 } r ? r : "false",
            pathLabel = l.Pick("类别", "Type"),
            paths = new[]
            {
                new { title = l.Pick("一般新单/返单：直接送总经理批准", "Ordinary new or repeat order: straight to the GM"), value = QuotationInput.Ordinary },
                new { title = l.Pick("新工艺/特殊要求：先合同评审（生产、品管、物控）", "New process / special requirement: contract review first"), value = QuotationInput.SpecialRequirement },
            },
            path = V(QuotationInput.Path) is { Length: > 0 } p ? p : QuotationInput.Ordinary,
            specialLabel = l.Pick("特殊要求（选“新工艺/特殊要求”时必填）", "Special requirement (required for the special path)"),
            special = V(QuotationInput.Special),
            evaluationLabel = l.Pick("客户要求评估（业务经理或业务员：能否满足、如何满足）", "Evaluation of the customer's requirements (sales manager or salesperson: can we meet them, how)"),
            evaluation = V(QuotationInput.Evaluation),
            quantitiesLabel = l.Pick("报价数量（件，最多 5 个，用空格或逗号分开）", "Quantities (pieces, up to 5, separated by spaces or commas)"),
            quantities = V(QuotationInput.Quantities),
            costTitle = l.Pick("成本（元）：固定 = 与数量无关（制版、开机）；每件 = 随数量变化", "Costs (CNY): fixed = independent of quantity (plates, make-ready); per piece = per unit"),
            lines = Enum.GetValues<CostCategory>().Select(c => new
            {
                label = CategoryName(c, l),
                fixedId = QuotationInput.FixedId(c),
                fixedLabel = CategoryName(c, l) + l.Pick("·固定", " · fixed"),
                fixedValue = V(QuotationInput.FixedId(c)),
                unitId = QuotationInput.UnitId(c),
                unitLabel = CategoryName(c, l) + l.Pick("·每件", " · per piece"),
                unitValue = V(QuotationInput.UnitId(c)),
                descId = QuotationInput.DescriptionId(c),
                descLabel = CategoryName(c, l) + l.Pick("·说明", " · description"),
                descValue = V(QuotationInput.DescriptionId(c)),
            }).ToArray(),
            marginLabel = l.Pick("利润率 %（按成本加成）", "Margin % (on cost)"),
            margin = V(QuotationInput.Margin),
            noteLabel = l.Pick("修改说明", "What changed"),
            note = V(QuotationInput.Note),
            verb,
            submit,
        };
    }

    private static Dictionary<string, string> EditorValues(CostSheet sheet)
    {
        var values = new Dictionary<string, string>
        {
            [QuotationInput.Margin] = sheet.MarginPercent.ToString("0.##", CultureInfo.InvariantCulture),
            [QuotationInput.Quantities] = string.Join(" ", sheet.Quantities.Select(q => q.ToString(CultureInfo.InvariantCulture))),
        };
        foreach (var line in sheet.Lines)
        {
            values[QuotationInput.FixedId(line.Category)] = line.FixedCost.ToString("0.##", CultureInfo.InvariantCulture);
            values[QuotationInput.UnitId(line.Category)] = line.UnitCost.ToString("0.####", CultureInfo.InvariantCulture);
            values[QuotationInput.DescriptionId(line.Category)] = line.Description ?? string.Empty;
        }

        return values;
    }

    private static List<object> ReviewLines(Quotation q, Language l)
    {
        var lines = new List<object>();
        if (q.CurrentReview is not { } round)
        {
            return lines;
        }

        foreach (var seat in ContractReview.Seats)
        {
            var answer = round.Answers.FirstOrDefault(a => a.SeatKey == seat.Key);
            var text = answer is null
                ? (q.Status == QuotationStatus.InContractReview ? l.Pick("⏳ 等待中", "⏳ waiting") : "—")
                : $"{(answer.Feasibility == Feasibility.NotFeasible ? "❌" : answer.Feasibility == Feasibility.Feasible ? "✅" : "⚠️")} {FeasibilityText(answer.Feasibility, l)} · {CardText.Escape(answer.By.Name, 60)}，{Time(answer.At, full: false)}{Comment(answer.Note, l)}";
            lines.Add(new { text = $"{seat.Position.HomeDepartment()?.Name(l)}（{seat.Position.Name(l)}）：{text}" });
        }

        return lines;
    }

    private static List<object> DecisionLines(Quotation q, Language l)
    {
        var s = q.State;
        var lines = new List<object>();
        foreach (var d in s.GmDecisions)
        {
            var verdict = d.Approved ? l.Pick("✅ 总经理批准", "✅ GM approved") : l.Pick("❌ 总经理驳回", "❌ GM rejected");
            lines.Add(new { text = $"{verdict}{l.Pick($"第 {d.ForVersion} 版", $" version {d.ForVersion}")} · {CardText.Escape(d.By.Name, 60)}，{Time(d.At, full: false)}{Comment(d.Comment, l)}" });
        }

        if (s.Sent is { } sent)
        {
            lines.Add(new { text = $"{(sent.Method == SendMethod.Fax ? "📠" : "📧")} {l.Pick("已发给客户", "Sent to the customer")}（{(sent.Method == SendMethod.Fax ? l.Pick("传真", "fax") : l.Pick("电子邮件", "e-mail"))}）· {CardText.Escape(sent.By.Name, 60)}，{Time(sent.At, full: false)}" });
        }

        foreach (var o in s.Objections)
        {
            lines.Add(new { text = $"⚠️ {l.Pick("客户异议", "Customer objection")}：{CardText.Escape(o.Text, 500)}" });
            if (o.Decision is { } decision)
            {
                lines.Add(new { text = $"　{l.Pick("总经理决定", "GM decided")}：{DecisionText(decision, l)} · {CardText.Escape(o.DecidedBy?.Name, 60)}{Comment(o.DecisionNote, l)}" });
            }
        }

        if (s.Confirmation is { } c)
        {
            lines.Add(new { text = $"✍️ {l.Pick("客户签回", "Signed by the customer")}：{CardText.Escape(c.SignedBy, 100)}，{c.SignedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}（{l.Pick("记录人", "recorded by")} {CardText.Escape(c.RecordedBy.Name, 60)}）" });
        }

        return lines;
    }

    private static string StatusText(QuotationStatus status, Language l) => StatusText(
        Quotation.FromState(new QuotationState { Status = status, Request = new QuotationRequest(string.Empty, string.Empty, string.Empty, false, QuotationPath.Ordinary, null) }),
        l);

    private static string HistoryText(HistoryEntry h, Language l) => h.Action switch
    {
        QuotationEventNames.Started => l.Pick("发起报价", "started the quotation"),
        QuotationEventNames.Reviewed => l.Pick("提交评审", "reviewed") + Comment(Reviewed(h.Comment, l), l),
        QuotationEventNames.GmApproved => l.Pick("批准", "approved") + Comment(h.Comment, l),
        QuotationEventNames.GmRejected => l.Pick("驳回", "rejected") + Comment(h.Comment, l),
        QuotationEventNames.Revised => l.Pick("修改成本核算表", "revised the cost sheet") + Comment(h.Comment, l),
        QuotationEventNames.Sent => l.Pick("已发给客户", "sent it to the customer") + Comment(h.Comment, l),
        QuotationEventNames.CustomerConfirmed => l.Pick("记录客户签回", "recorded the customer's signature") + Comment(h.Comment, l),
        QuotationEventNames.CustomerObjected => l.Pick("记录客户异议", "recorded the customer's objection") + Comment(h.Comment, l),
        QuotationEventNames.ObjectionDecided => l.Pick("处理异议", "decided on the objection") + Comment(h.Comment, l),
        QuotationEventNames.Cancelled => l.Pick("取消", "cancelled") + Comment(h.Comment, l),
        FormEvents.SlaReminder => l.Pick("⏰ 提醒：此步骤已超过时限，请处理", "⏰ Reminder: this step is past its time limit — please act") + Comment(h.Comment, l),
        FormEvents.SlaEscalated => l.Pick("⏫ 已升级给主管", "⏫ Escalated to the manager") + Comment(h.Comment, l),
        FormEvents.SlaEscalatedToGm => l.Pick("⏫ 已升级给总经理", "⏫ Escalated to the general manager") + Comment(h.Comment, l),
        _ => h.Action,
    };

    /// <summary>A review's history line is stored as "[qc] FeasibleWithConditions — note": the department and the conclusion in the reader's words (older lines hold the note alone).</summary>
    private static string? Reviewed(string? stored, Language l)
    {
        var m = stored is null ? null : System.Text.RegularExpressions.Regex.Match(stored, @"^\[(?<seat>[a-z]+)\] (?<f>[A-Za-z]+)(?: — (?<note>.*))?$", System.Text.RegularExpressions.RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        return m is { Success: true } && Enum.TryParse<Feasibility>(m.Groups["f"].Value, out var f)
            ? $"{SeatDepartment(m.Groups["seat"].Value, l)}{l.Pick("：", ": ")}{FeasibilityText(f, l)}" + (m.Groups["note"].Success ? " — " + m.Groups["note"].Value : string.Empty)
            : stored;
    }

    private static string PathText(QuotationRequest r, Language l) =>
        (r.Path == QuotationPath.SpecialRequirement ? l.Pick("新工艺/特殊要求", "New process / special requirement") : l.Pick("一般新单", "Ordinary new order"))
        + (r.IsRepeatOrder ? l.Pick(" · 返单", " · repeat order") : string.Empty);

    private static object Fact(string label, string value) => new { label, value };

    private static string Money(decimal value) => "¥" + value.ToString("N2", CultureInfo.InvariantCulture);

    private static string UnitMoney(decimal value) => "¥" + value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Comment(string? comment, Language l) =>
        string.IsNullOrWhiteSpace(comment) ? string.Empty : l.Pick("：", ": ") + CardText.Escape(comment, 300);

    private static string Time(DateTimeOffset at, bool full) =>
        TimeZoneInfo.ConvertTime(at, BusinessCalendar.FactoryZone).ToString(full ? "yyyy-MM-dd HH:mm" : "MM-dd HH:mm", CultureInfo.InvariantCulture);
}
