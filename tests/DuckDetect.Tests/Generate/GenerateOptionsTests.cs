using DuckDetect.Core;
using DuckDetect.Core.Generate;

namespace DuckDetect.Tests.Generate;

public sealed class GenerateOptionsTests
{
    [Theory]
    [InlineData(0, 20_000, null, 1, "json", "--days")]
    [InlineData(1, 1_000, null, 1, "json", "--events-per-day")]
    [InlineData(1, 20_000, "2025-13-01", 1, "json", "--start")]
    [InlineData(1, 20_000, "yesterday", 1, "json", "--start")]
    [InlineData(1, 20_000, null, -1, "json", "--seed")]
    [InlineData(1, 20_000, null, 1, "csv", "--format")]
    public void Create_InvalidValue_IsInvalidArguments(int days, long events, string? start, long seed, string format, string option)
    {
        var ex = Assert.Throws<DuckDetectException>(() => GenerateOptions.Create("out", days, events, start, seed, format));

        Assert.Equal(FailureKind.InvalidArguments, ex.Kind);
        Assert.StartsWith(option, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Defaults_AreAFixedStartAndJson()
    {
        var options = GenerateOptions.Create("out", 2, 20_000, null, 5, "PARQUET");

        Assert.Equal(new DateOnly(2025, 6, 2), options.Start);
        Assert.Equal(GenerateFormat.Parquet, options.Format);
        Assert.True(Path.IsPathRooted(options.OutputFolder));
        Assert.Equal(new DateOnly(2024, 2, 29), GenerateOptions.Create("out", 1, 20_000, "2024-02-29", 0, "json").Start);
    }
}
