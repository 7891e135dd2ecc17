using MingXin.Bot.Domain.Quotations;
using System.Globalization;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Property;
using MingXin.Bot.Presentation;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>What the CustomerProperty form shows: its cards and their texts, in both languages.</summary>
public sealed partial class CustomerPropertyRunner
{
    protected override FormCard NewFormCard(object parent, Language l, string draft, IReadOnlyDictionary<string, string> typed)
    {
        var customer = (Customer)parent;
        string V(string key) => QuotationInput.Get(typed, key);
        return new FormCard(
            string.Empty,
            0,
            CustomerProperty.Name(l),
            CardText.Escape(customer.Label, 120),
            l.Pick("登记客户提供的物料、印版、菲林、稿件或资料；品管验收后入库。", "Record what the customer supplied — materials, plates, films, artwork, data; QC verifies it on receipt."),
            "Accent",
            [(l.Pick("客户", "Customer"), CardText.Escape(customer.Name, 100))],
            [],
            [],
            h => h.Action,
            [new FormPanel(
                l.Pick("收到客供品", "Received from the customer"),
                [
                    new FormInput("item", l.Pick("品名", "Item"), InputKind.Text, V("item"), MaxLength: CustomerProperty.MaxNameLength),
                    new FormInput("type", l.Pick("类别", "Type"), InputKind.Choice, V("type") is { Length: > 0 } t ? t : nameof(PropertyType.Material), Enum.GetValues<PropertyType>().Select(x => (TypeName(x, l), x.ToString())).ToList()),
                    new FormInput("quantity", l.Pick("数量", "Quantity"), InputKind.Text, V("quantity"), MaxLength: 12),
                    new FormInput("unit", l.Pick("单位（张、套、个、份……）", "Unit (sheets, sets, files …)"), InputKind.Text, V("unit"), MaxLength: 20),
                    new FormInput("receivedOn", l.Pick("收到日期", "Received on"), InputKind.Date, V("receivedOn") is { Length: > 0 } d ? d : FormCardView.Date(FactoryToday(Services.Time.GetUtcNow()))),
                    new FormInput("reference", l.Pick("相关单号（可选，如 PN-2026-0001）", "Order or notice (optional, e.g. PN-2026-0001)"), InputKind.Text, V("reference"), MaxLength: 20),
                    new FormInput("note", l.Pick("备注（可选）", "Note (optional)"), InputKind.MultilineText, V("note")),
                ],
                [new FormButton(PropertyVerbs.Start, l.Pick("登记，送品管验收", "Record it; QC verifies"))])],
            Draft: draft,
            Parent: customer.Name);
    }

