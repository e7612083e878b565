using DuckDetect.Core;
using DuckDetect.Core.Publishing;
using DuckDetect.Core.Storage;

namespace DuckDetect.Commands;

/// <summary>The last step of a command that changed what analysts see: write the analyst database.</summary>
internal static class PublishStep
{
    public static void Run(DuckDbSession session, PublishTarget? target, IStatusSink status)
    {
        if (target is null)
        {
            return;
        }
        var summary = AnalystDatabase.Publish(session, target, DateTimeOffset.UtcNow);
        var parts = summary.Parts.Count > 0 ? ": " + string.Join(", ", summary.Parts) : "";
        status.Info($"publish: {summary.Path} ({summary.Bytes / 1024.0:N0} KiB, {summary.Mode}{parts}) in {summary.Elapsed.TotalSeconds:0.000}s");
    }
}
