namespace DuckDetect.Tests.Support;

/// <summary>Shapes of test events for <see cref="DetectionFixture.Burst"/>: principal, source IP, access key, model, account.</summary>
public static class EventShape
{
    public static Action<Dictionary<string, object?>> As(string arn, string? ip = null, string? key = null, string? model = null,
        string? account = "111122223333") => e =>
    {
        var identity = (Dictionary<string, object?>)e["userIdentity"]!;
        identity["arn"] = arn;
        if (key is not null)
        {
            identity["accessKeyId"] = key;
        }
        if (account is null)
        {
            identity.Remove("accountId");
            e.Remove("recipientAccountId");
        }
        if (ip is not null)
        {
            e["sourceIPAddress"] = ip;
        }
        if (model is not null)
        {
            e["requestParameters"] = new Dictionary<string, object?> { ["modelId"] = model };
        }
    };

    /// <summary>A principal's ARN in the test account.</summary>
    public static string User(string name) => $"arn:aws:iam::111122223333:user/{name}";
}
