namespace MingXin.TeamsPackage;

// dotnet run --project infra/teams/packager -- package --bot-id <app id> --domain <host> [--version 1.0.0] [--out file.zip]
// dotnet run --project infra/teams/packager -- icons     (redraws infra/teams/color.png and outline.png)
internal static class PackagerProgram
{
    public static int Main(string[] args)
    {
        var teamsDirectory = Path.GetFullPath(Option(args, "--source") ?? FindTeamsDirectory());

        switch (args.FirstOrDefault())
        {
            case "package":
                var result = TeamsAppPackage.Create(new PackageRequest(
                    teamsDirectory,
                    Option(args, "--bot-id") ?? string.Empty,
                    Option(args, "--domain") ?? string.Empty,
                    Option(args, "--version") ?? "1.0.0",
                    Option(args, "--out") ?? Path.Combine(teamsDirectory, "build", "mingxin-teams-app.zip")));
                if (!result.Succeeded)
                {
                    foreach (var problem in result.Problems)
                    {
                        Console.Error.WriteLine(problem);
                    }

                    return 2;
                }

                Console.WriteLine($"Teams app package written: {result.PackagePath}");
                Console.WriteLine("Upload it in Teams admin center > Teams apps > Manage apps > Upload new app.");
                return 0;

            case "icons":
                File.WriteAllBytes(Path.Combine(teamsDirectory, TeamsAppPackage.ColorIconFile), Icons.Color());
                File.WriteAllBytes(Path.Combine(teamsDirectory, TeamsAppPackage.OutlineIconFile), Icons.Outline());
                Console.WriteLine($"Icons written to {teamsDirectory}.");
                return 0;

            default:
                Console.Error.WriteLine("""
                    Usage:
                      package --bot-id <app (client) id> --domain <web app host name> [--version 1.0.0] [--out <zip>]
                      icons
                    """);
                return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    // The packager lives in infra/teams/packager; its sources are one folder up from the project.
    private static string FindTeamsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "packager", "MingXin.TeamsPackage.csproj")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
