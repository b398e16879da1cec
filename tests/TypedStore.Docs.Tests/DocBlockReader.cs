using System.Text;
using System.Text.RegularExpressions;

namespace TypedStore.Docs.Tests;

/// <summary>Finds the fenced C# blocks (<c>csharp</c>, <c>cs</c>, <c>c#</c>) of the repository's markdown pages.</summary>
internal static partial class DocBlockReader
{
    /// <summary>The pages whose blocks are checked: README.md, every page under docs/, and the packages' READMEs.</summary>
    public static IEnumerable<string> Pages(string root)
    {
        yield return "README.md";
        foreach (string path in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return Path.GetRelativePath(root, path).Replace('\\', '/');
        }

        foreach (string path in Directory.EnumerateFiles(Path.Combine(root, "src"), "README.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return Path.GetRelativePath(root, path).Replace('\\', '/');
        }
    }

    /// <summary>Every C# block of <paramref name="page"/>, in order.</summary>
    public static List<DocBlock> Read(string root, string page)
    {
        string[] lines = File.ReadAllLines(Path.Combine(root, page));
        Match diagnosticPage = DiagnosticPage().Match(page);
        List<DocBlock> blocks = [];
        string section = string.Empty;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line[3..].Trim();
                continue;
            }

            Match fence = Fence().Match(line);
            if (!fence.Success)
            {
                continue;
            }

            string marker = fence.Groups["marker"].Value;
            string language = fence.Groups["language"].Value;
            string[] tags = fence.Groups["tags"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int open = i;
            StringBuilder code = new();
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith(marker, StringComparison.Ordinal); i++)
            {
                code.AppendLine(lines[i]);
            }

            if (!IsCSharp(language))
            {
                continue;
            }

            DocBlockKind kind = tags switch
            {
                [] when diagnosticPage.Success && section == "Example" => DocBlockKind.DiagnosticExample,
                [] => DocBlockKind.Whole,
                ["continued"] => DocBlockKind.Continued,
                ["fragment"] => DocBlockKind.Fragment,
                _ => throw new InvalidOperationException(
                    $"{page} line {open + 1}: unknown block tag '{string.Join(' ', tags)}'; use none, 'continued' or 'fragment' (docs/contributing-docs.md)."),
            };
            string? expected = kind == DocBlockKind.DiagnosticExample ? diagnosticPage.Groups["id"].Value : null;
            blocks.Add(new DocBlock(page, blocks.Count + 1, open + 1, kind, code.ToString(), expected));
        }

        return blocks;
    }

    private static bool IsCSharp(string language) => language is "csharp" or "cs" or "c#" or "C#";

    [GeneratedRegex(@"^\s*(?<marker>`{3,})(?<language>[^\s`]*)(?<tags>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^docs/diagnostics/(?<id>TS\d{4})\.md$")]
    private static partial Regex DiagnosticPage();
}
