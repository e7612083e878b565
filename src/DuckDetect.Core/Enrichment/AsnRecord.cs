using MaxMind.Db;

namespace DuckDetect.Core.Enrichment;

/// <summary>
/// The data of a MaxMind ASN database's network (GeoLite2-ASN, GeoIP2-ISP and DB-IP's ASN lite use these keys),
/// read through MaxMind.Db's source-generated activation (no reflection, so it works in the native build).
/// </summary>
public sealed class AsnRecord
{
    [MapKey("autonomous_system_number")]
    public long? Number { get; init; }

    [MapKey("autonomous_system_organization")]
    public string? Organization { get; init; }
}
