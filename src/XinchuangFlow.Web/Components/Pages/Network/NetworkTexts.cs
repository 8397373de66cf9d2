using MudBlazor;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Web.Components.Pages.Network;

/// <summary>Colours of the network pages' chips.</summary>
public static class NetworkTexts
{
    public static Color StatusColor(ShortlistStatus s) => s switch
    {
        ShortlistStatus.Active => Color.Success, ShortlistStatus.Suspended => Color.Warning, _ => Color.Error,
    };

    public static Color CertificateColor(CertificateState s) => s switch
    {
        CertificateState.Expired => Color.Error, CertificateState.ExpiringSoon => Color.Warning, CertificateState.NotYetValid => Color.Info, _ => Color.Success,
    };
}
