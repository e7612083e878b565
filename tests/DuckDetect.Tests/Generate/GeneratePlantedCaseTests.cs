namespace DuckDetect.Tests.Generate;

/// <summary>The planted cases, checked against the files with an independent evaluation of the rule.</summary>
public sealed class GeneratePlantedCaseTests(GeneratedData data) : IClassFixture<GeneratedData>
{
    [Fact]
    public void Manifest_ListsEveryPlantedCaseWithItsExpectedOutcome()
    {
        var expected = data.Manifest.Cases.ToDictionary(c => c.Name, c => c.Expected);

        Assert.Equal("alert", expected["loud_probing"]);
        Assert.Equal("no_alert", expected["paced_probing"]);
        Assert.Equal("no_alert", expected["distributed_probing"]);
        Assert.Equal("expected_false_positive", expected["rag_service"]);
        Assert.Equal("expected_false_positive", expected["eval_pipeline"]);
        Assert.Equal("alert", expected["sustained_probing"]);
        Assert.Equal("alert", expected["threshold_exact"]);
        Assert.Equal("no_alert", expected["failures_not_counted"]);
        Assert.All(data.Manifest.Cases, c => Assert.Equal(c.Expected == "no_alert", c.ExpectedAlertWindowEnds.Count == 0));
        Assert.Equal(0, data.Manifest.Background.Alerts);
        Assert.Equal(10, data.Case("distributed_probing").PrincipalArns.Count);
    }

    [Fact]
    public void LoudCase_ReachesTheThresholdInAWindow()
    {
        var loud = data.Case("loud_probing");
        var events = data.Events;

        var windows = events.Windows().Where(w => w.Arn == loud.PrincipalArn && w.ModelId == loud.ModelId).ToList();

        Assert.True(windows.Max(w => w.Calls) >= 500);
        Assert.Equal(900, windows.Max(w => w.Calls));
        Assert.Equal("2025-06-02T10:30:00Z", Iso(windows.Where(w => w.Calls >= 500).Min(w => w.WindowEnd)));
        Assert.Equal(["2025-06-02T10:30:00Z"], loud.ExpectedAlertWindowEnds);
    }

    [Fact]
    public void PacedCase_StaysUnderTheThresholdInEveryWindow()
    {
        var paced = data.Case("paced_probing");
        var events = data.Events;

        var windows = events.Windows().Where(w => w.Arn == paced.PrincipalArn).ToList();

        Assert.InRange(windows.Max(w => w.Calls), 480, 499);
        Assert.True(windows.Count(w => w.Calls >= 480) >= 12, "paced for hours");
        Assert.Empty(paced.ExpectedAlertWindowEnds);
    }

    [Fact]
    public void DistributedCase_NoPrincipalReachesTheThreshold_ThoughTheirSumDoes()
    {
        var spread = data.Case("distributed_probing");
        var events = data.Events;

        var windows = events.Windows().Where(w => spread.PrincipalArns.Contains(w.Arn)).ToList();

        Assert.Equal(200, windows.Max(w => w.Calls));
        Assert.True(windows.GroupBy(w => w.WindowEnd).Max(g => g.Sum(w => w.Calls)) >= 500);
    }

    [Fact]
    public void BackgroundTraffic_NeverReachesTheThreshold()
    {
        var planted = data.Manifest.Cases.SelectMany(c => c.PrincipalArns).ToHashSet();
        var events = data.Events;

        var background = events.Windows().Where(w => !planted.Contains(w.Arn)).ToList();

        Assert.NotEmpty(background);
        Assert.True(background.Max(w => w.Calls) < 500);
    }

    [Fact]
    public void IndependentRuleEvaluation_RaisesExactlyTheManifestsAlerts()
    {
        var events = data.Events;

        var candidates = events.Windows().Where(w => w.Calls >= 500);
        var raised = new List<(string Arn, string WindowEnd, long Calls)>();
        foreach (var group in candidates.GroupBy(w => (w.Arn, w.Account)))
        {
            DateTime? open = null;
            foreach (var atEnd in group.GroupBy(w => w.WindowEnd).OrderBy(g => g.Key))
            {
                if (open is null || atEnd.Key >= open.Value.AddMinutes(60))
                {
                    open = atEnd.Key;
                    raised.Add((group.Key.Arn, Iso(atEnd.Key), atEnd.Max(w => w.Calls)));
                }
            }
        }
        var expected = data.Manifest.Cases.SelectMany(c => c.ExpectedAlerts).Select(a => (a.Arn, a.WindowEnd, a.Calls));

        Assert.Equal(expected.Order(), raised.Order());
        Assert.Equal(["2025-06-02T13:50:00Z", "2025-06-02T14:50:00Z", "2025-06-02T15:50:00Z"],
            data.Case("sustained_probing").ExpectedAlertWindowEnds);
        Assert.Equal(500, data.Case("threshold_exact").ExpectedAlerts.Single().Calls);
    }

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
