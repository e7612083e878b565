using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Destinations;

/// <summary>The Elasticsearch destination against a _bulk endpoint that keeps documents by index and id.</summary>
public sealed class ElasticsearchDestinationTests : IDisposable
{
    private const string ApiKey = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

    private readonly DestinationScenario _s = new();
    private readonly ElasticsearchReceiver _es = new(ApiKey);

    [Fact]
    public void Elasticsearch_OneDocumentPerAlertId_UpdatedRetractedAndTriagedInPlace()
    {
        var keyFile = Path.Combine(_s.Db.Folder, "es-api-key");
        File.WriteAllText(keyFile, ApiKey + "\n");
        Assert.Equal(0, _s.Add("siem", "--type", "elasticsearch", "--url", _es.Server.Url, "--index", "duckdetect-alerts", "--api-key-file", keyFile).ExitCode);

        _s.Create();
        Assert.Equal(0, _s.Run().ExitCode);
        var id = _s.AlertId;
        var created = _es.Documents[("duckdetect-alerts", id)].DeepClone();
        _s.Update();
        Assert.Equal(0, _s.Run().ExitCode);
        var updated = _es.Documents[("duckdetect-alerts", id)].DeepClone();
        _s.Retract();
        Assert.Equal(0, _s.Run().ExitCode);
        var other = _s.Db.Query<string>("SELECT alert_id FROM alerts ORDER BY 1").First();
        Assert.Equal(0, _s.Cli("triage", other, "--status", "acknowledged", "--db", _s.Db.Path).ExitCode);
        var triaged = _s.Run();

        Assert.True(triaged.ExitCode == 0, triaged.ToString());
        Assert.Equal((id, "active", 1, 600), (created["kibana.alert.uuid"]!.ToString(), created["kibana.alert.status"]!.ToString(),
            (int)created["duckdetect.alert_version"]!, (int)created["Esql.inference_call_count"]!));
        Assert.Equal((2, 700), ((int)updated["duckdetect.alert_version"]!, (int)updated["Esql.inference_call_count"]!));
        var retracted = _es.Documents[("duckdetect-alerts", id)];
        Assert.Equal(("untracked", "retracted"), (retracted["kibana.alert.status"]!.ToString(), retracted["duckdetect.change"]!.ToString()));
        Assert.Equal("acknowledged", _es.Documents[("duckdetect-alerts", other)]["kibana.alert.workflow_status"]!.ToString());
        // One document per alert, written again in place: never a duplicate.
        Assert.Equal(_s.Db.Scalar<long>("SELECT count(DISTINCT alert_id) FROM alert_changes"), _es.Documents.Count);
        Assert.Equal(3, _es.Versions[("duckdetect-alerts", id)]);
        Assert.Equal(_s.Db.Scalar<long>("SELECT max(triage_seq) FROM alert_triage"),
            _s.Db.Scalar<long>("SELECT triage_cursor FROM destination_state"));
    }

    [Fact]
    public void Elasticsearch_AWrongApiKey_IsRefusedWithoutShowingIt()
    {
        _s.Environment["ES_KEY"] = "d3JvbmdrZXk6d3JvbmdrZXk=";
        Assert.Equal(0, _s.Add("siem", "--type", "elasticsearch", "--url", _es.Server.Url, "--index", "duckdetect-alerts", "--api-key-env", "ES_KEY").ExitCode);
        _s.Create();

        var run = _s.Run();

        Assert.True(run.ExitCode == 79, run.ToString());
        Assert.Contains("HTTP 401", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("security_exception", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("d3JvbmdrZXk6d3JvbmdrZXk=", run.Stderr + run.Stdout, StringComparison.Ordinal);
        Assert.Single(_es.Server.Requests);
        Assert.Empty(_es.Documents);
    }

    public void Dispose()
    {
        _es.Dispose();
        _s.Dispose();
    }
}
