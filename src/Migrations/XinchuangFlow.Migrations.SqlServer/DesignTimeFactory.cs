using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Migrations.SqlServer;

/// <summary>Used only by <c>dotnet ef migrations add</c>; the app configures the context itself.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<XfDbContext>
{
    public XfDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<XfDbContext>();
        DatabaseOptions.Configure(b, DatabaseProvider.SqlServer, "Server=localhost;Database=XinchuangFlow;Trusted_Connection=True;TrustServerCertificate=True");
        return new XfDbContext(b.Options);
    }
}
