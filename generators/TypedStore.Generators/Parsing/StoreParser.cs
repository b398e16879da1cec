using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedStore.Generators.Diagnostics;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Parsing;

/// <summary>Turns a [Store] class into a <see cref="StoreModel"/>, or into the diagnostics explaining why it cannot be generated.</summary>
internal static class StoreParser
{
    /// <summary>The ForAttributeWithMetadataName transform for [Store].</summary>
    public static StoreParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        INamedTypeSymbol type = (INamedTypeSymbol)context.TargetSymbol;
        AttributeData attribute = context.Attributes[0];
        return Parse(type, attribute, new KnownTypes(context.SemanticModel.Compilation), cancellationToken);
    }

    /// <summary>
    /// Parses a store class: the generator's transform and the declaration analyzer (which reports the diagnostics)
    /// both call this, so the rules exist once.
    /// </summary>
    public static StoreParseResult Parse(INamedTypeSymbol type, AttributeData attribute, KnownTypes known, CancellationToken cancellationToken)
    {
        LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation())
            ?? LocationInfo.From(type);
        List<DiagnosticInfo> diagnostics = new();
        string display = type.ToDisplayString();

        if (!IsPartialAllTheWayOut(type, cancellationToken))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StoreNotPartial, location, display));
            return Failed(location, diagnostics);
        }

        if (GetUnsupportedStoreReason(type) is { } reason)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidStore, location, display, reason));
            return Failed(location, diagnostics);
        }

        List<TableModel> explicitTables = new();
        bool includesAll = true;
        if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array)
        {
            includesAll = false;
            foreach (TypedConstant listed in attribute.ConstructorArguments[0].Values)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ParseListedTable(listed.Value as INamedTypeSymbol, known, display, location, explicitTables, diagnostics, cancellationToken);
            }
        }

        List<string> containingTypes = new();
        for (INamedTypeSymbol? containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            containingTypes.Insert(0, GetDeclarationKeyword(containing) + " " + containing.Name);
        }

        string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } containingNamespace ? containingNamespace.ToDisplayString() : null;
        string fullName = type.ToDisplayString(Naming.FullyQualifiedWithoutAnnotations);
        StoreModel store = new(
            ns,
            type.Name,
            fullName,
            TableParser.IsPublic(type),
            new EquatableArray<string>(containingTypes.ToArray()),
            includesAll,
            new EquatableArray<TableModel>(explicitTables.ToArray()),
            fullName.Replace("global::", string.Empty) + ".g.cs");
        return new StoreParseResult(store, location, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()))
        {
            DeclaredMembers = GetDeclaredMembers(type),
        };
    }

    private static EquatableArray<StoreMemberModel> GetDeclaredMembers(INamedTypeSymbol type)
    {
        List<StoreMemberModel> members = new();
        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || LocationInfo.From(member) is not { } location)
            {
                continue;
            }

            bool isConstructor = member is IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false };
            if (isConstructor || member is IMethodSymbol { MethodKind: MethodKind.Ordinary } or IPropertySymbol or IFieldSymbol or IEventSymbol or INamedTypeSymbol)
            {
                members.Add(new StoreMemberModel(member.Name, isConstructor, location));
            }
        }

        return members.Count == 0 ? EquatableArray<StoreMemberModel>.Empty : new EquatableArray<StoreMemberModel>(members.ToArray());
    }

    private static void ParseListedTable(
        INamedTypeSymbol? listed,
        KnownTypes known,
        string storeDisplay,
        LocationInfo? location,
        List<TableModel> tables,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        AttributeData? tableAttribute = null;
        if (listed is not null)
        {
            foreach (AttributeData candidate in listed.GetAttributes())
            {
                if (KnownTypes.Is(candidate.AttributeClass, known.TableAttribute))
                {
                    tableAttribute = candidate;
                    break;
                }
            }
        }

        if (listed is null || tableAttribute is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidStore,
                location,
                storeDisplay,
                $"'{listed?.ToDisplayString() ?? "null"}' is listed in [Store] but has no [Table] attribute"));
            return;
        }

        // Tables from this compilation report their own diagnostics through the [Table] pipeline; tables from
        // referenced assemblies have no other chance, so their problems are reported on the store.
        bool fromSource = SymbolEqualityComparer.Default.Equals(listed.ContainingAssembly, known.Compilation.Assembly);
        TableParseResult result = TableParser.Parse(listed, tableAttribute, known, location, cancellationToken);
        if (result.Table is not null)
        {
            tables.Add(result.Table);
        }
        else if (!fromSource)
        {
            diagnostics.AddRange(result.Diagnostics);
        }
    }

    private static bool IsPartialAllTheWayOut(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            bool partial = false;
            foreach (SyntaxReference reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    partial = true;
                    break;
                }
            }

            if (!partial)
            {
                return false;
            }
        }

        return true;
    }

    private static string? GetUnsupportedStoreReason(INamedTypeSymbol type)
    {
        if (type.IsStatic || type.IsAbstract)
        {
            return "a store class cannot be static or abstract";
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return "a store class cannot be generic or nested in a generic type";
            }
        }

        if (type.IsRecord)
        {
            return "a store must be a class, not a record";
        }

        // The tables' members are extension methods in static classes beside the store's outermost type, which
        // must be able to name it: private or protected nesting hides it from them.
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return "a store, and every type it is nested in, must be public or internal: its tables' members are extension methods declared beside its outermost type";
            }
        }

        return null;
    }

    private static string GetDeclarationKeyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, IsValueType: true } => "partial record struct",
        { IsRecord: true } => "partial record",
        { TypeKind: TypeKind.Struct } => "partial struct",
        { TypeKind: TypeKind.Interface } => "partial interface",
        _ => "partial class",
    };

    private static StoreParseResult Failed(LocationInfo? location, List<DiagnosticInfo> diagnostics)
        => new(null, location, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
}
