using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;
using static DuckDetect.Tests.Ingest.Invocations.JoinKit;

namespace DuckDetect.Tests.Ingest.Invocations;

/// <summary>
/// The join of invocation logs with CloudTrail: by request id where the ids agree, else by principal, account, region,
/// model, operation and time within 5 seconds, one-to-one; incremental, late records matched when they arrive.
/// </summary>
public sealed class InvocationJoinTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void IdsThatAgree_MatchByRequestId_WhateverTheTimesAndOtherKeys()
    {
        CallsFile(_db, "ct", Call("e1", "r1", 0), Call("e2", "r2", 10), Call("e3", "r3", 20, model: "amazon.nova-lite-v1:0"));
        InvocationsFile(_db, "inv", Invocation("r1", 0.4), Invocation("r2", 40), Invocation("r3", 20.2));

        var run = RunIngest(_db, _db.InputFolder);

        Assert.Equal(["r1 > e1 by request_id", "r2 > e2 by request_id", "r3 > e3 by request_id"], Matches(_db));
        Assert.Equal((3L, 0L), (run.Summary.InvocationsMatchedByRequestId, run.Summary.InvocationsMatchedByTime));
        Assert.Equal((3L, 3L), (run.Summary.InvocationsStored, run.Summary.InvocationsMatched));
        Assert.Equal(30.0, _db.Scalar<double>("SELECT seconds_apart FROM invocation_matches WHERE request_id = 'r2'"));
    }

    /// <summary>
    /// Ids that differ: the same principal, account, region, model and operation within 5 seconds match by time (a model
    /// written as its ARN too); a call 6 seconds away, of another model, operation or principal does not.
    /// </summary>
    [Fact]
    public void IdsThatDiffer_FallBackToTheOtherKeysAndTime_WithinFiveSeconds()
    {
        CallsFile(_db, "ct",
            Call("e1", "ct-1", 0),
            Call("e2", "ct-2", 100, model: "arn:aws:bedrock:us-east-1::foundation-model/" + Haiku),
            Call("e3", "ct-3", 200),
            Call("e4", "ct-4", 300, model: "amazon.nova-lite-v1:0"),
            Call("e5", "ct-5", 400, arn: "arn:aws:sts::111122223333:assumed-role/other/session"),
            Call("e6", "ct-6", 500));
        InvocationsFile(_db, "inv",
            Invocation("i1", 2),
            Invocation("i2", 104.5),
            Invocation("i3", 206),
            Invocation("i4", 300),
            Invocation("i5", 400),
            Invocation("i6", 500, operation: "Converse"));

        var cli = Support.Cli.Run("ingest", "--db", _db.Path, "--no-publish", _db.InputFolder);

        Assert.Equal(["i1 > e1 by time", "i2 > e2 by time"], Matches(_db));
        Assert.Equal(2.0, _db.Scalar<double>("SELECT seconds_apart FROM invocation_matches WHERE request_id = 'i1'"));
        // The summary line: this call's matches, and the share of all stored invocations matched.
        Assert.Contains("; 2 matched to CloudTrail (0 by request id, 2 by time), 33.3% of 6 stored invocation(s) matched", cli.Stderr);
        Assert.Equal(0, cli.ExitCode);
    }

    /// <summary>Calls close together: each invocation takes the nearest call, one-to-one; equal distances go to the earlier, then the smaller id.</summary>
    [Fact]
    public void Ties_AreBrokenOneToOne_NearestThenEarliestThenSmallestId()
    {
        CallsFile(_db, "ct",
            Call("e-a", "x1", 0), Call("e-b", "x2", 1), Call("e-c", "x3", 2),
            Call("e-z", "x4", 60), Call("e-y", "x5", 60));
        InvocationsFile(_db, "inv",
            Invocation("i-1", 1), Invocation("i-2", 2), Invocation("i-3", 3),
            Invocation("i-5", 60), Invocation("i-4", 60));

        RunIngest(_db, _db.InputFolder);

        // i-1 at 1 s is nearest e-b (0 s apart), i-2 e-c, and i-3 (3 s) takes the one left, e-a, 3 s away; at 60 s the
        // earlier invocation (same time: the smaller request id, i-4) takes the smaller event id (e-y).
        Assert.Equal(["i-1 > e-b by time", "i-2 > e-c by time", "i-3 > e-a by time", "i-4 > e-y by time", "i-5 > e-z by time"], Matches(_db));
        Assert.Equal(0L, _db.Scalar<long>("SELECT count(*) - count(DISTINCT event_id) FROM invocation_matches"));
    }

    [Fact]
    public void LateRecordsOnEitherSide_AreMatchedWhenTheyArrive_ExactlyOnce()
    {
        InvocationsFile(_db, "inv-early", Invocation("r1", 0), Invocation("t1", 30));
        var first = RunIngest(_db, _db.InputFolder);
        Assert.Empty(Matches(_db));
        Assert.Equal((2L, 0L), (first.Summary.InvocationsStored, first.Summary.InvocationsMatched));

        // The calls arrive later: matched then, by id and by time.
        CallsFile(_db, "ct-late", Call("e1", "r1", 0), Call("e2", "ct-2", 31), Call("e3", "r3", 3600));
        RunIngest(_db, _db.InputFolder);
        Assert.Equal(["r1 > e1 by request_id", "t1 > e2 by time"], Matches(_db));

        // And a call first, its invocation a day later (another hour entirely).
        InvocationsFile(_db, "inv-late", Invocation("r3", 3600.5));
        var third = RunIngest(_db, _db.InputFolder);
        Assert.Equal(["r1 > e1 by request_id", "r3 > e3 by request_id", "t1 > e2 by time"], Matches(_db));
        Assert.Equal((1L, 3L, 3L), (third.Summary.InvocationsMatchedByRequestId, third.Summary.InvocationsStored, third.Summary.InvocationsMatched));

        // Nothing new: nothing matched again; the same files again: nothing either.
        var again = RunIngest(_db, _db.InputFolder);
        File.WriteAllText(Path.Combine(_db.InputFolder, "copy.json"), File.ReadAllText(Path.Combine(_db.InputFolder,
            "AWSLogs/111122223333/BedrockModelInvocationLogs/us-east-1/2024/05/01/12/inv-early.json")));
        var copy = RunIngest(_db, _db.InputFolder);
        Assert.Equal((0L, 0L, 0L, 0L), (again.Summary.InvocationsMatchedByRequestId, again.Summary.InvocationsMatchedByTime,
            copy.Summary.InvocationsMatchedByRequestId, copy.Summary.InvocationsMatchedByTime));
        Assert.Equal(3L, _db.Scalar<long>("SELECT count(*) FROM invocation_matches"));
        Assert.Equal(_db.Scalar<long>("SELECT max(ingest_batch) FROM ingested_files"),
            _db.Scalar<long>("SELECT last_batch FROM invocation_match_state"));
    }

    /// <summary>
    /// An invocation matched by time to a neighbouring call (its own not delivered yet) gives way when its own call
    /// arrives with the same request id; the neighbour then matches its own invocation.
    /// </summary>
    [Fact]
    public void RequestIdMatchArrivingLater_ReplacesAMatchByTime()
    {
        CallsFile(_db, "ct-1", Call("e2", "r2", 1));
        InvocationsFile(_db, "inv-1", Invocation("r1", 0));
        RunIngest(_db, _db.InputFolder);
        Assert.Equal(["r1 > e2 by time"], Matches(_db));

        CallsFile(_db, "ct-2", Call("e1", "r1", 0));
        InvocationsFile(_db, "inv-2", Invocation("r2", 1));
        var run = RunIngest(_db, _db.InputFolder);

        Assert.Equal(["r1 > e1 by request_id", "r2 > e2 by request_id"], Matches(_db));
        Assert.Equal((2L, 2L, 2L), (run.Summary.InvocationsMatchedByRequestId, run.Summary.InvocationsStored, run.Summary.InvocationsMatched));
    }

    [Fact]
    public void UnmatchedOnEachSide_AreCountedInStatus_TextAndJson()
    {
        CallsFile(_db, "ct", Call("e1", "r1", 0), Call("e2", "r2", 10), Call("e3", "r3", 20),
            CloudTrailJson.Event("s3-1", T0, new Dictionary<string, object?> { ["eventSource"] = "s3.amazonaws.com", ["eventName"] = "ListBuckets" }));
        InvocationsFile(_db, "inv", Invocation("r1", 0), Invocation("lonely", 900));
        RunIngest(_db, _db.InputFolder);

        var json = Support.Cli.Run("status", "--db", _db.Path, "--format", "json");
        var join = System.Text.Json.Nodes.JsonNode.Parse(json.Stdout)!["invocation_join"]!;
        Assert.Equal((2L, 1L, 0L, 1L, 0.5), ((long)join["invocations"]!, (long)join["matched_by_request_id"]!, (long)join["matched_by_time"]!,
            (long)join["unmatched_invocations"]!, (double)join["invocation_match_rate"]!));
        Assert.Equal((3L, 2L, 0.3333, 5L), ((long)join["inference_calls"]!, (long)join["inference_calls_unmatched"]!,
            (double)join["inference_call_match_rate"]!, (long)join["tolerance_seconds"]!));
        var text = Support.Cli.Run("status", "--db", _db.Path).Stdout;
        Assert.Contains("invocation logs joined with cloudtrail", text);
        Assert.Matches(@"invocations\s+\|?\s*2\s+\|?\s*1\s+\|?\s*1\s+\|?\s*0\s+\|?\s*1\s+\|?\s*50\.0%", text);
        Assert.Matches(@"cloudtrail inference calls\s+\|?\s*3\s+\|?\s*1\s+\|?\s*-\s+\|?\s*-\s+\|?\s*2\s+\|?\s*33\.3%", text);
    }
}
