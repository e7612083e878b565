namespace DuckDetect.Core.Enrichment;

/// <summary>
/// An AS data file as recognised: its format; how it is compressed ("gzip", "tar.gz" or none); whether a CSV starts
/// with a header line; and a MaxMind DB's bytes when they came out of an archive (else it is read from the path).
/// </summary>
public sealed record AsnFile(string Path, AsnFormat Format, string? Compression, bool Header, byte[]? Content)
{
    /// <summary>The format's name as asn_files and the status report give it.</summary>
    public string FormatName => Format switch
    {
        AsnFormat.Mmdb => "mmdb",
        AsnFormat.CsvRanges => "csv-ranges",
        AsnFormat.CsvNumbers => "csv-numbers",
        _ => "csv-networks",
    };
}
