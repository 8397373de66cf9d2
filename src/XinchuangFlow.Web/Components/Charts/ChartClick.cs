namespace XinchuangFlow.Web.Components.Charts;

/// <summary>A click on a chart item: its key (a county code on the map, a row's key elsewhere), its series and its index.</summary>
public sealed record ChartClick(string Key, string Series, int Index);
