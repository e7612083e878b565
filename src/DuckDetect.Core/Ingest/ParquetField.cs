namespace DuckDetect.Core.Ingest;

/// <summary>A field of CloudTrail or OCSF that a Parquet file has (<c>ingest/parquet_required_fields.sql</c>).</summary>
public sealed record ParquetField(string FileName, string Field);

/// <summary>A column of a union of Parquet files and its DuckDB type (<c>ingest/describe_parquet.sql</c>).</summary>
public sealed record ParquetColumn(string Name, string Type);
