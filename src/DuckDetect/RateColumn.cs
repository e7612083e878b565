using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DuckDetect;

/// <summary>
/// A progress column: the rate in the operation's unit since the operation started ("42.5 files/s"). Not Spectre's
/// sampled speed: the engine reports whole batches, and two reports a moment apart made that read millions a second
/// (and wrap the bar on an 80-column terminal).
/// </summary>
internal sealed class RateColumn(string unit) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        task.ElapsedTime is { TotalSeconds: > 0 } elapsed && task.Value > 0
            ? new Text(Format(task.Value / elapsed.TotalSeconds), new Style(Color.Grey))
            : new Text($"- {unit}/s", new Style(Color.Grey));

    private string Format(double rate) =>
        rate.ToString(rate >= 100 ? "#,0" : "#,0.#", CultureInfo.InvariantCulture) + $" {unit}/s";
}
