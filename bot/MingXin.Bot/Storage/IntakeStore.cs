using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Workflows;

namespace MingXin.Bot.Storage;

/// <summary>
/// Complaint conversations in progress: one row per (conversation, person), replaced on every message
/// under its ETag, so a restart between two messages loses nothing and two instances never both write.
/// </summary>
public sealed class IntakeStore(TableStorage storage)
{
    private const string Partition = "intake";

    /// <summary>The row key of a person's conversation: a hash, as Teams ids may be long and carry any character.</summary>
    public static string Key(string conversationId, string userId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId + "\n" + userId))).ToLowerInvariant();

    public async Task<(ComplaintIntakeState State, ETag ETag)?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await storage.Intakes.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? (WorkflowJson.Deserialize<ComplaintIntakeState>(response.Value!.GetString("Json")!), response.Value.ETag) : null;
    }

    /// <summary>Saves the state: a new row when <paramref name="etag"/> is null, else only over that version. False when someone wrote first.</summary>
    public Task<bool> SaveAsync(string key, ComplaintIntakeState state, ETag? etag, CancellationToken cancellationToken) =>
        TableStorage.TryPutAsync(storage.Intakes, new TableEntity(Partition, key) { ["Json"] = WorkflowJson.Serialize(state), ["Status"] = state.Status.ToString() }, etag, cancellationToken);
}
