using DuckDetect.Core;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Delivery;
using DuckDetect.Core.Storage;

namespace DuckDetect.Commands;

/// <summary>Sends a consumer what it has not been sent (alerts --consumer, run --consumer).</summary>
internal static class DeliveryStep
{
    public static void Run(DuckDbSession session, string consumer, AlertFormat format, IStatusSink status)
    {
        using var stdout = StandardOutput.Open();
        var summary = AlertDelivery.Deliver(session, consumer, format, stdout);
        status.Info($"alerts: consumer {summary.Consumer}: {summary.Records} record(s) sent, cursor {summary.FromCursor} -> {summary.ToCursor}");
    }

    /// <summary>--format for consumers: what was given, else ndjson (a consumer is a machine).</summary>
    public static AlertFormat FormatFor(string? format, string? consumer) =>
        AlertFormats.Parse(format ?? (consumer is null ? "table" : "ndjson"));
}
