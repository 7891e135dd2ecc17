using System.Text.Json.Nodes;
using MingXin.Bot.Conversations;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Customers;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Customers;

/// <summary>
/// The customer register 客户名录 in chat (<c>customers</c> / <c>客户</c>): the list, and for Sales
/// and the administrator a form to add a customer with its short names, phones, e-mails and products.
/// </summary>
public sealed class CustomerRegisterService(CustomerStore customers, DocumentNumberAllocator numbers, IPeopleDirectory directory, TimeProvider time, ILogger<CustomerRegisterService> logger)
{
    public const string VerbPrefix = "cu-";
    public const string AddVerb = "cu-add";
    private const int Listed = 50;

    public async Task<ChatReply> ShowAsync(string actorId, Language l, CancellationToken cancellationToken)
    {
        var person = await directory.FindAsync(actorId, cancellationToken).ConfigureAwait(false);
        if (person is null || person.Positions.Count == 0)
        {
            return ChatReply.Message(NotKnown(l));
        }

        return ChatReply.AdaptiveCard(Render(await customers.ListAsync(cancellationToken).ConfigureAwait(false), CanAdd(person), SeesContacts(person), l, null, new Dictionary<string, string>()));
    }

    public async Task<ActionAnswer> ActAsync(CardClick action, CancellationToken cancellationToken)
    {
        var l = action.Language;
        var values = action.Values;
        var person = await directory.FindAsync(action.ActorId, cancellationToken).ConfigureAwait(false);
        if (person is null || person.Positions.Count == 0)
        {
            return new ActionAnswer.Card(CardViews.Notice(l, l.Pick("客户名录", "Customer register"), NotKnown(l)), Changed: false);
        }

        var list = await customers.ListAsync(cancellationToken).ConfigureAwait(false);
        var contacts = SeesContacts(person);
        if (action.Verb != AddVerb)
        {
            return new ActionAnswer.Card(Render(list, CanAdd(person), contacts, l, null, values), Changed: false);
        }

        if (!CanAdd(person))
        {
            return new ActionAnswer.Card(Render(list, false, contacts, l, new Banner(l.Pick("只有业务部和系统管理员可以登记客户。", "Only Sales and the administrator add customers."), IsError: true), values), Changed: false);
        }

        var by = new PersonRef(person!.AadObjectId, person.DisplayName);
        var now = time.GetUtcNow();
        string V(string key) => QuotationInput.Get(values, key);
        var (candidate, problems) = Customer.Create("CU-0000-0000", V("name"), V("shortNames"), V("phones"), V("emails"), V("products"), by, now, V("addresses"), V("documents"));
        if (candidate is not null && list.Any(c => Customer.NameKey(c.Name) == Customer.NameKey(candidate.Name)))
        {
            problems = [new FieldProblem("name", ProblemKind.Duplicate)];
        }

        if (problems.Count > 0)
        {
            return new ActionAnswer.Card(Render(list, true, contacts, l, new Banner(FieldProblems.Banner(problems, l, f => FieldName(f, l)), IsError: true), values), Changed: false);
        }

        var number = await numbers.NextAsync(Customer.Prefix, TimeZoneInfo.ConvertTime(now, BusinessCalendar.FactoryZone).Year, cancellationToken).ConfigureAwait(false);
        var customer = candidate! with { Id = number.ToString() };
        if (!await customers.AddAsync(customer, cancellationToken).ConfigureAwait(false))
        {
            // Someone registered the same name a moment ago (or this is a double click): one entry.
            return new ActionAnswer.Card(Render(await customers.ListAsync(cancellationToken).ConfigureAwait(false), true, contacts, l, new Banner(l.Pick($"“{CardText.Escape(customer.Name, 100)}”已在客户名录中。", $"“{CardText.Escape(customer.Name, 100)}” is in the register already."), IsError: true), new Dictionary<string, string>()), Changed: false);
        }

        logger.LogInformation("Customer {Id} added by {User}.", customer.Id, by.Id);
        return new ActionAnswer.Card(
            Render(await customers.ListAsync(cancellationToken).ConfigureAwait(false), true, contacts, l, new Banner(l.Pick($"已登记客户 {customer.Id} {CardText.Escape(customer.Label, 120)}。", $"Customer {customer.Id} {CardText.Escape(customer.Label, 120)} is registered."), IsError: false), new Dictionary<string, string>()),
            Changed: true);
    }

    private static bool CanAdd(Person? person) =>
        person is not null && (person.Holds(Position.Salesperson) || person.Holds(Position.SalesManager) || person.Holds(Position.FollowUpClerk) || person.Holds(Position.Administrator));

