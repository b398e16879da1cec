using Microsoft.CodeAnalysis.Testing;

namespace TypedStore.Generators.Tests;

/// <summary>
/// Inputs chosen to trip the emitter: names that collide with the generated code's own identifiers or with
/// C# keywords, unusual but supported shapes. Each must generate code that builds without a warning.
/// </summary>
public class EdgeCaseCompileTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using TypedStore;

        """;

    public static TheoryData<string, string> Cases => new()
    {
        { "keyword member names", """
            [Table("items")] public sealed record Item([property: Key] int @class, string @event, int @namespace, List<int> @int);
            [Store] public partial class S;
            """ },
        { "lower-case member names, keys included", """
            public sealed record inner(int value, string name);
            [Table("items")] public sealed record Item([property: Key] int id, [property: Key] string name, inner detail, int count);
            [Store] public partial class S;
            """ },
        { "members named like generated locals and parameters", """
            public sealed record Inner(int Value, int Depth, int Writer, int Reader, int Count, List<int> Items, Dictionary<int, int> Map, int I, int Length);
            [Table("items")] public sealed record Item(
                [property: Key] string Row, [property: Key] int Key, [property: Key] long Prefix,
                int Count, int Reader, int Writer, int Value, List<int> Items, Dictionary<string, int> Map, int I, int Length, int EntryKey, Inner Nested, int? Value2);
            [Store] public partial class S;
            """ },
        { "key parts of every type", """
            public enum Small : byte { A }
            public enum Big : long { A = long.MinValue }
            [Table("items")] public sealed record Item(
                [property: Key] string A, [property: Key] Guid B, [property: Key] bool C, [property: Key] byte D, [property: Key] sbyte E,
                [property: Key] short F, [property: Key] ushort G, [property: Key] int H, [property: Key] uint I, [property: Key] long J,
                [property: Key] ulong K, [property: Key] float L, [property: Key] double M, [property: Key] DateTime N,
                [property: Key] DateTimeOffset O, [property: Key] DateOnly P, [property: Key] TimeSpan Q, [property: Key] Small R,
                [property: Key(Descending = true)] Big T, [property: Key] byte[] U, string Value);
            [Store] public partial class S;
            """ },
        { "nullable and nested collections", """
            public readonly record struct Point(int X, int Y);
            public enum Level : short { Low, High }
            [Table("items")] public sealed record Item(
                [property: Key] int Id, List<int?> A, Dictionary<string, string?> B, string?[] C, List<List<int>>? D, byte[]? E, List<byte[]> F,
                Point? G, Point[]? H, IReadOnlyList<string> I, IList<Point?> J, Dictionary<Guid, List<Point>> K, HashSet<long>? L, DateTime?[] M,
                Level? N, Dictionary<Level, Level?> O, Dictionary<int, int?[]> P);
            [Store] public partial class S;
            """ },
        { "same nested type name in two namespaces", """
            namespace A { public sealed record Address(string City); }
            namespace B { public sealed record Address(int Zip); }
            [Table("items")] public sealed record Item([property: Key] int Id, A.Address First, B.Address Second, List<A.Address> More);
            [Store] public partial class S;
            """ },
        { "derived row with init-only and settable members", """
            public abstract record Entity([property: Key] string Id) { public DateTime Created { get; init; } }
            [Table("items")] public sealed record Item(string Id, string Name) : Entity(Id) { public int Version { get; set; } }
            [Store] public partial class S;
            """ },
        { "table type nested in the store", """
            [Store]
            public partial class S
            {
                [Table("items")] public sealed record Item([property: Key] int Id, string Name);
            }
            """ },
        { "store nested in a record and a struct", """
            [Table("items")] public sealed record Item([property: Key] int Id);
            public partial record Outer { public partial struct Middle { [Store] public partial class S; } }
            """ },
        { "row and store named like framework types", """
            namespace Shadows
            {
                public sealed class MessagePackWriter { }
                public sealed class KeyWriter { }
                public sealed class String { }
                public sealed class IDisposable { }
                [Table("items")] public sealed record Item([property: Key] string Id, System.Collections.Generic.List<string> Tags);
                [Store] public partial class S;
            }
            """ },
        { "generated key on a user table, soft delete and change feed", """
            [Table("items", Kind = TableKind.User, SoftDelete = true, ChangeFeed = true)]
            public sealed record Item([property: Key] Guid UserId, [property: Key(Generated = true)] long Id, string Text);
            [Store] public partial class S;
            """ },
        { "single-part user table", """
            [Table("profiles", Kind = TableKind.User)] public sealed record Profile([property: Key] long UserId, string Name);
            [Store] public partial class S;
            """ },
        { "internal row in a public store", """
            [Table("items")] internal sealed record Item([property: Key] int Id);
            [Table("others")] public sealed record Other([property: Key] int Id);
            [Store] public partial class S;
            """ },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EdgeCase_GeneratesCodeThatBuildsCleanly(string description, string source)
    {
        // Microsoft.CodeAnalysis.Testing with the generator: no TS diagnostic and no compiler warning or error, in the
        // input or the generated code. (The inputs have no doc comments; the snapshot tests check the generated ones.)
        TypedStoreAnalyzerTest test = new(Usings + source) { CompilerDiagnostics = CompilerDiagnostics.Warnings };
        test.DisabledDiagnostics.Add("CS1591");
        await test.RunAsync();

        Assert.True(GeneratorHarness.Run(Usings + source).RunResult.Results.Single().GeneratedSources.Length > 0, $"{description}: nothing was generated.");
    }
}
