using System.Data;
using System.Globalization;
using System.Text.Json;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Generate;

/// <summary>
/// Evaluates every rule over what was generated with the generator's own reference SQL (<c>generate/reference_*.sql</c>,
/// independent of the product's rules) and builds the manifest from it, so that the expected alerts are exact.
/// Fails when the reference evaluation contradicts what the generator planted: background traffic alerting on a rule it
/// must not, or a planted case that a rule must not alert on alerting (or one it must alert on not alerting). Either
/// is a generator bug.
/// </summary>
internal static class ManifestBuilder
{
    /// <summary>The reference evaluation, in order: windows, the windows that fire, suppression.</summary>
    private static readonly string[] ReferenceScripts = ["reference_windows", "reference_candidates", "reference_invocation_rules", "reference_events", "reference_alerts", "reference_invocations"];

    private const string NoAlert = "no_alert";

    public static GenerateManifest Build(IDbConnection connection, GenerateOptions options, GenerateSummary summary)
    {
        foreach (var script in ReferenceScripts)
        {
            StepTrace.Step($"generate: {script}", () => connection.Execute(SqlScripts.Get($"generate/{script}.sql"), commandTimeout: 0));
        }
        var rules = connection.Query<ManifestRuleRow>(SqlScripts.Get("generate/manifest_rules.sql"), commandTimeout: 0).Select(ToRule).ToList();
        foreach (var rule in rules.Where(r => !r.Background.MayAlert && r.Background.Alerts > 0))
        {
            throw new InvalidOperationException(
                $"The generated background traffic would raise {rule.Background.Alerts} alert(s) of rule {rule.Key}; it must raise none.");
        }
        var cases = connection.Query<PlantedCaseRow>(SqlScripts.Get("generate/manifest_cases.sql"), commandTimeout: 0).Select(ToCase).ToList();
        foreach (var planted in cases)
        {
            CheckExpectations(planted, rules);
        }
        return new GenerateManifest
        {
            Generator = "duckdetect generate",
            Format = options.Format.ToString().ToLowerInvariant(),
            Seed = options.Seed,
            Start = options.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Days = options.Days,
            EventsPerDay = options.EventsPerDay,
            Events = summary.Events,
            Files = summary.Files,
            Bytes = summary.Bytes,
            Accounts = connection.Query<string>("SELECT account_id FROM gen_accounts ORDER BY account_no").AsList(),
            Regions = connection.Query<string>("SELECT region FROM gen_regions ORDER BY region_no").AsList(),
            Rules = rules,
            Cases = cases,
            InvocationLogs = new InvocationLogSummary
            {
                Written = options.InvocationLogs,
                Files = summary.InvocationFiles,
                Records = summary.InvocationRecords,
                LoggingStops = options.InvocationLogs
                    ? connection.Query<InvocationLoggingStop>(SqlScripts.Get("generate/manifest_logging_stops.sql")).AsList()
                    : [],
            },
        };
    }

    /// <summary>A case that a rule must not alert on raises none of its alerts; any other raises at least one.</summary>
    private static void CheckExpectations(PlantedCase planted, IReadOnlyList<ManifestRule> rules)
    {
        foreach (var rule in rules)
        {
            if (!planted.Expected.TryGetValue(rule.Id, out var expected))
            {
                throw new InvalidOperationException($"Planted case {planted.Name} states nothing for rule {rule.Key}.");
            }
            var alerts = planted.ExpectedAlerts.Count(a => a.RuleId == rule.Id);
            if ((expected == NoAlert) != (alerts == 0))
            {
                throw new InvalidOperationException(
                    $"Planted case {planted.Name} is '{expected}' for rule {rule.Key}, but the reference evaluation raises {alerts} alert(s) on it.");
            }
        }
    }

    private static ManifestRule ToRule(ManifestRuleRow row) => new()
    {
        Id = row.Id,
        Key = row.Key,
        Name = row.Name,
        Parameters = new RuleParameters
        {
            Type = row.RuleType,
            Reads = row.Reads,
            EventSource = row.EventSource,
            EventNames = List<string>(row.EventNamesJson),
            Counts = row.Counts,
            GroupBy = List<string>(row.GroupByJson),
            Threshold = row.Threshold,
            WindowMinutes = row.WindowMinutes,
            IntervalMinutes = row.IntervalMinutes,
            SuppressBy = List<string>(row.SuppressByJson),
            SuppressionMinutes = row.SuppressionMinutes,
            Settings = JsonSerializer.Deserialize(row.SettingsJson, GenerateJsonContext.For<Dictionary<string, long>>()) ?? [],
        },
        Background = new BackgroundCheck
        {
            MaxWindowCalls = row.MaxWindowCalls,
            Alerts = row.BackgroundAlerts,
            MayAlert = row.BackgroundMayAlert,
            Note = row.BackgroundNote,
        },
        ExpectedAlerts = List<ExpectedAlert>(row.AlertsJson),
    };

    private static PlantedCase ToCase(PlantedCaseRow row)
    {
        var arns = List<string>(row.PrincipalArnsJson);
        var models = List<string>(row.ModelIdsJson);
        return new PlantedCase
        {
            Name = row.Name,
            Description = row.Description,
            Kind = row.Kind,
            RuleId = row.RuleId,
            Expected = JsonSerializer.Deserialize(row.ExpectedJson, GenerateJsonContext.For<Dictionary<string, string>>()) ?? [],
            Account = row.Account,
            Regions = List<string>(row.RegionsJson),
            PrincipalArn = arns.Count == 1 ? arns[0] : null,
            PrincipalArns = arns,
            ModelId = models.Count == 1 ? models[0] : null,
            ModelIds = models,
            EventNames = List<string>(row.EventNamesJson),
            SourceIps = List<string>(row.SourceIpsJson),
            Start = row.FirstEvent,
            End = row.LastEvent,
            Calls = row.Calls,
            SuccessfulCalls = row.SuccessfulCalls,
            MaxWindowCalls = row.MaxWindowCalls,
            ExpectedAlerts = List<ExpectedAlert>(row.AlertsJson),
            InvocationProfile = row.InvocationProfile,
            InvocationRecords = row.InvocationRecords,
        };
    }

    private static List<T> List<T>(string json) =>
        JsonSerializer.Deserialize(json, GenerateJsonContext.For<List<T>>()) ?? [];
}
