using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MingXin.Bot.Domain.Quotations;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using MingXin.Bot.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Properties;

/// <summary>The real host, fed random form values and random card actions: never a 500, never a half record, always an answer.</summary>
public sealed class HostInputProperties : IClassFixture<HostInputProperties.Site>
{
    private readonly Site _site;

    public HostInputProperties(Site site) => _site = site;

    /// <summary>One host and Connector for all generated cases (a host per case would take seconds each).</summary>
    public sealed class Site : IAsyncLifetime
    {
        private readonly AzuriteFixture _azurite = new();

        public BotHost Host { get; private set; } = null!;

        public RecordingConnector Connector { get; private set; } = null!;

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await _azurite.InitializeAsync();
            Connector = await RecordingConnector.StartAsync();
            Host = new BotHost(_azurite.ConnectionString);
            Client = Host.CreateClient();
            await DepartmentChannels.RegisterAllAsync(Client, Connector);
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Connector.DisposeAsync();
            await _azurite.DisposeAsync();
        }
    }

    private static readonly string[] Fields =
    [
        "customer", "product", "specification", "repeat", "path", "special", "evaluation", "quantities", "margin",
        .. Enum.GetValues<CostCategory>().SelectMany(c => new[] { QuotationInput.FixedId(c), QuotationInput.UnitId(c) }),
    ];

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.Elements("", "0", "-1", "abc", "600", "0.35", "3000 5000", "25", "special", "ordinary", "华美礼品", "<at>x</at>", new string('x', 600)),
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty));

    private static readonly Gen<JsonObject> FormValues =
        Gen.CollectToArray(Fields, f => Value.Select(v => (Field: f, Value: v)))
            .Select(pairs => new JsonObject(pairs.Select(p => KeyValuePair.Create(p.Field, (JsonNode?)JsonValue.Create(p.Value)))));

    private async Task<(HttpStatusCode Status, JsonObject? Body)> InvokeAsync(string verb, JsonObject data)
    {
        var response = await Activities.PostAsync(_site.Client, Activities.CardClick(_site.Connector.ServiceUrl, BotHost.SalesId, verb, data, "en-US"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)?.AsObject());
    }

    [Property(MaxTest = 60)]
    public Property A_new_quotation_form_with_any_values_is_either_a_whole_record_or_a_clear_refusal() =>
        Prop.ForAll(FormValues.ToArbitrary(), values =>
        {
            values["draft"] = Guid.NewGuid().ToString("N");
            values["workflow"] = string.Empty;
            values["version"] = 0;
            var (status, body) = InvokeAsync("qt-start", values).GetAwaiter().GetResult();
            if (status != HttpStatusCode.OK || body?["value"] is not JsonObject card)
            {
                return false;
            }

            var id = card["refresh"]!["action"]!["data"]!["workflow"]!.GetValue<string>();
            var banner = card["body"]![0]!["text"]!.GetValue<string>();
            if (id.Length == 0)
            {
                return banner.StartsWith("Nothing was saved. Please correct:", StringComparison.Ordinal);
            }

            var state = _site.Host.Services.GetRequiredService<WorkflowStore>().GetStateAsync(id, default).GetAwaiter().GetResult();
            var quotation = WorkflowJson.Deserialize<QuotationState>(state!.StateJson);
            return state.Version == 1 && quotation.Versions.Count == 1 && quotation.Versions[0].Data.ToSheet().PriceBreaks().Count > 0;
        });

    [Property(MaxTest = 60)]
    public Property Any_card_action_gets_an_answer_never_a_server_error() =>
        Prop.ForAll(
            Gen.Elements("refresh", "approve", "qt-approve", "qt-revise", "sp-qc", "pn-permission", "oa-confirm", "mi-start", "nonsense", "").ToArbitrary(),
            Gen.Elements("", "IA-2026-0001", "QT-2026-0001", "PN-2026-9999", "XX-1", "IA-2026-", "<script>").ToArbitrary(),
            FormValues.ToArbitrary(),
            (verb, workflow, values) =>
            {
                values["workflow"] = workflow;
                values["version"] = "not-a-number";
                var (status, _) = InvokeAsync(verb, values).GetAwaiter().GetResult();
                return status is HttpStatusCode.OK or HttpStatusCode.BadRequest;
            });
}
