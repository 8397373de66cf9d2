using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace XinchuangFlow.Infrastructure.Security;

/// <summary>Carries the <see cref="FieldCipher"/> into the DbContext options, where the model reads it.</summary>
public sealed class FieldProtectionExtension(FieldCipher cipher) : IDbContextOptionsExtension
{
    public FieldCipher Cipher { get; } = cipher;
    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);
    public void ApplyServices(IServiceCollection services) { }
    public void Validate(IDbContextOptions options) { }

    private sealed class ExtensionInfo(FieldProtectionExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "FieldProtection=SM4 ";
        // One internal service provider for every key: the model cache key tells the models apart.
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["FieldProtection:KeyId"] = extension.Cipher.KeyId;
    }
}
