using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest.Sources;

/// <summary>
/// Elastic's ECS documents of CloudTrail (logs-aws.cloudtrail-*) load to the rows of the raw events they were indexed
/// from: from event.original when kept, else from the ECS fields. The pair is elastic/integrations' Converse event
/// and the document its pipeline test expects.
/// </summary>
public sealed partial class ElasticEcsTests
{
    private static string Raw => RealData.PathOf("elastic-integrations/test-converse-json.log");

    /// <summary>The ECS document of the pipeline test (the <c>_source</c> Elasticsearch stores).</summary>
    private static JsonObject Document() =>
        JsonNode.Parse(File.ReadAllText(RealData.PathOf("elastic-integrations/test-converse-json.log-expected.json")))!
            ["expected"]![0]!.DeepClone().AsObject();

    [Theory]
    [InlineData("source")]
    [InlineData("hit")]
    public void Ingest_EcsDocumentWithTheOriginalEvent_LoadsTheRawEventsRow(string form)
    {
        using var db = new TempDatabase();
        var doc = Document();
        var line = form == "hit"
            ? new JsonObject { ["_index"] = ".ds-logs-aws.cloudtrail-default-2024.10.29-000001", ["_id"] = "abc", ["_source"] = doc }
            : doc;
        var path = db.WriteInput("export.ndjson", line.ToJsonString() + "\n");

        var expected = SourceRows.LoadSingle(Raw);
        var actual = SourceRows.LoadSingle(path);

        SourceRows.AssertSameRow(expected, actual);
        RunIngest(db, path);
        Assert.Equal("ndjson+ecs", FileRow(db, path).Format);
    }

    /// <summary>
    /// Without event.original every field is mapped back. What ECS does not keep as logged: resources (keys renamed),
    /// and user_account_id is cloud.account.id (the integration fills it from userIdentity.accountId only, so it agrees).
    /// </summary>
    [Fact]
    public void Ingest_EcsDocumentWithoutTheOriginalEvent_MapsTheFieldsBack()
    {
        using var db = new TempDatabase();
        var doc = Document();
        doc["event"]!.AsObject().Remove("original");
        var path = db.WriteInput("export.ndjson", doc.ToJsonString() + "\n");

        var expected = SourceRows.LoadSingle(Raw);
        var actual = SourceRows.LoadSingle(path);

        // Elastic keeps no responseElements when they are null, nor tlsDetails: nothing else differs.
        SourceRows.AssertSameRow(expected, actual, "resources");
        Assert.Equal("anthropic.claude-3-5-sonnet-20240620-v1:0", SourceRows.ModelId(actual["request_parameters"]));
        Assert.Equal("private-ec2-instance-role", actual["session_issuer_user_name"]);
        Assert.Null(actual["user_name"]);
    }

    /// <summary>
    /// Elastic's request_parameters is Java's Map toString; without the flattened object, the model id comes out of it
    /// exactly as the rule's grok takes it: modelId=(?&lt;Esql.model_id&gt;[^,}\]]+).
    /// </summary>
    [Theory]
    [InlineData("{modelId=anthropic.claude-3-5-sonnet-20240620-v1:0}")]
    [InlineData("{modelId=anthropic.claude-3-5-sonnet-20240620-v1:0, k=v}")]
    [InlineData("{accept=application/json, modelId=arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0, contentType=application/json}")]
    [InlineData("{messages=[{role=user, content=[{text=hi}]}], modelId=us.meta.llama3-2-90b-instruct-v1:0}")]
    [InlineData("{inferenceConfig={maxTokens=512}, modelId=amazon.nova-pro-v1:0]}")]
    [InlineData("{modelId=cohere.command-r-v1:0 with spaces}")]
    public void Ingest_EcsRequestParametersAsJavaMapText_GivesTheModelIdTheGrokTakes(string mapText)
    {
        using var db = new TempDatabase();
        var doc = Document();
        doc["event"]!.AsObject().Remove("original");
        var cloudTrail = doc["aws"]!["cloudtrail"]!.AsObject();
        cloudTrail.Remove("flattened");
        cloudTrail["request_parameters"] = mapText;
        var path = db.WriteInput("export.ndjson", doc.ToJsonString() + "\n");

        var actual = SourceRows.LoadSingle(path);

        var grok = GrokModelId().Match(mapText);
        Assert.True(grok.Success);
        Assert.Equal(grok.Groups[1].Value, SourceRows.ModelId(actual["request_parameters"]));
    }

