using System.Diagnostics;

namespace DuckDetect.Core.Destinations;

/// <summary><c>destinations test</c>: one sample alert sent once (no retry, no cursor), and what came back, free of secrets.</summary>
public static class DestinationTest
{
    public static (SendOutcome Outcome, TimeSpan Elapsed) Run(DestinationConfig config, DateTimeOffset now)
    {
        var clock = Stopwatch.StartNew();
        var redactor = new Redactor();
        SendOutcome outcome;
        try
        {
            using var sender = SenderFactory.Create(config, redactor);
            outcome = sender.TestAsync(SampleAlert.Create(now), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (DestinationException ex)
        {
            outcome = SendOutcome.Rejected(ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or Amazon.Runtime.AmazonClientException)
        {
            outcome = SendOutcome.Rejected($"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }
        return (outcome with { Message = outcome.Message is null ? null : redactor.Clean(outcome.Message), Reply = outcome.Reply is null ? null : redactor.Clean(outcome.Reply) },
            clock.Elapsed);
    }
}
