using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MingXin.Bot.Tests.Configuration;

/// <summary>
/// Information is what an operator wants to read: the forms' steps, not every call to the Bot Connector
/// (the Bot Framework adapter logs each send at Information: thousands of lines in a quarter of an hour).
/// </summary>
public sealed class LogLevelTests
{
    [Theory]
    [InlineData("bot/MingXin.Bot/appsettings.json")]
    [InlineData("appsettings.sample.json")]
    public void The_bot_framework_and_http_calls_log_at_warning_and_the_bots_own_steps_at_information(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot.Path, file), optional: false).Build();
        using var provider = new ServiceCollection().AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddProvider(new NullProvider())).BuildServiceProvider();
        var factory = provider.GetRequiredService<ILoggerFactory>();

        Assert.False(factory.CreateLogger("Microsoft.Bot.Builder.Integration.AspNet.Core.CloudAdapter").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("Microsoft.Bot.Builder.Integration.AspNet.Core.CloudAdapter").IsEnabled(LogLevel.Warning));
        Assert.False(factory.CreateLogger("System.Net.Http.HttpClient.connector.LogicalHandler").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("MingXin.Bot.Workflows.ProductionNotice").IsEnabled(LogLevel.Information));
    }

    /// <summary>A provider that would write everything: what is enabled is the configuration's filter alone.</summary>
    private sealed class NullProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Everything();

        public void Dispose()
        {
        }

        private sealed class Everything : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}
