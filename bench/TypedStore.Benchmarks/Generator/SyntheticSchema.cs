using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TypedStore.Benchmarks.Generator;

/// <summary>
/// A synthetic application for the generator benchmark: <c>tableCount</c> <c>[Table]</c> records, one per file, of
/// every kind and a mix of key and value shapes, a <c>[Store]</c> over all of them, and one unrelated file to edit.
/// </summary>
internal static class SyntheticSchema
{
    public const string UnrelatedPath = "Unrelated.cs";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation CreateCompilation(int tableCount)
    {
        var trees = new List<SyntaxTree>(tableCount + 2);
        for (int i = 0; i < tableCount; i++)
        {
            trees.Add(Parse(TableSource(i), $"Table{i:D3}.cs"));
        }

        trees.Add(Parse("namespace Synthetic;\n\n[TypedStore.Store]\npublic sealed partial class SyntheticStore;\n", "SyntheticStore.cs"));
        trees.Add(Parse(UnrelatedSource(revision: 0), UnrelatedPath));

        var references = new List<MetadataReference>(Basic.Reference.Assemblies.Net100.References.All)
        {
            MetadataReference.CreateFromFile(typeof(TableAttribute).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(MessagePack.MessagePackWriter).Assembly.Location),
        };

        return CSharpCompilation.Create(
            "Synthetic",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary><paramref name="compilation"/> with the unrelated file edited (a method body changed): no table is touched.</summary>
    public static CSharpCompilation EditUnrelatedFile(CSharpCompilation compilation, int revision)
    {
        SyntaxTree old = compilation.SyntaxTrees.Single(tree => tree.FilePath == UnrelatedPath);
        return compilation.ReplaceSyntaxTree(old, Parse(UnrelatedSource(revision), UnrelatedPath));
    }

    private static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path, Encoding.UTF8);

    private static string UnrelatedSource(int revision) => string.Create(CultureInfo.InvariantCulture, $$"""
        namespace Synthetic;

        public static class Unrelated
        {
            public static int Answer() => {{revision}};
        }
        """);

    private static string TableSource(int i)
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"Table{i:D3}");
        string table = string.Create(CultureInfo.InvariantCulture, $"table_{i:D3}");

        // A rotation of table kinds and shapes, so every emitter path is exercised many times over.
        return (i % 4) switch
        {
            0 => $$"""
                namespace Synthetic;

                [TypedStore.Table("{{table}}")]
                public sealed record {{name}}([property: TypedStore.Key] string Id, long Count, string Title, System.DateTime UpdatedAt, System.Collections.Generic.List<string> Tags);
                """,
            1 => $$"""
                namespace Synthetic;

                [TypedStore.Table("{{table}}", Kind = TypedStore.TableKind.User, SoftDelete = true)]
                public sealed record {{name}}([property: TypedStore.Key] string UserId, [property: TypedStore.Key] long ItemId, string Text, System.DateTime SentAt, int? Score);
                """,
            2 => $$"""
                namespace Synthetic;

                [TypedStore.Table("{{table}}")]
                public sealed record {{name}}([property: TypedStore.Key] System.Guid Id, [property: TypedStore.Key(Descending = true)] System.DateTime At, double Value, System.Collections.Generic.Dictionary<string, int> Counters, byte[] Blob);
                """,
            _ => $$"""
                namespace Synthetic;

                [TypedStore.Table("{{table}}", Kind = TypedStore.TableKind.Stream, TtlSeconds = 60)]
                public sealed record {{name}}([property: TypedStore.Key] string UserId, [property: TypedStore.Key(Generated = true)] long Seq, string RoomId, System.Guid Correlation);
                """,
        };
    }
}
