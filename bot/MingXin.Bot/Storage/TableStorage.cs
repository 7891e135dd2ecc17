using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Storage;

/// <summary>
/// The bot's tables in one storage account. Every other storage type gets its
/// <see cref="TableClient"/> from here; the tables are created at start.
/// </summary>
public sealed partial class TableStorage
{
    private readonly TableServiceClient _service;
    private readonly ILogger<TableStorage> _logger;
    private int _created;

    public TableStorage(IOptions<StorageOptions> options, ILogger<TableStorage> logger)
    {
        var o = options.Value;
        if (!TablePrefixPattern().IsMatch(o.TablePrefix ?? string.Empty))
        {
            throw new InvalidOperationException("Storage:TablePrefix must be 1 to 20 letters or digits, starting with a letter.");
        }

        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(o.RequestTimeoutSeconds);

        clientOptions.AddPolicy(new CountingPolicy(this), HttpPipelinePosition.PerCall);

        if (!string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            _service = new TableServiceClient(o.ConnectionString, clientOptions);
        }
        else if (o.TableEndpoint is not null)
        {
            _service = new TableServiceClient(o.TableEndpoint, new DefaultAzureCredential(), clientOptions);
        }
        else
        {
            throw new InvalidOperationException("Set Storage:ConnectionString (Azurite) or Storage:TableEndpoint (Azure, managed identity).");
        }

        _logger = logger;
        Workflows = _service.GetTableClient(o.TablePrefix + "Workflows");
        Counters = _service.GetTableClient(o.TablePrefix + "Counters");
        Channels = _service.GetTableClient(o.TablePrefix + "Channels");
        OutboxPending = _service.GetTableClient(o.TablePrefix + "OutboxPending");
        Tasks = _service.GetTableClient(o.TablePrefix + "Tasks");
        Users = _service.GetTableClient(o.TablePrefix + "Users");
        Turns = _service.GetTableClient(o.TablePrefix + "Turns");
        Deadlines = _service.GetTableClient(o.TablePrefix + "Deadlines");
        Customers = _service.GetTableClient(o.TablePrefix + "Customers");
        Intakes = _service.GetTableClient(o.TablePrefix + "Intakes");
        Records = _service.GetTableClient(o.TablePrefix + "Records");
    }

    /// <summary>Storage requests sent by this instance (each batch counts once): for benchmarks and diagnostics.</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>
    /// Of <see cref="RequestCount"/>, those sent by background work (the outbox's consumers and sweep), so a
    /// benchmark can tell what a click costs from what sending its consequences costs.
    /// </summary>
    public long BackgroundRequestCount => Interlocked.Read(ref _backgroundRequests);

    private static readonly AsyncLocal<bool> InBackground = new();
    private long _requests;
    private long _backgroundRequests;

    /// <summary>Counts what the calling flow (and what it awaits) sends from now on as background work.</summary>
    public static void CountAsBackground() => InBackground.Value = true;

    /// <summary>One partition per form: state row, audit rows, outbox rows.</summary>
    public TableClient Workflows { get; }

    /// <summary>Document-number counters: partition = form prefix, row = year.</summary>
    public TableClient Counters { get; }

    /// <summary>Channel bindings and their conversation references.</summary>
    public TableClient Channels { get; }

    /// <summary>Workflows whose outbox may hold unsent rows (one row each), so a restart resumes them without a scan.</summary>
    public TableClient OutboxPending { get; }

    /// <summary>The "my tasks" index: partition = who may act (person or position), row = workflow.</summary>
    public TableClient Tasks { get; }

    /// <summary>Teams user ids of people, by Entra object id, learned from their messages.</summary>
    public TableClient Users { get; }

    /// <summary>Messages that started a form, by Teams activity id: a redelivered message does not start a second one.</summary>
    public TableClient Turns { get; }

    /// <summary>Deadlines, in time-bucketed partitions (one per minute of their due time), so a tick reads only what is due.</summary>
    public TableClient Deadlines { get; }

    /// <summary>The customer register: one partition, row = the name's key (names are unique).</summary>
    public TableClient Customers { get; }

    /// <summary>Complaint conversations in progress, one row per conversation and person.</summary>
    public TableClient Intakes { get; }

    /// <summary>The record index for search and dashboards: each form under its kind, its customer and its month (see <see cref="RecordIndex"/>).</summary>
    public TableClient Records { get; }

    private IEnumerable<TableClient> AllTables => [Workflows, Counters, Channels, OutboxPending, Tasks, Users, Turns, Deadlines, Customers, Intakes, Records];

    /// <summary>Creates every table that does not exist yet. Cheap after the first success.</summary>
    /// <summary>
    /// Writes a row of its own (a conversation, a cursor): a new row when <paramref name="etag"/> is null, else a
    /// replacement of exactly that version. False when someone wrote first (409 or 412): the caller reads again.
    /// </summary>
    public static async Task<bool> TryPutAsync(TableClient table, TableEntity entity, ETag? etag, CancellationToken cancellationToken)
    {
        try
        {
            if (etag is { } tag)
            {
                await table.UpdateEntityAsync(entity, tag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 1)
        {
            return;
        }

        foreach (var table in AllTables)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }

        Volatile.Write(ref _created, 1);
        _logger.LogInformation("Tables ready: {Tables}", string.Join(", ", AllTables.Select(t => t.Name)));
    }

    /// <summary>Asks the service one cheap question; used by <c>/healthz</c>.</summary>
    public async Task<(bool Healthy, string Detail)> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in _service.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            return (true, "Table Storage answers");
        }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex) || ex is RequestFailedException)
        {
            return (false, "Table Storage does not answer: " + ex.GetType().Name);
        }
    }

    private sealed class CountingPolicy(TableStorage owner) : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            Interlocked.Increment(ref owner._requests);
            if (InBackground.Value)
            {
                Interlocked.Increment(ref owner._backgroundRequests);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,19}$")]
    private static partial Regex TablePrefixPattern();
}
