namespace XinchuangFlow.Web;

/// <summary>
/// Finds the repository root when the app runs from a source checkout (from the current directory, or from where
/// the binary was built), so `dotnet run --project src/XinchuangFlow.Web` uses the root appsettings.json,
/// workflows/ and data/ wherever it is started from. A published app (no checkout around it) keeps its own folder.
/// </summary>
public static class HostPaths
{
    public static string? FindRepositoryRoot() =>
        Up(Directory.GetCurrentDirectory()) ?? Up(AppContext.BaseDirectory);

    public static string? FindWebRoot()
    {
        var root = FindRepositoryRoot();
        return root is null ? null : Path.Combine(root, "src", "XinchuangFlow.Web", "wwwroot");
    }

    private static string? Up(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "XinchuangFlow.sln"))) return dir.FullName;
        return null;
    }
}
