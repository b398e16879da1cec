using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace TypedStore.Generators.CodeFixes;

/// <summary>TS0006: declares the [Store] class partial, and every type containing it that is not.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeStorePartialCodeFix)), Shared]
public sealed class MakeStorePartialCodeFix : CodeFixProvider
{
    private const string Title = "Make the store partial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["TS0006"];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (await CodeFixSyntax.FindAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } found
                || found.Node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, cancellationToken => FixAsync(context.Document, found.Root, found.Node, cancellationToken), Title),
                diagnostic);
        }
    }

    private static Task<Document> FixAsync(Document document, SyntaxNode root, SyntaxNode node, CancellationToken cancellationToken)
    {
        SyntaxGenerator generator = SyntaxGenerator.GetGenerator(document);
        List<TypeDeclarationSyntax> notPartial = node.AncestorsAndSelf()
            .OfType<TypeDeclarationSyntax>()
            .Where(static declaration => !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            .ToList();

        // The generator puts 'partial' where C# wants it: last, just before 'class'.
        SyntaxNode fixedRoot = root.ReplaceNodes(
            notPartial,
            (original, rewritten) => generator.WithModifiers(rewritten, generator.GetModifiers(rewritten).WithPartial(true)));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(document.WithSyntaxRoot(fixedRoot));
    }
}
