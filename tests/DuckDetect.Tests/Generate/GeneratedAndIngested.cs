using DuckDetect.Tests.Ingest;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Generate;

/// <summary>The small generated data set (<see cref="GeneratedData"/>), CloudTrail and invocation logs, ingested into a database.</summary>
public sealed class GeneratedAndIngested : GeneratedData
{
    public GeneratedAndIngested()
    {
        Database = new TempDatabase();
        Ingest = RunIngest(Database, Path.Combine(Folder, "AWSLogs"));
    }

    public TempDatabase Database { get; }

    public IngestRun Ingest { get; }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Database.Dispose();
        }
        base.Dispose(disposing);
    }
}
