using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace DuckDetect.Core.Destinations.SecurityHub;

/// <summary>The SDK pipeline's authentication step: every Security Hub operation is signed with SigV4.</summary>
public sealed class SecurityHubAuthHandler : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => AuthSchemeOption.DEFAULT_SIGV4;
}
