namespace TypedStore.Docs.Tests;

/// <summary>What the test does with a C# block of the docs (the convention is in docs/contributing-docs.md).</summary>
public enum DocBlockKind
{
    /// <summary><c>```csharp</c>: a whole file; compiles with the generator with no error and no warning.</summary>
    Whole,

    /// <summary>
    /// <c>```csharp continued</c>: carries on from the page's blocks before it (usings, statements and declarations
    /// are merged, declarations last), and the merge compiles like a whole file.
    /// </summary>
    Continued,

    /// <summary>
    /// The <c>## Example</c> block of a diagnostic page (<c>docs/diagnostics/TSnnnn.md</c>): the mistake the page is
    /// about; it must make the generator report that diagnostic.
    /// </summary>
    DiagnosticExample,

    /// <summary><c>```csharp fragment</c>: a member, a signature or a shape of generated code; not compiled.</summary>
    Fragment,
}

/// <summary>One fenced C# block of a markdown page.</summary>
/// <param name="Page">The page, relative to the repository root, with '/' separators.</param>
/// <param name="Number">1 for the page's first C# block, 2 for the next, ...</param>
/// <param name="Line">The line of the opening fence (1-based).</param>
/// <param name="Kind">What the test does with it.</param>
/// <param name="Code">The block's text.</param>
/// <param name="ExpectedDiagnostic">For <see cref="DocBlockKind.DiagnosticExample"/>, the page's diagnostic id.</param>
public sealed record DocBlock(string Page, int Number, int Line, DocBlockKind Kind, string Code, string? ExpectedDiagnostic)
{
    /// <summary>How a test case names the block: <c>README.md #2 (line 40)</c>.</summary>
    public string Id => $"{Page} #{Number} (line {Line})";
}
