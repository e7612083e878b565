using DuckDetect.Core.Storage;

namespace DuckDetect.Core.S3;

/// <summary>
/// Retries a request whose error is transient (throttling, 5xx, a timeout, a reset or cut-off connection) with
/// exponential backoff and full jitter: before attempt n it waits a random time up to base × 2^(n-2), capped; after
/// the last attempt the request fails with every attempt counted in its line. Other errors fail at once; a full local
/// disk is not the request's fault and goes up as it is.
/// </summary>
internal sealed class S3Retry(S3Settings settings, Func<string, string> redact)
{
    public async Task<T> Run<T>(string bucket, string? key, Func<CancellationTokenSource, Task<T>> attempt, CancellationToken ct)
    {
        for (var n = 1; ; n++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            S3Failure failure;
            try
            {
                return await attempt(timeout).ConfigureAwait(false);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && !StorageFailure.IsDiskFull(ex))
            {
                failure = ex is OperationCanceledException
                    ? new S3Failure(S3FailureKind.Transient, $"no response for {settings.RequestTimeout.TotalSeconds:0.#} s (timed out)", ex)
                    : S3Errors.Classify(ex, bucket, key);
            }
            if (failure.Kind != S3FailureKind.Transient || n >= settings.MaxAttempts)
            {
                var reason = failure.Kind == S3FailureKind.Transient ? $"gave up after {n} attempts: {failure.Message}" : failure.Message;
                throw new S3Failure(failure.Kind, redact(reason), failure.InnerException);
            }
            await Task.Delay(Delay(n), ct).ConfigureAwait(false);
        }
    }

    private TimeSpan Delay(int attempt)
    {
        var cap = Math.Min(settings.MaxRetryDelay.TotalMilliseconds, settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
    }
}
