using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedStore.Generators.CodeFixes;

/// <summary>TS0003: a key part cannot be null, so its type loses the <c>?</c> (<c>int?</c> → <c>int</c>, <c>string?</c> → <c>string</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveNullableKeyCodeFix)), Shared]
public sealed class RemoveNullableKeyCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = nameof(RemoveNullableKeyCodeFix);

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["TS0003"];

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

            if (type is NullableTypeSyntax nullable)
            {
                TypeSyntax element = nullable.ElementType.WithTriviaFrom(nullable);
                context.RegisterCodeFix(
                    CodeFixSyntax.Replace($"Make the key part '{element}' non-nullable", EquivalenceKey, context.Document, found.Root, nullable, element),
                    diagnostic);
            }
        }
    }
}
