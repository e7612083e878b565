namespace DuckDetect.Tests.Support;

/// <summary>Single API calls of any service for the event rules' tests: who, what, when, and how it ended.</summary>
public static class ApiCall
{
    private static int _calls;

    /// <summary>
    /// One call: <paramref name="eventName"/> on <paramref name="source"/> by <paramref name="arn"/> with
    /// <paramref name="key"/>, failing with <paramref name="error"/> when given; <paramref name="shape"/> changes
    /// anything else (request parameters, additional event data, the identity's type or user name).
    /// </summary>
    public static Dictionary<string, object?> At(string time, string eventName, string arn = DetectionFixture.Arn,
        string key = "ASIAEXAMPLE", string source = "bedrock.amazonaws.com", string? error = null,
        Action<Dictionary<string, object?>>? shape = null)
    {
        var e = CloudTrailJson.Event($"api-{Interlocked.Increment(ref _calls):D8}", DetectionFixture.At(time));
        e["eventSource"] = source;
        e["eventName"] = eventName;
        e["requestParameters"] = new Dictionary<string, object?>();
        var identity = (Dictionary<string, object?>)e["userIdentity"]!;
        identity["arn"] = arn;
        identity["accessKeyId"] = key;
        if (key.StartsWith("AKIA", StringComparison.Ordinal))
        {
            identity["type"] = "IAMUser";
            identity["userName"] = arn.Split('/')[^1];
        }
        if (error is not null)
        {
            e["errorCode"] = error;
            e["errorMessage"] = "User is not authorized to perform this operation";
        }
        shape?.Invoke(e);
        return e;
    }

    /// <summary>An inference call on a model (modelId in its request parameters).</summary>
    public static Dictionary<string, object?> Invoke(string time, string model, string arn = DetectionFixture.Arn, string key = "ASIAEXAMPLE",
        string? error = null, string region = "us-east-1") =>
        At(time, "InvokeModel", arn, key, error: error, shape: e =>
        {
            e["requestParameters"] = new Dictionary<string, object?> { ["modelId"] = model };
            e["awsRegion"] = region;
        });
}
