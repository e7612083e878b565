using DuckDetect.Core.Generate;

namespace DuckDetect.Tests.Generate;

/// <summary>The same small data set as <see cref="GeneratedData"/>, written as Parquet.</summary>
public sealed class GeneratedParquetData : GeneratedData
{
    public GeneratedParquetData()
        : base(GenerateFormat.Parquet)
    {
    }
}
