using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace TypedStore.Generators.Tests;

/// <summary>
/// Every descriptor has a page at docs/diagnostics/{id}.md that its help link points at, stating its title,
/// severity and category, with a failing example that reports exactly that id and a fixed example that builds
/// cleanly; and no page, index row or release-tracking row exists without a descriptor.
/// </summary>
public partial class DiagnosticDocsTests
{
    public static TheoryData<string> Ids => DiagnosticCatalogue.Ids;

    /// <summary>The diagnostics that are warnings: the tables are still generated (or there is nothing to generate). Every other one is an error.</summary>
    private static readonly HashSet<string> s_warnings = new(StringComparer.Ordinal) { "TS0020", "TS0040", "TS0041", "TS0043" };

    /// <summary>The severity a diagnostic must have.</summary>
    public static DiagnosticSeverity ExpectedSeverity(string id) => s_warnings.Contains(id) ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;

    [Fact]
    public void Descriptors_AreNumberedWithoutGapsInTheirBlocks_AndAreEnabled_WithTheirSeverity()
    {
        // TS0001-TS0019: tables, keys, values, stores, generated ids; TS0020-TS0029: the table lifecycle; TS0030-TS0039:
        // indexes; TS0040-TS0049: mistakes that compile but lose data or do nothing.
        int[] numbers = DiagnosticCatalogue.Descriptors.Select(d => int.Parse(d.Id[2..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        foreach (IGrouping<int, int> block in numbers.GroupBy(n => n < 20 ? 1 : n / 10 * 10))
        {
            Assert.Equal(Enumerable.Range(block.Key, block.Count()), block);
        }

        Assert.All(DiagnosticCatalogue.Descriptors, descriptor =>
        {
            Assert.Equal(ExpectedSeverity(descriptor.Id), descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault, descriptor.Id);
        });
    }

    [Fact]
    public void DeclarationAnalyzer_SupportsEveryDescriptor()
    {
        Assert.Equal(
            DiagnosticCatalogue.Descriptors.Select(d => d.Id),
            new TypedStore.Generators.Analysis.DeclarationAnalyzer().SupportedDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void HelpLink_PointsAtTheDocsPage_WhichExists(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticCatalogue.Get(id);

        Assert.EndsWith($"docs/diagnostics/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.True(File.Exists(PagePath(id)), $"{PagePath(id)} is missing.");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void DocsPage_StatesTitleSeverityAndCategory(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticCatalogue.Get(id);
        string[] lines = File.ReadAllLines(PagePath(id));

        Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);
        Assert.Contains($"| Severity | {descriptor.DefaultSeverity} |", lines);
        Assert.Contains($"| Category | {descriptor.Category} |", lines);
        Assert.Contains("## Cause", lines);
        Assert.Contains("## Example", lines);
        Assert.Contains("## How to fix", lines);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void DocsPage_Example_ReportsExactlyItsId(string id)
    {
        (string failing, _) = Examples(id);

        GeneratorOutcome outcome = GeneratorHarness.Run(failing);

        Assert.NotEmpty(outcome.TypedStoreDiagnostics);
        Assert.All(outcome.TypedStoreDiagnosticIds, reported => Assert.Equal(id, reported));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void DocsPage_FixedExample_GeneratesAStore_WithoutAnyDiagnostic(string id)
    {
        (_, string fixedExample) = Examples(id);

        GeneratorOutcome outcome = GeneratorHarness.Run(fixedExample);

        Assert.Empty(outcome.TypedStoreDiagnostics);
        Assert.Empty(outcome.CompilationDiagnostics);
        Assert.NotEmpty(outcome.RunResult.Results.Single().GeneratedSources);
    }

    [Fact]
    public void EveryDocsPage_BelongsToADescriptor()
    {
        IEnumerable<string> pages = Directory.EnumerateFiles(RepositoryPaths.DiagnosticDocs, "TS*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)!;

        Assert.Equal(DiagnosticCatalogue.Descriptors.Select(d => d.Id), pages);
    }

    [Fact]
    public void DocsIndex_ListsEveryDescriptor_AndNothingElse()
    {
        string[] rows = File.ReadAllLines(Path.Combine(RepositoryPaths.DiagnosticDocs, "README.md"))
            .Where(line => line.StartsWith("| [TS", StringComparison.Ordinal))
            .ToArray();

        Assert.Equal(DiagnosticCatalogue.Descriptors.Select(d => $"| [{d.Id}]({d.Id}.md) | {d.Title} | {d.Category} |"), rows);
    }

    [Fact]
    public void ReleaseTracking_ListsEveryDescriptor_AndNothingElse()
    {
        // Rows of the "Rule ID | Category | Severity | Notes" tables of both release files.
        string[] files = ["AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md"];
        List<string[]> rows = files
            .SelectMany(file => File.ReadAllLines(Path.Combine(RepositoryPaths.Generator, file)))
            .Where(line => RuleRow().IsMatch(line))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .ToList();

        Assert.Equal(
            DiagnosticCatalogue.Descriptors.Select(d => $"{d.Id} | {d.Category} | {d.DefaultSeverity} | {d.Title}"),
            rows.Select(cells => string.Join(" | ", cells)).Order(StringComparer.Ordinal));
    }

    private static string PagePath(string id) => Path.Combine(RepositoryPaths.DiagnosticDocs, id + ".md");

    /// <summary>The page's two C# blocks: the example under "## Example" and the fixed one under "## How to fix".</summary>
    private static (string Failing, string Fixed) Examples(string id)
    {
        string page = File.ReadAllText(PagePath(id)).Replace("\r\n", "\n", StringComparison.Ordinal);
        string[] blocks = CSharpBlock().Matches(page).Select(match => match.Groups["code"].Value).ToArray();
        Assert.True(blocks.Length == 2, $"{id}.md needs exactly two ```csharp blocks (the example and its fix); it has {blocks.Length}.");
        Assert.True(page.IndexOf("## Example", StringComparison.Ordinal) < page.IndexOf(blocks[0], StringComparison.Ordinal), $"{id}.md: the first block belongs under ## Example.");
        Assert.True(page.IndexOf("## How to fix", StringComparison.Ordinal) < page.IndexOf(blocks[1], StringComparison.Ordinal), $"{id}.md: the second block belongs under ## How to fix.");
        return (blocks[0], blocks[1]);
    }

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^TS\d{4}\s*\|")]
    private static partial Regex RuleRow();
}
