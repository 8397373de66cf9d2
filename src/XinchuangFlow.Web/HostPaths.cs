namespace XinchuangFlow.Web;

/// <summary>Finds the repository root when the app runs from a source checkout.</summary>
public static class HostPaths
{
    public static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "XinchuangFlow.sln"))) return dir.FullName;
        return null;
    }

    public static string? FindWebRoot()
    {
        var root = FindRepositoryRoot();
        return root is null ? null : Path.Combine(root, "src", "XinchuangFlow.Web", "wwwroot");
    }
}