    protected override FormCard Card(CustomerProperty form, Language l, IReadOnlySet<string> verbs, IReadOnlyDictionary<string, string> typed)
    {
        var s = form.State;
        string V(string key) => QuotationInput.Get(typed, key);
        string Q(int n) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {CardText.Escape(s.Unit, 20)}";
        var facts = new List<(string, string)>
        {
            (l.Pick("客户", "Customer"), CardText.Escape(s.CustomerName, 100)),
            (l.Pick("类别", "Type"), TypeName(s.Type, l)),
            (l.Pick("收到", "Received"), $"{Q(s.Received)} · {FormCardView.Date(s.ReceivedOn)}"),
            (l.Pick("相关单号", "Order / notice"), s.Reference ?? "—"),
            (l.Pick("使用的生产通知单", "Used by Production Notices"), s.UsedBy.Count == 0 ? "—" : string.Join("、", s.UsedBy)),
            (l.Pick("存放位置", "Storage location"), CardText.Escape(s.Location ?? "—", 100)),
            (l.Pick("在库", "Held"), Q(form.Held)),
            (l.Pick("可用", "Usable"), Q(form.Usable)),
            (l.Pick("损坏/不合格待处理", "Damaged or unsuitable, held"), Q(form.Unusable)),
            (l.Pick("登记人", "Recorded by"), CardText.Escape(s.Originator.Name, 80)),
        };
        var sections = new List<FormSection>();
        if (s.Inspection is { } inspection)
        {
            sections.Add(new FormSection(l.Pick("品管验收", "QC verification"), [$"{(inspection.Accepted ? "✅ " + l.Pick("合格", "accepted") : "❌ " + l.Pick("不合格", "not accepted"))} — {CardText.Escape(inspection.By.Name, 60)}, {FormCardView.Time(inspection.At, full: false)}{(inspection.Note is { } n ? ": " + CardText.Escape(n, 300) : string.Empty)}"]));
        }

        sections.Add(new FormSection(
            l.Pick("按生产通知单（领用 / 退回 / 耗用）", "By Production Notice (issued / returned / used)"),
            form.ByNotice().Select(x => $"{x.Notice}: {Q(x.Issued)} / {Q(x.Returned)} / {Q(x.Used)}").ToList()));
        sections.Add(new FormSection(
            l.Pick("收发记录", "Ledger"),
            s.Movements.Select(m => $"#{m.No} {FormCardView.Time(m.At, full: false)} {MovementName(m.Kind, l)} {Q(m.Quantity)}{(m.Notice is null ? string.Empty : " · " + m.Notice)} — {CardText.Escape(m.By.Name, 60)}"
                + (m.Consent is { } c ? l.Pick($"（客户 {CardText.Escape(c.AgreedBy, 60)} {FormCardView.Date(c.AgreedOn)} {FormCardView.Via(c.Via, l)} 同意）", $" (agreed by {CardText.Escape(c.AgreedBy, 60)}, {FormCardView.Date(c.AgreedOn)}, {FormCardView.Via(c.Via, l)})") : string.Empty)
                + (m.Note is { } n ? ": " + CardText.Escape(n, 200) : string.Empty)).ToList()));
        sections.Add(new FormSection(
            l.Pick("已通知客户", "Reported to the customer"),
            s.Reports.Select(r => $"#{r.Movement} → {CardText.Escape(r.ReportedTo, 60)} · {FormCardView.Date(r.ReportedOn)} · {FormCardView.Via(r.Via, l)}: {CardText.Escape(r.Response, 300)} — {CardText.Escape(r.By.Name, 60)}")
                .Concat(form.Unreported().Select(m => l.Pick($"⏳ #{m.No} {MovementName(m.Kind, l)} {Q(m.Quantity)}：待通知客户", $"⏳ #{m.No} {MovementName(m.Kind, l)} {Q(m.Quantity)}: not yet reported to the customer"))).ToList()));

        var panels = new List<FormPanel>();
        if (verbs.Contains(PropertyVerbs.Verify))
        {
            panels.Add(new FormPanel(
                l.Pick("品管验收", "QC verification on receipt"),
                [
                    new FormInput("location", l.Pick("存放位置", "Storage location"), InputKind.Text, V("location"), MaxLength: CustomerProperty.MaxNameLength),
                    new FormInput("inspectionNote", l.Pick("验收说明（不合格时必填）", "Note (required when not accepted)"), InputKind.MultilineText, V("inspectionNote")),
                ],
                [new FormButton(PropertyVerbs.Verify, l.Pick("合格入库", "Accepted")), new FormButton(PropertyVerbs.Reject, l.Pick("不合格", "Not accepted"), "destructive")]));
        }

        if (verbs.Contains(PropertyVerbs.Move))
        {
            var kinds = new[] { MovementKind.Issued, MovementKind.Returned, MovementKind.Lost, MovementKind.Damaged, MovementKind.Unsuitable };
            panels.Add(new FormPanel(
                l.Pick("领用、退回或异常", "Issue, return or a problem"),
                [
                    new FormInput("kind", l.Pick("类别", "What"), InputKind.Choice, V("kind") is { Length: > 0 } k ? k : nameof(MovementKind.Issued), kinds.Select(x => (MovementName(x, l), x.ToString())).ToList()),
                    new FormInput("quantity", l.Pick("数量", "Quantity"), InputKind.Text, V("quantity"), MaxLength: 12),
                    new FormInput("notice", l.Pick("生产通知单号（领用、退回时必填）", "Production Notice (for an issue or a return)"), InputKind.Text, V("notice"), MaxLength: 20),
                    new FormInput("note", l.Pick("说明（遗失、损坏、不合格时必填）", "What happened (required for a loss, damage or unsuitability)"), InputKind.MultilineText, V("note")),
                ],
                [new FormButton(PropertyVerbs.Move, l.Pick("记录", "Record"))]));
        }

        if (verbs.Contains(PropertyVerbs.Report))
        {
            panels.Add(new FormPanel(
                l.Pick("通知客户", "Report to the customer"),
                [
                    new FormInput("incident", l.Pick("事项", "Which"), InputKind.Choice, V("incident") is { Length: > 0 } i ? i : form.Unreported()[0].No.ToString(CultureInfo.InvariantCulture), form.Unreported().Select(m => ($"#{m.No} {MovementName(m.Kind, l)} {Q(m.Quantity)}", m.No.ToString(CultureInfo.InvariantCulture))).ToList()),
                    new FormInput("reportedTo", l.Pick("通知客户的谁", "Told whom at the customer"), InputKind.Text, V("reportedTo"), MaxLength: CustomerProperty.MaxNameLength),
                    new FormInput("reportedOn", l.Pick("通知日期", "When"), InputKind.Date, V("reportedOn") is { Length: > 0 } d ? d : FormCardView.Date(FactoryToday(Services.Time.GetUtcNow()))),
                    new FormInput("reportVia", l.Pick("方式", "How"), InputKind.Choice, V("reportVia") is { Length: > 0 } via ? via : nameof(ContactChannel.Phone), FormCardView.ViaChoices(l)),
                    new FormInput("response", l.Pick("客户的答复", "What the customer said"), InputKind.MultilineText, V("response")),
                ],
                [new FormButton(PropertyVerbs.Report, l.Pick("已通知客户", "Reported"))]));
        }

        if (verbs.Contains(PropertyVerbs.Dispose))
        {
            panels.Add(new FormPanel(
                l.Pick("退还客户或处置（须客户同意）", "Return to the customer or dispose of (with their consent)"),
                [
                    new FormInput("disposeKind", l.Pick("处理方式", "What"), InputKind.Choice, V("disposeKind") is { Length: > 0 } k2 ? k2 : nameof(MovementKind.ReturnedToCustomer), new[] { MovementKind.ReturnedToCustomer, MovementKind.Disposed }.Select(x => (MovementName(x, l), x.ToString())).ToList()),
                    new FormInput("disposeQuantity", l.Pick("数量", "Quantity"), InputKind.Text, V("disposeQuantity"), MaxLength: 12),
                    new FormInput("agreedBy", l.Pick("客户同意人", "Agreed by (customer)"), InputKind.Text, V("agreedBy"), MaxLength: CustomerProperty.MaxNameLength),
                    new FormInput("agreedOn", l.Pick("同意日期", "Agreed on"), InputKind.Date, V("agreedOn") is { Length: > 0 } a ? a : FormCardView.Date(FactoryToday(Services.Time.GetUtcNow()))),
                    new FormInput("disposeVia", l.Pick("方式", "How"), InputKind.Choice, V("disposeVia") is { Length: > 0 } via2 ? via2 : nameof(ContactChannel.Email), FormCardView.ViaChoices(l)),
                    new FormInput("disposeNote", l.Pick("备注（可选）", "Note (optional)"), InputKind.MultilineText, V("disposeNote")),
                ],
                [new FormButton(PropertyVerbs.Dispose, l.Pick("记录", "Record"))]));
        }

        return new FormCard(
            s.Id,
            s.Version,
            $"{CustomerProperty.Name(l)} {s.Id}",
            $"{CardText.Escape(s.CustomerName, 100)} · {CardText.Escape(s.Item, 100)}",
            s.Status switch
            {
                PropertyStatus.AwaitingInspection => l.Pick("待品管验收", "Waiting for QC's verification"),
                PropertyStatus.Held when form.Unreported().Count > 0 => l.Pick("在库：有遗失、损坏或不合格待通知客户", "Held: a loss, damage or unsuitability is to be reported to the customer"),
                PropertyStatus.Held => l.Pick("在库", "Held"),
                PropertyStatus.Closed => l.Pick("已结：全部退还或处置", "Closed: all returned or disposed of"),
                _ => l.Pick("已取消：", "Cancelled: ") + CardText.Escape(s.CancelReason, 200),
            },
            s.Status == PropertyStatus.Closed ? "Good" : s.Status == PropertyStatus.Cancelled || form.Unreported().Count > 0 ? "Attention" : "Accent",
            facts,
            sections,
            s.History,
            h => Describe(h, l),
            panels,
            CancelVerb: verbs.Contains(PropertyVerbs.Cancel) ? PropertyVerbs.Cancel : null);
    }

