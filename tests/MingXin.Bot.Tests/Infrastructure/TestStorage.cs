using MingXin.Bot.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>The bot's tables opened directly (no host), to look at or prepare what a test needs.</summary>
public static class TestStorage
{
    public static TableStorage Open(string connectionString, string prefix, int requestTimeoutSeconds = 5) =>
        new(Options.Create(new StorageOptions { ConnectionString = connectionString, TablePrefix = prefix, RequestTimeoutSeconds = requestTimeoutSeconds }), NullLogger<TableStorage>.Instance);
}
