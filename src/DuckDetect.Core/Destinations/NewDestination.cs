using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDetect.Core.Rules;

namespace DuckDetect.Core.Destinations;

/// <summary>
/// A destination as given to <c>destinations add</c>, checked by <see cref="Validate"/>: each type takes its own
/// options and refuses the others, and secrets are only ever named (an environment variable or a file).
/// </summary>
public sealed partial record NewDestination
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    public string? Url { get; init; }

    public string? UrlEnv { get; init; }

    public string? UrlFile { get; init; }

    public string? SigningKeyEnv { get; init; }

    public string? SigningKeyFile { get; init; }

    public string? RoutingKeyEnv { get; init; }

    public string? RoutingKeyFile { get; init; }

    public string? ApiKeyEnv { get; init; }

    public string? ApiKeyFile { get; init; }

    public string? Index { get; init; }

    public string? Region { get; init; }

    public string? AccountId { get; init; }

    public string? ProductArn { get; init; }

    public string? Profile { get; init; }

    public IReadOnlyList<string> Rules { get; init; } = [];

    public string? MinSeverity { get; init; }

    public string? Changes { get; init; }

    public double TimeoutSeconds { get; init; } = 10;

    public double RetrySeconds { get; init; } = 60;

    /// <summary>The checked destination: its canonical type, settings, filter and limits.</summary>
    public ValidDestination Validate()
    {
        var type = DestinationType.Parse(Type);
        DestinationNames.Check(Name);
        if (TimeoutSeconds is <= 0 or > 300 || double.IsNaN(TimeoutSeconds))
        {
            throw Invalid("--timeout must be more than 0 and at most 300 seconds");
        }
        if (RetrySeconds is < 0 or > 3600 || double.IsNaN(RetrySeconds))
        {
            throw Invalid("--retry-seconds must be from 0 to 3600 seconds");
        }
        var settings = type switch
        {
            DestinationType.Webhook => Webhook(),
            DestinationType.Slack => Slack(),
            DestinationType.PagerDuty => PagerDuty(),
            DestinationType.SecurityHub => SecurityHub(),
            _ => Elasticsearch(),
        };
        var rules = Rules.Count == 0 ? null : Rules.Select(r => RuleCatalog.Get(r).Id).Distinct().ToList();
        var filter = new DestinationFilter(rules, MinSeverity is null ? null : DestinationFilter.ParseSeverity(MinSeverity),
            Changes is null ? DestinationType.DefaultChanges(type) : AlertChange.ParseList(Changes));
        return new ValidDestination(Name, type, settings, JsonSerializer.Serialize(settings, DestinationJsonContext.Default.DestinationSettings),
            filter, TimeoutSeconds, RetrySeconds);
    }

    private DestinationSettings Webhook()
    {
        Only("webhook", UrlOptions, ["signing-key"]);
        return new DestinationSettings
        {
            Url = PlainUrl(required: false),
            UrlSecret = UrlSecretOrRequired(Url is null),
            SigningKeySecret = SecretReference.FromOptions("signing-key", SigningKeyEnv, SigningKeyFile, required: true)!.ToString(),
        };
    }

    private DestinationSettings Slack()
    {
        Only("slack", ["url"], []);
        if (Url is not null)
        {
            throw Invalid("a Slack incoming-webhook URL holds its token: give it with --url-env NAME or --url-file PATH, never --url");
        }
        return new DestinationSettings { UrlSecret = UrlSecretOrRequired(required: true) };
    }

    private DestinationSettings PagerDuty()
    {
        Only("pagerduty", ["url"], ["routing-key"]);
        return new DestinationSettings
        {
            Url = PlainUrl(required: false),
            RoutingKeySecret = SecretReference.FromOptions("routing-key", RoutingKeyEnv, RoutingKeyFile, required: true)!.ToString(),
        };
    }

    private DestinationSettings Elasticsearch()
    {
        Only("elasticsearch", UrlOptions, ["api-key", "index"]);
        if (string.IsNullOrWhiteSpace(Index) || !IndexName().IsMatch(Index))
        {
            throw Invalid("elasticsearch needs --index NAME (lowercase, no spaces, not starting with '-', '_' or '+')");
        }
        return new DestinationSettings
        {
            Url = PlainUrl(required: UrlEnv is null && UrlFile is null),
            UrlSecret = UrlSecretOrRequired(required: false),
            ApiKeySecret = SecretReference.FromOptions("api-key", ApiKeyEnv, ApiKeyFile, required: true)!.ToString(),
            Index = Index,
        };
    }

    private DestinationSettings SecurityHub()
    {
        Only("securityhub", ["url"], ["region", "account-id", "product-arn", "profile"]);
        if (Region is null || !RegionName().IsMatch(Region))
        {
            throw Invalid("securityhub needs --region (an AWS region such as eu-west-1)");
        }
        if (AccountId is null || !AccountNumber().IsMatch(AccountId))
        {
            throw Invalid("securityhub needs --account-id, the 12-digit account that imports the findings");
        }
        if (ProductArn is not null && !ProductArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw Invalid("--product-arn must be an ARN (arn:aws:securityhub:REGION:ACCOUNT:product/...)");
        }
        return new DestinationSettings
        {
            Url = PlainUrl(required: false),
            Region = Region,
            AccountId = AccountId,
            ProductArn = ProductArn ?? $"arn:aws:securityhub:{Region}:{AccountId}:product/{AccountId}/default",
            Profile = Profile,
        };
    }

    private static readonly string[] UrlOptions = ["url"];

    /// <summary>Refuses the options of other types: each option names the one that was given and does not apply.</summary>
    private void Only(string type, string[] urls, string[] others)
    {
        var given = new (string Option, object? Value)[]
        {
            ("url", Url ?? UrlEnv ?? UrlFile), ("signing-key", SigningKeyEnv ?? SigningKeyFile), ("routing-key", RoutingKeyEnv ?? RoutingKeyFile),
            ("api-key", ApiKeyEnv ?? ApiKeyFile), ("index", Index), ("region", Region), ("account-id", AccountId),
            ("product-arn", ProductArn), ("profile", Profile),
        };
        if (given.FirstOrDefault(g => g.Value is not null && !urls.Contains(g.Option) && !others.Contains(g.Option)) is { Option: { } bad })
        {
            throw Invalid($"a {type} destination takes no --{bad}{(bad.EndsWith("key", StringComparison.Ordinal) ? "-env/-file" : "")}");
        }
    }

    /// <summary>A URL given as is: http or https, with no user information and no query (where tokens hide).</summary>
    private string? PlainUrl(bool required)
    {
        if (Url is null)
        {
            return required ? throw Invalid("this destination needs --url (or --url-env NAME, --url-file PATH)") : null;
        }
        if (UrlEnv is not null || UrlFile is not null)
        {
            throw Invalid("give the URL once: --url, --url-env or --url-file");
        }
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw Invalid("--url must be an absolute http or https URL");
        }
        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0)
        {
            throw Invalid("--url holds credentials or a query, which may be secret: give that URL with --url-env NAME or --url-file PATH");
        }
        return uri.AbsoluteUri.TrimEnd('/');
    }

    private string? UrlSecretOrRequired(bool required) =>
        SecretReference.FromOptions("url", UrlEnv, UrlFile, required)?.ToString();

    private static DuckDetectException Invalid(string message) => new(FailureKind.InvalidArguments, message);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,254}$")]
    private static partial Regex IndexName();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]$")]
    private static partial Regex RegionName();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountNumber();
}
