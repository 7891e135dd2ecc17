using System.Globalization;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Returns;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>What the Customer Return shows: its cards and their texts, in both languages.</summary>
public sealed partial class CustomerReturnRunner
{
    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    protected override FormCard NewFormCard(object parent, Language l, string draft, IReadOnlyDictionary<string, string> typed)
    {
        var p = (ReturnParent)parent;
        string V(string key) => QuotationInput.Get(typed, key);
        return new FormCard(
            string.Empty,
            0,
            $"{CustomerReturn.Name(l)} · {p.Source.DeliveryNote ?? p.Source.Notice}",
            $"{CardText.Escape(p.Source.CustomerName, 100)} · {CardText.Escape(p.Source.Product, 100)}",
            p.Complaint is { } cc
                ? l.Pick($"挂在投诉 {cc} 的改善措施下。仓储点收后品管检验。", $"Under complaint {cc} and its corrective action. The warehouse counts it, then QC inspects.")
                : l.Pick("没有写投诉编号：登记后自动给品管开一张改善措施表。仓储点收后品管检验。", "No complaint named: a corrective action is opened for QC when it is registered. The warehouse counts it, then QC inspects."),
            "Accent",
            [
                (l.Pick("客户", "Customer"), CardText.Escape(p.Source.CustomerName, 100)),
                (l.Pick("出货", "Shipped"), $"{p.Source.DeliveryNote ?? p.Source.Notice} · {N(p.Source.Shipped)}"),
            ],
            [],
            [],
            h => h.Action,
            [new FormPanel(
                l.Pick("客户退货", "What the customer returns"),
                [
                    new FormInput("quantity", l.Pick($"退货数量（出货 {N(p.Source.Shipped)}）", $"Quantity returned (of {N(p.Source.Shipped)} shipped)"), InputKind.Text, V("quantity"), MaxLength: 12),
                    new FormInput("reason", l.Pick("退货原因", "Why the customer returns it"), InputKind.MultilineText, V("reason")),
                    new FormInput("files", l.Pick("照片或文件链接（每行一个，https://…，可选）", "Links to photos or files (one per line, https://…, optional)"), InputKind.MultilineText, V("files"), MaxLength: 5000),
                ],
                [new FormButton(ReturnVerbs.Start, l.Pick("登记退货，通知仓储点收", "Register it; the warehouse counts it"))])],
            Draft: draft,
            Parent: (p.Source.DeliveryNote ?? p.Source.Notice ?? string.Empty) + (p.Complaint is null ? string.Empty : " " + p.Complaint));
    }

