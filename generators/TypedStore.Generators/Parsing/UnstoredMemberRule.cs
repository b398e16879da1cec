using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using TypedStore.Generators.Diagnostics;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Parsing;

/// <summary>
/// TS0040: a readable member that holds state of its own but cannot be set back is written and never read (its value
/// is lost on every read). Computed members (a getter with a body and no setter) hold no state and are not reported.
/// </summary>
internal static class UnstoredMemberRule
{
    /// <summary>Reports every member of <paramref name="shape"/> that will not be stored, except those named in <paramref name="reportedElsewhere"/>.</summary>
    public static void Check(TypeShape shape, string typeDisplay, ISet<string>? reportedElsewhere, LocationInfo? fallbackLocation, List<DiagnosticInfo> diagnostics)
    {
        foreach (ShapeMember member in shape.ReadOnlyMembers)
        {
            if (reportedElsewhere?.Contains(member.Name) == true || GetReason(member.Symbol) is not { } reason)
            {
                continue;
            }

            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnstoredMember,
                LocationInfo.From(member.Symbol) ?? fallbackLocation,
                member.Name,
                typeDisplay,
                reason.Text,
                reason.Fix));
        }
    }

    /// <summary>Why the member holds state that will be lost, and how to make it settable; null when it holds none.</summary>
    private static (string Text, string Fix)? GetReason(ISymbol member)
    {
        switch (member)
        {
            case IFieldSymbol { IsReadOnly: true }:
                return ("it is a readonly field and no constructor parameter matches it", "remove readonly");
            case IPropertySymbol { SetMethod: { } setter }:
                string accessor = setter.IsInitOnly ? "init" : "set";
                return ($"its {accessor} accessor is {Describe(setter.DeclaredAccessibility)}", $"a public or internal {accessor}");
            case IPropertySymbol property when IsAutoProperty(property):
                return ("it is get-only and no constructor parameter matches it", "add init;");
            default:
                return null;
        }
    }

    private static string Describe(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "not accessible to the generated code",
    };

    // An auto-property has a compiler-made backing field whose associated symbol is the property; a computed property
    // has none. (Only source types are checked this way: metadata does not list private backing fields.)
    private static bool IsAutoProperty(IPropertySymbol property)
    {
        foreach (ISymbol candidate in property.ContainingType.GetMembers())
        {
            if (candidate is IFieldSymbol { IsImplicitlyDeclared: true } field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return true;
            }
        }

        return false;
    }
}
