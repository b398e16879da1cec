using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedStore.Generators.Diagnostics;
using TypedStore.Generators.Model;
using TypedStore.Generators.Parsing;

namespace TypedStore.Generators.Analysis;

/// <summary>
/// One compilation's analysis: each named type's declaration rules as the symbol actions see it, and what the
/// compilation-end rules need (the tables, whether a store exists, table attributes found outside tables).
/// </summary>
internal sealed class CompilationDeclarations
{
    /// <summary>The property of a TS0041 diagnostic that names the store class its code fix declares.</summary>
    public const string StoreNameProperty = "StoreName";

    private readonly Compilation _compilation;
    private readonly KnownTypes _known;
    private readonly INamedTypeSymbol? _indexAttribute;
    private readonly object _gate = new();
    private readonly List<(INamedTypeSymbol Type, Location Location)> _tables = new();
    private readonly HashSet<INamedTypeSymbol> _tableAncestors = new(SymbolEqualityComparer.Default);
    private readonly List<(INamedTypeSymbol Type, string Attribute, string Target, Location Location)> _strayAttributes = new();
    private Dictionary<string, SyntaxTree>? _treesByPath;
    private bool _hasStore;

    public CompilationDeclarations(Compilation compilation)
    {
        _compilation = compilation;
        _known = new KnownTypes(compilation);
        _indexAttribute = compilation.GetTypeByMetadataName(IndexParser.IndexAttributeName);
    }

    /// <summary>The symbol action: a [Table] type's and a [Store] class's rules; table attributes on other types are noted.</summary>
    public void AnalyzeType(SymbolAnalysisContext context)
    {
        INamedTypeSymbol type = (INamedTypeSymbol)context.Symbol;
        CancellationToken cancellationToken = context.CancellationToken;
        AttributeData? table = null;
        AttributeData? store = null;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (KnownTypes.Is(attribute.AttributeClass, _known.TableAttribute))
            {
                table = attribute;
            }
            else if (KnownTypes.Is(attribute.AttributeClass, _known.StoreAttribute))
            {
                store = attribute;
            }
        }

        if (table is not null)
        {
            Location location = table.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? type.Locations[0];
            TableParseResult result = TableParser.Parse(type, table, _known, LocationInfo.From(location) ?? LocationInfo.From(type), cancellationToken);
            Report(context, result.Diagnostics);
            lock (_gate)
            {
                _tables.Add((type, location));
                for (INamedTypeSymbol? ancestor = type.BaseType; ancestor is not null; ancestor = ancestor.BaseType)
                {
                    _tableAncestors.Add(ancestor);
                }
            }
        }
        else
        {
            NoteStrayAttributes(type, cancellationToken);
        }

        if (store is not null)
        {
            StoreParseResult result = StoreParser.Parse(type, store, _known, cancellationToken);
            Report(context, result.Diagnostics);
            lock (_gate)
            {
                _hasStore = true;
            }
        }
    }

    /// <summary>The compilation-end action: TS0041 (tables but no store) and TS0043 (table attributes on a type that is not a table).</summary>
    public void ReportCompilationRules(CompilationAnalysisContext context)
    {
        lock (_gate)
        {
            if (!_hasStore && _tables.Count > 0)
            {
                _tables.Sort(static (a, b) => CompareLocations(a.Location, b.Location));
                (INamedTypeSymbol first, Location location) = _tables[0];
                string others = _tables.Count switch
                {
                    1 => string.Empty,
                    2 => " (and 1 other table)",
                    _ => $" (and {_tables.Count - 1} other tables)",
                };
                string storeName = SuggestStoreName(_compilation.AssemblyName);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.MissingStore,
                    location,
                    ImmutableDictionary<string, string?>.Empty.Add(StoreNameProperty, storeName),
                    first.ToDisplayString(),
                    others,
                    storeName));
            }

            foreach ((INamedTypeSymbol type, string attribute, string target, Location location) in _strayAttributes)
            {
                // A base type's [Key] members are the keys of the tables derived from it.
                if (!_tableAncestors.Contains(type))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AttributeOutsideTable, location, type.ToDisplayString(), attribute, target));
                }
            }
        }
    }

    /// <summary>The store name TS0041's fix declares: the last part of the assembly name, as an identifier, + "Store".</summary>
    public static string SuggestStoreName(string? assemblyName)
    {
        string last = assemblyName ?? string.Empty;
        int dot = last.LastIndexOf('.');
        if (dot >= 0)
        {
            last = last.Substring(dot + 1);
        }

        System.Text.StringBuilder name = new();
        bool upper = true;
        foreach (char c in last)
        {
            if (char.IsLetterOrDigit(c))
            {
                name.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (name.Length == 0 || char.IsDigit(name[0]) || name.ToString().EndsWith("Store", System.StringComparison.Ordinal))
        {
            return name.Length == 0 || char.IsDigit(name[0]) ? "AppStore" : name.ToString();
        }

        return name.Append("Store").ToString();
    }

    private void NoteStrayAttributes(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        List<(INamedTypeSymbol, string, string, Location)>? found = null;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (KnownTypes.Is(attribute.AttributeClass, _indexAttribute) && GetLocation(attribute, cancellationToken) is { } location)
            {
                (found ??= new()).Add((type, "Index", "the type", location));
            }
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
            {
                // [Key] on a positional record parameter without the property: target lands on the parameter.
                foreach (IParameterSymbol parameter in constructor.Parameters)
                {
                    NoteKeyAttribute(type, parameter, cancellationToken, ref found);
                }
            }
            else if (member is IPropertySymbol or IFieldSymbol)
            {
                NoteKeyAttribute(type, member, cancellationToken, ref found);
            }
        }

        if (found is not null)
        {
            lock (_gate)
            {
                _strayAttributes.AddRange(found);
            }
        }
    }

    private void NoteKeyAttribute(INamedTypeSymbol type, ISymbol target, CancellationToken cancellationToken, ref List<(INamedTypeSymbol, string, string, Location)>? found)
    {
        foreach (AttributeData attribute in target.GetAttributes())
        {
            if (KnownTypes.Is(attribute.AttributeClass, _known.KeyAttribute) && GetLocation(attribute, cancellationToken) is { } location)
            {
                (found ??= new()).Add((type, "Key", $"member '{target.Name}'", location));
            }
        }
    }

    private static Location? GetLocation(AttributeData attribute, CancellationToken cancellationToken)
        => attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();

    private static int CompareLocations(Location a, Location b)
    {
        int byFile = string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath);
        return byFile != 0 ? byFile : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
    }

    private void Report(SymbolAnalysisContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic(ToTreeLocation(diagnostic.Location)));
        }
    }

    /// <summary>
    /// The parser keeps locations as plain values (path and span); a code fix needs a location in a syntax tree of the
    /// compilation, so the path is looked up among its trees.
    /// </summary>
    private Location? ToTreeLocation(LocationInfo? location)
    {
        if (location is null)
        {
            return null;
        }

        Dictionary<string, SyntaxTree> trees;
        lock (_gate)
        {
            if (_treesByPath is null)
            {
                _treesByPath = new Dictionary<string, SyntaxTree>(System.StringComparer.Ordinal);
                foreach (SyntaxTree tree in _compilation.SyntaxTrees)
                {
                    _treesByPath[tree.FilePath] = tree;
                }
            }

            trees = _treesByPath;
        }

        return trees.TryGetValue(location.FilePath, out SyntaxTree? found) ? Location.Create(found, location.TextSpan) : location.ToLocation();
    }
}
