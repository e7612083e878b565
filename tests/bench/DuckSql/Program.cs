using System.Diagnostics;
using DuckDB.NET.Data;

// Usage: ducksql DATABASE SCRIPT.sql
// Runs the script's statements (separated by lines holding only ';') on DATABASE and prints the rows of the last
// statement to stdout, tab-separated; the time of each statement goes to stderr.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ducksql DATABASE SCRIPT.sql");
    return 64;
}
using var connection = new DuckDBConnection($"Data Source={args[0]}");
connection.Open();
var statements = File.ReadAllText(args[1])
    .Split("\n;\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
    .Where(s => s.Length > 0)
    .ToList();
for (var i = 0; i < statements.Count; i++)
{
    var clock = Stopwatch.StartNew();
    using var command = connection.CreateCommand();
    command.CommandText = statements[i];
    using var reader = command.ExecuteReader();
    var last = i == statements.Count - 1;
    while (reader.Read())
    {
        if (last)
        {
            Console.WriteLine(string.Join('\t', Enumerable.Range(0, reader.FieldCount).Select(c => reader.IsDBNull(c) ? "" : Convert.ToString(reader.GetValue(c), System.Globalization.CultureInfo.InvariantCulture))));
        }
    }
    Console.Error.WriteLine($"statement {i + 1}: {clock.Elapsed.TotalSeconds:0.000}s");
}
return 0;
