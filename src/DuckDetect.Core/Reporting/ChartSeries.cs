namespace DuckDetect.Core.Reporting;

/// <summary>A chart's buckets of one model (the window lines) or one principal (a source IP's stacks), in time order.</summary>
internal sealed record ChartSeries(string Label, IReadOnlyList<ChartPoint> Points)
{
    /// <summary>The runs of consecutive buckets: a line is not drawn across a gap between two alerts' timelines.</summary>
    public IEnumerable<IReadOnlyList<ChartPoint>> Stretches(long intervalMinutes)
    {
        var step = intervalMinutes / 1440.0;
        var run = new List<ChartPoint>();
        foreach (var point in Points)
        {
            if (run.Count > 0 && point.Start - run[^1].Start > step * 1.5)
            {
                yield return run;
                run = [];
            }
            run.Add(point);
        }
        if (run.Count > 0)
        {
            yield return run;
        }
    }
}
