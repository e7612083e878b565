using System.Text;
using static DuckDetect.Core.Reporting.ChartKit;

namespace DuckDetect.Core.Reporting;

/// <summary>
/// What a chart of alerts says in words: its title (whose calls, which rules), each rule's threshold label, and the
/// caption under it (what each rule compared, and with what, for these alerts).
/// </summary>
internal static class AlertChartText
{
    public static string Title(AlertChartView view)
    {
        var rules = string.Join(" and ", view.Rules.Select(r => r.Name));
        return view.BySource
            ? $"source IP {view.Subject} (account {view.Account}), {Plural(view.Principals.Count, "principal")}\nmodel {string.Join(", ", view.Models)}\n{rules}"
            : $"{view.Subject} (account {view.Account})\n{rules}";
    }

    /// <summary>
    /// A rule's threshold as drawn: its threshold, or for a baseline rule (a factor) the greater of its floor and
    /// factor x the alert's baseline, with the values these alerts had.
    /// </summary>
    public static string ThresholdLabel(ChartRule rule, IReadOnlyList<ChartWindow> windows)
    {
        var values = windows.Select(w => w.ComparedWith!.Value).Distinct().Order().ToList();
        if (rule.Setting("factor") is { } factor && rule.Threshold is { } floor && windows.All(w => w.Baseline is not null))
        {
            var baselines = windows.Select(w => w.Baseline!.Value).Distinct().Order().ToList();
            return values.Count == 1
                ? $"threshold {Count(values[0])} = max({Count(floor)}, {Count(factor)} × baseline {Range(baselines)} calls/h): {rule.Name}"
                : $"threshold per alert {Range(values)} = max({Count(floor)}, {Count(factor)} × its baseline calls/h): {rule.Name}";
        }
        return $"threshold {Range(values)}: {rule.Name}";
    }

    /// <summary>The caption: per rule, its alerts and what it compared (HTML).</summary>
    public static string Caption(AlertChartView view)
    {
        var html = new StringBuilder("<figcaption><ul>");
        foreach (var rule in view.Rules)
        {
            var windows = view.Windows.Where(w => w.RuleId == rule.RuleId).ToList();
            html.Append("<li><b>").Append(Html.Encode(rule.Name)).Append("</b>: ").Append(Html.Encode(Plural(windows.Count, "alert")))
                .Append(". ").Append(Html.Encode(Compares(view, rule, windows))).Append("</li>");
        }
        return html.Append("</ul></figcaption>").ToString();
    }

    private static string Compares(AlertChartView view, ChartRule rule, List<ChartWindow> windows)
    {
        var window = Length(view.WindowMinutes);
        if (rule.Threshold is not { } threshold)
        {
            return "A rule this build does not have: no threshold to draw.";
        }
        if (rule.Setting("factor") is { } factor)
        {
            return $"Fires when a {window} window's calls reach {Count(threshold)} and {Count(factor)} × the principal's baseline " +
                   $"(the 95th percentile of its calls per hour over the {Count(rule.Setting("baseline_days") ?? 0)} days before), " +
                   $"whichever is greater: here {Range(windows.Where(w => w.ComparedWith is not null).Select(w => w.ComparedWith!.Value))} " +
                   $"(baseline {Range(windows.Where(w => w.Baseline is not null).Select(w => w.Baseline!.Value))} calls/h).";
        }
        if (rule.Setting("hour_cap") is { } hourCap)
        {
            return $"Fires when a {window} window's calls reach {Count(threshold)}, in at least {Count(rule.Setting("min_hours") ?? 0)} hours with calls, " +
                   $"every hour under {Count(hourCap)}: here {Range(windows.Select(w => w.Calls))} calls in " +
                   $"{Range(windows.Where(w => w.ActiveHours is not null).Select(w => w.ActiveHours!.Value))} hours, " +
                   $"the busiest hour {Range(windows.Where(w => w.MaxHourCalls is not null).Select(w => w.MaxHourCalls!.Value))}.";
        }
        if (rule.Setting("principal_cap") is { } principalCap)
        {
            return $"Fires when one source IP's calls on one model in a {window} window reach {Count(threshold)}, from at least " +
                   $"{Count(rule.Setting("min_principals") ?? 0)} principals none of which reaches {Count(principalCap)} alone: here " +
                   $"{Range(windows.Select(w => w.Calls))} calls from {Range(windows.Where(w => w.Principals is not null).Select(w => w.Principals!.Value))} principals, " +
                   $"the busiest {Range(windows.Where(w => w.MaxPrincipalCalls is not null).Select(w => w.MaxPrincipalCalls!.Value))}.";
        }
        return $"Fires when a {window} window's calls reach {Count(threshold)}: here {Range(windows.Select(w => w.Calls))} in the opening window.";
    }

    /// <summary>One value, or the lowest and highest: 100, 117–700.</summary>
    private static string Range(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return "–";
        }
        return list.Min() == list.Max() ? Count(list.Min()) : $"{Count(list.Min())}–{Count(list.Max())}";
    }

    private static string Plural(int count, string what) => count == 1 ? $"1 {what}" : $"{count:N0} {what}s";
}
