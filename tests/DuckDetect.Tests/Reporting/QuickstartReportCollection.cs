namespace DuckDetect.Tests.Reporting;

/// <summary>The report tests that share one <see cref="QuickstartReport"/>.</summary>
[CollectionDefinition(Name)]
public sealed class QuickstartReportCollection : ICollectionFixture<QuickstartReport>
{
    public const string Name = "quickstart report";
}
