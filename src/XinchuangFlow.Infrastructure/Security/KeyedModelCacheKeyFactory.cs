using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace XinchuangFlow.Infrastructure.Security;

/// <summary>Models are cached per key: the value converters hold the key.</summary>
public sealed class KeyedModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, context.GetService<IDbContextOptions>().FindExtension<FieldProtectionExtension>()?.Cipher.KeyId);
}
