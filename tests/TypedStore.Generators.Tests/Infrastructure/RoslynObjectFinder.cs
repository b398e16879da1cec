using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedStore.Generators.Tests;

/// <summary>
/// Walks an object graph through every field (private ones too, so it sees inside arrays, immutable arrays
/// and records) looking for Roslyn objects that must not survive an incremental step.
/// </summary>
internal sealed class RoslynObjectFinder
{
    /// <summary>Roslyn types that pin a compilation or never compare equal across edits.</summary>
    private static readonly Type[] s_forbidden =
    [
        typeof(ISymbol), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SyntaxToken),
        typeof(SyntaxTrivia), typeof(SyntaxReference), typeof(Location), typeof(AttributeData), typeof(TypedConstant), typeof(Diagnostic),
    ];

    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> _found = [];

    /// <summary>How many objects the walks visited.</summary>
    public int Visited { get; private set; }

    /// <summary>The paths at which forbidden objects were found.</summary>
    public IReadOnlyList<string> Found => _found;

    /// <summary>Whether a value of <paramref name="type"/> (or an array or immutable array of it) would be a forbidden Roslyn object.</summary>
    public static bool IsForbidden(Type type)
    {
        Type inspected = type.IsArray ? type.GetElementType()! : type;
        if (inspected.IsGenericType && inspected.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            inspected = inspected.GetGenericArguments()[0];
        }

        return s_forbidden.Any(forbidden => forbidden.IsAssignableFrom(inspected));
    }

    public void Walk(object? value, string path)
    {
        // Descriptors are static, shared and immutable; spans are plain numbers.
        if (value is null || value is string || value is DiagnosticDescriptor || value is TextSpan || value is LinePositionSpan)
        {
            return;
        }

        Visited++;
        Type type = value.GetType();
        if (IsForbidden(type))
        {
            _found.Add($"{path}: {type.FullName}");
            return;
        }

        if (type.IsPrimitive || type.IsEnum || (!type.IsValueType && !_seen.Add(value)))
        {
            return;
        }

        if (value is Array array)
        {
            int index = 0;
            foreach (object? item in array)
            {
                Walk(item, $"{path}[{index++}]");
            }

            return;
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), $"{path}.{field.Name}");
        }
    }
}
