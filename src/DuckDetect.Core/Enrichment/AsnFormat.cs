namespace DuckDetect.Core.Enrichment;

/// <summary>The kinds of AS data file <c>asn load</c> reads.</summary>
public enum AsnFormat
{
    /// <summary>A MaxMind DB (GeoLite2-ASN, DB-IP's ASN lite .mmdb): networks with autonomous_system_number and _organization.</summary>
    Mmdb,

    /// <summary>A CSV of ranges as first and last address, AS number, organization (ip-location-db, DB-IP's ASN lite CSV).</summary>
    CsvRanges,

    /// <summary>The same with the addresses written as numbers (ip-location-db's -num files).</summary>
    CsvNumbers,

    /// <summary>A CSV of networks in CIDR notation, AS number, organization (MaxMind's GeoLite2-ASN CSV).</summary>
    CsvNetworks,
}
