using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Workflows;
using XinchuangFlow.Web.Components;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// Refusals are codes with arguments (issue 21 §1): the same refusal reads in Chinese by default and in English with
/// <c>?culture=en</c>, through a service and through the API; the English message stays for logs and clients.
/// </summary>
public class CodedRefusalTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string Admin = "admin@xinchuang.local";

    [Fact]
    public async Task AFlowWithABadIdAndNoName_IsRefusedFieldByField_InBothLanguages()
    {
        using var scope = factory.Services.CreateScope();
        var definitions = scope.ServiceProvider.GetRequiredService<DefinitionAppService>();
        var refusal = await Assert.ThrowsAsync<InvalidInputException>(() =>
            definitions.CreateAsync(Actor.Of(Admin, [Roles.DataBureauAdmin]), "1-Bad", " ", null));
        Assert.Equal([DefinitionProblems.IdFormat, DefinitionProblems.NameMissing], refusal.Problems.Select(p => p.Code));
        Assert.Contains("lower-case letters", refusal.Message);   // the English message stays for logs

        var zh = In("zh-CN", refusal.TextsByField);
        Assert.Equal("流程编号须为 2–64 位小写字母、数字或连字符，以字母开头。", Assert.Single(zh["definitionId"]));
        Assert.Equal("请为流程填写名称。", Assert.Single(zh["name"]));
        var en = In("en", refusal.TextsByField);
        Assert.Equal("Give the flow a name.", Assert.Single(en["name"]));
        Assert.StartsWith("Use 2–64 lower-case letters", Assert.Single(en["definitionId"]));
    }

    [Theory]
    [InlineData("", "请填写使用此密钥的平台名称。")]
    [InlineData("?culture=en", "Name the platform the key is for.")]
    public async Task APlatformKeyWithoutAName_IsRefused_InTheCallersLanguage(string culture, string text)
    {
        var admin = await factory.LoginAsync(Admin, "Admin#2026xf");
        var response = await admin.PostAsJsonAsync("/api/platforms" + culture, new { name = " " });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(text, problem["errors"]!["name"]![0]!.GetValue<string>());
        Assert.Equal(text, problem["detail"]!.GetValue<string>());
        Assert.Equal("invalid", problem["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("", "找不到该县（市、区），或您无权查看。")]
    [InlineData("?culture=en", "This county does not exist, or you may not see it.")]
    public async Task AnotherCitysCounty_IsNotFound_NamedInTheCallersLanguage(string culture, string text)
    {
        // 西林县 is in 百色市: not 南宁市's coordinator's; what was not found is a word of the reader's language, not "county" in Chinese.
        var nanning = await factory.LoginAsync("nanning@xinchuang.local", "Demo#2026xf");
        var response = await nanning.GetAsync("/api/coverage/counties/451030/export" + culture);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(text, (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("", "文件是空的。", "“程序.txt”不是可以附上的文件")]
    [InlineData("?culture=en", "The file is empty.", "“程序.txt” cannot be attached")]
    public async Task ARefusedAttachment_SaysWhy_InTheCallersLanguage(string culture, string empty, string refusedType)
    {
        var unit = await factory.LoginAsync("unit@xinchuang.local", "Demo#2026xf");
        var created = await unit.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "李工", ["contactPhone"] = "0771-5550101", ["cityCode"] = "4501", ["countyCode"] = "450103", ["productCategory"] = "terminal",
            ["impact"] = "single", ["title"] = "附件语言测试", ["description"] = "附件被拒时的说明",
        });
        var number = (await created.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
        async Task<JsonObject> RefusedAsync(string name, byte[] content)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{number}/attachments{culture}") { Content = new ByteArrayContent(content) };
            request.Headers.Add("X-File-Name", Uri.EscapeDataString(name));
            var response = await unit.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }
        Assert.Equal(empty, (await RefusedAsync("空.txt", []))["errors"]!["file"]![0]!.GetValue<string>());
        Assert.StartsWith(refusedType, (await RefusedAsync("程序.txt", [0x4D, 0x5A, 0x90, 0x00, 0x03]))["detail"]!.GetValue<string>());
    }

    [Fact]
    public void AConflictAndANotFound_ReadInTheReadersLanguage_WithTheStatusNamed()
    {
        var conflict = new Engine.Runtime.TaskClaimedException(Guid.NewGuid(), "li@xinchuang.local");
        Assert.Equal("claimed", conflict.Code);
        Assert.Equal("此任务已由 li@xinchuang.local 领取，请等其释放后再领取。", In("zh-CN", conflict.Text));
        var ended = new StateConflictException(Problem.Of(Engine.Runtime.EngineProblems.AlreadyEnded, null, "Instance x is already Finished.",
            ("status", Engine.Runtime.WorkflowStatus.Finished)));
        Assert.Equal("流程实例已经是“已完成”。", In("zh-CN", ended.Text));
        var missing = new NotFoundException(Problem.Of(AccessProblems.NotFound, null, "Ticket X does not exist.", ("what", "ticket"), ("id", "X")));
        Assert.Equal("找不到该工单，或您无权查看。", In("zh-CN", missing.Text));
        Assert.Equal("This ticket does not exist, or you may not see it.", In("en", missing.Text));
    }

    private static T In<T>(string culture, Func<T> read)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try { return read(); }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current); }
    }
}