    protected override FormCard Card(CustomerReturn form, Language l, IReadOnlySet<string> verbs, IReadOnlyDictionary<string, string> typed)
    {
        var s = form.State;
        string V(string key) => QuotationInput.Get(typed, key);
        var facts = new List<(string, string)>
        {
            (l.Pick("客户", "Customer"), CardText.Escape(s.Source.CustomerName, 100)),
            (l.Pick("产品", "Product"), CardText.Escape(s.Source.Product, 100)),
            (l.Pick("出货", "Shipped"), string.Join(" · ", new[] { s.Source.DeliveryNote, s.Source.Notice }.OfType<string>()) + $" · {N(s.Source.Shipped)}"),
            (l.Pick("退货数量", "Returned"), s.Receipt is { } r
                ? l.Pick($"通知 {N(s.Announced)}，点收 {N(r.Received)}（{FormCardView.Date(r.ReceivedOn)}，{CardText.Escape(r.By.Name, 60)}）", $"announced {N(s.Announced)}, counted {N(r.Received)} ({FormCardView.Date(r.ReceivedOn)}, {CardText.Escape(r.By.Name, 60)})") + (r.Note is { } n ? "：" + CardText.Escape(n, 200) : string.Empty)
                : l.Pick($"通知 {N(s.Announced)}，待仓储点收", $"announced {N(s.Announced)}, not yet counted")),
            (l.Pick("退货原因", "Reason"), CardText.Escape(s.Reason, 500)),
            (l.Pick("投诉 / 改善措施", "Complaint / corrective action"), s.Complaint ?? l.Pick("⏳ 正在为品管开改善措施表", "⏳ a corrective action is being opened for QC")),
            (l.Pick("登记人", "Registered by"), CardText.Escape(s.Originator.Name, 80)),
        };
        if (s.Inspection is { } inspection)
        {
            facts.Add((l.Pick("品管检验", "QC's findings"), $"{CardText.Escape(inspection.Findings, 500)} — {CardText.Escape(inspection.By.Name, 60)}, {FormCardView.Time(inspection.At, full: false)}"));
        }

        var sections = new List<FormSection>
        {
            new(l.Pick("照片或文件", "Photos or files"), s.Files.Select(f => $"[{CardText.Escape(ShortLink(f), 80)}]({f})").ToList()),
            new(l.Pick("处理（品管决定）", "Dispositions (QC's decision)"), s.Dispositions.Select(d => LineText(d, l)).ToList()),
        };

        var panels = new List<FormPanel>();
        if (verbs.Contains(ReturnVerbs.Receive))
        {
            panels.Add(new FormPanel(
                l.Pick("仓储：点收退货", "Warehouse: receive and count"),
                [
                    new FormInput("received", l.Pick($"实收数量（通知 {N(s.Announced)}）", $"Counted (announced {N(s.Announced)})"), InputKind.Text, V("received"), MaxLength: 12),
                    new FormInput("receivedOn", l.Pick("收货日期", "Received on"), InputKind.Date, V("receivedOn") is { Length: > 0 } d ? d : FormCardView.Date(FactoryToday(Services.Time.GetUtcNow()))),
                    new FormInput("receiptNote", l.Pick("说明（与通知数量不同时必填）", "Note (required when the count differs)"), InputKind.MultilineText, V("receiptNote")),
                ],
                [new FormButton(ReturnVerbs.Receive, l.Pick("已点收，送品管检验", "Counted; QC inspects"))]));
        }

        if (verbs.Contains(ReturnVerbs.Decide))
        {
            var inputs = new List<FormInput> { new("findings", l.Pick("检验结果", "What QC found"), InputKind.MultilineText, V("findings")) };
            for (var i = 1; i <= 3; i++)
            {
                inputs.Add(new FormInput($"d{i}Kind", l.Pick($"处理 {i}", $"Disposition {i}"), InputKind.Choice, V($"d{i}Kind") is { Length: > 0 } k ? k : (i == 1 ? nameof(Disposition.Rework) : nameof(Disposition.Scrap)), Enum.GetValues<Disposition>().Select(x => (DispositionName(x, l), x.ToString())).ToList()));
                inputs.Add(new FormInput($"d{i}Quantity", l.Pick($"数量 {i}" + (i == 1 ? $"（合计须等于点收的 {N(s.Receipt!.Received)}）" : "（可空）"), $"Quantity {i}" + (i == 1 ? $" (all lines add up to the {N(s.Receipt!.Received)} counted)" : " (optional)")), InputKind.Text, V($"d{i}Quantity"), MaxLength: 12));
                inputs.Add(new FormInput($"d{i}Reason", l.Pick($"说明 {i}（退回客户时必填：告诉客户的理由）", $"Note {i} (for a send-back: the reason the customer is given)"), InputKind.Text, V($"d{i}Reason"), MaxLength: StepForm<CustomerReturnState>.MaxTextLength));
            }

            panels.Add(new FormPanel(l.Pick("品管：检验并决定处理", "QC: inspect and decide"), inputs, [new FormButton(ReturnVerbs.Decide, l.Pick("提交处理决定", "Decide"))]));
        }

        if (verbs.Contains(ReturnVerbs.CarryOut))
        {
            var mine = form.Pending().ToList();
            panels.Add(new FormPanel(
                l.Pick("执行处理", "Carry out a disposition"),
                [
                    new FormInput("line", l.Pick("哪一项", "Which"), InputKind.Choice, V("line") is { Length: > 0 } line ? line : mine[0].No.ToString(CultureInfo.InvariantCulture), mine.Select(d => ($"#{d.No} {DispositionName(d.Kind, l)} {N(d.Quantity)} · {CustomerReturn.CarriedOutBy(d.Kind).Name(l)}", d.No.ToString(CultureInfo.InvariantCulture))).ToList()),
                    new FormInput("doneNote", l.Pick("做了什么（返工、报废、退回、入库时必填；入库写库位）", "What was done (required for rework, scrap, send-back, restock; for restock the location)"), InputKind.MultilineText, V("doneNote")),
                    new FormInput("replacement", l.Pick("补货的生产通知单或送货单号（补货时必填）", "Replacement notice or Delivery Note (for a replacement)"), InputKind.Text, V("replacement"), MaxLength: 20),
                    new FormInput("amount", l.Pick($"折让金额 CNY（折让时必填；超过 {options.Value.CreditApprovalAbove.ToString("N0", CultureInfo.InvariantCulture)} 须总经理批准）", $"Credit in CNY (for a credit; above {options.Value.CreditApprovalAbove.ToString("N0", CultureInfo.InvariantCulture)} the GM approves)"), InputKind.Text, V("amount"), MaxLength: 16),
                ],
                [new FormButton(ReturnVerbs.CarryOut, l.Pick("已执行", "Done"))]));
        }

        if (verbs.Contains(ReturnVerbs.ApproveCredit))
        {
            var credit = s.Dispositions.First(d => d.AwaitsGm);
            panels.Add(new FormPanel(
                l.Pick($"总经理：折让 CNY {credit.Done!.Amount!.Value.ToString("N2", CultureInfo.InvariantCulture)}", $"General manager: a credit of CNY {credit.Done!.Amount!.Value.ToString("N2", CultureInfo.InvariantCulture)}"),
                [new FormInput("creditComment", l.Pick("意见（不批准时必填）", "Comment (required to refuse)"), InputKind.MultilineText, V("creditComment"))],
                [new FormButton(ReturnVerbs.ApproveCredit, l.Pick("批准折让", "Approve the credit")), new FormButton(ReturnVerbs.RefuseCredit, l.Pick("不批准", "Refuse"), "destructive")]));
        }

        return new FormCard(
            s.Id,
            s.Version,
            $"{CustomerReturn.Name(l)} {s.Id}",
            $"{CardText.Escape(s.Source.CustomerName, 100)} · {CardText.Escape(s.Source.Product, 100)} · {N(form.Returned)}",
            StatusText(form, l),
            s.Status switch
            {
                ReturnStatus.Closed => "Good",
                ReturnStatus.Cancelled => "Attention",
                _ => "Warning",
            },
            facts,
            sections,
            s.History,
            h => Describe(h, l),
            panels,
            CancelVerb: verbs.Contains(ReturnVerbs.Cancel) ? ReturnVerbs.Cancel : null);
    }

