using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace XinchuangFlow.Web.Api;

/// <summary>
/// Completes the OpenAPI document for client authors (INT-4): the error shape every endpoint may answer with (an RFC 7807
/// problem with a stable <c>code</c> and, for a 400, the problems by field), how to authenticate (bearer token for
/// people, <c>X-Api-Key</c> for other platforms), and example bodies for the calls another platform makes.
/// </summary>
public sealed class OpenApiExamples : IOpenApiDocumentTransformer
{
    private static readonly (string Status, string Description, string Code, string Detail)[] Errors =
    [
        ("400", "The request is not valid: every problem, by field.", "invalid", "The request is not valid: contactPhone: A phone number or an e-mail address is required."),
        ("401", "No valid bearer token or API key.", "", ""),
        ("403", "The caller's role may not do this.", "forbidden", "Only procurement units, dispatchers (hotline) and the Data Bureau record requests."),
        ("404", "No such resource — or one outside the caller's scope (the refusal is logged).", "not-found", "Ticket GX-4502-20261128-00007 does not exist."),
        ("409", "The resource changed meanwhile (a task completed or claimed by someone else, a ticket in another state).", "conflict", "Ticket GX-4501-20261128-00001 is closed; record a new request instead."),
        ("422", "An idempotency key was used again with a different request; the first request stands.", "idempotency-key-reused", "The idempotency key 'crm-4711' was already used for a different request (ticket GX-4501-20261128-00001); use a new key for a new request."),
    ];

    /// <summary>Request bodies as another platform sends them, by method and route.</summary>
    private static readonly Dictionary<(string Method, string Path), string> RequestExamples = new()
    {
        [("POST", "/api/tickets")] = """
            { "procurementUnitId": "0193a0c2-6f1e-7c3a-9d2b-5e8f1a2b3c4d", "contactName": "陆工", "contactPhone": "0771-5550101",
              "cityCode": "4501", "countyCode": "450103", "address": "民族大道 100 号 3 楼", "productCategory": "terminal",
              "productVendor": "统信", "productModel": "UOS 20 专业版", "serialNumber": "SN20260001", "os": "UOS 20", "cpu": "飞腾 D2000",
              "impact": "single", "title": "终端无法开机", "description": "按电源键无反应，指示灯不亮。", "externalId": "GXZW-2026-000123" }
            """,
        [("POST", "/api/tickets/{idOrNumber}/feedback")] = """{ "satisfaction": 2, "comment": "到场晚了两个小时。" }""",
        [("POST", "/api/tickets/{idOrNumber}/complaints")] = """{ "description": "工程师未按承诺时间到场。", "category": "timeliness" }""",
        [("POST", "/api/tickets/{idOrNumber}/calls")] = """{ "note": "用户催问工程师何时到场" }""",
        [("POST", "/api/tickets/{idOrNumber}/check-in")] = """{ "location": "三楼机房", "remote": false, "latitude": 22.8170, "longitude": 108.3669, "accuracy": 12 }""",
        [("POST", "/api/tickets/{idOrNumber}/resolve")] = """{ "resolution": "更换电源适配器后正常开机。", "parts": "电源适配器 1 个", "confirmedBy": "陆工" }""",
        [("POST", "/api/tickets/{idOrNumber}/redispatch")] = """{ "technicianUser": "tech@xinchuang.local", "reason": "原工程师请假" }""",
        [("POST", "/api/tickets/{idOrNumber}/actions/{key}")] = """{ "technicianUser": "tech@xinchuang.local", "reason": "原工程师请假" }""",
        [("POST", "/api/tasks/{id}/complete")] = """{ "outcome": "approve", "data": { "opinion": "处理得当，同意办结。" } }""",
        [("POST", "/api/mailbox/{id}/ticket")] = """{ "unitId": "0193a0c2-6f1e-7c3a-9d2b-5e8f1a2b3c4d" }""",
        [("POST", "/api/mailbox/{id}/dismiss")] = """{ "reason": "广告邮件" }""",
        [("POST", "/api/platforms")] = """{ "name": "广西政务服务平台" }""",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas["Problem"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 7807 problem. title: short, in the request's language (Chinese; ?culture=en for English); detail: the specific reason; code: stable key for clients; errors: problems by field (400).",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["code"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["errors"] = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } } },
            },
        };
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "People: POST /api/auth/login with e-mail and password; send the accessToken.",
        };
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
            Description = "Other platforms: a key the Data Bureau issues at /platforms (hashed at rest, revocable, 600 requests per minute).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] });

        foreach (var (path, item) in document.Paths ?? [])
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || item.Operations is null) continue;
            foreach (var (method, operation) in item.Operations)
            {
                operation.Responses ??= new OpenApiResponses();
                foreach (var (status, description, code, detail) in Errors)
                {
                    if (operation.Responses.ContainsKey(status)) continue;
                    if (status == "401" && path.StartsWith("/api/auth/", StringComparison.Ordinal)) continue;
                    var response = new OpenApiResponse { Description = description };
                    if (code.Length > 0)
                        response.Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/problem+json"] = new()
                            {
                                Schema = new OpenApiSchemaReference("Problem", document),
                                Example = Problem(status, code, detail),
                            },
                        };
                    operation.Responses[status] = response;
                }
                if (RequestExamples.TryGetValue((method.Method, path), out var example) && operation.RequestBody?.Content is { } content)
                    foreach (var media in content.Values.OfType<OpenApiMediaType>())
                        media.Example = JsonNode.Parse(example);
            }
        }
        return Task.CompletedTask;
    }

    private static JsonNode Problem(string status, string code, string detail)
    {
        var problem = new JsonObject
        {
            ["type"] = "https://tools.ietf.org/html/rfc9110", ["title"] = status switch { "400" => "请求无效", "403" => "无权执行此操作", "404" => "未找到", "422" => "幂等键已用于其他请求", _ => "冲突" },
            ["status"] = int.Parse(status), ["detail"] = detail, ["code"] = code,
        };
        if (status == "400") problem["errors"] = new JsonObject { ["contactPhone"] = new JsonArray("A phone number or an e-mail address is required.") };
        return problem;
    }
}
