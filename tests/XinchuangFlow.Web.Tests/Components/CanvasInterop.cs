using Bunit;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>What the diagram canvas asks the browser, answered for component tests (a fixed 1000 × 600 canvas).</summary>
public static class CanvasInterop
{
    public static void Setup(BunitContext ctx)
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.JSInterop.Setup<Blazor.Diagrams.Core.Geometry.Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true)
            .SetResult(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1000, 600));
    }
}
