using System.Globalization;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Domain.Samples;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>What the SampleOrder form shows: its cards and their texts, in both languages.</summary>
public sealed partial class SampleOrderRunner
{
    protected override FormCard NewFormCard(object parent, Language l, string draft, IReadOnlyDictionary<string, string> typed)
    {
        var q = (QuotationRef)parent;
        string V(string key) => QuotationInput.Get(typed, key);
        return new FormCard(
            string.Empty,
            0,
            $"{SampleOrder.Name(l)} · {Quotation.Name(l)} {q.Id}",
            $"{CardText.Escape(q.CustomerName, 100)} · {CardText.Escape(q.Product, 100)}",
            l.Pick("填写样品要求，提交后送总经理批准。", "Fill in the samples wanted; submitting sends it to the general manager."),
            "Accent",
            [],
            [],
            [],
            h => h.Action,
            [new FormPanel(
                SampleOrder.Name(l),
                [
                    new FormInput("quantity", l.Pick("样品数量（件）", "Number of samples"), InputKind.Text, V("quantity"), MaxLength: 10),
                    new FormInput("due", l.Pick("交样日期", "Samples due on"), InputKind.Date, V("due")),
                    new FormInput("requirements", l.Pick("样品要求", "Requirements"), InputKind.MultilineText, V("requirements")),
                ],
                [new FormButton(SampleVerbs.Start, l.Pick("提交样品制作单", "Submit sample order"))])],
            Draft: draft,
            Parent: q.Id);
    }

