using System.CommandLine;
using TypedStore.Cli.Demo;
using TypedStore.Cli.Tool;

var pathOption = new Option<DirectoryInfo?>("--path")
{
    Description = "Directory of the store (created if missing, kept afterwards; a directory that holds anything else is refused). Default: a temporary directory, removed afterwards.",
};
var rowsOption = new Option<int>("--rows")
{
    Description = "How many rows to write in all (spread over the demo's tables).",
    DefaultValueFactory = _ => 100_000,
};
rowsOption.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() < 100)
    {
        result.AddError("--rows must be at least 100.");
    }
});

var demo = new Command("demo", "Create a chat-like store on RocksDB, write rows, read and scan them back, print a summary.")
{
    pathOption,
    rowsOption,
};
demo.SetAction(parse => DemoCommand.Run(parse.GetValue(pathOption), parse.GetValue(rowsOption)));

var root = new RootCommand("typedstore: look inside, verify, export and import TypedStore stores from their catalog alone (no application assembly needed). Exit codes: docs/operations.md.") { demo };
foreach (Command command in ToolCommands.Create())
{
    root.Subcommands.Add(command);
}

return root.Parse(args).Invoke();
