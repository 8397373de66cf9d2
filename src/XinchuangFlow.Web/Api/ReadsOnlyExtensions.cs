namespace XinchuangFlow.Web.Api;

public static class ReadsOnlyExtensions
{
    public static RouteHandlerBuilder ReadsOnly(this RouteHandlerBuilder builder) => builder.WithMetadata(ReadsOnlyMetadata.Instance);
}