    protected override FormCard Card(SampleOrder form, Language l, IReadOnlySet<string> verbs, IReadOnlyDictionary<string, string> typed)
    {
        var s = form.State;
        string V(string key) => QuotationInput.Get(typed, key);
        var facts = new List<(string, string)>
        {
            (Quotation.Name(l), s.QuotationId),
            (l.Pick("样品数量", "Samples"), s.Quantity.ToString(CultureInfo.InvariantCulture)),
            (l.Pick("交样日期", "Due on"), FormCardView.Date(s.DueDate)),
            (l.Pick("业务员", "Salesperson"), CardText.Escape(s.Originator.Name, 80)),
        };
        if (s.Requirements is { } requirements)
        {
            facts.Add((l.Pick("要求", "Requirements"), CardText.Escape(requirements, 500)));
        }

        var production = s.Made.Select((m, i) => $"{l.Pick($"第 {i + 1} 次完成", $"Made, round {i + 1}")}：{CardText.Escape(m.By.Name, 60)}，{FormCardView.Time(m.At, full: false)}")
            .Concat(s.Checks.Select(c => $"{(c.Ok ? "✅ OK" : "❌ NG")} {l.Pick($"第 {c.Round} 次", $"round {c.Round}")} · {CardText.Escape(c.By.Name, 60)}，{FormCardView.Time(c.At, full: false)}{(c.Note is null ? string.Empty : "：" + CardText.Escape(c.Note, 300))}"))
            .ToList();
        var receipt = new List<string>();
        if (s.Checks.Any(c => c.Ok))
        {
            receipt.Add(Signature(l.Pick("业务跟单员", "Follow-up clerk"), s.ClerkSignature, l));
            receipt.Add(Signature(l.Pick("仓储", "Warehouse"), s.WarehouseSignature, l));
            receipt.Add(s.Delivery is { } d
                ? $"✍️ {l.Pick("客户签收", "Received by the customer")}：{CardText.Escape(d.RecipientName, 100)}，{FormCardView.Date(d.ReceivedOn)}"
                : $"⏳ {l.Pick("客户签收", "Customer's signature")}");
        }

        var panels = new List<FormPanel>();
        if (verbs.Contains(SampleVerbs.Approve))
        {
            panels.Add(new FormPanel(
                l.Pick("总经理批准", "General manager's approval"),
                [new FormInput("comment", l.Pick("意见（驳回时必填）", "Comment (required to reject)"), InputKind.MultilineText, V("comment"))],
                [new FormButton(SampleVerbs.Approve, l.Pick("批准", "Approve")), new FormButton(SampleVerbs.Reject, l.Pick("驳回", "Reject"), "destructive")]));
        }

        if (verbs.Contains(SampleVerbs.Made))
        {
            panels.Add(new FormPanel(l.Pick("生产：样品完成", "Production: samples made"), [new FormInput("note", l.Pick("说明", "Note"), InputKind.MultilineText, V("note"))], [new FormButton(SampleVerbs.Made, l.Pick("样品已完成，交品管", "Samples made; to QC"))]));
        }

        if (verbs.Contains(SampleVerbs.Qc))
        {
            panels.Add(new FormPanel(
                l.Pick("品管确认样品", "QC check of the samples"),
                [
                    new FormInput("check", l.Pick("结论", "Result"), InputKind.Choice, V("check") is { Length: > 0 } c ? c : "ok", [("OK", "ok"), (l.Pick("NG（退回生产）", "NG (back to Production)"), "ng")]),
                    new FormInput("note", l.Pick("说明（NG 必填）", "Note (required for NG)"), InputKind.MultilineText, V("note")),
                ],
                [new FormButton(SampleVerbs.Qc, l.Pick("提交", "Submit"))]));
        }

        if (verbs.Contains(SampleVerbs.ClerkSign))
        {
            panels.Add(new FormPanel(SampleOrder.ReceiptName(l), [], [new FormButton(SampleVerbs.ClerkSign, l.Pick("业务跟单员签收", "Sign as follow-up clerk"))]));
        }

        if (verbs.Contains(SampleVerbs.WarehouseSign))
        {
            panels.Add(new FormPanel(SampleOrder.ReceiptName(l), [], [new FormButton(SampleVerbs.WarehouseSign, l.Pick("仓储签收", "Sign for the warehouse"))]));
        }

        if (verbs.Contains(SampleVerbs.Delivered))
        {
            panels.Add(new FormPanel(
                l.Pick("送样：客户签收", "Delivery: the customer signs"),
                [
                    new FormInput("recipient", l.Pick("客户签收人", "Received by (customer)"), InputKind.Text, V("recipient"), MaxLength: 100),
                    new FormInput("receivedOn", l.Pick("签收日期", "Received on"), InputKind.Date, V("receivedOn")),
                ],
                [new FormButton(SampleVerbs.Delivered, l.Pick("记录客户签收", "Record the customer's signature"))]));
        }

        return new FormCard(
            s.Id,
            s.Version,
            $"{SampleOrder.Name(l)} {s.Id} · {Quotation.Name(l)} {s.QuotationId}",
            $"{CardText.Escape(s.CustomerName, 100)} · {CardText.Escape(s.Product, 100)}",
            StatusText(form, l),
            s.Status switch
            {
                SampleStatus.Delivered => "Good",
                SampleStatus.Rejected or SampleStatus.Cancelled => "Attention",
                _ => "Accent",
            },
            facts,
            [new FormSection(l.Pick("生产与品管", "Production and QC"), production), new FormSection(SampleOrder.ReceiptName(l), receipt)],
            s.History,
            h => Describe(h, l),
            panels,
            CancelVerb: verbs.Contains(SampleVerbs.Cancel) ? SampleVerbs.Cancel : null);
    }

    protected override string FieldName(string field, Language l) => field switch
    {
        "quantity" => l.Pick("样品数量", "Number of samples"),
        "due" => l.Pick("交样日期", "Samples due on"),
        "requirements" => l.Pick("样品要求", "Requirements"),
        "recipient" => l.Pick("客户签收人", "Received by"),
        "receivedOn" => l.Pick("签收日期", "Received on"),
        "check" => l.Pick("结论", "Result"),
        "quotation" => Quotation.Name(l),
        _ => field,
    };

    protected override string Done(FormEvent e, Language l) => e.Action switch
    {
        SampleEvents.Started => l.Pick("样品制作单已提交，送总经理批准。", "Sample order submitted to the general manager."),
        SampleEvents.GmApproved => l.Pick("已批准，送生产部制作样品。", "Approved; Production makes the samples."),
        SampleEvents.GmRejected => l.Pick("已驳回。", "Rejected."),
        SampleEvents.Made => l.Pick("已记录样品完成，交品管确认。", "Recorded as made; QC checks them next."),
        SampleEvents.QcOk => l.Pick("样品 OK，已开出样品签收单。", "Samples OK; the Sample Receipt is issued."),
        SampleEvents.QcNg => l.Pick("样品 NG，已退回生产部。", "Samples NG; back to Production."),
        SampleEvents.ClerkSigned => l.Pick("已签收，交仓储。", "Signed; to the warehouse."),
        SampleEvents.WarehouseSigned => l.Pick("仓储已签收，待送样。", "Signed by the warehouse; to be delivered."),
        SampleEvents.Delivered => l.Pick("客户已签收，样品单完成。", "The customer signed; the sample order is complete."),
        SampleEvents.Cancelled => l.Pick("样品制作单已取消。", "The sample order is cancelled."),
        _ => l.Pick("已完成。", "Done."),
    };

    protected override string HistoryText(HistoryEntry h, Language l)
    {
        var what = h.Action switch
        {
            SampleEvents.Started => l.Pick("开出样品制作单", "issued the sample order"),
            SampleEvents.GmApproved => l.Pick("批准", "approved"),
            SampleEvents.GmRejected => l.Pick("驳回", "rejected"),
            SampleEvents.Made => l.Pick("完成样品", "made the samples"),
            SampleEvents.QcOk => l.Pick("品管确认 OK", "QC: OK"),
            SampleEvents.QcNg => l.Pick("品管判 NG", "QC: NG"),
            SampleEvents.ClerkSigned => l.Pick("业务跟单员签收", "signed as follow-up clerk"),
            SampleEvents.WarehouseSigned => l.Pick("仓储签收", "signed for the warehouse"),
            SampleEvents.Delivered => l.Pick("记录客户签收", "recorded the customer's signature"),
            SampleEvents.Cancelled => l.Pick("取消", "cancelled"),
            _ => h.Action,
        };
        return what + (string.IsNullOrWhiteSpace(h.Comment) ? string.Empty : l.Pick("：", ": ") + CardText.Escape(h.Comment, 300));
    }

    private static string StatusText(SampleOrder form, Language l) => form.Status switch
    {
        SampleStatus.AwaitingGmApproval => l.Pick("待总经理批准", "Waiting for the general manager"),
        SampleStatus.InProduction => l.Pick($"生产部制作中（第 {form.State.Round} 次）", $"Production is making the samples (round {form.State.Round})"),
        SampleStatus.AwaitingQc => l.Pick("待品管确认", "Waiting for QC"),
        SampleStatus.AwaitingClerkSignature => l.Pick("样品签收单：待业务跟单员签收", "Sample Receipt: waiting for the follow-up clerk"),
        SampleStatus.AwaitingWarehouseSignature => l.Pick("样品签收单：待仓储签收", "Sample Receipt: waiting for the warehouse"),
        SampleStatus.AwaitingDelivery => l.Pick("待送样及客户签收", "To be delivered and signed by the customer"),
        SampleStatus.Delivered => l.Pick("客户已签收", "Received and signed by the customer"),
        SampleStatus.Rejected => l.Pick("总经理驳回：", "Rejected by the general manager: ") + CardText.Escape(form.State.GmComment, 200),
        _ => l.Pick("已取消：", "Cancelled: ") + CardText.Escape(form.State.CancelReason, 200),
    };

    private static string Signature(string who, SignOff? signed, Language l) =>
        signed is null ? $"⏳ {who}" : $"✅ {who}：{CardText.Escape(signed.By.Name, 60)}，{FormCardView.Time(signed.At, full: false)}";
}
