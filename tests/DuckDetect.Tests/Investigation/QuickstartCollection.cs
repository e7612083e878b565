namespace DuckDetect.Tests.Investigation;

/// <summary>The tests that share one <see cref="QuickstartDatabase"/>.</summary>
[CollectionDefinition(Name)]
public sealed class QuickstartCollection : ICollectionFixture<QuickstartDatabase>
{
    public const string Name = "quickstart sample";
}
