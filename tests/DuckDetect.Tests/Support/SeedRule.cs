namespace DuckDetect.Tests.Support;

/// <summary>
/// The seed rule (high-frequency single-model probing). Tests of the machinery around detection (delivery, publishing,
/// status, the sample's manifest) run it alone with <see cref="Only"/>, so that their counts are the seed rule's as they
/// always were; the other rules are tested under Detection and Rules, and all four run together in the schedule and
/// publish-update tests.
/// </summary>
public static class SeedRule
{
    public const string Id = "56312ef5-656c-4bf7-ad9a-affed052b102";

    /// <summary>The option that makes run or detect evaluate the seed rule only.</summary>
    public static readonly string[] Only = ["--rule", Id];
}
