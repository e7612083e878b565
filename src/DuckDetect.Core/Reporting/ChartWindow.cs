namespace DuckDetect.Core.Reporting;

/// <summary>
/// One alert on a chart: its windows (the opening window's start to suppression_end, OLE automation days), its rule,
/// what the rule compared its window calls with, and the rule's own measures of it (NULL where they do not apply).
/// </summary>
internal sealed record ChartWindow(double Start, double End, string RuleId, double? ComparedWith)
{
    public double Calls { get; init; }

    public double? Baseline { get; init; }

    public double? ActiveHours { get; init; }

    public double? MaxHourCalls { get; init; }

    public double? MaxPrincipalCalls { get; init; }

    public double? Principals { get; init; }
}
