using Microsoft.CodeAnalysis;

namespace TypedStore.Generators.Model;

/// <summary>A diagnostic found by the parser, kept as equatable values until the generator reports it.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        => new(descriptor, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic() => ToDiagnostic(Location?.ToLocation());

    /// <summary>The diagnostic at <paramref name="location"/>: the analyzer passes the location in its syntax tree.</summary>
    public Diagnostic ToDiagnostic(Location? location)
    {
        object[] arguments = new object[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(Descriptor, location, arguments);
    }
}
