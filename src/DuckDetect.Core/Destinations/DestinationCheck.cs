namespace DuckDetect.Core.Destinations;

/// <summary>Checks a destination can be used from here, without ever showing a secret.</summary>
public static class DestinationCheck
{
    /// <summary>The secret references of <paramref name="settings"/>, each as stored.</summary>
    public static IEnumerable<SecretReference> Secrets(DestinationSettings settings) =>
        new[] { settings.UrlSecret, settings.SigningKeySecret, settings.RoutingKeySecret, settings.ApiKeySecret }
            .Select(SecretReference.Parse).OfType<SecretReference>();

    /// <summary>Why each secret that cannot be read now cannot (a cron job may have what this shell lacks).</summary>
    public static IEnumerable<string> UnreadableSecrets(DestinationSettings settings)
    {
        foreach (var secret in Secrets(settings))
        {
            string? problem = null;
            try
            {
                secret.Resolve();
            }
            catch (DestinationException ex)
            {
                problem = ex.Message;
            }
            if (problem is not null)
            {
                yield return problem;
            }
        }
    }
}
