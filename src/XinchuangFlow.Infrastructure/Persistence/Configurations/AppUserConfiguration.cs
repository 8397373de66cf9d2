using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Infrastructure.Security;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>
/// What the platform adds to Identity's user table (the rest is <c>IdentityDbContext</c>'s, so this runs after it): the
/// phone number is encrypted at rest, so the cipher comes in through the constructor.
/// </summary>
internal sealed class AppUserConfiguration(FieldCipher? cipher) : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(x => x.PhoneNumber).Encrypted(cipher, 30);
        builder.Property(x => x.Language).HasMaxLength(10);
    }
}
