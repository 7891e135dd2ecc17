using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// Starts a real Azurite Table service (from the repository's node_modules) on a free loopback port,
/// in memory, for the tests of one collection, and stops it afterwards. <see cref="StartOnDiskAsync"/>
/// keeps the data in a folder instead, so it can be stopped and started again (an outage).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;
    private string? _location;

    /// <summary>Azurite with its data on disk in <paramref name="location"/>: <see cref="StopAsync"/> and <see cref="RestartAsync"/> keep it.</summary>
    public static async Task<AzuriteFixture> StartOnDiskAsync(string location)
    {
        var azurite = new AzuriteFixture { _location = location };
        await azurite.InitializeAsync();
        return azurite;
    }

    /// <summary>
    /// Stops Azurite the way a service is stopped (SIGINT: it writes its data out and closes the port);
    /// the data on disk stays. A storage outage, not a storage failure: acknowledged writes are kept, as Azure keeps them.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await ProcessRun.RunAsync("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await DisposeAsync();
    }

    /// <summary>Starts Azurite again on the same port and folder.</summary>
    public async Task RestartAsync()
    {
        if (!await StartOnAsync(Port))
        {
            throw new InvalidOperationException("Azurite did not restart.");
        }
    }

    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    /// <summary>A connection string to a loopback port where nothing listens: storage that is down.</summary>
    public static string UnreachableConnectionString(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    /// <summary>A fresh table prefix, so each test sees empty tables.</summary>
    public static string NewTablePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        var script = System.IO.Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script}); run 'npm ci' in the repository root (the test command does).");
        }

        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            if (await StartOnAsync(Port))
            {
                return;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException("Azurite did not start.");
            }
        }
    }

    private async Task<bool> StartOnAsync(int port)
    {
        var script = System.IO.Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "table", "main.js");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--disableTelemetry", "--silent", "--skipApiVersionCheck" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(_location);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (await WaitForPortAsync(port, _process, TimeSpan.FromSeconds(30)))
        {
            return true;
        }

        await DisposeAsync();
        return false;
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
        return Task.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Waits until Azurite itself answers on <paramref name="port"/>. A port found free may be taken by another
    /// test's listener (a recording Connector, a proxy) before Azurite binds it — then Azurite exits and this
    /// says false, so the caller tries another port. The answer must carry Azurite's Server header.
    /// </summary>
    private static async Task<bool> WaitForPortAsync(int port, Process process, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/devstoreaccount1?comp=properties&restype=service");
                if (response.Headers.Server.ToString().Contains("Azurite", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(50); // polling for the process to listen, not waiting out a deadline
        }

        return false;
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
