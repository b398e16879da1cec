using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace TypedStore.Docs.Tests;

/// <summary>
/// Docs that are true: every C# block of README.md, docs/ and the packages' READMEs compiles with the generator as
/// the page says it does (the convention of block tags is in docs/contributing-docs.md). One test case per block.
/// </summary>
public sealed class DocsCompileTests
{
    private static readonly Dictionary<string, (DocBlock Block, IReadOnlyList<DocBlock> Context)> s_blocks = ReadAll();

    public static TheoryData<string> CompiledBlocks => [.. s_blocks.Keys];

    [Theory]
    [MemberData(nameof(CompiledBlocks))]
    public void Block_compiles_as_the_page_says(string id)
    {
        (DocBlock block, IReadOnlyList<DocBlock> context) = s_blocks[id];
        string code = DocCompiler.Merge(context);
        ImmutableArray<Diagnostic> diagnostics = DocCompiler.Compile(code);

        if (block.ExpectedDiagnostic is { } expected)
        {
            Assert.True(
                diagnostics.Any(diagnostic => diagnostic.Id == expected),
                $"{id} is the example of {expected}, but compiling it does not report {expected}. It reports:\n{Describe(diagnostics)}\n--- code ---\n{code}");
        }
        else
        {
            Assert.True(diagnostics.IsEmpty, $"{id} does not compile cleanly:\n{Describe(diagnostics)}\n--- code ---\n{code}");
        }
    }

    [Fact]
    public void The_pages_have_blocks_to_check()
    {
        // Guards the reader itself: the README's example and the diagnostic pages' examples are found.
        Assert.Contains(s_blocks.Values, entry => entry.Block.Page == "README.md" && entry.Block.Kind == DocBlockKind.Whole);
        Assert.Contains(s_blocks.Values, entry => entry.Block.Kind == DocBlockKind.DiagnosticExample);
        Assert.Contains(s_blocks.Values, entry => entry.Block.Page == "docs/getting-started.md");
    }

    [Fact]
    public void A_continued_block_merges_statements_before_declarations()
    {
        DocBlock first = new("page.md", 1, 1, DocBlockKind.Whole, "using TypedStore;\nvar a = 1;\n[Store] public partial class S { }\n", null);
        DocBlock second = new("page.md", 2, 9, DocBlockKind.Continued, "using TypedStore;\nvar b = a;\n[Table(\"t\")] public sealed record T([property: Key] int Id);\n", null);

        string merged = DocCompiler.Merge([first, second]);

        Assert.True(merged.IndexOf("var b", StringComparison.Ordinal) < merged.IndexOf("[Store]", StringComparison.Ordinal), merged);
        Assert.Equal(2, merged.Split("using TypedStore;").Length); // the using once, at the top
        Assert.StartsWith("using TypedStore;", merged, StringComparison.Ordinal);
        Assert.Empty(DocCompiler.Compile(merged));
    }

    private static string Describe(ImmutableArray<Diagnostic> diagnostics)
        => diagnostics.IsEmpty ? "(nothing)" : string.Join('\n', diagnostics.Select(diagnostic => diagnostic.ToString()));

    private static Dictionary<string, (DocBlock, IReadOnlyList<DocBlock>)> ReadAll()
    {
        Dictionary<string, (DocBlock, IReadOnlyList<DocBlock>)> all = new(StringComparer.Ordinal);
        foreach (string page in DocBlockReader.Pages(RepositoryRoot.Path))
        {
            List<DocBlock> context = [];
            foreach (DocBlock block in DocBlockReader.Read(RepositoryRoot.Path, page))
            {
                switch (block.Kind)
                {
                    case DocBlockKind.Fragment:
                        continue;
                    case DocBlockKind.DiagnosticExample:
                        all.Add(block.Id, (block, [block]));
                        continue;
                    case DocBlockKind.Whole:
                        context = [block];
                        break;
                    case DocBlockKind.Continued when context.Count == 0:
                        throw new InvalidOperationException($"{block.Id} is tagged 'continued' but no whole block comes before it on the page.");
                    case DocBlockKind.Continued:
                        context = [.. context, block];
                        break;
                }

                all.Add(block.Id, (block, context));
            }
        }

        return all;
    }
}
