using Cocona;
using Cocona.Application;
using Cocona.Help;
using DuckDetect;
using DuckDetect.Commands;
using DuckDetect.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

StepTrace.Mark("main starts");
if (args is ["--version", ..])
{
    // Answered before the host is built: the versions need none of it.
    Console.Out.Write(VersionReport.Text());
    return ExitCodes.Success;
}
// A bare host: Cocona's CoconaApp.CreateBuilder brings the default host's configuration files, environment
// configuration and log providers, none of which duckdetect uses, and they cost a tenth of a second at every start.
await new HostBuilder()
    // duckdetect reads no content files; an absolute root keeps the host from resolving one from the program's folder,
    // which a native program started by another user may not be able to resolve (and the host then refuses to start).
    .UseContentRoot(Path.GetTempPath())
    .ConfigureCocona(args, configureApplication: app =>
    {
        app.UseFilter(new ErrorFilter());
        app.AddCommands<IngestCommand>();
        app.AddCommands<GenerateCommand>();
        app.AddCommands<DetectCommand>();
        app.AddCommands<RunCommand>();
        app.AddCommands<AlertsCommand>();
        app.AddCommands<SqlCommand>();
        app.AddCommands<StatusCommand>();
        app.AddCommands<TriageCommand>();
        app.AddCommands<PruneCommand>();
        app.AddSubCommand("exceptions", x => x.AddCommands<ExceptionsCommand>())
            .WithDescription("Add, list or remove the rules' exceptions (kept as history in rule_exceptions)");
        app.AddSubCommand("destinations", x => x.AddCommands<DestinationsCommand>())
            .WithDescription("Add, list, test or remove the destinations run delivers alerts to (kept as history in destination_configs)");
        app.AddCommands<ExplainCommand>();
        app.AddCommands<TuneCommand>();
        app.AddCommands<ReportCommand>();
        app.AddSubCommand("rules", rules => rules.AddCommands<RulesCommand>())
            .WithDescription("List the rules with their settings and state; disable or enable one");
        app.AddSubCommand("asn", asn => asn.AddCommands<AsnCommand>())
            .WithDescription("Load, show or clear the AS data that gives source IPs their autonomous system");
    })
    .ConfigureServices(services => services
        .Configure<CoconaAppOptions>(options => options.EnableShellCompletionSupport = false)
        .AddSingleton<ICoconaApplicationMetadataProvider, ToolMetadata>()
        .AddTransient<ICoconaCommandHelpProvider>(services => new PlainHelpProvider(
            new CoconaCommandHelpProvider(services.GetRequiredService<ICoconaApplicationMetadataProvider>(), services))))
    .UseConsoleLifetime(options => options.SuppressStatusMessages = true)
    .Build()
    .RunAsync();
StepTrace.Mark("exits");
return Environment.ExitCode;
