using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace TypedStore.Generators.CodeFixes;

/// <summary>
/// TS0041: declares a <c>[Store] partial class</c> after the table the diagnostic points at, in the same namespace
/// and with its accessibility (a public table: a public store). The name comes with the diagnostic (the assembly's
/// name + <c>Store</c>); when that name is taken in the namespace, a number is appended.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddStoreCodeFix)), Shared]
public sealed class AddStoreCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["TS0041"];

    /// <summary>One diagnostic per compilation: there is nothing to fix all of.</summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (await CodeFixSyntax.FindAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } found
                || found.Node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } table
                || await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false) is not { } model)
            {
                continue;
            }

            // The outermost type: a store cannot be nested in a non-partial type, and this one sits beside the table.
            TypeDeclarationSyntax anchor = table;
            while (anchor.Parent is TypeDeclarationSyntax outer)
            {
                anchor = outer;
            }

            diagnostic.Properties.TryGetValue("StoreName", out string? suggested);
            string name = FreeName(model, anchor, suggested ?? "AppStore", context.CancellationToken);
            bool isPublic = model.GetDeclaredSymbol(table, context.CancellationToken) is { DeclaredAccessibility: Accessibility.Public };
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Declare the store '{name}'",
                    cancellationToken => FixAsync(context.Document, found.Root, anchor, name, isPublic, cancellationToken),
                    nameof(AddStoreCodeFix)),
                diagnostic);
        }
    }

    private static Task<Document> FixAsync(Document document, SyntaxNode root, TypeDeclarationSyntax anchor, string name, bool isPublic, CancellationToken cancellationToken)
    {
        // A blank line between the table and the store: one more line break when the table's line has none (the end of the file).
        SyntaxTrivia endOfLine = CodeFixSyntax.EndOfLine(root);
        SyntaxTriviaList leading = anchor.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia)
            ? SyntaxFactory.TriviaList(endOfLine)
            : SyntaxFactory.TriviaList(endOfLine, endOfLine);
        ClassDeclarationSyntax store = SyntaxFactory.ClassDeclaration(name)
            .WithAttributeLists(SyntaxFactory.SingletonList(CodeFixSyntax.Attribute("Store")))
            .WithModifiers(SyntaxFactory.TokenList(
                SyntaxFactory.Token(isPublic ? SyntaxKind.PublicKeyword : SyntaxKind.InternalKeyword),
                SyntaxFactory.Token(SyntaxKind.PartialKeyword)))
            .WithLeadingTrivia(leading)
            .WithAdditionalAnnotations(Formatter.Annotation);

        cancellationToken.ThrowIfCancellationRequested();
        SyntaxNode fixedRoot = root.InsertNodesAfter(anchor, [store]);
        return Task.FromResult(document.WithSyntaxRoot(fixedRoot));
    }

    private static string FreeName(SemanticModel model, SyntaxNode at, string name, CancellationToken cancellationToken)
    {
        INamespaceOrTypeSymbol? scope = model.GetEnclosingSymbol(at.SpanStart, cancellationToken) as INamespaceOrTypeSymbol
            ?? model.Compilation.GlobalNamespace;
        while (scope is INamedTypeSymbol type)
        {
            scope = type.ContainingNamespace;
        }

        string candidate = name;
        for (int i = 2; scope is not null && !scope.GetTypeMembers(candidate).IsEmpty; i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