    [Fact]
    public void Ingest_EcsRequestParametersAsJavaMapTextWithoutModelId_KeepsTheText()
    {
        using var db = new TempDatabase();
        var doc = Document();
        doc["event"]!.AsObject().Remove("original");
        var cloudTrail = doc["aws"]!["cloudtrail"]!.AsObject();
        cloudTrail.Remove("flattened");
        cloudTrail["request_parameters"] = "{roleArn=arn:aws:iam::1:role/x}";
        var path = db.WriteInput("export.ndjson", doc.ToJsonString() + "\n");

        var actual = SourceRows.LoadSingle(path);

        Assert.Equal("\"{roleArn=arn:aws:iam::1:role/x}\"", actual["request_parameters"]);
        Assert.Null(SourceRows.ModelId(actual["request_parameters"]));
    }

    /// <summary>
    /// The fields two of Elastic's Bedrock rules read out of Java's Map text: an IAM call's userName (user.target.name)
    /// and a Bedrock call's callWithBearerToken in additional_eventdata (rule 89b68231 matches it in that text).
    /// </summary>
    [Theory]
    [InlineData("iam.amazonaws.com", "{userName=BedrockAPIKey-7f3k}", null, "BedrockAPIKey-7f3k", null)]
    [InlineData("iam.amazonaws.com", "{userName=svc-batch, tags=[]}", null, "svc-batch", null)]
    [InlineData("iam.amazonaws.com", "{roleName=x, policyName=y}", null, null, null)]
    [InlineData("bedrock.amazonaws.com", "{modelIdentifier=m}", "{callWithBearerToken=true, tlsVersion=TLSv1.3}", null, "true")]
    [InlineData("bedrock.amazonaws.com", "{modelIdentifier=m}", "{callWithBearerToken=false}", null, "false")]
    [InlineData("bedrock.amazonaws.com", "{modelIdentifier=m}", "{tlsVersion=TLSv1.3}", null, null)]
    public void Ingest_EcsJavaMapText_GivesTheFieldsTheRulesRead(string provider, string requestText, string? additionalText,
        string? requestUserName, string? bearerToken)
    {
        using var db = new TempDatabase();
        var doc = Document();
        doc["event"]!.AsObject().Remove("original");
        doc["event"]!["provider"] = provider;
        var cloudTrail = doc["aws"]!["cloudtrail"]!.AsObject();
        cloudTrail.Remove("flattened");
        cloudTrail["request_parameters"] = requestText;
        if (additionalText is not null)
        {
            cloudTrail["additional_eventdata"] = additionalText;
        }
        var path = db.WriteInput("export.ndjson", doc.ToJsonString() + "\n");

        var actual = SourceRows.LoadSingle(path);

        Assert.Equal(requestUserName, actual["request_user_name"]);
        Assert.Equal(bearerToken, actual["call_with_bearer_token"]);
    }

    /// <summary>A failure Elastic marks only by event.outcome (no error code or message kept) is not a success.</summary>
    [Fact]
    public void Ingest_EcsFailureWithoutErrorFields_IsNotCountedAsASuccess()
    {
        using var db = new TempDatabase();
        var doc = Document();
        doc["event"]!.AsObject().Remove("original");
        doc["event"]!["outcome"] = "failure";
        var path = db.WriteInput("export.ndjson", doc.ToJsonString() + "\n");

        var actual = SourceRows.LoadSingle(path);

        Assert.Equal("failure", actual["error_code"]);
    }

    [Fact]
    public void Ingest_EcsDocumentsAsAJsonArray_Load()
    {
        using var db = new TempDatabase();
        var first = Document();
        var second = Document();
        second["event"]!.AsObject().Remove("original");
        second["event"]!["id"] = "second-id";
        var path = db.WriteInput("export.json", new JsonArray(first, second).ToJsonString());

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(["3d67c35a-eef1-4d64-9620-77af8f372ae7", "second-id"], EventIds(db));
        Assert.Equal("jsonarray+ecs", FileRow(db, path).Format);
    }

    [GeneratedRegex(@"modelId=([^,}\]]+)")]
    private static partial Regex GrokModelId();
}
