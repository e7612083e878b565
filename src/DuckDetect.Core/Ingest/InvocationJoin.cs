using System.Data;
using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// Matches Bedrock invocations to their CloudTrail inference calls (<c>invocation_matches</c>), set-based and
/// incrementally: each join reads only the hours that the ingest batches loaded since the last join touched
/// (<c>ingest/join/scope.sql</c>), so a late record on either side is matched when it arrives, and nothing is matched
/// twice. First by request id (<c>by_request_id.sql</c>); then the rest by principal, account, region, model,
/// operation and time within <see cref="ToleranceSeconds"/>, one-to-one, nearest first, in rounds
/// (<c>time_round.sql</c>). Runs in the caller's transaction.
/// </summary>
internal static class InvocationJoin
{
    /// <summary>How far apart an invocation's timestamp and its call's eventTime may be for a match by time.</summary>
    public const int ToleranceSeconds = 5;

    /// <summary>
    /// Rounds of time matching per join: each takes at least one pair (the nearest). Pairs a join leaves are tried
    /// again by the next join that reads their hours.
    /// </summary>
    public const int MaxRounds = 64;

    public static InvocationJoinFigures Run(IDbConnection connection, IDbTransaction tx, DateTime now)
    {
        var batches = connection.QuerySingle<JoinBatches>(SqlScripts.Get("ingest/join/batches.sql"), transaction: tx);
        if (batches.Newest <= batches.Seen)
        {
            return new InvocationJoinFigures(0, 0);
        }
        var upto = new { upto_batch = batches.Newest, now };
        connection.Execute(RuleText.Get("ingest/join/scope.sql"), new { last_batch = batches.Seen, upto_batch = batches.Newest }, tx, commandTimeout: 0);
        var range = connection.QuerySingle<JoinRange>(SqlScripts.Get("ingest/join/range.sql"), transaction: tx);
        long byId = 0, byTime = 0;
        if (range.Hours > 0)
        {
            connection.Execute(RuleText.Get("ingest/join/candidates.sql"), new { from = range.From, to = range.To }, tx, commandTimeout: 0);
            connection.Execute(SqlScripts.Get("ingest/join/by_request_id.sql"), upto, tx, commandTimeout: 0);
            byId = connection.ExecuteScalar<long>("SELECT count(*) FROM join_id_pairs", transaction: tx);
            connection.Execute(SqlScripts.Get("ingest/join/time_pairs.sql"), new { tolerance = ToleranceSeconds }, tx, commandTimeout: 0);
            for (var round = 0; round < MaxRounds; round++)
            {
                connection.Execute(SqlScripts.Get("ingest/join/time_round.sql"), upto, tx, commandTimeout: 0);
                var taken = connection.ExecuteScalar<long>("SELECT count(*) FROM join_round", transaction: tx);
                if (taken == 0)
                {
                    break;
                }
                byTime += taken;
            }
        }
        connection.Execute(SqlScripts.Get("ingest/join/finish.sql"), upto, tx);
        return new InvocationJoinFigures(byId, byTime);
    }
}
