using Dapper;
using DuckDetect.Core;
using DuckDetect.Core.Enrichment;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Enrichment;

/// <summary>
/// The AS of stored and newly ingested events, from every file format, against MaxMind's own reader: for every
/// network of MaxMind's test database, its first and last address get its AS and the addresses just outside get
/// whatever MaxMind's reader finds there (another network's AS, or none).
/// </summary>
public sealed class AsnLookupTests : IDisposable
{
    private readonly DetectionFixture _fx = new();
    private int _events;

    public static TheoryData<string> Formats() =>
        ["mmdb", "mmdb.gz", "tar.gz", "csv-ranges", "csv-ranges-header", "csv-ranges.gz", "csv-numbers", "csv-networks"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Load_EveryNetworksEdges_GetTheAsMaxMindsReaderFinds(string format)
    {
        var addresses = AsnFiles.EdgeAddresses();
        var half = addresses.Count / 2;
        // Half the events are stored before the data is loaded (the load looks them up), half are ingested after.
        Ingest(addresses.Take(half));
        var summary = Load(Files(format));
        Ingest(addresses.Skip(half));

        Assert.Equal((182, 230, 412), (summary.Ipv4Ranges, summary.Ipv6Ranges, summary.Ranges));
        Assert.Equal(0, summary.OverlappingRanges);
        var expected = Expected(addresses);
        Assert.Equal(expected, Stored());
        // Both sides of the comparison hold addresses with and without an AS, and ASes without an organization.
        Assert.Contains(expected, e => e.Asn is null);
        Assert.Contains(expected, e => e.Asn is not null && e.Org is null);
        Assert.Contains(expected, e => e.Address.Contains(':', StringComparison.Ordinal) && e.Asn is not null);
    }

    [Fact]
    public void Lookup_EveryWrittenFormOfAnAddress_FindsItsAs_AndNonAddressesHaveNone()
    {
        Load(AsnFiles.Mmdb);
        string[] forms =
        [
            "1.0.0.7", "::ffff:1.0.0.7", "::FFFF:1.0.0.7", "2001:1700::1", "2001:1700:0:0:0:0:0:1", "2001:1700::0001",
            "2001:1700::1%eth0", "2001:1700::A", "2001:1700:0000:0000:0000:0000:0000:000a",
        ];
        string[] none = ["bedrock.amazonaws.com", "AWS Internal", "10.1.2.3", "::1", "2002:100::1", "2001:0:100::1"];
        Ingest(forms.Concat(none));

        var stored = Stored().ToDictionary(s => s.Address, s => (s.Asn, s.Org));
        foreach (var form in forms)
        {
            var expected = form.Contains("1700", StringComparison.Ordinal) ? ((long?)6730, "Sunrise Communications AG") : (15169, "Google Inc.");
            Assert.Equal(expected, stored[form]);
        }
        // Service principals (no source_ip), private and loopback addresses, and the 6to4 and Teredo forms of an IPv4
        // address (not looked up through the IPv4 they embed): no AS, and no error.
        Assert.All(none, n => Assert.Equal((null, null), stored[n]));
        Assert.Equal(0L, _fx.Db.Scalar<long>("SELECT count(*) FROM source_ip_as WHERE source_ip IN ('bedrock.amazonaws.com', 'AWS Internal')"));
    }

    [Fact]
    public void Load_OverlappingAndWideRanges_TheRangeStartingLastApplies_AndTheOuterRangeResumesAfterAnInnerOne()
    {
        var csv = _fx.Db.WriteInput("overlaps.csv", """
            10.0.0.0,10.0.255.255,1,Outer
            10.0.1.0,10.0.1.255,2,Inner
            10.0.200.0,10.1.0.255,3,Partial
            10.0.0.0,10.0.255.255,1,Outer
            224.0.0.0,239.255.255.255,9,Wide IPv4
            2400::,240f:ffff:ffff:ffff:ffff:ffff:ffff:ffff,10,Wide IPv6
            2400:100::,2400:100::ffff,11,Inside wide IPv6
            """);
        Ingest(["10.0.0.5", "10.0.1.5", "10.0.2.5", "10.0.199.255", "10.0.200.5", "10.1.0.5", "10.1.1.0", "230.1.2.3",
                "2401:1::1", "2400:100::1", "2400:100::1:0"]);

        var summary = Load(csv);

        Assert.Equal(5, summary.OverlappingRanges);
        var stored = Stored().ToDictionary(s => s.Address, s => s.Asn);
        Assert.Equal(
            "10.0.0.5=1 10.0.1.5=2 10.0.2.5=1 10.0.199.255=1 10.0.200.5=3 10.1.0.5=3 10.1.1.0=- 230.1.2.3=9 " +
            "2401:1::1=10 2400:100::1=11 2400:100::1:0=10",
            string.Join(' ', stored.Select(s => $"{s.Key}={s.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}")));
        // The stored ranges no longer overlap.
        Assert.Equal(0L, _fx.Db.Scalar<long>(
            "SELECT count(*) FROM (SELECT range_start, lag(range_end) OVER (ORDER BY range_start) AS prev FROM asn_ranges) WHERE range_start <= prev"));
    }

    [Fact]
    public void Load_UpdatedData_ReplacesTheRangesAndEveryStoredEventsAs()
    {
        var first = AsnFiles.WriteRangesCsv(Path.Combine(_fx.Db.Folder, "v1.csv"));
        Ingest(["1.0.0.7", "2001:1700::1", "8.8.8.8"]);
        Load(first);
        var changed = AsnFiles.Networks.Select(n => n.Number == 15169 ? n with { Number = 64496, Organization = "Renamed" } : n)
            .Where(n => n.Number != 6730)
            .Append(new AsnFiles.Network(true, 134744064, 134744319, 24, 64511, "Added"))
            .ToList();

        var summary = Load(AsnFiles.WriteRangesCsv(Path.Combine(_fx.Db.Folder, "v2.csv"), networks: changed));

        Assert.Equal(changed.Count, summary.Ranges);
        Assert.Equal(
            "1.0.0.7=64496 Renamed, 2001:1700::1=- -, 8.8.8.8=64511 Added",
            string.Join(", ", Stored().Select(s => $"{s.Address}={s.Asn?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {s.Org ?? "-"}")));
        Assert.Equal(2L, _fx.Db.Scalar<long>("SELECT count(*) FROM asn_loads"));
        Assert.Equal(["v2.csv"], _fx.Db.Query<string>(
            "SELECT regexp_extract(path, '[^/]*$') FROM asn_files WHERE load_id = (SELECT max(load_id) FROM asn_loads)"));
    }

    [Fact]
    public void Clear_RemovesTheAsOfEveryEvent_AndIngestWithoutAsDataLooksNothingUp()
    {
        Ingest(["1.0.0.7"]);
        Load(AsnFiles.Mmdb);
        using (var session = _fx.Db.Open())
        {
            AsnLoader.Clear(session, DateTimeOffset.UtcNow);
        }
        Ingest(["2001:1700::1"]);

        Assert.All(Stored(), s => Assert.Equal((null, null), (s.Asn, s.Org)));
        Assert.Equal((0L, 0L), (_fx.Db.Scalar<long>("SELECT count(*) FROM asn_ranges"), _fx.Db.Scalar<long>("SELECT count(*) FROM source_ip_as")));
        Assert.Equal("clear", _fx.Db.Scalar<string>("SELECT action FROM asn_loads ORDER BY load_id DESC LIMIT 1"));
    }

    private string[] Files(string format)
    {
        var folder = _fx.Db.Folder;
        return format switch
        {
            "mmdb" => [AsnFiles.Mmdb],
            "mmdb.gz" => [AsnFiles.Gzip(AsnFiles.Mmdb, Path.Combine(folder, "asn.mmdb.gz"))],
            "tar.gz" => [AsnFiles.TarGz(Path.Combine(folder, "GeoLite2-ASN_20260101.tar.gz"))],
            "csv-ranges" => [AsnFiles.WriteRangesCsv(Path.Combine(folder, "asn.csv"))],
            "csv-ranges-header" => [AsnFiles.WriteRangesCsv(Path.Combine(folder, "asn.csv"), header: true)],
            "csv-ranges.gz" => [AsnFiles.Gzip(AsnFiles.WriteRangesCsv(Path.Combine(folder, "asn.csv")), Path.Combine(folder, "asn.csv.gz"))],
            "csv-numbers" => AsnFiles.WriteNumbersCsv(folder) is var (v4, v6) ? [v4, v6] : [],
            _ => [AsnFiles.WriteNetworksCsv(Path.Combine(folder, "GeoLite2-ASN-Blocks.csv"))],
        };
    }

    private AsnLoadSummary Load(params string[] paths) => AsnFiles.Load(_fx.Db, paths);

    /// <summary>One inference call from each address (as sourceIPAddress), in one ingest batch.</summary>
    private void Ingest(IEnumerable<string> addresses) =>
        _fx.Ingest(addresses.Select(a => CloudTrailJson.Event($"asn-{Interlocked.Increment(ref _events):D6}",
            DetectionFixture.At("2026-03-02T10:00:00Z").AddSeconds(_events), new Dictionary<string, object?> { ["sourceIPAddress"] = a })).ToList());

    /// <summary>Every stored event's source address and AS (cloudtrail_events_as), in ingest order.</summary>
    private List<Row> Stored() => _fx.Db.Query<Row>(
        "SELECT source_ip_address AS Address, source_asn AS Asn, source_as_org AS Org FROM cloudtrail_events_as ORDER BY event_id");

    private static List<Row> Expected(IEnumerable<string> addresses) =>
        addresses.Select(a =>
        {
            var (number, organization) = AsnFiles.Find(a);
            return new Row { Address = a, Asn = number, Org = organization };
        }).ToList();

    public void Dispose() => _fx.Dispose();

    public sealed record Row
    {
        public string Address { get; init; } = "";

        public long? Asn { get; init; }

        public string? Org { get; init; }
    }
}
