using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace XinchuangFlow.Infrastructure.Security;

public static class FieldProtection
{
    /// <summary>Marks a property as encrypted at rest (found again by <see cref="FieldEncryptionSweep"/>).</summary>
    public const string Annotation = "XinchuangFlow:EncryptedAtRest";

    /// <summary>Encrypts the column with <paramref name="cipher"/> (none at design time) and sizes it for the stored form.</summary>
    public static PropertyBuilder<T> Encrypted<T>(this PropertyBuilder<T> property, FieldCipher? cipher, int characters)
    {
        if (typeof(T) != typeof(string)) throw new InvalidOperationException("Only text is encrypted at rest.");
        property.HasMaxLength(FieldCipher.StoredLength(characters)).HasAnnotation(Annotation, true);
        // Nulls never reach a converter: a missing phone number stays NULL.
        if (cipher is not null)
            property.HasConversion(new ValueConverter<string, string>(v => cipher.Protect(v), v => cipher.Unprotect(v)));
        return property;
    }

    public static DbContextOptionsBuilder UseFieldProtection(this DbContextOptionsBuilder builder, FieldCipher cipher)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new FieldProtectionExtension(cipher));
        builder.ReplaceService<IModelCacheKeyFactory, KeyedModelCacheKeyFactory>();
        return builder;
    }
}
