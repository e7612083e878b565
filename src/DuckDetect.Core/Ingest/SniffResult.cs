namespace DuckDetect.Core.Ingest;

/// <summary>What <see cref="FileSniffer"/> learned from a file's first bytes.</summary>
public sealed record SniffResult(FileFormat Format, bool Gzip, RecordShape Shape = RecordShape.CloudTrail);
