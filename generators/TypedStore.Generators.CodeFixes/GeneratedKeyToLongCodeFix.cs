using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedStore.Generators.CodeFixes;

/// <summary>TS0014: a generated key part is a 64-bit sequence number, so its type becomes <c>long</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GeneratedKeyToLongCodeFix)), Shared]
public sealed class GeneratedKeyToLongCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = nameof(GeneratedKeyToLongCodeFix);

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["TS0014"];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (await CodeFixSyntax.FindAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } found)
            {
                continue;
            }

            TypeSyntax? type = CodeFixSyntax.DeclaredType(found.Node);

            if (type is not null)
            {
                TypeSyntax longType = SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.LongKeyword)).WithTriviaFrom(type);
                context.RegisterCodeFix(
                    CodeFixSyntax.Replace("Declare the generated key part as long", EquivalenceKey, context.Document, found.Root, type, longType),
                    diagnostic);
            }
        }
    }
}
