using DuckDetect.Tests.Cli;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Reporting;

/// <summary>The quickstart as the README runs it (every rule, 134 alerts), and its report written once.</summary>
public sealed class QuickstartReport : IDisposable
{
    public QuickstartReport()
    {
        Assert.True(Quickstart.Result.ExitCode == 0, Quickstart.Result.ToString());
        HtmlPath = Path.Combine(Quickstart.Database.Folder, "report.html");
        var report = Support.Cli.Run("report", "--db", Quickstart.Database.Path, "--out", HtmlPath);
        Assert.True(report.ExitCode == 0, report.ToString());
        Html = File.ReadAllText(HtmlPath);
        Figures = ReportFigure.All(Html);
    }

    public QuickstartRawRun Quickstart { get; } = new();

    public TempDatabase Database => Quickstart.Database;

    public string HtmlPath { get; }

    public string Html { get; }

    public IReadOnlyList<ReportFigure> Figures { get; }

    public void Dispose() => Quickstart.Dispose();
}
