using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace XinchuangFlow.Web.Tests;

/// <summary>The real app on a throwaway SQLite file, with the shipped workflows imported and demo users seeded.</summary>
public sealed class WebAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "xf-web-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_folder, "web.db")}");
        builder.UseSetting("Engine:Scheduler", "false");
        builder.UseSetting("Limits:LoginPermitsPerMinute", "1000");
        builder.UseSetting("Limits:MaxRequestBodyBytes", "200000");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
