using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;

namespace DuckDetect.Core.S3;

/// <summary>
/// The credentials and region of S3 requests: a named profile (<c>--profile</c>), or the SDK's default chain
/// (environment, web identity, profile, container, instance metadata). Only the source's name is ever shown.
/// </summary>
internal sealed record S3Credentials(AWSCredentials Credentials, string Source, string Region)
{
    private const string DefaultRegion = "us-east-1";

    static S3Credentials()
    {
        // Credentials that assume a role (a web identity, a profile's role_arn) or sign in with SSO need these clients;
        // the SDK would find them by reflection, which a native build has trimmed away.
        GlobalRuntimeDependencyRegistry.Instance.RegisterSecurityTokenServiceClient(
            context => new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), context.SecurityTokenServiceClientContextData.Region));
        GlobalRuntimeDependencyRegistry.Instance.RegisterSSOClient(
            context => new Amazon.SSO.AmazonSSOClient(new AnonymousAWSCredentials(), context.SSOClientContextData.Region));
        GlobalRuntimeDependencyRegistry.Instance.RegisterSSOOIDCClient(
            context => new Amazon.SSOOIDC.AmazonSSOOIDCClient(new AnonymousAWSCredentials(), context.SSOOIDCClientContextData.Region));
    }

    public static S3Credentials Resolve(S3Settings settings)
    {
        var chain = new CredentialProfileStoreChain();
        var profileName = settings.Profile ?? Environment.GetEnvironmentVariable("AWS_PROFILE") ?? "default";
        chain.TryGetProfile(profileName, out var profile);
        var region = settings.Region
            ?? Variable("AWS_REGION") ?? Variable("AWS_DEFAULT_REGION")
            ?? profile?.Region?.SystemName ?? DefaultRegion;
        try
        {
            if (settings.Profile is { } named)
            {
                if (profile is null || !chain.TryGetAWSCredentials(named, out var fromProfile))
                {
                    throw new S3Failure(S3FailureKind.Credentials,
                        $"profile {named} was not found in the shared AWS config and credentials files (~/.aws/config, ~/.aws/credentials, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)");
                }
                return new S3Credentials(fromProfile, $"profile {named}", region);
            }
            var credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
            return new S3Credentials(credentials, SourceOf(credentials, profileName), region);
        }
        catch (AmazonClientException ex)
        {
            throw new S3Failure(S3FailureKind.Credentials, S3Errors.NoCredentials(ex.Message.Split('\n')[0].Trim()), ex);
        }
    }

    private static string SourceOf(AWSCredentials credentials, string profileName) => credentials switch
    {
        EnvironmentVariablesAWSCredentials => "environment variables (AWS_ACCESS_KEY_ID)",
        AssumeRoleWithWebIdentityCredentials => "web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)",
        GenericContainerCredentials => "container credentials endpoint",
        InstanceProfileAWSCredentials => "instance metadata (instance profile role)",
        _ when credentials.GetType().Name.Contains("InstanceProfile", StringComparison.Ordinal) => "instance metadata (instance profile role)",
        _ => $"profile {profileName} (shared AWS config files)",
    };

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    /// <summary>
    /// <paramref name="text"/> without the secret key or session token of these credentials, should a message ever
    /// echo one back.
    /// </summary>
    public string Redact(string text)
    {
        if (!Credentials.GetType().Name.Contains("Anonymous", StringComparison.Ordinal))
        {
            try
            {
                var secrets = Credentials.GetCredentials();
                foreach (var secret in new[] { secrets.SecretKey, secrets.Token })
                {
                    if (secret is { Length: >= 8 })
                    {
                        text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
                    }
                }
            }
            catch (AmazonClientException)
            {
                // Credentials that cannot be fetched cannot be in a message either.
            }
        }
        return text;
    }
}
