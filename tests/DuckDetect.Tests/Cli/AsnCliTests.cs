using System.Text.Json.Nodes;
using DuckDetect.Tests.Enrichment;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Cli;

/// <summary>
/// duckdetect asn load|status|clear as a user runs them: the sample AS CSV gives the quickstart's alert its AS; a
/// file that cannot be used is exit 65 with one line naming it and changes nothing; a missing file is 66, an unknown
/// --format 64.
/// </summary>
public sealed class AsnCliTests : IDisposable
{
    private static readonly string SampleCsv = Path.Combine(RepoPaths.Root, "data", "asn", "sample-asn.csv");

    private readonly TempDatabase _db = new();

    [Fact]
    public void Load_Status_Alerts_BadFile_Clear()
    {
        ProbingInput.Write(_db, "probe", DateTimeOffset.Parse("2026-03-02T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, Support.Cli.Run(["run", _db.InputFolder, "--db", _db.Path, "--to", "2026-03-02T06:00:00Z", "--quiet", .. SeedRule.Only]).ExitCode);

        var load = Support.Cli.Run("asn", "load", SampleCsv, "--db", _db.Path);
        Assert.True(load.ExitCode == 0, load.ToString());
        Assert.Contains("5 range(s) in use (4 IPv4, 1 IPv6); 1 of 1 stored source IP(s) have an AS; 1 alert(s) updated", load.Stderr, StringComparison.Ordinal);
        Assert.Equal("", load.Stdout);
        var alert = JsonNode.Parse(Support.Cli.Run("alerts", "--db", _db.Path, "--format", "ndjson").Stdout.Split('\n')[0])!;
        Assert.Equal("[64497]", alert["source_asns"]!.ToJsonString());
        Assert.Equal("[\"Example Residential Broadband (documentation AS)\"]", alert["source_as_orgs"]!.ToJsonString());
        var status = Status();
        Assert.Equal(5, (int)status["loaded"]!["ranges"]!);
        Assert.Equal((600, 600), ((int)status["events"]!["stored"]!, (int)status["events"]!["with_as"]!));

        var truncated = Path.Combine(_db.Folder, "GeoLite2-ASN.mmdb");
        var mmdb = File.ReadAllBytes(AsnFiles.Mmdb);
        File.WriteAllBytes(truncated, mmdb[..(mmdb.Length / 2)]);
        var bad = Support.Cli.Run("asn", "load", truncated, "--db", _db.Path);

        Assert.Equal(65, bad.ExitCode);
        var line = Assert.Single(bad.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(truncated + ": neither a MaxMind DB", line, StringComparison.Ordinal);
        Assert.Equal(status.ToJsonString(), Status().ToJsonString());

        Assert.Equal(66, Support.Cli.Run("asn", "load", Path.Combine(_db.Folder, "nowhere.mmdb"), "--db", _db.Path).ExitCode);
        Assert.Equal(64, Support.Cli.Run("asn", "load", SampleCsv, "--format", "xml", "--db", _db.Path).ExitCode);

        Assert.Equal(0, Support.Cli.Run("asn", "clear", "--db", _db.Path).ExitCode);
        var table = Support.Cli.Run("asn", "status", "--db", _db.Path);
        Assert.Contains("no AS data: cleared at", table.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (int)Status()["alerts"]!["with_as"]!);
    }

    private JsonObject Status()
    {
        var result = Support.Cli.Run("asn", "status", "--db", _db.Path, "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.Stdout)!.AsObject();
    }

    public void Dispose() => _db.Dispose();
}
