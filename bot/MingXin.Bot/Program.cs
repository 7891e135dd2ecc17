using MingXin.Bot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMingXinBot();

var app = builder.Build();
app.MapMingXinBot();
app.Run();

/// <summary>The entry point; public so that tests can host the real application.</summary>
public partial class Program;
