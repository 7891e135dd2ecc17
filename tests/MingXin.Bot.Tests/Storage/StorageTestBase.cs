using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Tests.Storage;

public abstract class StorageTestBase(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    protected AzuriteFixture Azurite { get; } = azurite;

    protected TableStorage NewStorage() => new(
        Options.Create(new StorageOptions { ConnectionString = Azurite.ConnectionString, TablePrefix = AzuriteFixture.NewTablePrefix() }),
        NullLogger<TableStorage>.Instance);
}
