using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;
using static DuckDetect.Tests.Ingest.Invocations.InvocationKit;

namespace DuckDetect.Tests.Ingest.Invocations;

/// <summary>
/// Every column of bedrock_invocations, from the fixture's records (data/invocations/): InvokeModel with Anthropic
/// Messages and Text Completions bodies, Converse, streamed outputs, Titan, Llama, an unknown body, an error and a
/// body delivered separately.
/// </summary>
public sealed class InvocationColumnTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public InvocationColumnTests()
    {
        // Recognised by content: the file's name says nothing of what it holds.
        var run = RunIngest(_db, _db.WriteGzipInput("logs/part-0001.gz", FixtureText));
        Assert.Empty(run.Summary.Failures);
        Assert.Equal(13, run.Summary.InvocationsRead);
        Assert.Equal(13, run.Summary.InvocationsNew);
        Assert.Equal(0, run.Summary.EventsRead);
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public void InvokeModel_AnthropicMessages_KeepsWhoWhatAndTheTopLevelSamplingSettings()
    {
        var row = Row(_db, RequestId(1));

        Assert.Equal("2024-05-01 12:00:01", row["invocation_time"]);
        Assert.Equal(Account, row["account_id"]);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/chat-app/session-1", row["principal_arn"]);
        Assert.Equal("us-east-1", row["region"]);
        Assert.Equal("InvokeModel", row["operation"]);
        Assert.Equal("anthropic.claude-3-haiku-20240307-v1:0", row["model_id"]);
        Assert.Equal(("31", "42"), (row["input_tokens"], row["output_tokens"]));
        Assert.Null(row["error_code"]);
        Assert.Null(row["guardrail_action"]);
        Assert.Equal(("0.7", "256", "0.9"), (row["temperature"], row["max_tokens"], row["top_p"]));
        Assert.Equal("messages", row["input_format"]);
        Assert.Equal(Md5("tell me about the purple elephant protocol, order 12345."), row["prompt_hash"]);
        Assert.Equal(Md5("tell me about the purple elephant protocol, order <n>."), row["template_hash"]);
        Assert.Equal("Tell me about the  Purple   Elephant Protocol, order 12345.".Length.ToString(System.Globalization.CultureInfo.InvariantCulture), row["prompt_chars"]);
        Assert.Equal(Md5("the purple elephant protocol is an internal name."), row["output_hash"]);
        Assert.Equal("49", row["output_chars"]);
        Assert.Equal(("false", "false"), (row["prompt_has_credential"], row["output_has_credential"]));
        Assert.Null(row["input_body_s3_path"]);
        Assert.Null(row["separate_body_read"]);
        Assert.EndsWith("part-0001.gz", row["source_file"], StringComparison.Ordinal);
        Assert.Equal(32, _db.Scalar<long>("SELECT len(prompt_minhash) FROM bedrock_invocations WHERE request_id = $id", new { id = RequestId(1) }));
    }

    [Fact]
    public void Converse_InferenceConfig_GivesTemperatureMaxTokensAndTopP()
    {
        var row = Row(_db, RequestId(2));

        Assert.Equal("Converse", row["operation"]);
        Assert.Equal(("0.0", "512", "1.0"), (row["temperature"], row["max_tokens"], row["top_p"]));
        Assert.Equal(Md5("what is the capital of france?"), row["prompt_hash"]);
        Assert.Equal(Md5("paris."), row["output_hash"]);
    }

    [Fact]
    public void ChatHistoryResent_HashesOnlyTheLastUserTurn_NormalizedForCaseAndSpaces()
    {
        var first = Row(_db, RequestId(2));
        var second = Row(_db, RequestId(3));
        var third = Row(_db, RequestId(4));

        Assert.Equal(Md5("and of italy?"), second["prompt_hash"]);
        // Turn 3 resends turns 1 and 2 and asks turn 1's question again, in other case and spacing.
        Assert.Equal(first["prompt_hash"], third["prompt_hash"]);
        Assert.Equal(first["template_hash"], third["template_hash"]);
        Assert.Equal(first["prompt_minhash"], third["prompt_minhash"]);
        Assert.NotEqual(first["output_hash"], third["output_hash"]);
    }

    [Fact]
    public void StreamedOutputs_JoinTheirTextDeltas_AndGiveTheGuardrailAction()
    {
        var anthropic = Row(_db, RequestId(5));
        var converse = Row(_db, RequestId(6));

        Assert.Equal("INTERVENED", anthropic["guardrail_action"]);
        Assert.Equal(Md5("sorry, i cannot help with that."), anthropic["output_hash"]);
        Assert.Equal("31", anthropic["output_chars"]);
        Assert.Equal(("64", null), (anthropic["max_tokens"], anthropic["temperature"]));
        Assert.Equal("INTERVENED", converse["guardrail_action"]);
        Assert.Equal(Md5("i can't do that."), converse["output_hash"]);
        Assert.Equal(("0.9", "100", "0.95"), (converse["temperature"], converse["max_tokens"], converse["top_p"]));
    }

    [Fact]
    public void OlderBodies_TitanLlamaAndTextCompletions_GiveTheirPromptAndSettings()
    {
        var titan = Row(_db, RequestId(7));
        var claudeV2 = Row(_db, RequestId(8));
        var llama = Row(_db, RequestId(13));

        Assert.Equal("inputText", titan["input_format"]);
        Assert.Equal(("0.2", "200", "0.8"), (titan["temperature"], titan["max_tokens"], titan["top_p"]));
        // The e-mail address and the number are masked in the template.
        Assert.Equal(Md5("summarise ticket <n> from <email> in one line."), titan["template_hash"]);
        Assert.Equal(Md5("customer reports a login failure."), titan["output_hash"]);
        Assert.Equal("prompt", claudeV2["input_format"]);
        Assert.Equal("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2", claudeV2["model_id"]);
        Assert.Equal(("0.5", "300", "1.0"), (claudeV2["temperature"], claudeV2["max_tokens"], claudeV2["top_p"]));
        Assert.Equal(Md5("human: translate <str> to german. assistant:"), claudeV2["template_hash"]);
        Assert.Equal(Md5("guten morgen."), claudeV2["output_hash"]);
        Assert.Equal(("prompt", "128", "us-west-2"), (llama["input_format"], llama["max_tokens"], llama["region"]));
        Assert.Equal(Md5("red, green, blue."), llama["output_hash"]);
    }

    [Fact]
    public void UnknownBody_KeepsTheRecord_WithWhatItCannotComputeUnknown()
    {
        var row = Row(_db, RequestId(9));

        Assert.Equal(("acme.custom-model-v7", "5", "3"), (row["model_id"], row["input_tokens"], row["output_tokens"]));
        foreach (var unknown in new[] { "input_format", "prompt_hash", "template_hash", "prompt_minhash", "prompt_chars", "output_hash",
                     "output_chars", "temperature", "max_tokens", "top_p", "guardrail_action" })
        {
            Assert.Null(row[unknown]);
        }
        // The credential scan reads the whole body, whatever its shape.
        Assert.Equal(("false", "false"), (row["prompt_has_credential"], row["output_has_credential"]));
    }

    [Fact]
    public void ErrorRecord_KeepsItsErrorCode_AndNoOutput()
    {
        var row = Row(_db, RequestId(10));

        Assert.Equal("ValidationException", row["error_code"]);
        Assert.Equal(("0", null, null, null), (row["input_tokens"], row["output_tokens"], row["output_hash"], row["output_has_credential"]));
        Assert.Equal("999999", row["max_tokens"]);
    }

    [Fact]
    public void BodyDeliveredSeparately_AndNotReachable_IsMarkedNotRead_AndItsSignalsUnknown()
    {
        // The fixture's copy here is not beside its bodies (data/invocations/ has them: SeparateBodyTests), and the
        // bucket invocation-logs is not reachable from the tests.
        var row = Row(_db, RequestId(11));

        Assert.StartsWith("s3://invocation-logs/AWSLogs/111122223333/", row["input_body_s3_path"], StringComparison.Ordinal);
        Assert.EndsWith("/12/data/a1b2c3d4-0011-4000-8000-000000000011_output.json.gz", row["output_body_s3_path"], StringComparison.Ordinal);
        Assert.Equal("false", row["separate_body_read"]);
        Assert.Equal(("120000", "900"), (row["input_tokens"], row["output_tokens"]));
        Assert.Null(row["prompt_hash"]);
        Assert.Null(row["prompt_has_credential"]);
    }

    [Fact]
    public void Credentials_InPromptAndResponse_AreFlagged()
    {
        var row = Row(_db, RequestId(12));

        Assert.Equal(("true", "true"), (row["prompt_has_credential"], row["output_has_credential"]));
        Assert.Equal("arn:aws:iam::111122223333:user/dev-alice", row["principal_arn"]);
        Assert.Equal(1, _db.Scalar<long>("SELECT count(*) FROM bedrock_invocations WHERE prompt_has_credential"));
    }

    [Fact]
    public void IngestedFiles_RecordsTheFileWithItsFormatAndCounts()
    {
        var file = FileRows(_db).Single();

        Assert.Equal("ndjson+bedrockinvocation+gzip", file.Format);
        Assert.Equal(("loaded", 13L, 13L, 0L), (file.Status, file.EventsRead, file.EventsNew, file.EventsSkipped));
        Assert.Equal((13L, 13L), _db.Query<(long, long)>("SELECT invocations_read, invocations_new FROM ingest_runs").Single());
    }

    private static string Md5(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
