namespace DuckDetect.Core.Reporting;

/// <summary>A chart as drawn: its SVG and how many data points it plots.</summary>
internal sealed record ChartDrawing(string Svg, int Points);
