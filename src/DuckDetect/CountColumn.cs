using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DuckDetect;

/// <summary>A progress column: how many of how many ("1,200/5,184").</summary>
internal sealed class CountColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:N0}/{task.MaxValue:N0}"));
}
