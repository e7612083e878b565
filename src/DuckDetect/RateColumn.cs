using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DuckDetect;

/// <summary>A progress column: the current rate in the operation's unit ("42.5 files/s"), from Spectre's samples.</summary>
internal sealed class RateColumn(string unit) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        task.Speed is { } speed and > 0
            ? new Text(string.Create(CultureInfo.InvariantCulture, $"{speed:#,0.#} {unit}/s"), new Style(Color.Grey))
            : new Text($"- {unit}/s", new Style(Color.Grey));
}
