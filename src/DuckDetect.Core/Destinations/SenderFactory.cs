using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using DuckDetect.Core.Destinations.Receivers;
using DuckDetect.Core.Destinations.SecurityHub;

namespace DuckDetect.Core.Destinations;

/// <summary>
/// Makes a destination's sender from its configuration, reading its secrets now (each also given to the
/// <see cref="Redactor"/>, so that no message can carry it); a secret that cannot be read is a
/// <see cref="DestinationException"/> naming where it was looked for.
/// </summary>
public static class SenderFactory
{
    public static IDestinationSender Create(DestinationConfig config, Redactor redactor)
    {
        var s = config.Settings;
        var timeout = TimeSpan.FromSeconds(config.TimeoutSeconds);
        return config.Type switch
        {
            DestinationType.Webhook => new WebhookSender(Url(s, redactor), Secret(s.SigningKeySecret, redactor), timeout),
            DestinationType.Slack => new SlackSender(Url(s, redactor), timeout),
            DestinationType.PagerDuty => new PagerDutySender(s.Url is null ? PagerDutySender.DefaultUrl : new Uri(s.Url),
                Secret(s.RoutingKeySecret, redactor), timeout),
            DestinationType.Elasticsearch => new ElasticsearchSender(Url(s, redactor), s.Index!, Secret(s.ApiKeySecret, redactor), timeout),
            DestinationType.SecurityHub => new SecurityHubSender(SecurityHubClient(s, timeout), s.ProductArn!, s.AccountId!, s.Region!, timeout),
            _ => throw new DestinationException($"unknown destination type {config.Type}"),
        };
    }

    private static string Secret(string? reference, Redactor redactor)
    {
        var value = (SecretReference.Parse(reference) ?? throw new DestinationException("a secret reference is missing")).Resolve();
        redactor.Add(value);
        return value;
    }

    /// <summary>The URL as given, or read from where it is kept (then a secret).</summary>
    private static Uri Url(DestinationSettings s, Redactor redactor)
    {
        var text = s.Url ?? Secret(s.UrlSecret, redactor);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new DestinationException($"the URL in {SecretReference.Parse(s.UrlSecret)?.Describe() ?? "--url"} is not an absolute http or https URL");
    }

    private static SecurityHubClient SecurityHubClient(DestinationSettings s, TimeSpan timeout)
    {
        var config = new SecurityHubConfig { Timeout = timeout };
        if (s.Url is { } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = s.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(s.Region);
        }
        if (s.Profile is not { } profile)
        {
            return new SecurityHubClient(config);
        }
        return new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out AWSCredentials credentials)
            ? new SecurityHubClient(credentials, config)
            : throw new DestinationException($"no AWS profile named {profile} in the shared credentials or config file");
    }
}
