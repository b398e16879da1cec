using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedStore.Generators.Parsing;

namespace TypedStore.Generators.CodeFixes;

/// <summary>
/// TS0001: marks a member as the key, one action per member that can be a key part: stored (the parser's
/// <see cref="TypeShape"/>), of a key type and not nullable. A member named <c>Id</c> or <c>{Type}Id</c> comes first.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddKeyCodeFix)), Shared]
public sealed class AddKeyCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["TS0001"];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (await CodeFixSyntax.FindAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } found
                || found.Node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration
                || await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false) is not { } model
                || model.GetDeclaredSymbol(declaration, context.CancellationToken) is not INamedTypeSymbol type)
            {
                continue;
            }

            foreach (ISymbol member in Candidates(type, new KnownTypes(model.Compilation)))
            {
                if (KeyTarget(member, found.Root, context.CancellationToken) is not { } target)
                {
                    continue;
                }

                // The equivalence key names the member, so Fix All marks the member of that name in every table.
                context.RegisterCodeFix(
                    CodeFixSyntax.Replace($"Mark '{member.Name}' as the key", "TS0001:" + member.Name, context.Document, found.Root, target.Node, target.Fixed),
                    diagnostic);
            }
        }
    }

    /// <summary>The members that can be key parts, the likeliest first.</summary>
    private static List<ISymbol> Candidates(INamedTypeSymbol type, KnownTypes known)
    {
        List<ISymbol> candidates = new();
        if (TypeShape.Read(type, known, out _) is not { } shape)
        {
            return candidates;
        }

        foreach (ShapeMember member in shape.Members)
        {
            if (SymbolEqualityComparer.Default.Equals(member.Symbol.ContainingType, type)
                && !KeyTypeParser.IsNullable(member.Type)
                && KeyTypeParser.GetEncoding(member.Type, known, out _) is not null)
            {
                candidates.Add(member.Symbol);
            }
        }

        candidates.Sort((a, b) => IsIdLike(b, type).CompareTo(IsIdLike(a, type)));
        return candidates;
    }

    private static bool IsIdLike(ISymbol member, INamedTypeSymbol type)
        => string.Equals(member.Name, "Id", StringComparison.OrdinalIgnoreCase)
            || string.Equals(member.Name, type.Name + "Id", StringComparison.OrdinalIgnoreCase);

    /// <summary>The declaration to mark and its marked form: <c>[property: Key]</c> on a positional parameter, <c>[Key]</c> on a property or field.</summary>
    private static (SyntaxNode Node, SyntaxNode Fixed)? KeyTarget(ISymbol member, SyntaxNode root, System.Threading.CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in member.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != root.SyntaxTree)
            {
                continue;
            }

            switch (root.FindNode(reference.Span, getInnermostNodeForTie: true))
            {
                case ParameterSyntax parameter:
                    return (parameter, WithAttribute(parameter, CodeFixSyntax.Attribute("Key", Microsoft.CodeAnalysis.CSharp.SyntaxKind.PropertyKeyword)));
                case PropertyDeclarationSyntax property:
                    return (property, WithAttribute(property, CodeFixSyntax.Attribute("Key"), CodeFixSyntax.EndOfLine(root)));
                case VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } when field.Declaration.Variables.Count == 1:
                    return (field, WithAttribute(field, CodeFixSyntax.Attribute("Key"), CodeFixSyntax.EndOfLine(root)));
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        return null;
    }

    private static SyntaxNode WithAttribute(ParameterSyntax parameter, AttributeListSyntax attribute)
    {
        // The new list goes first, taking the parameter's leading trivia; the parameter follows after a space.
        AttributeListSyntax list = attribute.WithLeadingTrivia(parameter.GetLeadingTrivia()).WithTrailingTrivia(Microsoft.CodeAnalysis.CSharp.SyntaxFactory.Space);
        return parameter.WithoutLeadingTrivia().WithAttributeLists(parameter.AttributeLists.Insert(0, list));
    }

    private static SyntaxNode WithAttribute(MemberDeclarationSyntax member, AttributeListSyntax attribute, SyntaxTrivia endOfLine)
    {
        // On a line of its own above the member, indented like it.
        SyntaxTriviaList leading = member.GetLeadingTrivia();
        AttributeListSyntax list = attribute.WithLeadingTrivia(leading).WithTrailingTrivia(endOfLine);
        SyntaxTriviaList indentation = Indentation(leading);
        return member.WithLeadingTrivia(indentation).WithAttributeLists(member.AttributeLists.Insert(0, list));
    }

    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
    {
        // The whitespace after the last line break of the leading trivia (comments stay above the attribute).
        int last = leading.Count - 1;
        return last >= 0 && leading[last].IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.WhitespaceTrivia)
            ? Microsoft.CodeAnalysis.CSharp.SyntaxFactory.TriviaList(leading[last])
            : Microsoft.CodeAnalysis.CSharp.SyntaxFactory.TriviaList();
    }
}
