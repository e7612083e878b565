using System.Text.Json.Nodes;
using static DuckDetect.Core.Reporting.ChartKit;

namespace DuckDetect.Core.Reporting;

/// <summary>One chart of the report's JSON (report.sql's charts) read into what <see cref="AlertChart"/> draws.</summary>
internal sealed record AlertChartView
{
    /// <summary>The subject is a source IP (alerts of a rule with no single principal), not a principal.</summary>
    public bool BySource { get; init; }

    public string Subject { get; init; } = "";

    public string Account { get; init; } = "";

    public long WindowMinutes { get; init; }

    public long IntervalMinutes { get; init; }

    public List<ChartRule> Rules { get; init; } = [];

    public List<ChartWindow> Windows { get; init; } = [];

    /// <summary>Per model: calls per bucket and the calls of the window ending with each.</summary>
    public List<ChartSeries> Series { get; init; } = [];

    /// <summary>A source IP's calls per bucket by principal (the busiest first, the rest summed last).</summary>
    public List<ChartSeries> Stacks { get; init; } = [];

    public List<string> Models { get; init; } = [];

    /// <summary>The principals of a source IP's alerts.</summary>
    public List<string> Principals { get; init; } = [];

    /// <summary>The rule whose every bucket must stay under a cap (its hour_cap), if any.</summary>
    public ChartRule? CappedRule => Rules.FirstOrDefault(r => r.Setting("hour_cap") is not null);

    /// <summary>The chart's time range: its buckets and its alerts' windows.</summary>
    public double From => Series.Concat(Stacks).SelectMany(s => s.Points).Select(p => p.Start).Concat(Windows.Select(w => w.Start)).Min();

    public double To => Series.Concat(Stacks).SelectMany(s => s.Points).Select(p => p.Start + Days(IntervalMinutes)).Concat(Windows.Select(w => w.End)).Max();

    public int Points => Series.Concat(Stacks).Sum(s => s.Points.Count);

    public static AlertChartView Of(JsonNode chart)
    {
        var series = (chart["series"]?.AsArray() ?? []).Select(m => new ChartSeries(Html.Text(m!["model_id"]),
            m["points"]!.AsArray().Select(p => new ChartPoint(Time(p![0]), Num(p[1]), Num(p[2]))).ToList())).ToList();
        var stacks = (chart["stacks"]?.AsArray() ?? []).Select(s => new ChartSeries(
            s!["user_arn"] is { } arn ? ShortArn(Html.Text(arn)) : $"{s["principals"]} other principals",
            s["points"]!.AsArray().Select(p => new ChartPoint(Time(p![0]), Num(p[1]), 0)).ToList())).ToList();
        return new AlertChartView
        {
            BySource = (bool?)chart["by_source"] ?? false,
            Subject = Html.Text(chart["subject"]),
            Account = Html.Text(chart["account_id"]),
            WindowMinutes = (long)Num(chart["window_minutes"]),
            IntervalMinutes = chart["interval_minutes"] is { } interval ? (long)Num(interval) : Interval(series),
            Rules = chart["rules"]!.AsArray().Select(r => new ChartRule(Html.Text(r!["rule_id"]), Html.Text(r["name"]), Optional(r["threshold"]),
                (r["settings"]?.AsObject() ?? []).ToDictionary(s => s.Key, s => Num(s.Value)), (long)Num(r["alerts"]))).ToList(),
            Windows = chart["windows"]!.AsArray().Select(w => new ChartWindow(Time(w!["start"]), Time(w["end"]), Html.Text(w["rule_id"]), Optional(w["compared_with"]))
            {
                Calls = Num(w["calls"]),
                Baseline = Optional(w["baseline"]),
                ActiveHours = Optional(w["active_hours"]),
                MaxHourCalls = Optional(w["max_hour_calls"]),
                MaxPrincipalCalls = Optional(w["max_principal_calls"]),
                Principals = Optional(w["principals"]),
            }).ToList(),
            Series = series,
            Stacks = stacks,
            Models = (chart["models"]?.AsArray() ?? []).Select(Html.Text).ToList(),
            Principals = (chart["principals"]?.AsArray() ?? []).Select(Html.Text).ToList(),
        };
    }

    /// <summary>A principal's ARN without what the chart's title says already: assumed-role/ROLE/SESSION, user/NAME.</summary>
    public static string ShortArn(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" ? parts[5] : arn;
    }

    private static double? Optional(JsonNode? node) => node is null ? null : Num(node);

    /// <summary>The buckets' length of a rule this build lacks, from its timeline (10 minutes when it has one bucket).</summary>
    private static long Interval(List<ChartSeries> series)
    {
        var gaps = series.SelectMany(s => s.Points.Zip(s.Points.Skip(1), (a, b) => b.Start - a.Start)).ToList();
        return gaps.Count == 0 ? 10 : (long)Math.Round(gaps.Min() * 1440);
    }
}
