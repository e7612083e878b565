namespace DuckDetect.Core.Destinations;

/// <summary>
/// A destination's type-specific settings, stored as JSON in destination_configs.settings: targets, and secret
/// references (<see cref="SecretReference"/> as text), never a secret. Which ones a type takes: NewDestination.
/// </summary>
public sealed record DestinationSettings
{
    /// <summary>The receiver's URL, when it holds no secret (Elasticsearch, PagerDuty's or Security Hub's endpoint, a webhook).</summary>
    public string? Url { get; init; }

    /// <summary>Where the URL is read when it holds a secret (Slack's incoming webhook, a webhook with a token).</summary>
    public string? UrlSecret { get; init; }

    /// <summary>Webhook: the HMAC-SHA256 key of X-DuckDetect-Signature.</summary>
    public string? SigningKeySecret { get; init; }

    /// <summary>PagerDuty: the integration's routing key.</summary>
    public string? RoutingKeySecret { get; init; }

    /// <summary>Elasticsearch: the API key (the base64 <c>id:api_key</c> Elasticsearch returns as <c>encoded</c>).</summary>
    public string? ApiKeySecret { get; init; }

    /// <summary>Elasticsearch: the index (or alias, or data stream) the documents go to.</summary>
    public string? Index { get; init; }

    /// <summary>Security Hub: the region whose Security Hub receives the findings.</summary>
    public string? Region { get; init; }

    /// <summary>Security Hub: the account that imports the findings (each finding's AwsAccountId).</summary>
    public string? AccountId { get; init; }

    /// <summary>Security Hub: the product ARN (default: the account's own default product in the region).</summary>
    public string? ProductArn { get; init; }

    /// <summary>Security Hub: the AWS profile to take credentials from (default: the SDK's credential chain).</summary>
    public string? Profile { get; init; }
}