    protected override string FieldName(string field, Language l) => field switch
    {
        "item" => l.Pick("品名", "Item"),
        "type" => l.Pick("类别", "Type"),
        "quantity" => l.Pick("数量", "Quantity"),
        "unit" => l.Pick("单位", "Unit"),
        "receivedOn" => l.Pick("收到日期", "Received on"),
        "reference" => l.Pick("相关单号", "Order or notice"),
        "note" => l.Pick("说明", "Note"),
        "location" => l.Pick("存放位置", "Storage location"),
        "inspectionNote" => l.Pick("验收说明", "Inspection note"),
        "notice" => l.Pick("生产通知单号（须为本客户的通知单）", "Production Notice (one of this customer's)"),
        "incident" => l.Pick("事项", "Which"),
        "reportedTo" => l.Pick("通知客户的谁", "Told whom"),
        "reportedOn" => l.Pick("通知日期", "When"),
        "via" or "reportVia" or "disposeVia" => l.Pick("方式", "How"),
        "disposeQuantity" => l.Pick("数量", "Quantity"),
        "disposeNote" => l.Pick("备注", "Note"),
        "response" => l.Pick("客户的答复", "What the customer said"),
        "agreedBy" => l.Pick("客户同意人", "Agreed by"),
        "agreedOn" => l.Pick("同意日期", "Agreed on"),
        _ => field,
    };

