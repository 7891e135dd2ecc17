using System.Globalization;
using MingXin.Bot.Domain.Approvals;
using MingXin.Bot.Domain.Forms;
using MingXin.Bot.Domain.Orders;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Tests.Procedure;

/// <summary>
/// MX-QM-03 4.2: "如果因某種原因需推遲貨期的，業務跟單員必須同客戶協商好，得到允許後再知會相關部門". Random
/// sequences of steps across notices of two customers — Order Amendment Notices, material issues,
/// Internal Contact Forms, the customers' answers, the GM's decisions, changes delivered twice (as an
/// outbox may) and changes naming the wrong customer — through the forms' own step tables and effects.
/// After every step, on every notice: the date in force changed only together with one new permission,
/// for that very date, from that notice's own customer.
/// </summary>
public sealed class DeliveryDatePropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static Actor A(string id, params Position[] positions) => new(new PersonRef(id, id), positions.ToHashSet());

    private static readonly Actor Sales = A("sales", Position.Salesperson);
    private static readonly Actor SalesManager = A("sm", Position.SalesManager);
    private static readonly Actor Gm = A("gm", Position.GeneralManager);
    private static readonly Actor ProductionManager = A("pm", Position.ProductionManager);
    private static readonly Actor Planner = A("planner", Position.ProductionPlanner);
    private static readonly Actor Materials = A("mc", Position.MaterialsController);
    private static readonly Actor Clerk = A("clerk", Position.FollowUpClerk);

    private static readonly string[] Customers = ["华美礼品", "宏图包装"];

    private static readonly StepTable<ProductionNotice, NoticeStatus> NoticeTable = ProductionNoticeSteps.Build(start => new AnswerClock(start, start.AddMinutes(90), start.AddMinutes(120), WorkingTime: false, TwoHourMode.OnlyWhenLate));

    [Fact]
    public void No_path_moves_a_notices_date_without_its_own_customers_permission()
    {
        var moves = 0;
        var refusedChanges = 0;
        for (var seed = 0; seed < 150; seed++)
        {
            var run = new Run(new Random(seed));
            for (var step = 0; step < 40; step++)
            {
                var before = run.Notices.Select(n => (n.State.DeliveryDate, n.State.Permissions.Count)).ToList();
                run.Step();
                for (var i = 0; i < run.Notices.Count; i++)
                {
                    var n = run.Notices[i];
                    var (date, count) = before[i];
                    var added = n.State.Permissions.Count - count;
                    Assert.True(added is 0 or 1, $"seed {seed} step {step}: {n.Id} took {added} permissions in one step");
                    if (n.State.DeliveryDate != date)
                    {
                        moves++;
                        Assert.True(added == 1, $"seed {seed} step {step}: {n.Id} moved {date} → {n.State.DeliveryDate} with no new permission");
                    }

                    if (added == 1)
                    {
                        var p = n.State.Permissions[^1];
                        Assert.Equal(n.State.DeliveryDate, p.AgreedDate);
                        Assert.Equal(date, p.OldDate);
                        Assert.True(n.IsOwnCustomer(p.Customer), $"seed {seed} step {step}: {n.Id} ({n.State.Order.CustomerName}) took {p.Customer}'s permission from {p.Source}");
                    }

                    // And from the start: the date in force is the order's, or the last permission's.
                    Assert.Equal(n.State.Permissions.Count == 0 ? n.State.Order.DeliveryDate : n.State.Permissions[^1].AgreedDate, n.State.DeliveryDate);
                }
            }

            refusedChanges += run.RefusedChanges;
        }

        // The walk did what it is for: dates moved, and wrong-customer changes were tried and refused.
        Assert.True(moves > 100, $"only {moves} moves");
        Assert.True(refusedChanges > 50, $"only {refusedChanges} refused changes");
    }

    private sealed class Run(Random random)
    {
        private int _number;

        public List<ProductionNotice> Notices { get; } = MakeNotices();

        public int RefusedChanges { get; private set; }

        private static List<ProductionNotice> MakeNotices()
        {
            var notices = new List<ProductionNotice>();
            foreach (var (id, customer) in new[] { ("PN-2026-0001", Customers[0]), ("PN-2026-0002", Customers[0]), ("PN-2026-0003", Customers[1]) })
            {
                var order = new OrderRef("SO-" + id, "QT-" + id, customer, "礼盒", "250×180×60", 5_000, new DateOnly(2026, 12, 30), null, IsRepeatOrder: false, OrderReviewStatus.Passed);
                var notice = ProductionNotice.Start(id, order, [], null, Sales, T0).Notice!;
                Assert.IsType<FormOutcome.Accepted>(NoticeTable.Act(notice, NoticeVerbs.PassOn, Context(Clerk)));
                Assert.IsType<FormOutcome.Accepted>(NoticeTable.Act(notice, NoticeVerbs.Approve, Context(Gm)));
                notices.Add(notice);
            }

            return notices;
        }

        private static StepContext Context(Actor actor, Dictionary<string, string>? values = null) =>
            new(actor, new StepValues(values ?? []), T0, Today, Duties: new HashSet<DutyRule>());

        private string Date() => Today.AddDays(random.Next(-2, 60)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private ProductionNotice AnyNotice() => Notices[random.Next(Notices.Count)];

        private string Next(string prefix) => $"{prefix}-2026-{++_number:0000}";

        private static NoticeRef Ref(ProductionNotice n) => new(n.Id, n.Status, n.State.Order.CustomerName, n.State.Order.Product, n.State.Quantity, n.State.DeliveryDate, n.State.Specification);

        public void Step()
        {
            switch (random.Next(7))
            {
                case 0: Amend(); break;
                case 1: Contact(); break;
                case 2: Material(); break;
                case 3: Decide(); break;
                case 4: Ticket(); break;
                case 5: Forged(); break;
                default: Cancel(); break;
            }
        }

        /// <summary>An Order Amendment Notice through its whole chain; a date amendment with or without a valid permission.</summary>
        private void Amend()
        {
            var notice = AnyNotice();
            var field = random.Next(3) == 0 ? AmendedField.Quantity : AmendedField.DeliveryDate;
            var value = field == AmendedField.Quantity ? random.Next(1000, 9000).ToString(CultureInfo.InvariantCulture) : Date();
            var (amendment, _) = OrderAmendment.Start(Next("OA"), Ref(notice), field, value, "客户要求", Sales, Today, T0, random.Next(4) == 0 ? null : "黄先生", ContactChannel.Phone);
            if (amendment is null)
            {
                return;
            }

            if (random.Next(5) == 0)
            {
                amendment.State.Permission = null; // as stored by the previous version: it must get one before anyone confirms
                if (random.Next(2) == 0)
                {
                    Apply(OrderAmendmentSteps.Table, amendment, AmendmentVerbs.Permission, Sales, new() { ["agreedBy"] = "黄先生", ["via"] = "Fax" });
                }
            }

            foreach (var who in new[] { SalesManager, ProductionManager, Planner })
            {
                if (random.Next(8) == 0)
                {
                    Apply(OrderAmendmentSteps.Table, amendment, AmendmentVerbs.Reject, who, new() { ["comment"] = "不行" });
                    return;
                }

                Apply(OrderAmendmentSteps.Table, amendment, AmendmentVerbs.Confirm, who, []);
            }
        }

        /// <summary>An Internal Contact Form on a notice in production, then the customer's answer.</summary>
        private void Contact()
        {
            var notice = AnyNotice();
            var parent = new ContactNotice(notice.Id, notice.Status, notice.State.Order.CustomerName, notice.State.Order.Product, notice.State.DeliveryDate, notice.InProduction, notice.ContactLateAfter);
            var (contact, outcome) = InternalContact.Start(Next("IC"), parent, Today.AddDays(random.Next(-2, 60)), "机器故障", ProductionManager, Today, T0);
            if (contact is null)
            {
                return;
            }

            Deliver(InternalContactSteps.Table.EffectsOf(contact, ((FormOutcome.Accepted)outcome).Events));
            if (random.Next(3) == 0)
            {
                Apply(InternalContactSteps.Table, contact, ContactVerbs.Refused, Clerk, new() { ["refusedBy"] = "黄先生", ["refusalVia"] = "Phone", ["refusalNote"] = "不能推迟" });
            }
            else
            {
                Apply(InternalContactSteps.Table, contact, ContactVerbs.Permission, Clerk, new() { ["agreedDate"] = Date(), ["agreedBy"] = "黄先生", ["via"] = "Phone" });
            }
        }

        /// <summary>A material issue across notices of both customers; each customer agrees or refuses (or answers for the wrong customer).</summary>
        private void Material()
        {
            var affected = Notices.Where(_ => random.Next(2) == 0).Select(n => new AffectedNotice(n.Id, n.State.Order.CustomerName)).ToList();
            var (issue, _) = MaterialIssue.Start(Next("MI"), affected, "华南纸业", "300g", MaterialProblem.Late, "晚到", Today.AddDays(7), Materials, Today, T0);
            if (issue is null)
            {
                return;
            }

            Apply(MaterialIssueSteps.Table, issue, MaterialIssueVerbs.ToSales, ProductionManager, []);
            foreach (var customer in Customers.OrderBy(_ => random.Next()))
            {
                if (random.Next(3) == 0)
                {
                    Apply(MaterialIssueSteps.Table, issue, MaterialIssueVerbs.Refused, Clerk, new() { ["customer"] = customer, ["refusedBy"] = "陈经理", ["refusalVia"] = "Email", ["refusalNote"] = "展会用" });
                }
                else
                {
                    Apply(MaterialIssueSteps.Table, issue, MaterialIssueVerbs.Permission, Clerk, new() { ["customer"] = customer, ["agreedDate"] = Date(), ["agreedBy"] = "陈经理", ["via"] = "Email" });
                }
            }
        }

        private void Decide()
        {
            var notice = AnyNotice();
            var verb = random.Next(3) == 0 ? NoticeVerbs.CancelAtRisk : NoticeVerbs.KeepDate;
            Apply(NoticeTable, notice, verb, Gm, new() { ["decision"] = random.Next(2) == 0 ? "Expedite" : "PartialShipment", ["comment"] = "加班" });
        }

        private void Ticket() => Apply(NoticeTable, AnyNotice(), NoticeVerbs.Ticket, Planner, new() { ["ticket"] = "SC-1" });

        private void Cancel() => Apply(NoticeTable, AnyNotice(), NoticeVerbs.Cancel, Sales, new() { ["cancelReason"] = "客户取消" });

        /// <summary>Changes a bug or an old row could carry: another customer's permission, none named, an amendment without one.</summary>
        private void Forged()
        {
            var notice = AnyNotice();
            var other = Customers.First(c => !notice.IsOwnCustomer(c));
            var date = DateOnly.ParseExact(Date(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Deliver(random.Next(3) switch
            {
                0 => [new FormEffect.Change(new CustomerAgreedDate(notice.Id, Next("MI"), Clerk.Person, date, "陈经理", ContactChannel.Email, other))],
                1 => [new FormEffect.Change(new CustomerAgreedDate(notice.Id, Next("MI"), Clerk.Person, date, "陈经理", ContactChannel.Email))],
                _ => [new FormEffect.Change(new AmendmentConfirmed(notice.Id, Next("OA"), AmendedField.DeliveryDate, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "旧行", Sales.Person))],
            });
        }

        private void Apply<TForm, TStatus>(StepTable<TForm, TStatus> table, TForm form, string verb, Actor actor, Dictionary<string, string> values)
            where TForm : class
            where TStatus : struct, Enum
        {
            if (table.Act(form, verb, Context(actor, values)) is FormOutcome.Accepted accepted)
            {
                Deliver(table.EffectsOf(form, accepted.Events));
            }
        }

        /// <summary>What the outbox does: each change to its notice, sometimes twice; the notice's own effects are not needed here.</summary>
        private void Deliver(IEnumerable<FormEffect> effects)
        {
            foreach (var change in effects.OfType<FormEffect.Change>())
            {
                for (var times = random.Next(4) == 0 ? 2 : 1; times > 0; times--)
                {
                    var outcome = change.What switch
                    {
                        AmendmentConfirmed a => Notice(a.NoticeId).ApplyAmendment(a.AmendmentId, a.Field, a.NewValue, a.Reason, a.By, T0, a.Permission),
                        CustomerAgreedDate c => Notice(c.NoticeId).ApplyPermissionFrom(new CustomerPermission(c.Source, null, c.AgreedDate, c.AgreedBy, c.Via, c.RecordedBy, T0, c.Customer)),
                        ContactRaised r => Notice(r.NoticeId).RecordContact(r.Contact),
                        CustomerRefusedDate r => Notice(r.NoticeId).MarkAtRisk(r.Refusal),
                        var other => throw new InvalidOperationException("No handler here for " + other.ChangeName),
                    };
                    if (outcome is FormOutcome.Refused)
                    {
                        RefusedChanges++;
                    }
                }
            }
        }

        private ProductionNotice Notice(string id) => Notices.Single(n => n.Id == id);
    }
}
