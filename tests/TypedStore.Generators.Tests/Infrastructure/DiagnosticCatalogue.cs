using Microsoft.CodeAnalysis;
using TypedStore.Generators.Diagnostics;

namespace TypedStore.Generators.Tests;

/// <summary>Every diagnostic the generator declares, found by reflection so a new one cannot be forgotten by the tests.</summary>
internal static class DiagnosticCatalogue
{
    public static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = typeof(DiagnosticDescriptors)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
        .ToList();

    /// <summary>The descriptor ids, for theories.</summary>
    public static TheoryData<string> Ids
    {
        get
        {
            TheoryData<string> ids = new();
            foreach (DiagnosticDescriptor descriptor in Descriptors)
            {
                ids.Add(descriptor.Id);
            }

            return ids;
        }
    }

    public static DiagnosticDescriptor Get(string id) => Descriptors.Single(descriptor => descriptor.Id == id);
}
