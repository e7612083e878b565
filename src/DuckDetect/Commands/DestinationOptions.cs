using Cocona;
using DuckDetect.Core.Destinations;

namespace DuckDetect.Commands;

/// <summary>The options of <c>destinations add</c>: each type takes its own (docs/siem.md); secrets only by name.</summary>
public sealed class DestinationOptions : ICommandParameterSet
{
    [Option("type", Description = "webhook, slack, pagerduty, securityhub or elasticsearch", ValueName = "TYPE")]
    public string Type { get; set; } = "";

    [Option("url", Description = "The receiver's URL when it holds no secret (webhook, elasticsearch; pagerduty's and securityhub's endpoint)", ValueName = "URL")]
    [HasDefaultValue]
    public string? Url { get; set; }

    [Option("url-env", Description = "Environment variable holding the URL (slack, or a URL with a token)", ValueName = "NAME")]
    [HasDefaultValue]
    public string? UrlEnv { get; set; }

    [Option("url-file", Description = "File holding the URL", ValueName = "PATH")]
    [HasDefaultValue]
    public string? UrlFile { get; set; }

    [Option("signing-key-env", Description = "webhook: environment variable holding the HMAC-SHA256 signing key", ValueName = "NAME")]
    [HasDefaultValue]
    public string? SigningKeyEnv { get; set; }

    [Option("signing-key-file", Description = "webhook: file holding the signing key", ValueName = "PATH")]
    [HasDefaultValue]
    public string? SigningKeyFile { get; set; }

    [Option("routing-key-env", Description = "pagerduty: environment variable holding the integration's routing key", ValueName = "NAME")]
    [HasDefaultValue]
    public string? RoutingKeyEnv { get; set; }

    [Option("routing-key-file", Description = "pagerduty: file holding the routing key", ValueName = "PATH")]
    [HasDefaultValue]
    public string? RoutingKeyFile { get; set; }

    [Option("api-key-env", Description = "elasticsearch: environment variable holding the API key (its encoded form)", ValueName = "NAME")]
    [HasDefaultValue]
    public string? ApiKeyEnv { get; set; }

    [Option("api-key-file", Description = "elasticsearch: file holding the API key", ValueName = "PATH")]
    [HasDefaultValue]
    public string? ApiKeyFile { get; set; }

    [Option("index", Description = "elasticsearch: the index, alias or data stream", ValueName = "NAME")]
    [HasDefaultValue]
    public string? Index { get; set; }

    [Option("region", Description = "securityhub: the region whose Security Hub receives the findings", ValueName = "REGION")]
    [HasDefaultValue]
    public string? Region { get; set; }

    [Option("account-id", Description = "securityhub: the account that imports the findings", ValueName = "ID")]
    [HasDefaultValue]
    public string? AccountId { get; set; }

    [Option("product-arn", Description = "securityhub: the product ARN (default: the account's own product in the region)", ValueName = "ARN")]
    [HasDefaultValue]
    public string? ProductArn { get; set; }

    [Option("profile", Description = "securityhub: the AWS profile for credentials (default: the SDK's credential chain)", ValueName = "NAME")]
    [HasDefaultValue]
    public string? Profile { get; set; }

    [Option("rule", Description = "Only alerts of this rule (repeat for several; default: every rule)", ValueName = "ID")]
    [HasDefaultValue]
    public string[] Rule { get; set; } = [];

    [Option("min-severity", Description = "Only alerts of this severity or higher: low, medium, high, critical", ValueName = "SEVERITY")]
    [HasDefaultValue]
    public string? MinSeverity { get; set; }

    [Option("changes", Description = "Which changes to send: created,updated,retracted (default: all; slack: created,retracted)", ValueName = "LIST")]
    [HasDefaultValue]
    public string? Changes { get; set; }

    [Option("timeout", Description = "Seconds to wait for one reply (default 10)", ValueName = "SECONDS")]
    [HasDefaultValue]
    public double Timeout { get; set; } = 10;

    [Option("retry-seconds", Description = "Most seconds a run spends retrying this destination before leaving the rest for the next run (default 60)", ValueName = "SECONDS")]
    [HasDefaultValue]
    public double RetrySeconds { get; set; } = 60;

    public NewDestination ToNew(string name) => new()
    {
        Name = name,
        Type = Type,
        Url = Url,
        UrlEnv = UrlEnv,
        UrlFile = UrlFile,
        SigningKeyEnv = SigningKeyEnv,
        SigningKeyFile = SigningKeyFile,
        RoutingKeyEnv = RoutingKeyEnv,
        RoutingKeyFile = RoutingKeyFile,
        ApiKeyEnv = ApiKeyEnv,
        ApiKeyFile = ApiKeyFile,
        Index = Index,
        Region = Region,
        AccountId = AccountId,
        ProductArn = ProductArn,
        Profile = Profile,
        Rules = Rule,
        MinSeverity = MinSeverity,
        Changes = Changes,
        TimeoutSeconds = Timeout,
        RetrySeconds = RetrySeconds,
    };
}
