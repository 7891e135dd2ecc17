using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// The bot as its own operating-system process (the built MingXin.Bot.dll, run by <c>dotnet</c>) on a
/// loopback port, configured only by environment variables: the test people of <see cref="BotHost"/>,
/// the given storage and table prefix. It can be killed with SIGKILL, mid-step.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _contentRoot;

    private BotProcess(Process process, string baseUrl, string contentRoot)
    {
        _process = process;
        BaseUrl = baseUrl;
        _contentRoot = contentRoot;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string BaseUrl { get; }

    public HttpClient Client { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process printed (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="ownFolder">Start it as an operator would, from a folder of its own choosing with no <c>--contentRoot</c>: it reads the settings beside its binary. Otherwise only what is set here applies.</param>
    public static async Task<BotProcess> StartAsync(string storageConnectionString, string tablePrefix, IDictionary<string, string>? extra = null, bool ownFolder = false)
    {
        // The free port is chosen before the process binds it; if another listener takes it first, the
        // process exits (or another server answers): then try again on a new port.
        for (var attempt = 1; ; attempt++)
        {
            var bot = await TryStartAsync(storageConnectionString, tablePrefix, extra, ownFolder);
            if (bot.Healthy)
            {
                return bot.Process!;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException("The bot process did not become healthy:\n" + bot.Output);
            }
        }
    }

    private static async Task<(bool Healthy, BotProcess? Process, string Output)> TryStartAsync(string storageConnectionString, string tablePrefix, IDictionary<string, string>? extra, bool ownFolder)
    {
        var port = AzuriteFixture.FreePort();
        var contentRoot = System.IO.Directory.CreateTempSubdirectory("mingxin-bot-process").FullName; // started from here; no appsettings files in it
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "MingXin.Bot.dll") },
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!ownFolder)
        {
            // Only what is set here applies: the content root is the empty folder, not the one beside the binary.
            start.ArgumentList.Add("--contentRoot");
            start.ArgumentList.Add(contentRoot);
        }

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["Storage__ConnectionString"] = storageConnectionString,
            ["Storage__TablePrefix"] = tablePrefix,
            ["Storage__RequestTimeoutSeconds"] = "2",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var people = new (string Id, string Name, string Position)[]
        {
            (BotHost.AdminId, "王芳 Wang Fang", "Administrator"), (BotHost.SalesId, "Sam Sales", "Salesperson"), (BotHost.ProductionManagerId, "刘洋 Liu Yang", "ProductionManager"),
            (BotHost.QcManagerId, "周婷 Zhou Ting", "QcManager"), (BotHost.MaterialsId, "赵敏 Zhao Min", "MaterialsController"), (BotHost.GmId, "李强 Li Qiang", "GeneralManager"),
        };
        for (var i = 0; i < people.Length && !ownFolder; i++)
        {
            environment[$"Directory__People__{i}__AadObjectId"] = people[i].Id;
            environment[$"Directory__People__{i}__Name"] = people[i].Name;
            environment[$"Directory__People__{i}__Positions__0"] = people[i].Position;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bot process.");
        var bot = new BotProcess(process, $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", contentRoot);
        process.OutputDataReceived += (_, e) => bot.Append(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && !process.HasExited)
        {
            try
            {
                // Only this bot's own answer counts: another server on a reused port answers differently.
                var health = await bot.Client.GetAsync("/healthz");
                if (health.IsSuccessStatusCode && (await health.Content.ReadAsStringAsync()).Contains("\"storage\"", StringComparison.Ordinal) && !process.HasExited)
                {
                    return (true, bot, string.Empty);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50); // polling for the process to listen, not waiting out a deadline
        }

        var output = bot.Output;
        await bot.DisposeAsync();
        return (false, null, output);
    }

    /// <summary>SIGKILL: no shutdown, no flushing, nothing of the process runs after this.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        Client.Dispose();
        try
        {
            System.IO.Directory.Delete(_contentRoot, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
