using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Messaging;
using MingXin.Bot.Workflows;

namespace MingXin.Bot.Storage;

/// <summary>
/// Mails of the complaints mailbox (beside the complaint conversations): one row per message, made by an
/// insert — the first instance to insert a message owns it, so a message is handled once however many
/// instances read the mailbox — then replaced under its ETag; and the mailbox's delta cursor.
/// </summary>
public sealed class MailDraftStore(TableStorage storage)
{
    private const string Partition = "mail";
    private const string CursorPartition = "mailbox";

    /// <summary>The row of a message: a hash of its Message-ID header (the same mail whatever Graph calls it), else of Graph's id.</summary>
    public static string Key(MailMessage message) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes((message.InternetMessageId is { Length: > 0 } mid ? "mid:" + mid : "id:" + message.Id).Trim()))).ToLowerInvariant();

    public sealed record Saved(MailDraftState State, PostedMessage? Posted, ETag ETag);

    /// <summary>Inserts a new draft; false when the message already has a row (another instance, or an earlier read).</summary>
    public async Task<bool> TryAddAsync(MailDraftState draft, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await TableStorage.TryPutAsync(storage.Intakes, Entity(draft, null), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a message that is not from a register customer, so it is not looked at again.</summary>
    public Task<bool> TrySkipAsync(string key, string reason, CancellationToken cancellationToken) =>
        TableStorage.TryPutAsync(storage.Intakes, new TableEntity(Partition, key) { ["Skipped"] = reason }, null, cancellationToken);

    public async Task<Saved?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (key.Length != 64 || !key.All(char.IsAsciiHexDigitLower))
        {
            return null; // keys come from cards: untrusted
        }

        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await storage.Intakes.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value!.GetString("Json") is { } json ? Read(response.Value, json) : null;
    }

    /// <summary>Replaces the draft over <paramref name="etag"/>; false when someone wrote first.</summary>
    public async Task<bool> SaveAsync(MailDraftState draft, PostedMessage? posted, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Intakes.UpdateEntityAsync(Entity(draft, posted), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Drafts whose card was never posted (the instance stopped between saving and posting): posted on the next read.</summary>
    public async Task<IReadOnlyList<Saved>> UnpostedAsync(int limit, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<Saved>();
        await foreach (var entity in storage.Intakes.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, maxPerPage: 100, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetString("Json") is { } json && entity.GetString("Posted") is null)
            {
                found.Add(Read(entity, json));
                if (found.Count >= limit)
                {
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>Where the last read of the mailbox ended (Graph's delta link), with its ETag; null before the first read.</summary>
    public async Task<(string? DeltaLink, ETag? ETag)> CursorAsync(string mailbox, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await storage.Intakes.GetEntityIfExistsAsync<TableEntity>(CursorPartition, CursorKey(mailbox), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? (response.Value!.GetString("DeltaLink"), response.Value.ETag) : (null, null);
    }

    /// <summary>Moves the cursor on, only over the version read; false when another instance moved it first.</summary>
    public Task<bool> MoveCursorAsync(string mailbox, string deltaLink, ETag? etag, CancellationToken cancellationToken) =>
        TableStorage.TryPutAsync(storage.Intakes, new TableEntity(CursorPartition, CursorKey(mailbox)) { ["DeltaLink"] = deltaLink }, etag, cancellationToken);

    private static string CursorKey(string mailbox) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(mailbox.Trim().ToLowerInvariant()))).ToLowerInvariant();

    private static TableEntity Entity(MailDraftState draft, PostedMessage? posted)
    {
        var entity = new TableEntity(Partition, draft.Key) { ["Json"] = WorkflowJson.Serialize(draft), ["Status"] = draft.Status.ToString() };
        if (posted is not null)
        {
            entity["Posted"] = JsonSerializer.Serialize(posted);
        }

        return entity;
    }

    private static Saved Read(TableEntity entity, string json) =>
        new(WorkflowJson.Deserialize<MailDraftState>(json), entity.GetString("Posted") is { } posted ? JsonSerializer.Deserialize<PostedMessage>(posted) : null, entity.ETag);
}
