namespace DuckDetect.Core.Reporting;

/// <summary>A rule whose alerts a chart shows: its name, threshold and settings (none known for a rule this build lacks).</summary>
internal sealed record ChartRule(string RuleId, string Name, double? Threshold, IReadOnlyDictionary<string, double> Settings, long Alerts)
{
    public double? Setting(string name) => Settings.TryGetValue(name, out var value) ? value : null;
}
