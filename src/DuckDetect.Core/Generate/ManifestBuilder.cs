using System.Data;
using System.Globalization;
using System.Text.Json;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Generate;

/// <summary>
/// Runs the rule over what was generated (<c>generate/alerts.sql</c>) and builds the manifest from it, so that
/// the expected alerts are exact. Fails if the background traffic would raise an alert: that is a generator bug.
/// </summary>
internal static class ManifestBuilder
{
    public static GenerateManifest Build(IDbConnection connection, GenerateOptions options, GenerateSummary summary)
    {
        connection.Execute(SqlScripts.Get("generate/alerts.sql"), commandTimeout: 0);
        var background = connection.QuerySingle<BackgroundCheck>(SqlScripts.Get("generate/manifest_background.sql"));
        if (background.Alerts > 0)
        {
            throw new InvalidOperationException(
                $"The generated background traffic would raise {background.Alerts} alert(s); it must raise none.");
        }
        var cases = connection.Query<PlantedCaseRow>(SqlScripts.Get("generate/manifest_cases.sql")).Select(ToCase).ToList();
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
            Rule = RuleParameters.BedrockProbing,
            Background = background,
            Cases = cases,
        };
    }

    private static PlantedCase ToCase(PlantedCaseRow row)
    {
        var arns = List<string>(row.PrincipalArnsJson);
        var models = List<string>(row.ModelIdsJson);
        var alerts = List<ExpectedAlert>(row.AlertsJson);
        return new PlantedCase
        {
            Name = row.Name,
            Description = row.Description,
            Expected = row.Expected,
            Account = row.Account,
            Regions = List<string>(row.RegionsJson),
            PrincipalArn = arns.Count == 1 ? arns[0] : null,
            PrincipalArns = arns,
            ModelId = models.Count == 1 ? models[0] : null,
            ModelIds = models,
            EventNames = List<string>(row.EventNamesJson),
            Start = row.FirstEvent,
            End = row.LastEvent,
            Calls = row.Calls,
            SuccessfulCalls = row.SuccessfulCalls,
            MaxWindowCalls = row.MaxWindowCalls,
            ExpectedAlertWindowEnds = alerts.Select(a => a.WindowEnd).ToList(),
            ExpectedAlerts = alerts,
        };
    }

    private static List<T> List<T>(string json) =>
        JsonSerializer.Deserialize<List<T>>(json, GenerateManifest.JsonOptions) ?? [];
}