    /// <summary>Phones and e-mails are for those who deal with the customer: Sales, the GM and administrators; everyone else sees names and products.</summary>
    private static bool SeesContacts(Person person) => CanAdd(person) || person.Holds(Position.GeneralManager);

    private static string NotKnown(Language l) =>
        l.Pick("目录中没有你的岗位，不能查看客户名录。", "The directory lists no position for you, so you cannot read the customer register.");

    private static JsonObject Render(IReadOnlyList<Customer> list, bool canAdd, bool contacts, Language l, Banner? banner, IReadOnlyDictionary<string, string> typed)
    {
        string V(string key) => QuotationInput.Get(typed, key);
        var lines = list.Take(Listed).Select(c =>
            $"{c.Id} **{CardText.Escape(c.Label, 120)}**"
            + (contacts && c.Phones.Count + c.Emails.Count > 0 ? " · " + string.Join(", ", c.Phones.Concat(c.Emails).Select(x => CardText.Escape(x, 120))) : string.Empty)
            + (c.Products.Count > 0 ? " · " + l.Pick("产品：", "products: ") + string.Join("、", c.Products.Take(8).Select(p => CardText.Escape(p, 60))) : string.Empty)).ToList();
        if (list.Count > Listed)
        {
            lines.Add(l.Pick($"……共 {list.Count} 位客户。", $"… {list.Count} customers in all."));
        }

        var panels = canAdd
            ? new List<FormPanel>
            {
                new(
                    l.Pick("登记新客户", "Add a customer"),
                    [
                        new FormInput("name", l.Pick("客户全称", "Full name"), InputKind.Text, V("name"), MaxLength: Customer.MaxNameLength),
                        new FormInput("shortNames", l.Pick("简称（多个用逗号分开）", "Short names (comma-separated)"), InputKind.Text, V("shortNames"), MaxLength: 300),
                        new FormInput("phones", l.Pick("电话（多个用逗号分开）", "Phones (comma-separated)"), InputKind.Text, V("phones"), MaxLength: 300),
                        new FormInput("emails", l.Pick("电子邮件（多个用逗号分开）", "E-mail addresses (comma-separated)"), InputKind.Text, V("emails"), MaxLength: 600),
                        new FormInput("products", l.Pick("产品（多个用逗号分开）", "Products (comma-separated)"), InputKind.MultilineText, V("products"), MaxLength: 2000),
                        new FormInput("addresses", l.Pick("送货地址（每行一个，常用的写在第一行）", "Delivery addresses (one per line, the usual one first)"), InputKind.MultilineText, V("addresses"), MaxLength: 3000),
                        new FormInput("documents", l.Pick("给客户的单据语言", "Language of the customer's documents"), InputKind.Choice, V("documents") is { Length: > 0 } d ? d : nameof(Domain.Documents.DocumentLanguage.Chinese), [(l.Pick("中文", "Chinese"), nameof(Domain.Documents.DocumentLanguage.Chinese)), (l.Pick("英文", "English"), nameof(Domain.Documents.DocumentLanguage.English)), (l.Pick("中英文", "Chinese and English"), nameof(Domain.Documents.DocumentLanguage.Both))]),
                    ],
                    [new FormButton(AddVerb, l.Pick("登记客户", "Add the customer"))]),
            }
            : [];
        var card = new FormCard(
            string.Empty,
            0,
            Customer.RegisterName(l),
            l.Pick($"{list.Count} 位客户", $"{list.Count} customers"),
            l.Pick("投诉登记按名称、简称、电子邮件或电话认出客户。", "Complaints recognise a customer by name, short name, e-mail or phone."),
            "Accent",
            [],
            [new FormSection(l.Pick("客户", "Customers"), lines.Count > 0 ? lines : [l.Pick("还没有客户。", "No customers yet.")])],
            [],
            h => h.Action,
            panels);
        return FormCardView.Render(card, l, banner, []);
    }

    private static string FieldName(string field, Language l) => field switch
    {
        "name" => l.Pick("客户全称", "Full name"),
        "shortNames" => l.Pick("简称", "Short names"),
        "phones" => l.Pick("电话", "Phones"),
        "emails" => l.Pick("电子邮件", "E-mail addresses"),
        "products" => l.Pick("产品", "Products"),
        "addresses" => l.Pick("送货地址", "Delivery addresses"),
        "documents" => l.Pick("单据语言", "Language of documents"),
        _ => field,
    };
}