    protected override string Done(FormEvent e, Language l) => e.Action switch
    {
        PropertyEvents.Received => l.Pick("已登记，送品管验收。", "Recorded; QC verifies it next."),
        PropertyEvents.Verified => l.Pick("验收合格，已入库。", "Accepted and held."),
        PropertyEvents.RejectedOnReceipt => l.Pick("验收不合格，请业务通知客户。", "Not accepted; Sales reports it to the customer."),
        PropertyEvents.Lost or PropertyEvents.Damaged or PropertyEvents.Unsuitable => l.Pick("已记录，请业务通知客户。", "Recorded; Sales reports it to the customer."),
        PropertyEvents.ReportedToCustomer => l.Pick("已记录通知客户。", "The report to the customer is recorded."),
        PropertyEvents.ReturnedToCustomer or PropertyEvents.Disposed => l.Pick("已记录。", "Recorded."),
        PropertyEvents.Cancelled => l.Pick("已取消。", "Cancelled."),
        _ => l.Pick("已记录。", "Recorded."),
    };

    protected override string HistoryText(HistoryEntry h, Language l) => (h.Action switch
    {
        PropertyEvents.Received => l.Pick("登记收到", "recorded the receipt"),
        PropertyEvents.Verified => l.Pick("验收合格", "accepted it"),
        PropertyEvents.RejectedOnReceipt => l.Pick("验收不合格", "did not accept it"),
        PropertyEvents.Issued => l.Pick("领用", "issued"),
        PropertyEvents.Returned => l.Pick("退回", "returned"),
        PropertyEvents.Lost => l.Pick("遗失", "lost"),
        PropertyEvents.Damaged => l.Pick("损坏", "damaged"),
        PropertyEvents.Unsuitable => l.Pick("不合格", "unsuitable"),
        PropertyEvents.ReportedToCustomer => l.Pick("通知客户", "reported to the customer"),
        PropertyEvents.ReturnedToCustomer => l.Pick("退还客户", "returned to the customer"),
        PropertyEvents.Disposed => l.Pick("处置", "disposed of"),
        PropertyEvents.Closed => l.Pick("结案", "closed"),
        PropertyEvents.UsedByNotice => l.Pick("生产通知单使用此客供品", "a Production Notice uses it"),
        PropertyEvents.Cancelled => l.Pick("取消", "cancelled"),
        _ => h.Action,
    }) + (string.IsNullOrWhiteSpace(h.Comment) ? string.Empty : l.Pick("：", ": ") + CardText.Escape(h.Comment, 300));
}
