using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// The join step of an ingest call: matches the invocations and CloudTrail calls its batches loaded
/// (<see cref="InvocationJoin"/>, one transaction), and counts the matches for the summary line.
/// </summary>
internal static class InvocationMatching
{
    public static void Run(DuckDbSession session, IngestSummary summary)
    {
        var figures = StepTrace.Step("ingest: join invocations with CloudTrail",
            () => session.InTransaction(tx => InvocationJoin.Run(session.Connection, tx, DateTime.UtcNow)));
        summary.InvocationsMatchedByRequestId = figures.ByRequestId;
        summary.InvocationsMatchedByTime = figures.ByTime;
        if (summary.InvocationsRead > 0 || figures.ByRequestId + figures.ByTime > 0)
        {
            var totals = session.Connection.QuerySingle<InvocationTotals>(SqlScripts.Get("ingest/join/totals.sql"));
            summary.InvocationsStored = totals.Stored;
            summary.InvocationsMatched = totals.Matched;
        }
    }
}
