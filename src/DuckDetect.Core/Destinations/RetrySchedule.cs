namespace DuckDetect.Core.Destinations;

/// <summary>
/// When to try a destination again within one run: after the receiver's Retry-After when it gave one, else after
/// an exponential backoff (1, 2, 4... seconds, at most 30, with a fifth of jitter); never past the run's budget
/// (--retry-seconds), after which what was not sent waits for the next run.
/// </summary>
public sealed class RetrySchedule(TimeSpan budget, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly DateTimeOffset _deadline = (clock ?? TimeProvider.System).GetUtcNow() + budget;
    private int _failures;

    public int Retries { get; private set; }

    /// <summary>The wait before the next try, or null (with why) when the budget does not allow one.</summary>
    public (TimeSpan? Wait, string? WhyNot) Next(TimeSpan? retryAfter)
    {
        _failures++;
        var backoff = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, _failures - 1)) * (0.9 + (Random.Shared.NextDouble() * 0.2)));
        var wait = retryAfter ?? backoff;
        var left = _deadline - _clock.GetUtcNow();
        if (wait > left)
        {
            return (null, retryAfter is { } asked && asked > left
                ? $"the receiver asked to retry after {asked.TotalSeconds:0.#} s, more than the {Math.Max(0, left.TotalSeconds):0.#} s left of --retry-seconds"
                : $"--retry-seconds spent after {_failures} tr{(_failures == 1 ? "y" : "ies")}");
        }
        Retries++;
        return (wait, null);
    }
}
