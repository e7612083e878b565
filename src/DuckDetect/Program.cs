using Cocona;
using DuckDetect;
using DuckDetect.Commands;
using Microsoft.Extensions.Logging;

var builder = CoconaApp.CreateBuilder(args, options =>
{
    options.EnableShellCompletionSupport = false;
});
builder.Logging.ClearProviders();
var app = builder.Build();
app.UseFilter(new ErrorFilter());
app.AddCommands<IngestCommand>();
app.AddCommands<GenerateCommand>();
app.AddCommands<DetectCommand>();
app.AddCommands<RunCommand>();
app.AddCommands<AlertsCommand>();
app.AddCommands<SqlCommand>();
app.AddCommands<StatusCommand>();
await app.RunAsync();
return Environment.ExitCode;
