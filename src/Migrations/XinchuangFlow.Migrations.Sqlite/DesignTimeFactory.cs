using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Migrations.Sqlite;

/// <summary>Used only by <c>dotnet ef migrations add</c>; the app configures the context itself.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<XfDbContext>
{
    public XfDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<XfDbContext>();
        DatabaseOptions.Configure(b, DatabaseProvider.Sqlite, "Data Source=design.db");
        return new XfDbContext(b.Options);
    }
}
