using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace XinchuangFlow.Web.Api;

/// <summary>Writes <c>x-xf-reads-only: true</c> on the operations marked <see cref="ReadsOnlyMetadata"/>.</summary>
public sealed class ReadsOnlyTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ReadsOnlyMetadata>().Any())
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-xf-reads-only"] = new JsonNodeExtension(JsonValue.Create(true));
        }
        return Task.CompletedTask;
    }
}
