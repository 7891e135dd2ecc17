using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Property;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Forms;

/// <summary>
/// Customer property 客供品登记表 in Teams (command <c>property &lt;customer&gt;</c> / <c>客供品 &lt;客户&gt;</c>):
/// the receipt, QC's verification, issues and returns against Production Notices, losses and damage
/// reported to the customer, return or disposal with the customer's consent — one record per receipt.
/// </summary>
public sealed partial class CustomerPropertyRunner(StepFormServices services, CustomerStore customers) : StepFormRunner<CustomerProperty, CustomerPropertyState>(services), IFormChangeHandler<PropertyUsed>
{
    /// <summary>Lists a Production Notice on the register entry it takes a customer-supplied material from.</summary>
    public Task<string> ApplyAsync(PropertyUsed change, CancellationToken cancellationToken) =>
        ApplyToAsync(change.PropertyId, (entry, now) => entry.RecordUse(change.NoticeId, now), cancellationToken);

    public override string Kind => CustomerProperty.Kind;

    public override string Prefix => CustomerProperty.Prefix;

    public override string VerbPrefix => PropertyVerbs.Prefix;

    public override StepTable<CustomerProperty, PropertyStatus> Steps => CustomerPropertySteps.Table;

    public override string ParentHint(Language l) => l.Pick("请写上客户名称，例如：客供品 华美礼品", "Name the customer, e.g. property Acme Printing Ltd");

    protected override Domain.Records.RecordFacts Facts(CustomerProperty form) => FactsOf(form, form.State.CustomerName, form.State.Item, form.State.ClosedAt);

    protected override CustomerProperty Wrap(CustomerPropertyState state) => new(state);

    /// <summary>An issue or return names a Production Notice that exists and is for the same customer.</summary>
    protected override async Task<IReadOnlyList<FieldProblem>> CheckAsync(CustomerProperty form, string verb, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var kind = new StepValues(values).Choice<MovementKind>("kind");
        var notice = QuotationInput.Get(values, "notice").Trim().ToUpperInvariant();
        if (verb != PropertyVerbs.Move || kind is not (MovementKind.Issued or MovementKind.Returned) || !Domain.Documents.DocumentNumber.TryParse(notice, out var number) || number.Prefix != ProductionNotice.Prefix)
        {
            return []; // the domain names what is missing or malformed
        }

        var state = await LoadStateAsync<ProductionNoticeState>(number.ToString(), ProductionNotice.Kind, cancellationToken).ConfigureAwait(false);
        return state is null || Customer.NameKey(state.Order.CustomerName) != Customer.NameKey(form.State.CustomerName)
            ? [new FieldProblem("notice", ProblemKind.Unknown)]
            : [];
    }

    protected override async Task<(object? Parent, string? Problem)> FindParentAsync(string parentId, Language l, CancellationToken cancellationToken) =>
        await customers.FindAsync(parentId, cancellationToken).ConfigureAwait(false) is { } customer
            ? (customer, null)
            : (null, l.Pick($"客户名录中没有“{CardText.Escape(parentId, 60)}”。请写客户全称或简称，例如：客供品 华美礼品。", $"“{CardText.Escape(parentId, 60)}” is not in the customer register. Name the customer, e.g. property Acme Printing Ltd."));

    protected override (CustomerProperty? Form, FormOutcome Outcome) Start(string id, object parent, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now, DateOnly today)
    {
        var customer = (Customer)parent;
        string V(string key) => QuotationInput.Get(values, key);
        var type = Enum.TryParse<PropertyType>(V("type"), out var t) ? t : (PropertyType)(-1);
        return CustomerProperty.Receive(id, customer.Id, customer.Name, V("item"), type, new StepValues(values).Int("quantity"), V("unit"), ParseDate(V("receivedOn")), V("reference"), V("note"), actor, today, now);
    }

    public static string TypeName(PropertyType type, Language l) => type switch
    {
        PropertyType.Material => l.Pick("材料", "Material"),
        PropertyType.Plate => l.Pick("印版", "Plate"),
        PropertyType.Film => l.Pick("菲林", "Film"),
        PropertyType.Artwork => l.Pick("稿件", "Artwork"),
        PropertyType.Data => l.Pick("资料/数据", "Data"),
        _ => l.Pick("其他", "Other"),
    };

    public static string MovementName(MovementKind kind, Language l) => kind switch
    {
        MovementKind.Issued => l.Pick("领用", "Issued"),
        MovementKind.Returned => l.Pick("退回", "Returned"),
        MovementKind.Lost => l.Pick("遗失", "Lost"),
        MovementKind.Damaged => l.Pick("损坏", "Damaged"),
        MovementKind.Unsuitable => l.Pick("不合格", "Unsuitable"),
        MovementKind.ReturnedToCustomer => l.Pick("退还客户", "Returned to the customer"),
        _ => l.Pick("处置", "Disposed of"),
    };
}
