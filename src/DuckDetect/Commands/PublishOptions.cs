using Cocona;
using DuckDetect.Core.Publishing;

namespace DuckDetect.Commands;

/// <summary>Where the analyst database is published after a command that changed what analysts see.</summary>
public sealed class PublishOptions : ICommandParameterSet
{
    [Option("publish", Description = "Analyst database to write (default: $DUCKDETECT_PUBLISH, else NAME.alerts.duckdb beside --db)", ValueName = "FILE")]
    [HasDefaultValue]
    public string? Publish { get; set; }

    [Option("no-publish", Description = "Do not write the analyst database")]
    [HasDefaultValue]
    public bool NoPublish { get; set; }

    [Option("evidence-days", Description = "Publish evidence and timelines of the alerts of the N days up to the newest alert (default 7)", ValueName = "N")]
    [HasDefaultValue]
    public int EvidenceDays { get; set; } = PublishTarget.DefaultEvidenceDays;

    [Option("principal-lookback", Description = "Lookback of the published principal views, such as 24h, 90m or 7d (default: $DUCKDETECT_PRINCIPAL_LOOKBACK, else 24h)", ValueName = "LENGTH")]
    [HasDefaultValue]
    public string? PrincipalLookback { get; set; }

    public PublishTarget? TargetFor(string databasePath) =>
        PublishTarget.Resolve(databasePath, Publish, NoPublish, EvidenceDays, Environment.GetEnvironmentVariable(PublishTarget.EnvironmentVariable),
            Core.Principals.PrincipalLookback.Resolve(PrincipalLookback, "--principal-lookback"));
}
