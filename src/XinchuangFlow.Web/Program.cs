using XinchuangFlow.Web;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // Run from a source checkout, the repository root is the content root: its appsettings.json, workflows/
    // and data/ are used. A published app keeps its own folder.
    ContentRootPath = HostPaths.FindRepositoryRoot(),
    WebRootPath = HostPaths.FindWebRoot(),
});
builder.AddXinchuangFlowWeb();
var app = builder.Build();
app.UseXinchuangFlowWeb();
app.Run();

/// <summary>Entry point type, visible to the test host.</summary>
public partial class Program;
