using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Ingest;

/// <summary>Records each ingest call in <c>ingest_runs</c>, for <c>status</c> and the published database.</summary>
public static class IngestRunLog
{
    public static void Record(DuckDbSession session, IngestSummary summary, DateTime startedAt) =>
        session.Connection.Execute(SqlScripts.Get("ingest/record_run.sql"), new
        {
            started_at = startedAt,
            finished_at = DateTime.UtcNow,
            duration_ms = (long)summary.Elapsed.TotalMilliseconds,
            files_listed = (long)summary.FilesListed,
            files_unchanged = (long)summary.FilesUnchanged,
            files_loaded = (long)summary.FilesLoaded,
            files_failed = (long)summary.Failures.Count,
            events_read = summary.EventsRead,
            events_new = summary.EventsNew,
            events_skipped = summary.EventsSkipped,
            invocations_read = summary.InvocationsRead,
            invocations_new = summary.InvocationsNew,
            invocations_skipped = summary.InvocationsSkipped,
            invocations_matched_by_request_id = summary.InvocationsMatchedByRequestId,
            invocations_matched_by_time = summary.InvocationsMatchedByTime,
            s3_list_requests = summary.S3ListRequests,
            s3_get_requests = summary.S3GetRequests,
            s3_bytes_read = summary.S3BytesRead,
            s3_request_cost_usd = (double)summary.S3RequestCostUsd,
        });
}
