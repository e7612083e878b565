using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Exceptions;
using DuckDetect.Core.Rules;

namespace DuckDetect.Commands;

/// <summary>The options of detect and run: the range of window ends, tuning for what-if runs, output.</summary>
public sealed class DetectOptions : ICommandParameterSet
{
    [Option("from", Description = "Evaluate windows ending after T (ISO 8601 or a date; default: the rule's checkpoint, else the first event)", ValueName = "T")]
    [HasDefaultValue]
    public string? From { get; set; }

    [Option("to", Description = "Evaluate windows ending at or before T (default: now, floored to the interval)", ValueName = "T")]
    [HasDefaultValue]
    public string? To { get; set; }

    [Option("threshold", Description = "What-if: the threshold of the rules run (each rule's own otherwise: `duckdetect rules` lists them)", ValueName = "N")]
    [HasDefaultValue]
    public long? Threshold { get; set; }

    [Option("window", Description = "What-if: window width in minutes (each rule's own otherwise)", ValueName = "MINUTES")]
    [HasDefaultValue]
    public int? Window { get; set; }

    [Option("interval", Description = "What-if: evaluation interval in minutes (each rule's own otherwise)", ValueName = "MINUTES")]
    [HasDefaultValue]
    public int? Interval { get; set; }

    [Option("suppression", Description = "What-if: suppression duration in minutes (each rule's own otherwise)", ValueName = "MINUTES")]
    [HasDefaultValue]
    public int? Suppression { get; set; }

    [Option("set", Description = "What-if: one of the rule's settings, by its name in the rule's definition (`duckdetect rules` lists them); repeatable", ValueName = "NAME=VALUE")]
    [HasDefaultValue]
    public string[] Set { get; set; } = [];

    [Option("without-exception", Description = "What-if: leave out this production exception (repeat for several)", ValueName = "ID")]
    [HasDefaultValue]
    public long[] WithoutException { get; set; } = [];

    [Option("with-exception", Description = "What-if: add an exception FIELD=VALUE or FIELD:OPERATOR=VALUE (repeat for several)", ValueName = "SPEC")]
    [HasDefaultValue]
    public string[] WithException { get; set; } = [];

    [Option("what-if", Description = "Database file for a tuned run's results (required with any tuning option)", ValueName = "FILE")]
    [HasDefaultValue]
    public string? WhatIf { get; set; }

    [Option("rule", Description = "Run only the rule with this id (default: every rule)", ValueName = "ID")]
    [HasDefaultValue]
    public string? Rule { get; set; }

    [Option("format", Description = "How the alerts this run raised or changed are printed on stdout: table, json, ndjson, csv (default: table; ndjson with --consumer)", ValueName = "FORMAT")]
    [HasDefaultValue]
    public string? Format { get; set; }

    public bool IsTuned => Threshold is not null || Window is not null || Interval is not null || Suppression is not null
        || Set.Length > 0 || WithoutException.Length > 0 || WithException.Length > 0;

    /// <summary>
    /// The rules to run: --rule's, else every rule; a tuned run tunes one rule, --rule's or else the first (the
    /// seed rule, which --threshold, --window, --interval and --suppression tuned before there were others).
    /// </summary>
    public IReadOnlyList<RuleDefinition> Rules => IsTuned && Rule is null ? [RuleCatalog.Get()] : RuleCatalog.Select(Rule);

    /// <summary>The exceptions a what-if run applies instead of production's.</summary>
    public WhatIfExceptions ExceptionsFor(RuleDefinition rule) => new()
    {
        Without = WithoutException.Distinct().ToList(),
        With = WithException.Select(spec => WhatIfExceptions.ParseWith(spec, rule.Id)).ToList(),
    };

    /// <summary>The rule's settings with the tuning options applied.</summary>
    public RuleSettings SettingsFor(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var defined = rule.Settings;
        if (IsTuned && WhatIf is null)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                "--threshold, --window, --interval, --suppression, --set and the exception options change the rule: give --what-if FILE, a separate database for the tuned results");
        }
        var settings = defined with
        {
            Threshold = Threshold ?? defined.Threshold,
            WindowMinutes = Window ?? defined.WindowMinutes,
            IntervalMinutes = Interval ?? defined.IntervalMinutes,
            SuppressionMinutes = Suppression ?? defined.SuppressionMinutes,
        };
        foreach (var assignment in Set)
        {
            var (name, value) = ParseSetting(assignment);
            settings = settings.With(name, value);
        }
        return RuleCatalog.CheckSettings(rule, settings);
    }

    private static (string Name, long Value) ParseSetting(string assignment)
    {
        var parts = assignment.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !long.TryParse(parts[1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"--set {assignment}: expected NAME=VALUE with a whole number");
        }
        return (parts[0], value);
    }
}
