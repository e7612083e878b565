using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection;

/// <summary>Each predicate of the rule alone: 500 calls in one window that differ from a counted call in one way.</summary>
public sealed class RulePredicateTests : IDisposable
{
    private readonly DetectionFixture _f = new();

    public static TheoryData<string, bool> Cases() => new()
    {
        { "baseline", true },
        { "errorCode only", false },
        { "errorMessage only", false },
        { "empty errorCode", true },
        { "empty errorMessage", true },
        { "no arn", false },
        { "empty arn", false },
        { "no requestParameters", false },
        { "null requestParameters", false },
        { "no modelId", false },
        { "empty modelId", false },
        { "another event source", false },
        { "control plane ListFoundationModels", false },
        { "control plane GetFoundationModel", false },
        { "action Converse", true },
        { "action ConverseStream", true },
        { "action InvokeModelWithResponseStream", true },
        { "action lower case invokemodel", false },
    };

    private static void Shape(string name, Dictionary<string, object?> e)
    {
        var identity = (Dictionary<string, object?>)e["userIdentity"]!;
        switch (name)
        {
            case "errorCode only": e["errorCode"] = "ThrottlingException"; break;
            case "errorMessage only": e["errorMessage"] = "Rate exceeded"; break;
            case "empty errorCode": e["errorCode"] = ""; break;
            case "empty errorMessage": e["errorMessage"] = ""; break;
            case "no arn": identity.Remove("arn"); break;
            case "empty arn": identity["arn"] = ""; break;
            case "no requestParameters": e.Remove("requestParameters"); break;
            case "null requestParameters": e["requestParameters"] = new NullMarker(); break;
            case "no modelId": e["requestParameters"] = new Dictionary<string, object?> { ["accept"] = "application/json" }; break;
            case "empty modelId": e["requestParameters"] = new Dictionary<string, object?> { ["modelId"] = "" }; break;
            case "another event source": e["eventSource"] = "sagemaker.amazonaws.com"; break;
            case "control plane ListFoundationModels": e["eventName"] = "ListFoundationModels"; break;
            case "control plane GetFoundationModel": e["eventName"] = "GetFoundationModel"; break;
            case "action Converse": e["eventName"] = "Converse"; break;
            case "action ConverseStream": e["eventName"] = "ConverseStream"; break;
            case "action InvokeModelWithResponseStream": e["eventName"] = "InvokeModelWithResponseStream"; break;
            case "action lower case invokemodel": e["eventName"] = "invokemodel"; break;
            default: break;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Detect_PredicateAlone_DecidesWhetherCallsCount(string variation, bool counted)
    {
        _f.Ingest(_f.Burst(500, DetectionFixture.At("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50), e => Shape(variation, e)));

        _f.Detect(null, "2026-03-02T04:00:00Z");

        var alerts = _f.Alerts();
        if (counted)
        {
            var alert = Assert.Single(alerts);
            Assert.Equal(500, alert.Count);
        }
        else
        {
            Assert.Empty(alerts);
        }
    }

    [Fact]
    public void Detect_AllFourInferenceActions_CountTogether()
    {
        string[] actions = ["InvokeModel", "Converse", "ConverseStream", "InvokeModelWithResponseStream"];
        var i = 0;
        _f.Ingest(_f.Burst(500, DetectionFixture.At("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50),
            e => e["eventName"] = actions[i++ % 4]));

        _f.Detect(null, "2026-03-02T04:00:00Z");

        var alert = Assert.Single(_f.Alerts());
        Assert.Equal("[\"Converse\",\"ConverseStream\",\"InvokeModel\",\"InvokeModelWithResponseStream\"]", alert.EventActions);
    }

    [Theory]
    [InlineData("anthropic.claude-v2")]
    [InlineData("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0")]
    [InlineData("arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0")]
    [InlineData("us.anthropic.claude-3-5-sonnet-20240620-v1:0")]
    public void Detect_ModelIdForms_AreKeptWhole(string modelId)
    {
        _f.Ingest(_f.Burst(500, DetectionFixture.At("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50),
            e => e["requestParameters"] = new Dictionary<string, object?> { ["modelId"] = modelId, ["contentType"] = "application/json" }));

        _f.Detect(null, "2026-03-02T04:00:00Z");

        Assert.Equal(modelId, Assert.Single(_f.Alerts()).ModelId);
    }

    public void Dispose() => _f.Dispose();
}
