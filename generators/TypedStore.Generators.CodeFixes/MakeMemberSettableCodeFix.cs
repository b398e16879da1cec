using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedStore.Generators.CodeFixes;

/// <summary>
/// TS0040: makes a member that will not be stored settable by the generated code: a private or protected
/// <c>set</c>/<c>init</c> loses its modifier, a get-only auto-property gains <c>init;</c>, a readonly field loses
/// <c>readonly</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeMemberSettableCodeFix)), Shared]
public sealed class MakeMemberSettableCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = nameof(MakeMemberSettableCodeFix);

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["TS0040"];

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

            (SyntaxNode Node, SyntaxNode Fixed, string Title)? fix = found.Node switch
            {
                PropertyDeclarationSyntax property => FixProperty(property),
                VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } => FixField(field),
                _ => null,
            };

            if (fix is { } change)
            {
                context.RegisterCodeFix(CodeFixSyntax.Replace(change.Title, EquivalenceKey, context.Document, found.Root, change.Node, change.Fixed), diagnostic);
            }
        }
    }

    private static (SyntaxNode, SyntaxNode, string)? FixProperty(PropertyDeclarationSyntax property)
    {
        if (property.AccessorList is not { } accessors)
        {
            return null;
        }

        foreach (AccessorDeclarationSyntax accessor in accessors.Accessors)
        {
            if (accessor.Kind() is SyntaxKind.SetAccessorDeclaration or SyntaxKind.InitAccessorDeclaration)
            {
                if (accessor.Modifiers.Count == 0)
                {
                    return null;
                }

                // The modifier's leading trivia (none, usually) moves to the keyword.
                AccessorDeclarationSyntax open = accessor
                    .WithModifiers(default)
                    .WithKeyword(accessor.Keyword.WithLeadingTrivia(accessor.Modifiers[0].LeadingTrivia));
                return (property, property.ReplaceNode(accessor, open), $"Make the {accessor.Keyword.ValueText} accessor of '{property.Identifier.ValueText}' public");
            }
        }

        // A get-only auto-property: { get; } becomes { get; init; }.
        AccessorDeclarationSyntax init = SyntaxFactory.AccessorDeclaration(SyntaxKind.InitAccessorDeclaration)
            .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken))
            .WithTrailingTrivia(SyntaxFactory.Space);
        AccessorDeclarationSyntax last = accessors.Accessors[accessors.Accessors.Count - 1];
        AccessorListSyntax withInit = accessors
            .ReplaceNode(last, last.WithTrailingTrivia(SyntaxFactory.Space))
            .AddAccessors(init);
        return (property, property.WithAccessorList(withInit), $"Add an init accessor to '{property.Identifier.ValueText}'");
    }

    private static (SyntaxNode, SyntaxNode, string)? FixField(FieldDeclarationSyntax field)
    {
        int index = field.Modifiers.IndexOf(SyntaxKind.ReadOnlyKeyword);
        if (index < 0)
        {
            return null;
        }

        SyntaxToken readOnly = field.Modifiers[index];
        SyntaxTokenList modifiers = field.Modifiers.RemoveAt(index);
        FieldDeclarationSyntax fixedField = index == 0 && modifiers.Count > 0
            ? field.WithModifiers(modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia(readOnly.LeadingTrivia)))
            : field.WithModifiers(modifiers);
        return (field, fixedField, $"Remove readonly from '{field.Declaration.Variables[0].Identifier.ValueText}'");
    }
}
