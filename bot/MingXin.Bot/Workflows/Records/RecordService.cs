using System.Text.Json.Nodes;
using MingXin.Bot.Conversations;
using MingXin.Bot.Directory;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Calendar;
using MingXin.Bot.Domain.Documents;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Domain.Records;
using MingXin.Bot.Presentation;
using MingXin.Bot.Storage;

namespace MingXin.Bot.Workflows.Records;

/// <summary>
/// Records for auditors, from chat: <c>records …</c> / <c>记录 …</c> searches the record index (by
/// number, customer, form, status, date range), a number opens the record card (every field, the
/// whole audit trail), and every search can be exported as CSV and Excel. A person reads the records of
/// the forms they may see (<see cref="Domain.Forms.FormVisibility"/>) without the parts withheld from
/// them (a quotation's cost sheet outside Sales and the GM); nothing here changes one.
/// </summary>
public sealed class RecordService(RecordIndex index, WorkflowStore store, CustomerStore customers, IPeopleDirectory directory, ExportLinks links, WorkflowForms forms, MingXin.Bot.Documents.FormDocuments documents, Microsoft.Extensions.Options.IOptions<RecordOptions> options, TimeProvider time, ILogger<RecordService> logger) : IDisposable
{
    /// <summary>The formats an export link or a file offer gives: the records of a search, or one record as its paper form.</summary>
    private static readonly string[] Formats = ["csv", "xlsx", Pdf, CustomerPdf];

    /// <summary>One record as the company's copy of its paper form.</summary>
    public const string Pdf = "pdf";

    /// <summary>One record as the customer's copy (a quotation, a delivery note), in the customer's language.</summary>
    public const string CustomerPdf = "pdf-customer";

    public const string OpenVerb = "rec-open";

    /// <summary>Sends the export of a search as a file into the person's personal chat (Teams' file consent): no link at all.</summary>
    public const string FileVerb = "rec-file";

