using MudBlazor;
using XinchuangFlow.Domain.Assessment;

namespace XinchuangFlow.Web.Text;

/// <summary>How a supervision notice's status looks.</summary>
public static class SupervisionTexts
{
    public static Color Color(string status) => status switch
    {
        SupervisionStatus.Escalated => MudBlazor.Color.Error,
        SupervisionStatus.AnsweredLate => MudBlazor.Color.Warning,
        SupervisionStatus.Answered => MudBlazor.Color.Success,
        SupervisionStatus.Returned => MudBlazor.Color.Warning,
        SupervisionStatus.Closed => MudBlazor.Color.Default,
        _ => MudBlazor.Color.Info,
    };
}
