using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using XinchuangFlow.Application.Audit;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// Managing the service network through the API (NET-2, NET-3, SEC-2, SEC-3): who may change what, audit before/after,
/// coded validation, a coordinator's city, and the Excel import (rows rejected with reasons, the same file twice changes nothing).
/// </summary>
public abstract class NetworkAdminApiTests(WebAppFactory factory)
{
    private const string Demo = "Demo#2026xf";

    private async Task<(HttpClient Api, string Own)> ManagerAsync()
    {
        var api = await factory.LoginAsync("manager@xinchuang.local", Demo);
        var own = Assert.Single((await api.GetFromJsonAsync<JsonArray>("/api/enterprises"))!)!["id"]!.GetValue<string>();
        return (api, own);
    }

    private async Task<string> OtherEnterpriseAsync(string own)
    {
        var admin = await factory.LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        return (await admin.GetFromJsonAsync<JsonArray>("/api/enterprises"))!.Select(e => e!["id"]!.GetValue<string>()).First(id => id != own);
    }

    [Fact]
    public async Task TheManager_EditsOwnPoint_AndTheAuditKeepsBeforeAndAfter()
    {
        var (api, own) = await ManagerAsync();
        var created = await api.PostAsJsonAsync($"/api/enterprises/{own}/service-points", new
        {
            name = "青秀区测试网点", kind = "SharedResource", countyCode = "450103", address = "民族大道 100 号", openingHours = "周一至周五 9:00–17:00", phone = "0771-5551234",
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var edited = await api.PutAsJsonAsync($"/api/enterprises/{own}/service-points/{id}", new
        {
            name = "青秀区测试网点（新址）", kind = "SharedResource", countyCode = "450103", address = "金湖路 8 号", openingHours = "周一至周五 9:00–17:00", phone = "0771-5551234",
        });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var points = (await api.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/service-points"))!;
        Assert.Contains(points, p => p!["name"]!.GetValue<string>() == "青秀区测试网点（新址）" && p["address"]!.GetValue<string>() == "金湖路 8 号");

        var lines = await factory.Services.GetRequiredService<IAuditLog>().ListAsync("service-point", id);
        Assert.Equal(["update", "create"], lines.Select(l => l.Action));
        Assert.Equal("manager@xinchuang.local", lines[0].User);
        Assert.Contains("民族大道 100 号", lines[0].Before);
        Assert.Contains("金湖路 8 号", lines[0].After);
        Assert.Null(lines[1].Before);
    }

    [Fact]
    public async Task ATechniciansPhone_IsAuditedMasked_AndANewNumberWithTheSameLastDigitsStillCounts()
    {
        var (api, own) = await ManagerAsync();
        var point = (await api.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/service-points"))![0]!["id"]!.GetValue<string>();
        object Body(string phone) => new { name = "韦测试", userName = "mask-test@xinchuang.local", servicePointId = point, capabilityLevel = 2, categories = new[] { "terminal" }, phone };
        var created = await api.PostAsJsonAsync($"/api/enterprises/{own}/technicians", Body("13807715678"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        // Another number ending in the same four digits: saved, and audited as a change of the phone.
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/enterprises/{own}/technicians/{id}", Body("13907725678"))).StatusCode);
        var technicians = await factory.Services.GetRequiredService<XinchuangFlow.Domain.Network.INetworkRepository>().TechniciansAsync(Guid.Parse(own));
        Assert.Equal("13907725678", technicians.Single(t => t.Id == Guid.Parse(id)).Phone);

        var admin = await factory.LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var lines = (await admin.GetFromJsonAsync<JsonObject>($"/api/audit?kind=technician&id={id}"))!["items"]!.AsArray();
        Assert.Equal(["update", "create"], lines.Select(l => l!["action"]!.GetValue<string>()));
        foreach (var line in lines)
            foreach (var field in new[] { "before", "after" })
            {
                Assert.DoesNotContain("13807715678", line![field]?.GetValue<string>() ?? "");
                Assert.DoesNotContain("13907725678", line[field]?.GetValue<string>() ?? "");
            }
        var (before, after) = (JsonNode.Parse(lines[0]!["before"]!.GetValue<string>())!, JsonNode.Parse(lines[0]!["after"]!.GetValue<string>())!);
        Assert.Equal(("*******5678", "*******5678"), (before["phone"]!.GetValue<string>(), after["phone"]!.GetValue<string>()));
        Assert.Equal(["phone"], after["changed"]!.AsArray().Select(f => f!.GetValue<string>()));
        // The audit names the technician, as the audit page does.
        Assert.Equal("韦测试", lines[0]!["subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task OnlyTheOwnManager_Changes_OthersAreRefusedAndLogged()
    {
        var (manager, own) = await ManagerAsync();
        var other = await OtherEnterpriseAsync(own);
        var point = new { name = "越权网点", kind = "OwnOutlet", countyCode = "450103" };

        var before = factory.Logs.RefusalsOf("manager@xinchuang.local");
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync($"/api/enterprises/{other}/service-points", point)).StatusCode);
        Assert.True(factory.Logs.RefusalsOf("manager@xinchuang.local") > before);
        foreach (var (user, password) in new[] { ("supervisor@xinchuang.local", Demo), ("nanning@xinchuang.local", Demo), ("admin@xinchuang.local", "Admin#2026xf") })
        {
            var api = await factory.LoginAsync(user, password);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"/api/enterprises/{own}/service-points", point)).StatusCode);
        }
        // Enterprises are the Data Bureau's.
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/enterprises", new { name = "自封企业", kind = "Integrator" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PutAsJsonAsync($"/api/enterprises/{other}", new { name = "改名", kind = "Integrator" })).StatusCode);
    }

    [Fact]
    public async Task TheDataBureau_AddsAnEnterprise_AndRemovesItFromTheShortlistWithAReason()
    {
        var admin = await factory.LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var created = await admin.PostAsJsonAsync("/api/enterprises", new { name = "广西测试集成有限公司", kind = "Integrator" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var duplicate = await admin.PostAsJsonAsync("/api/enterprises", new { name = "广西测试集成有限公司", kind = "Integrator" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.True((await duplicate.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("name"));

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/enterprises/{id}/shortlist", new { action = "remove", reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/enterprises/{id}/shortlist", new { action = "remove", reason = "连续两季度考核不合格" })).StatusCode);
        Assert.Equal("Removed", (await admin.GetFromJsonAsync<JsonObject>($"/api/enterprises/{id}"))!["status"]!.GetValue<string>());
        var history = (await admin.GetFromJsonAsync<JsonArray>($"/api/enterprises/{id}/shortlist"))!;
        Assert.Equal("连续两季度考核不合格", Assert.Single(history)!["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/enterprises/{id}/shortlist", new { action = "restore", reason = "试图恢复" })).StatusCode);
        var audit = await factory.Services.GetRequiredService<IAuditLog>().ListAsync("enterprise", id);
        Assert.Equal(["shortlist-remove", "create"], audit.Select(a => a.Action));
    }

    [Fact]
    public async Task InvalidTechnician_IsRefused_WithCodedProblemsPerField()
    {
        var (api, own) = await ManagerAsync();
        var response = await api.PostAsJsonAsync($"/api/enterprises/{own}/technicians", new
        {
            name = " ", userName = "not-a-login", servicePointId = Guid.NewGuid(), capabilityLevel = 7, categories = new[] { "terminal", "toaster" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["capabilityLevel", "categories", "name", "servicePointId", "userName"], errors.Select(e => e.Key).Order());
        Assert.Contains("toaster", errors["categories"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task ACoordinator_ReadsTheirCityOnly()
    {
        var (_, own) = await ManagerAsync();
        var nanning = await factory.LoginAsync("nanning@xinchuang.local", Demo);
        var points = (await nanning.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/service-points"))!;
        Assert.NotEmpty(points);
        Assert.All(points, p => Assert.StartsWith("4501", p!["countyCode"]!.GetValue<string>()));
        var admin = await factory.LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        Assert.True((await admin.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/service-points"))!.Count > points.Count);
        var ids = points.Select(p => p!["id"]!.GetValue<string>()).ToHashSet();
        Assert.All((await nanning.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/technicians"))!, t => Assert.Contains(t!["servicePointId"]!.GetValue<string>(), ids));
    }

    /// <summary>A workbook of <paramref name="count"/> technicians at the manager's first point, each with one certificate; rows given by index are spoilt.</summary>
    public static byte[] TechnicianWorkbook(string pointName, string pointCounty, int count, string prefix, Func<int, Dictionary<string, object?>, Dictionary<string, object?>>? spoil = null)
    {
        var rows = new List<Dictionary<string, object?>>();
        for (var i = 1; i <= count; i++)
        {
            var row = new Dictionary<string, object?>
            {
                ["姓名"] = $"导入技术员{i:00}", ["登录账号"] = $"{prefix}{i:00}@import.xinchuang.local", ["服务网点"] = pointName, ["网点区县"] = pointCounty, ["能力等级"] = 1 + i % 3,
                ["服务产品类别"] = "终端、操作系统", ["电话"] = $"1380771{i:0000}", ["证书编号"] = $"{prefix.ToUpperInvariant()}-{i:0000}", ["证书类别"] = "终端",
                ["证书生效日期"] = "2026-01-01", ["证书到期日期"] = "2028-12-31",
            };
            rows.Add(spoil?.Invoke(i, row) ?? row);
        }
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["技术人员"] = rows });
        return stream.ToArray();
    }

    [Fact]
    public async Task ImportingTechnicians_RejectsBadRowsWithReasons_AndTheSameFileTwiceChangesNothing()
    {
        var (api, own) = await ManagerAsync();
        var point = (await api.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/service-points"))![0]!;
        var county = point["countyCode"]!.GetValue<string>();
        var file = TechnicianWorkbook(point["name"]!.GetValue<string>(), county, 6, "imp", (i, row) =>
        {
            if (i == 2) row["服务网点"] = "不存在的网点";
            if (i == 4) row["证书到期日期"] = "2028-02-30";
            return row;
        });
        async Task<JsonObject> ImportAsync()
        {
            var response = await api.PostAsync($"/api/enterprises/{own}/network.xlsx", new ByteArrayContent(file));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }
        var first = await ImportAsync();
        Assert.Equal(4, first["created"]!.GetValue<int>());
        Assert.Equal(2, first["rejected"]!.GetValue<int>());
        var rejected = first["rows"]!.AsArray().Where(r => r!["outcome"]!.GetValue<string>() == "Rejected").ToList();
        Assert.Equal([3, 5], rejected.Select(r => r!["row"]!.GetValue<int>()));
        Assert.Equal("network-point-unknown", rejected[0]!["problems"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("network-date-invalid", rejected[1]!["problems"]![0]!["code"]!.GetValue<string>());

        var technicians = (await api.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/technicians"))!;
        var imported = technicians.Where(t => t!["userName"]!.GetValue<string>().EndsWith("@import.xinchuang.local")).ToList();
        Assert.Equal(4, imported.Count);
        Assert.All(imported, t => Assert.Equal(["terminal", "os"], t!["categories"]!.AsArray().Select(c => c!.GetValue<string>())));
        Assert.All(imported, t => Assert.Single(t!["certificates"]!.AsArray()));
        var auditLines = (await factory.Services.GetRequiredService<IAuditLog>().SearchAsync(new AuditQuery(EntityKind: "technician"), 0, 1000)).Total;

        var second = await ImportAsync();
        Assert.Equal(0, second["created"]!.GetValue<int>() + second["updated"]!.GetValue<int>());
        Assert.Equal(4, second["unchanged"]!.GetValue<int>());
        Assert.Equal(2, second["rejected"]!.GetValue<int>());
        Assert.Equal(4, (await api.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/technicians"))!.Count(t => t!["userName"]!.GetValue<string>().EndsWith("@import.xinchuang.local")));
        Assert.Equal(auditLines, (await factory.Services.GetRequiredService<IAuditLog>().SearchAsync(new AuditQuery(EntityKind: "technician"), 0, 1000)).Total);

        // The export reads back as the same network: importing it changes nothing either.
        var exported = await api.GetAsync($"/api/enterprises/{own}/network.xlsx");
        // Named for whose network it is and the day (China time), as the dashboard's exports are.
        var name = (await api.GetFromJsonAsync<JsonObject>($"/api/enterprises/{own}"))!["name"]!.GetValue<string>();
        var day = XinchuangFlow.Domain.Time.ChinaTime.Today(factory.Services.GetRequiredService<TimeProvider>());
        Assert.Equal($"network-{name}-{day:yyyyMMdd}.xlsx", exported.Content.Headers.ContentDisposition!.FileNameStar);
        var export = await exported.Content.ReadAsByteArrayAsync();
        var again = await api.PostAsync($"/api/enterprises/{own}/network.xlsx", new ByteArrayContent(export));
        var report = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        var moved = report["rows"]!.AsArray().Where(r => r!["outcome"]!.GetValue<string>() != "Unchanged").Take(5).Select(r => r!.ToJsonString());
        Assert.True(!moved.Any(), string.Join("\n", moved));
    }

    [Fact]
    public async Task ImportRefusesWhatIsNoWorkbook_AndWhatIsTooLarge()
    {
        var (api, own) = await ManagerAsync();
        var text = await api.PostAsync($"/api/enterprises/{own}/network.xlsx", new ByteArrayContent("姓名,登录账号\n张三,a@b.c"u8.ToArray()));
        Assert.Equal("该文件不是 Excel 工作簿（.xlsx）。", await FileProblemAsync(text));
        var huge = new byte[6 * 1024 * 1024];
        huge[0] = 0x50; huge[1] = 0x4B;
        Assert.Equal("工作簿超过 5 MB，无法导入。", await FileProblemAsync(await api.PostAsync($"/api/enterprises/{own}/network.xlsx", new ByteArrayContent(huge))));
    }

    [Fact]
    public async Task AWorkbookFarOverTheLimit_IsRefusedWithTheImportsCodedProblem_InTheCallersLanguage_AndNothingIsImported()
    {
        var (api, own) = await ManagerAsync();
        var point = (await api.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/service-points"))![0]!;
        var workbook = TechnicianWorkbook(point["name"]!.GetValue<string>(), point["countyCode"]!.GetValue<string>(), 3, "huge");
        // A real workbook padded to 11 MB: more than the wire allows an import (twice the 5 MB limit).
        var huge = new byte[11 * 1024 * 1024];
        workbook.CopyTo(huge, 0);
        var before = (await api.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/technicians"))!.Count;

        var refused = await api.PostAsync($"/api/enterprises/{own}/network.xlsx", new ByteArrayContent(huge));
        Assert.Equal("工作簿超过 5 MB，无法导入。", await FileProblemAsync(refused));
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("network-import-too-large", problem["code"]!.GetValue<string>());
        var english = await api.PostAsync($"/api/enterprises/{own}/network.xlsx?culture=en", new ByteArrayContent(huge));
        Assert.Equal("The workbook is larger than 5 MB and cannot be imported.", await FileProblemAsync(english));

        Assert.Equal(before, (await api.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/technicians"))!.Count);
        Assert.DoesNotContain((await api.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/technicians"))!,
            t => t!["userName"]!.GetValue<string>().StartsWith("huge", StringComparison.Ordinal));
    }

    private static async Task<string> FileProblemAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["file"]![0]!.GetValue<string>();
    }
}

public sealed class NetworkAdminSqliteTests(WebAppFactory factory) : NetworkAdminApiTests(factory), IClassFixture<WebAppFactory>;
public sealed class NetworkAdminPostgresTests(PostgresWebAppFactory factory) : NetworkAdminApiTests(factory), IClassFixture<PostgresWebAppFactory>;