    /// <summary>Exports per person and minute: a link is cheap to make, an export of every record is not.</summary>
    private readonly System.Threading.RateLimiting.PartitionedRateLimiter<string> _exports = System.Threading.RateLimiting.PartitionedRateLimiter.Create<string, string>(
        user => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(user, _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = options.Value.ExportsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>What an export link gives.</summary>
    public abstract record Export
    {
        private Export()
        {
        }

        public sealed record File(string FileName, string ContentType, byte[] Content) : Export;

        /// <summary>Changed, expired, used already, or its person has left the directory.</summary>
        public sealed record NotValid : Export;

        /// <summary>The person has made <see cref="RecordOptions.ExportsPerMinute"/> exports this minute.</summary>
        public sealed record TooMany : Export;
    }

    public void Dispose() => _exports.Dispose();

    /// <param name="personal">The search was typed in a personal chat, where the export can also come as a file.</param>
    public async Task<ChatReply> SearchAsync(string userId, string text, Language l, bool personal, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(userId, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            return ChatReply.Message(l.Pick("目录中没有你的岗位，不能查看记录。", "The directory lists no position for you, so you cannot read the records."));
        }

        var (search, problems) = RecordSearch.Parse(text, l);
        if (search is null)
        {
            return ChatReply.Message(string.Join("\n\n", problems));
        }

        if (search.Number is not null)
        {
            return ChatReply.AdaptiveCard(await RecordCardAsync(search.Number, person, l, cancellationToken, personal).ConfigureAwait(false));
        }

        var (found, more) = await FindAsync(search, person, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Record search by {User}: {Count} found.", userId, found.Count);
        return ChatReply.AdaptiveCard(RecordCardView.Results(search, found, more, l, await ExportLinksAsync(search, userId, l, cancellationToken).ConfigureAwait(false), personal ? search.ToQuery() : null));
    }

    /// <summary>The record card of a form, or a card saying why not.</summary>
    public async Task<JsonObject> RecordCardAsync(string number, Person person, Language l, CancellationToken cancellationToken, bool personal = false, RecordBack? back = null)
    {
        var record = DocumentNumber.TryParse(number, out var n) ? await LoadAsync(n.ToString(), person, cancellationToken, l).ConfigureAwait(false) : null;
        if (record is null)
        {
            // The same answer whether the form does not exist or is not theirs to see.
            return RecordCardView.Problem(l.Pick($"没有编号为 {CardText.Escape(number, 20)} 的表单，或你无权查看。", $"There is no form numbered {CardText.Escape(number, 20)}, or it is not yours to see."), l);
        }

        var search = new RecordSearch(record.Summary.Id, null, null, null, null, null, null);
        var exports = (await ExportLinksAsync(search, person.AadObjectId, l, cancellationToken).ConfigureAwait(false)).ToList();
        exports.Insert(0, (l.Pick("PDF（内部存档）", "PDF (company copy)"), await links.CreateAsync(search, person.AadObjectId, l, Pdf, cancellationToken).ConfigureAwait(false)));
        if (documents.Customer(record, Domain.Documents.DocumentLanguage.Chinese) is not null)
        {
            exports.Insert(1, (l.Pick("PDF（给客户）", "PDF (for the customer)"), await links.CreateAsync(search, person.AadObjectId, l, CustomerPdf, cancellationToken).ConfigureAwait(false)));
        }

        var form = forms.For(record.Summary.Kind);
        var fields = RecordFields.WithStatus(RecordFields.Of(record.State, l, BusinessCalendar.FactoryZone), record.StatusText is { } status ? CardText.Plain(status) : null);
        return RecordCardView.Record(record.Summary, fields, record.Audit, l, exports, personal ? search.ToQuery() : null, (a, c) => form?.AuditSentence(a, c, l) ?? a, back, record.StatusText);
    }

    /// <summary>A card action from a results card: open the record of the line.</summary>
    public async Task<ActionAnswer> ActAsync(CardClick action, CancellationToken cancellationToken)
    {
        var l = action.Language;
        if (await directory.FindAsync(action.ActorId, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            return new ActionAnswer.Card(RecordCardView.Problem(l.Pick("目录中没有你的岗位，不能查看记录。", "The directory lists no position for you, so you cannot read the records."), l), Changed: false);
        }

        if (action.Verb == FileVerb)
        {
            // The file is made only when the person accepts it, for whoever accepts (checked again then).
            var query = action.Values.GetValueOrDefault("search") ?? string.Empty;
            if (RecordSearch.FromQuery(query) is not { } search)
            {
                return new ActionAnswer.BadRequest("The card carries no valid search.");
            }

            // A record's card offers its PDF (the company's copy); a list offers the Excel export.
            var pdf = action.Values.GetValueOrDefault("format") == Pdf && search.Number is not null;
            var stamp = TimeZoneInfo.ConvertTime(time.GetUtcNow(), BusinessCalendar.FactoryZone).ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
            var offer = new FileOffer(
                pdf ? $"{search.Number}.pdf" : $"mingxin-records-{stamp}.xlsx",
                CardText.Escape(search.Describe(l), 200),
                null,
                new Dictionary<string, string> { ["search"] = query, ["format"] = pdf ? Pdf : "xlsx", ["user"] = person.AadObjectId, ["language"] = l.ToString() });
            var sent = RecordCardView.FileOffered(pdf
                ? l.Pick("我在这个聊天里发了一个文件请求：点“允许”，PDF 就会保存到你的 OneDrive 并出现在这里。", "I have sent a file request in this chat: select Allow and the PDF is saved to your OneDrive and shown here.")
                : l.Pick("我在这个聊天里发了一个文件请求：点“允许”，Excel 文件就会保存到你的 OneDrive 并出现在这里。", "I have sent a file request in this chat: select Allow and the Excel file is saved to your OneDrive and shown here."), l);
            return new ActionAnswer.Card(sent, Changed: false, ChatReply.File(offer));
        }

        if (action.Verb == RecordCardView.ListVerb)
        {
            // Back from a record to the list it was opened from: the same search, read again.
            if (RecordSearch.FromQuery(action.Values.GetValueOrDefault("search") ?? string.Empty) is not { } again)
            {
                return new ActionAnswer.BadRequest("The card carries no valid search.");
            }

            var (found, more) = await FindAsync(again, person, cancellationToken).ConfigureAwait(false);
            return new ActionAnswer.Card(RecordCardView.Results(again, found, more, l, await ExportLinksAsync(again, person.AadObjectId, l, cancellationToken).ConfigureAwait(false)), Changed: false);
        }

        // A record opened from a form's card goes back to that card; one opened from a list, to the list.
        var number = action.Values.GetValueOrDefault("record") ?? action.WorkflowId ?? string.Empty;
        var back = action.Values.GetValueOrDefault("from") == "form" ? new RecordBack(ToForm: true, null)
            : action.Values.GetValueOrDefault("search") is { Length: > 0 } list && RecordSearch.FromQuery(list) is not null ? new RecordBack(ToForm: false, list)
            : null;
        return new ActionAnswer.Card(await RecordCardAsync(number, person, l, cancellationToken, personal: action.Personal, back: back).ConfigureAwait(false), Changed: false);
    }

    /// <summary>
    /// The file a person accepted in their personal chat (the context of <see cref="FileVerb"/>'s offer): made now,
    /// for the person who accepted, who must be the person it was offered to, under the same limits as a link.
    /// </summary>
    public async Task<Export> FileAsync(string userId, IReadOnlyDictionary<string, string> context, CancellationToken cancellationToken)
    {
        if (context.GetValueOrDefault("user") is not { } offeredTo || !string.Equals(offeredTo, userId, StringComparison.OrdinalIgnoreCase)
            || RecordSearch.FromQuery(context.GetValueOrDefault("search") ?? string.Empty) is not { } search
            || !Formats.Contains(context.GetValueOrDefault("format")) || await directory.FindAsync(userId, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            return new Export.NotValid();
        }

        if (!WithinLimit(person))
        {
            return new Export.TooMany();
        }

        return await BuildAsync(search, person, context["format"], cancellationToken, Enum.TryParse<Language>(context.GetValueOrDefault("language"), out var l) ? l : Language.Chinese).ConfigureAwait(false);
    }

    /// <summary>The file of an export link, once; or why not.</summary>
    public async Task<Export> ExportAsync(string? token, string? format, CancellationToken cancellationToken)
    {
        if (!Formats.Contains(format) || await links.ReadAsync(token, cancellationToken).ConfigureAwait(false) is not { } link
            || await directory.FindAsync(link.UserId, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            return new Export.NotValid();
        }

        // The limit first: a refused attempt does not use up the link.
        if (!WithinLimit(person))
        {
            return new Export.TooMany();
        }

        if (!await links.UseAsync(link, cancellationToken).ConfigureAwait(false))
        {
            return new Export.NotValid(); // this link has downloaded its file already
        }

        return await BuildAsync(link.Search, person, format!, cancellationToken, link.Language).ConfigureAwait(false);
    }

    /// <summary>Takes one of the person's exports of this minute; false (and logged) when they have made them all.</summary>
    private bool WithinLimit(Person person)
    {
        using var permit = _exports.AttemptAcquire(person.AadObjectId);
        if (!permit.IsAcquired)
        {
            logger.LogWarning("Export by {User} refused: more than {Limit} a minute.", person.AadObjectId, options.Value.ExportsPerMinute);
        }

        return permit.IsAcquired;
    }

    /// <summary>The export of what <paramref name="search"/> finds that <paramref name="person"/> may read.</summary>
    private async Task<Export> BuildAsync(RecordSearch search, Person person, string format, CancellationToken cancellationToken, Language language = Language.Chinese)
    {
        if (format is Pdf or CustomerPdf)
        {
            return await PdfAsync(search, person, format, language, cancellationToken).ConfigureAwait(false);
        }

        var records = new List<FullRecord>();
        if (search.Number is not null)
        {
            if (await LoadAsync(search.Number, person, cancellationToken).ConfigureAwait(false) is { } one)
            {
                records.Add(one);
            }
        }
        else
        {
            // Each record is its own partition (state + audit trail): read eight at a time, kept in the search's order.
            var (found, _) = await FindAsync(search, person, cancellationToken).ConfigureAwait(false);
            var loaded = new FullRecord?[found.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, found.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) => loaded[i] = await LoadAsync(found[i].Id, person, ct).ConfigureAwait(false)).ConfigureAwait(false);
            records.AddRange(loaded.OfType<FullRecord>());
        }

        logger.LogInformation("Export ({Format}) by {User}: {Count} records.", format, person.AadObjectId, records.Count);
        var stamp = TimeZoneInfo.ConvertTime(time.GetUtcNow(), BusinessCalendar.FactoryZone).ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
        return format == "csv"
            ? new Export.File($"mingxin-records-{stamp}.csv", RecordExport.CsvContentType, RecordExport.Csv(records))
            : new Export.File($"mingxin-records-{stamp}.xlsx", RecordExport.XlsxContentType, RecordExport.Xlsx(records));
    }

    /// <summary>
    /// One record as its paper form, as <paramref name="person"/> may read it: the company's copy in their
    /// language, or the customer's copy in the language the customer register names for the customer.
    /// </summary>
    private async Task<Export> PdfAsync(RecordSearch search, Person person, string format, Language language, CancellationToken cancellationToken)
    {
        if (search.Number is null || await LoadAsync(search.Number, person, cancellationToken, language).ConfigureAwait(false) is not { } record)
        {
            return new Export.NotValid();
        }

        Domain.Documents.FormDocument? document;
        if (format == CustomerPdf)
        {
            var customer = record.Summary.Customer is { } name ? await customers.FindAsync(name, cancellationToken).ConfigureAwait(false) : null;
            document = documents.Customer(record, customer?.Documents ?? Domain.Documents.DocumentLanguage.Chinese);
        }
        else
        {
            document = await documents.InternalAsync(record, language, cancellationToken).ConfigureAwait(false);
        }

        if (document is null)
        {
            return new Export.NotValid();
        }

        logger.LogInformation("Document ({Format}) of {Id} by {User}.", format, record.Summary.Id, person.AadObjectId);
        return new Export.File($"{record.Summary.Id}{(format == CustomerPdf ? "-customer" : string.Empty)}.pdf", "application/pdf", documents.Pdf(document));
    }

    /// <summary>The index rows a search names (a customer's short name counts for its register entry), of the kinds of form <paramref name="reader"/> may have a part in.</summary>
    public async Task<(IReadOnlyList<RecordSummary> Records, bool More)> FindAsync(RecordSearch search, Person reader, CancellationToken cancellationToken)
    {
        var (found, more) = await FindAllAsync(search, cancellationToken).ConfigureAwait(false);
        return (found.Where(r => r.ReadableBy(reader.AadObjectId, reader.Positions) ?? forms.For(r.Kind)?.MaySeeKind(reader) == true).ToList(), more);
    }

    private async Task<(IReadOnlyList<RecordSummary> Records, bool More)> FindAllAsync(RecordSearch search, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        if (search.Customer is { } typed)
        {
            names.Add(typed);
            if (await customers.FindAsync(typed, cancellationToken).ConfigureAwait(false) is { } registered)
            {
                names.Add(registered.Name);
            }
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), BusinessCalendar.FactoryZone).DateTime);
        return await index.SearchAsync(search, names, today, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A whole record as <paramref name="reader"/> may read it: its state and every audit row (one partition query), without what is withheld from them; null when there is none or it is not theirs to see.</summary>
    /// <param name="language">When given, the record says where the form stands as its card does, in this language.</param>
    public async Task<FullRecord?> LoadAsync(string id, Person reader, CancellationToken cancellationToken, Language? language = null)
    {
        var partition = await store.LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (partition is null || forms.For(partition.State.Kind) is not { } form || !form.MaySee(partition, reader))
        {
            return null;
        }

        var withheld = form.Withheld(reader);
        var state = JsonNode.Parse(partition.State.StateJson)!.AsObject();
        foreach (var field in withheld)
        {
            state.Remove(field);
        }

        var audit = withheld.Count == 0 ? partition.Audit : partition.Audit.Select(a => a with { DetailJson = Without(a.DetailJson, withheld) }).ToList();
        var lastChange = partition.Audit.Count > 0 ? partition.Audit[^1].At : (DateTimeOffset?)null;
        var statusText = language is { } l ? form.TaskEntry(partition, l, time.GetUtcNow()).StepName : null;
        return new FullRecord(RecordSummary.From(id, partition.State.Kind, form.Facts(partition), form.IsOpen(partition), lastChange), state, audit, string.IsNullOrWhiteSpace(statusText) ? null : statusText);
    }

    private static string? Without(string? detailJson, IReadOnlySet<string> withheld)
    {
        if (string.IsNullOrWhiteSpace(detailJson) || JsonNode.Parse(detailJson) is not JsonObject detail || !withheld.Any(detail.ContainsKey))
        {
            return detailJson;
        }

        foreach (var key in withheld)
        {
            detail.Remove(key);
        }

        return detail.ToJsonString();
    }

    private async Task<IReadOnlyList<(string Title, string Url)>> ExportLinksAsync(RecordSearch search, string userId, Language l, CancellationToken cancellationToken) =>
    [
        (l.Pick("导出 Excel", "Export to Excel"), await links.CreateAsync(search, userId, l, "xlsx", cancellationToken).ConfigureAwait(false)),
        (l.Pick("导出 CSV", "Export as CSV"), await links.CreateAsync(search, userId, l, "csv", cancellationToken).ConfigureAwait(false)),
    ];
}
