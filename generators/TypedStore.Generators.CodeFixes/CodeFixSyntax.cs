using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace TypedStore.Generators.CodeFixes;

/// <summary>Syntax the fixes share: finding the node a diagnostic points at, and attributes named so the simplifier shortens them.</summary>
internal static class CodeFixSyntax
{
    /// <summary>The innermost node covering the diagnostic's span.</summary>
    public static async Task<(SyntaxNode Root, SyntaxNode Node)?> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || !diagnostic.Location.IsInSource || diagnostic.Location.SourceTree != root.SyntaxTree)
        {
            return null;
        }

        return (root, root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true));
    }

    /// <summary>
    /// <c>[global::TypedStore.{name}]</c> (with <paramref name="target"/>: <c>[property: ...]</c>), annotated so that the
    /// simplifier writes <c>[{name}]</c> where <c>using TypedStore;</c> is in scope, and keeps it qualified elsewhere.
    /// </summary>
    public static AttributeListSyntax Attribute(string name, SyntaxKind? target = null)
    {
        AttributeSyntax attribute = SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::TypedStore." + name).WithAdditionalAnnotations(Simplifier.Annotation));
        AttributeListSyntax list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute));
        return target is not { } targetKind
            ? list
            : list.WithTarget(SyntaxFactory.AttributeTargetSpecifier(SyntaxFactory.Token(targetKind)).WithTrailingTrivia(SyntaxFactory.Space));
    }

    /// <summary>
    /// The declared type of a member a diagnostic points at: a record's positional parameter, a property, or a field's
    /// declarator; <see langword="null"/> for anything else.
    /// </summary>
    public static TypeSyntax? DeclaredType(SyntaxNode member) => member switch
    {
        ParameterSyntax parameter => parameter.Type,
        PropertyDeclarationSyntax property => property.Type,
        VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } => declaration.Type,
        _ => null,
    };

    /// <summary>The line break the document uses (the first one in it), so an inserted line matches its neighbours.</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode root)
    {
        foreach (SyntaxTrivia trivia in root.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia;
            }
        }

        return SyntaxFactory.ElasticCarriageReturnLineFeed;
    }

    /// <summary>A code action replacing the document's root, with an equivalence key for Fix All.</summary>
    public static CodeAction Replace(string title, string equivalenceKey, Document document, SyntaxNode root, SyntaxNode oldNode, SyntaxNode newNode)
        => CodeAction.Create(title, _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode))), equivalenceKey);
}
