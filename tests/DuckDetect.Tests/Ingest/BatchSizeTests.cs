using DuckDetect.Core.Ingest;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest;

/// <summary>
/// A batch holds at least eight of the load's largest files, whatever <c>--batch-mb</c> says, so that loads of large
/// files pay each batch's fixed cost fewer times.
/// </summary>
public sealed class BatchSizeTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(512, 10, 512)]
    [InlineData(512, 64, 512)]
    [InlineData(512, 65, 520)]
    [InlineData(512, 176, 1408)]
    [InlineData(1, 2, 16)]
    public void BatchBytesFor_IsTheCapOrEightLargestFiles(long capMiB, long largestMiB, long expectedMiB) =>
        Assert.Equal(expectedMiB * MiB, new IngestOptions { BatchBytes = capMiB * MiB }.BatchBytesFor(largestMiB * MiB));

    [Fact]
    public void Ingest_FilesLargerThanTheCap_GoEightToABatch()
    {
        using var db = new TempDatabase();
        for (var file = 0; file < 10; file++)
        {
            db.WriteInput($"111122223333_CloudTrail_us-east-1_20240501T12{file}0Z_f.json",
                CloudTrailJson.Delivery(Events($"file{file}", 20, T0.AddMinutes(10 * file))));
        }

        RunIngest(db, new IngestOptions { BatchBytes = 1 }, db.InputFolder);

        var filesPerBatch = db.Query<long>(
            "SELECT count(DISTINCT source_file) FROM cloudtrail_events GROUP BY ingest_batch ORDER BY ingest_batch");
        Assert.Equal([8L, 2L], filesPerBatch);
        Assert.Equal(200, EventCount(db));
    }
}
