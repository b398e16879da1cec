using System.CommandLine;
using TypedStore.Cli.Demo;

var pathOption = new Option<DirectoryInfo?>("--path")
{
    Description = "Directory of the store (created if missing, kept afterwards). Default: a temporary directory, removed afterwards.",
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

var root = new RootCommand("typedstore: an embedded, typed table store for .NET.") { demo };
return root.Parse(args).Invoke();
