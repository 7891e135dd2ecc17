namespace MingXin.Bot.Tests.Infrastructure;

internal static class RepositoryRoot
{
    /// <summary>The folder that holds MingXin.Bot.sln, found from the test assembly's location.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MingXin.Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MingXin.Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
