namespace DuckDetect.Core.Reporting;

/// <summary>
/// One bucket of a chart: its start (OLE automation days), its calls and the calls of the window ending with it (0
/// where the series has none, as a principal's stack).
/// </summary>
internal readonly record struct ChartPoint(double Start, double Calls, double WindowCalls);
