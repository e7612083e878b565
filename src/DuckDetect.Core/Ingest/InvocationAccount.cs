namespace DuckDetect.Core.Ingest;

/// <summary>Adds what ingest did with one invocation log file to the call's totals, and names its skipped records.</summary>
internal static class InvocationAccount
{
    public static void Add(FileOutcome outcome, PendingFile file, IngestSummary summary, IStatusSink status)
    {
        if (outcome.Status == "failed")
        {
            summary.Failures.Add((outcome.Path, outcome.Error ?? "failed"));
            status.Error($"{outcome.Path}: {outcome.Error ?? "failed"}");
            return;
        }
        summary.FilesLoaded++;
        summary.InvocationsRead += outcome.EventsRead;
        summary.InvocationsNew += outcome.EventsNew;
        summary.InvocationsSkipped += outcome.EventsSkipped;
        if (outcome.EventsSkipped > 0)
        {
            var lines = InvocationLines.Skipped(file);
            var where = lines.Count == 0 ? "" : $" (line {string.Join(", ", lines)}{(lines.Count == InvocationLines.MaxNamed ? ", ..." : "")})";
            status.Warn($"{outcome.Path}: {outcome.EventsSkipped} of {outcome.EventsRead} record(s) skipped{where}, "
                + "not a model invocation log record or without accountId, requestId or a valid timestamp");
        }
    }
}
