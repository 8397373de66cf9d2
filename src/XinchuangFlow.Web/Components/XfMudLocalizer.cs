using Microsoft.Extensions.Localization;
using MudBlazor;

namespace XinchuangFlow.Web.Components;

/// <summary>
/// MudBlazor's own texts (a field's "clear" button, a chip's "close", the pages of a list — mostly read by screen
/// readers) in Chinese from the app's resources under <c>Mud.&lt;key&gt;</c>; in English, and for a key not there,
/// MudBlazor's own English.
/// </summary>
public sealed class XfMudLocalizer(IStringLocalizer<SharedResource> texts) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            if (SharedResource.IsEnglish) return new LocalizedString(key, key, resourceNotFound: true);   // MudBlazor's own English
            var text = texts["Mud." + key];
            return text.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : new LocalizedString(key, text.Value);
        }
    }
}
