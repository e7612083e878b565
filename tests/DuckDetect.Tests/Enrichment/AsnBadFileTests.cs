using System.Text;
using Dapper;
using DuckDetect.Core;
using DuckDetect.Core.Enrichment;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Enrichment;

/// <summary>
/// An AS file that cannot be used is one error naming the file and what is wrong (exit 65 at the CLI), and the
/// load changes nothing: the AS data in use, every event's AS, the alerts and the record of loads stay as they were.
/// </summary>
public sealed class AsnBadFileTests : IDisposable
{
    private readonly DetectionFixture _fx = new();

    public static TheoryData<string, string> Cases() => new()
    {
        { "truncated.mmdb", "neither a MaxMind DB (no metadata marker in its last 128 KiB: truncated, or another kind of file)" },
        { "metadata-cut.mmdb", "not a readable MaxMind DB" },
        { "corrupt-tree.mmdb", "not a readable MaxMind DB" },
        { "not-asn.mmdb", "have no AS number (autonomous_system_number): not an ASN database" },
        { "forced-mmdb.csv", "not a MaxMind DB: no metadata marker" },
        { "binary.dat", "nor a CSV text file (it has NUL bytes or is not UTF-8)" },
        { "garbage.gz", "gzip-compressed, but neither a MaxMind DB" },
        { "empty.csv", "empty file" },
        { "words.csv", "line 2: \"more\" is neither an IP address, an address number nor a network" },
        { "bad-address.csv", "line 3: the range start \"1.2.3.999\" is not an IP address" },
        { "reversed.csv", "line 2: the range 1.0.0.255 to 1.0.0.0 ends before it starts" },
        { "mixed.csv", "line 2: the range 1.0.0.0 to 2001:db8::ffff mixes IPv4 and IPv6" },
        { "bad-asn.csv", "line 2: the AS number \"AS-X\" is not a number from 0 to 4294967295" },
        { "short-line.csv", "not a well-formed AS CSV: CSV Error on Line: 2; Expected Number of Columns: 4 Found: 3" },
        { "bad-network.csv", "line 3: the network 1.0.1.0/16 has bits set after its prefix" },
        { "ranges-then-a-bad-file", "line 3: the range start \"1.2.3.999\" is not an IP address" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_UnusableFile_OneErrorNamingTheFile_AndNothingChanges(string name, string reason)
    {
        // AS data in use, events looked up, an alert carrying their AS.
        Load(AsnFiles.WriteRangesCsv(Path.Combine(_fx.Db.Folder, "good.csv")));
        _fx.Ingest(_fx.Burst(520, DetectionFixture.At("2026-03-02T10:00:00Z"), TimeSpan.FromMinutes(50),
            e => e["sourceIPAddress"] = "1.0.0.7"));
        _fx.Detect("2026-03-02T10:00:00Z", "2026-03-02T12:00:00Z");
        var before = Snapshot();
        Assert.Contains("AS data 412", before, StringComparison.Ordinal);
        Assert.Contains("[15169]", before, StringComparison.Ordinal);

        var paths = Make(name);
        var ex = Assert.Throws<DuckDetectException>(() => Load(paths, name.StartsWith("forced-mmdb", StringComparison.Ordinal) ? AsnFormat.Mmdb : null));

        Assert.Equal(FailureKind.InputFilesFailed, ex.Kind);
        Assert.StartsWith(paths[^1] + ": ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Load_MissingFile_IsNoInput()
    {
        var ex = Assert.Throws<DuckDetectException>(() => Load([Path.Combine(_fx.Db.Folder, "nowhere.mmdb")]));
        Assert.Equal(FailureKind.NoInput, ex.Kind);
    }

    private string[] Make(string name)
    {
        var path = Path.Combine(_fx.Db.Folder, name);
        var mmdb = File.ReadAllBytes(AsnFiles.Mmdb);
        switch (name)
        {
            case "truncated.mmdb":
                File.WriteAllBytes(path, mmdb[..(mmdb.Length / 2)]);
                break;
            case "metadata-cut.mmdb":
                File.WriteAllBytes(path, mmdb[..^40]);
                break;
            case "corrupt-tree.mmdb":
                AsnFiles.Altered(path, b => Array.Fill(b, (byte)0xFF, 0, 600));
                break;
            case "not-asn.mmdb":
                AsnFiles.Altered(path, b => AsnFiles.Replace(b, "autonomous_system_number", "autonomous_system_numbeR"));
                break;
            case "forced-mmdb.csv":
                AsnFiles.WriteRangesCsv(path);
                break;
            case "binary.dat":
                File.WriteAllBytes(path, Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251)).ToArray());
                break;
            case "garbage.gz":
                File.WriteAllBytes(Path.Combine(_fx.Db.Folder, "garbage.bin"), Enumerable.Range(0, 4096).Select(i => (byte)((i * 31) % 253)).ToArray());
                AsnFiles.Gzip(Path.Combine(_fx.Db.Folder, "garbage.bin"), path);
                break;
            case "empty.csv":
                File.WriteAllBytes(path, []);
                break;
            case "words.csv":
                File.WriteAllText(path, "hello,world\nmore,words\n");
                break;
            case "bad-address.csv":
            case "ranges-then-a-bad-file":
                path = Path.Combine(_fx.Db.Folder, "bad-address.csv");
                File.WriteAllText(path, "1.0.0.0,1.0.0.255,15169,Google Inc.\n2.0.0.0,2.0.0.255,1,One\n1.2.3.999,1.2.4.0,2,Two\n");
                return name == "bad-address.csv" ? [path] : [AsnFiles.WriteRangesCsv(Path.Combine(_fx.Db.Folder, "v2.csv")), path];
            case "reversed.csv":
                File.WriteAllText(path, "ip_range_start,ip_range_end,asn,org\n1.0.0.255,1.0.0.0,15169,Google Inc.\n");
                break;
            case "mixed.csv":
                File.WriteAllText(path, "start,end,asn,org\n1.0.0.0,2001:db8::ffff,15169,Google Inc.\n");
                break;
            case "bad-asn.csv":
                File.WriteAllText(path, "start,end,asn,org\n1.0.0.0,1.0.0.255,AS-X,Google Inc.\n");
                break;
            case "short-line.csv":
                File.WriteAllText(path, "1.0.0.0,1.0.0.255,15169,Google Inc.\n2.0.0.0,2.0.0.255,1\n");
                break;
            case "bad-network.csv":
                File.WriteAllText(path, "network,autonomous_system_number,autonomous_system_organization\n1.0.0.0/24,15169,Google Inc.\n1.0.1.0/16,1,One\n");
                break;
            default:
                throw new ArgumentException(name);
        }
        return [path];
    }

    /// <summary>Everything a load changes, as text: the AS data, the lookup, each IP's AS, the alerts' lists and changes, the loads.</summary>
    private string Snapshot()
    {
        using var session = _fx.Db.Open();
        var c = session.Connection;
        var text = new StringBuilder();
        text.Append("AS data ").Append(c.ExecuteScalar<long>("SELECT count(*) FROM asn_ranges")).Append(' ')
            .Append(c.ExecuteScalar<string>("SELECT md5(string_agg(range_start || '-' || range_end || ' ' || asn || ' ' || coalesce(as_org, ''), ';' ORDER BY range_start)) FROM asn_ranges"))
            .Append(" lookup ").Append(c.ExecuteScalar<long>("SELECT count(*) FROM asn_lookup"))
            .Append(" ips ").Append(c.ExecuteScalar<string>("SELECT string_agg(source_ip || '=' || coalesce(source_asn::VARCHAR, '-'), ',' ORDER BY source_ip) FROM source_ip_as"))
            .Append(" alerts ").Append(c.ExecuteScalar<string>("SELECT string_agg(alert_id || to_json(source_asns)::VARCHAR || to_json(source_as_orgs)::VARCHAR || updated_at, ',' ORDER BY alert_id) FROM alerts"))
            .Append(" changes ").Append(c.ExecuteScalar<long>("SELECT count(*) FROM alert_changes"))
            .Append(" loads ").Append(c.ExecuteScalar<long>("SELECT count(*) FROM asn_loads"))
            .Append(" files ").Append(c.ExecuteScalar<long>("SELECT count(*) FROM asn_files"));
        return text.ToString();
    }

    private void Load(string path) => Load([path]);

    private void Load(string[] paths, AsnFormat? format = null) => AsnFiles.Load(_fx.Db, paths, format);

    public void Dispose() => _fx.Dispose();
}
