using DuckDetect.Core;
using DuckDetect.Core.Destinations;
using DuckDetect.Core.Storage;

namespace DuckDetect.Commands;

/// <summary>Delivers to destinations what they have not accepted (run: every enabled one; alerts --destination: one).</summary>
internal static class DestinationStep
{
    /// <summary>Returns whether any destination failed (the caller exits 79 once it has done everything else).</summary>
    public static bool Run(DuckDbSession session, string? only, IStatusSink status, CancellationToken cancel) =>
        StepTrace.Step("destinations", () => DestinationDelivery.Deliver(session, only, status, SenderFactory.Create, cancel))
            .Any(r => r.Failed);
}