    private static string ShortLink(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host + (uri.AbsolutePath.Length > 1 ? "/…/" + uri.Segments[^1] : string.Empty) : url;

    private static string LineText(DispositionLine d, Language l)
    {
        var head = $"#{d.No} {DispositionName(d.Kind, l)} {N(d.Quantity)}" + (d.Reason is { } r ? "：" + CardText.Escape(r, 200) : string.Empty);
        if (d.Done is not { } done)
        {
            return $"⏳ {head} — {l.Pick("待", "waiting for ")}{CustomerReturn.CarriedOutBy(d.Kind).Name(l)}";
        }

        var what = string.Join(" · ", new[] { done.Reference, done.Amount is { } a ? "CNY " + a.ToString("N2", CultureInfo.InvariantCulture) : null, done.Note is { } n ? CardText.Escape(n, 200) : null }.OfType<string>());
        var gm = d.AwaitsGm ? l.Pick(" · ⏳ 待总经理批准", " · ⏳ waiting for the GM")
            : d.Credit is { } c ? (c.Approved ? l.Pick(" · 总经理已批准", " · approved by the GM") : l.Pick(" · 总经理不批准：", " · refused by the GM: ") + CardText.Escape(c.Comment, 200))
            : string.Empty;
        return $"✅ {head} — {what} ({CardText.Escape(done.By.Name, 60)}, {FormCardView.Time(done.At, full: false)}){gm}";
    }

    public static string DispositionName(Disposition kind, Language l) => kind switch
    {
        Disposition.Rework => l.Pick("返工", "Rework"),
        Disposition.Replace => l.Pick("补货", "Replace"),
        Disposition.Credit => l.Pick("折让", "Credit"),
        Disposition.Scrap => l.Pick("报废", "Scrap"),
        Disposition.SendBack => l.Pick("退回客户", "Send back"),
        _ => l.Pick("良品入库", "Restock (good)"),
    };

    private static string StatusText(CustomerReturn form, Language l) => form.Status switch
    {
        ReturnStatus.AwaitingReceipt => l.Pick("待仓储点收", "Waiting for the warehouse to count it"),
        ReturnStatus.AwaitingInspection => l.Pick("待品管检验", "Waiting for QC's inspection"),
        ReturnStatus.AwaitingDisposition when form.CreditAwaitsGm => l.Pick("处理中：折让待总经理批准", "Being carried out: a credit waits for the GM"),
        ReturnStatus.AwaitingDisposition => l.Pick($"处理中：还有 {form.Pending().Count} 项待执行", $"Being carried out: {form.Pending().Count} to do"),
        ReturnStatus.Closed => l.Pick("已结案", "Closed"),
        _ => l.Pick("已取消：", "Cancelled: ") + CardText.Escape(form.State.CancelReason, 200),
    };

    protected override string FieldName(string field, Language l) => field switch
    {
        "quantity" => l.Pick("退货数量（不能超过出货数量）", "Quantity returned (at most what was shipped)"),
        "reason" => l.Pick("退货原因", "Reason"),
        "files" => l.Pick("照片或文件链接（https://…）", "Links to photos or files (https://…)"),
        "received" => l.Pick("实收数量", "Counted"),
        "receivedOn" => l.Pick("收货日期", "Received on"),
        "receiptNote" => l.Pick("点收说明", "Note on the count"),
        "findings" => l.Pick("检验结果", "What QC found"),
        "dispositions" => l.Pick("处理", "Dispositions"),
        "sendBackReason" => l.Pick("退回客户的理由", "The reason for a send-back"),
        "line" => l.Pick("哪一项", "Which"),
        "doneNote" => l.Pick("做了什么", "What was done"),
        "replacement" => l.Pick("补货的生产通知单或送货单号", "Replacement notice or Delivery Note"),
        "amount" => l.Pick("折让金额", "Credit amount"),
        _ => field,
    };

    protected override string Done(FormEvent e, Language l) => e.Action switch
    {
        ReturnEvents.Registered => l.Pick("退货已登记，请仓储点收。", "Return registered; the warehouse counts it next."),
        ReturnEvents.Received => l.Pick("已点收，送品管检验。", "Counted; QC inspects it next."),
        ReturnEvents.Decided => l.Pick("处理已决定，请各部门执行。", "Decided; each department carries out its part."),
        ReturnEvents.CarriedOut when e.Detail?.GetValueOrDefault("gm") == "true" => l.Pick("已记录，折让待总经理批准。", "Recorded; the credit waits for the general manager."),
        ReturnEvents.CarriedOut => l.Pick("已记录。", "Recorded."),
        ReturnEvents.CreditApproved => l.Pick("折让已批准。", "Credit approved."),
        ReturnEvents.CreditRefused => l.Pick("折让不批准，已记录。", "Credit refused; recorded."),
        ReturnEvents.Cancelled => l.Pick("退货单已取消。", "The return is cancelled."),
        _ => l.Pick("已记录。", "Recorded."),
    };

    protected override string HistoryText(HistoryEntry h, Language l) => (h.Action switch
    {
        ReturnEvents.Registered => l.Pick("登记退货", "registered the return"),
        ReturnEvents.ComplaintLinked => l.Pick("开出改善措施表", "opened the corrective action"),
        ReturnEvents.Received => l.Pick("点收", "counted it"),
        ReturnEvents.Decided => l.Pick("检验并决定处理", "inspected it and decided"),
        ReturnEvents.CarriedOut => l.Pick("执行处理", "carried out"),
        ReturnEvents.CreditApproved => l.Pick("批准折让", "approved the credit"),
        ReturnEvents.CreditRefused => l.Pick("不批准折让", "refused the credit"),
        ReturnEvents.Closed => l.Pick("结案", "closed"),
        ReturnEvents.Cancelled => l.Pick("取消", "cancelled"),
        _ => h.Action,
    }) + (string.IsNullOrWhiteSpace(h.Comment) ? string.Empty : l.Pick("：", ": ") + CardText.Escape(h.Comment, 300));
}
