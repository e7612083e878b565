using System.Text.Json.Nodes;

namespace DuckDetect.Tests.Support;

/// <summary>
/// A job's database with destinations, driven through the real CLI: alerts are made created (a prober's hour),
/// updated (late events in the same windows) and retracted (earlier probing arrives late and opens an alert whose
/// suppression swallows the first), each followed by a scheduled run that delivers.
/// </summary>
public sealed class DestinationScenario : IDisposable
{
    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-03-02T02:00:00Z", CultureInfo);

    private static System.Globalization.CultureInfo CultureInfo => System.Globalization.CultureInfo.InvariantCulture;

    public TempDatabase Db { get; } = new();

    /// <summary>The environment of every command: the secrets the destinations read.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public CliResult Cli(params string[] args) => Support.Cli.Run(args, Environment);

    public CliResult Add(string name, params string[] options) =>
        Cli(["destinations", "add", name, "--db", Db.Path, .. options]);

    public CliResult Run(params string[] extra) =>
        Cli(["run", Db.InputFolder, "--db", Db.Path, "--to", "2026-03-02T06:00:00Z", .. SeedRule.Only, .. extra]);

    /// <summary>A prober's 600 calls from 02:00: one alert, created.</summary>
    public void Create() => ProbingInput.Write(Db, "probe", Start);

    /// <summary>
    /// 100 more calls of the same prober between 02:41 and 02:49, arriving late: the window that opened the alert
    /// (ending 02:50) counts 700, the one before stays under the threshold, so the same alert is updated.
    /// </summary>
    public void Update() =>
        Db.WriteInput("more.ndjson", CloudTrailJson.Ndjson(Enumerable.Range(0, 100).Select(i =>
            CloudTrailJson.Event($"more-{i:D6}", Start.AddMinutes(41) + TimeSpan.FromSeconds(4.8 * i)))));

    /// <summary>Probing 40 minutes earlier, arriving late: the first alert is retracted and a new one created.</summary>
    public void Retract() => ProbingInput.Write(Db, "earlier", Start.AddMinutes(-40), calls: 600);

    public string AlertId => Db.Scalar<string>("SELECT alert_id FROM alert_changes ORDER BY change_seq LIMIT 1");

    public long Cursor(string destination) =>
        Db.Scalar<long>("SELECT cursor FROM destination_state WHERE destination = $destination", new { destination });

    public static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    public void Dispose() => Db.Dispose();
}
