using MingXin.Bot.Hosting;

// The content root is the application's own folder, wherever it is started from: its settings,
// calendars and templates travel with the binary (`dotnet /srv/mingxin/MingXin.Bot.dll` from any
// folder loads them). A host that names another root (the test host, `--contentRoot`) still wins.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = HostingExtensions.ContentRoot(args) });
builder.AddMingXinBot();

var app = builder.Build();
app.MapMingXinBot();
app.Run();

/// <summary>The entry point; public so that tests can host the real application.</summary>
public partial class Program;
