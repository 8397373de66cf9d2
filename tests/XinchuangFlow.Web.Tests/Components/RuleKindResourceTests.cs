using System.Xml.Linq;
using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>The rule kinds' catalogues hold resource keys, not text: every key they name is in both languages.</summary>
public class RuleKindResourceTests
{
    /// <summary>The keys of a resource file of the Web project (also for the ticket actions' test).</summary>
    internal static HashSet<string> Keys(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "XinchuangFlow.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir!.FullName, "src", "XinchuangFlow.Web", "Resources", file);
        return XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
    }

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.en.resx")]
    public void EveryKeyACatalogueNames_IsInTheResources(string file)
    {
        var keys = Keys(file);
        foreach (var kind in RuleKindRegistry.Builtin.All)
        {
            Assert.Contains(kind.TitleKey, keys);
            foreach (var f in kind.Fields)
            {
                string?[] named = [f.LabelKey, f.UnitKey, f.AllGradesLimitLabelKey, .. f.Choices.Select(c => f.ChoiceLabelPrefix is { } p ? p + c : null)];
                foreach (var key in named.OfType<string>()) Assert.True(keys.Contains(key), $"{kind.Key}: {key} is not in {file}");
            }
        }
    }
}
