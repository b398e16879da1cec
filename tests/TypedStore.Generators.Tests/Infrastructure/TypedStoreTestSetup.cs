using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace TypedStore.Generators.Tests;

/// <summary>
/// What every Microsoft.CodeAnalysis.Testing test here compiles against and with: the .NET 10 reference assemblies,
/// TypedStore.dll and MessagePack (which the generated code calls), C# latest, nullable enabled.
/// </summary>
internal static class TypedStoreTestSetup
{
    /// <summary>
    /// The .NET 10 reference pack, restored from NuGet by the library. The library's <c>ReferenceAssemblies.Net.*</c>
    /// presets name versions the package feed here does not serve, so the pack is named explicitly.
    /// </summary>
    public static ReferenceAssemblies Net100 { get; } = new(
        "net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
        Path.Combine("ref", "net10.0"));

    /// <summary>The runtime assemblies the generated code uses.</summary>
    public static IReadOnlyList<MetadataReference> TypedStoreReferences { get; } =
    [
        MetadataReference.CreateFromFile(typeof(TableAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MessagePack.MessagePackWriter).Assembly.Location),
    ];

    /// <summary>The usings every test input starts with (the tests' markup spans count from after them).</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using TypedStore;

        """;

    /// <summary>Applies the references to a test (its fixed state, if any, inherits them).</summary>
    public static void Apply(AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = Net100;
        test.TestState.AdditionalReferences.AddRange(TypedStoreReferences);
    }

    /// <summary>Nullable enabled, and what the SDK suppresses for every project (MessagePack targets net6.0 and unifies with net10.0).</summary>
    public static CompilationOptions Configure(CompilationOptions options)
        => ((CSharpCompilationOptions)options)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions
                .SetItem("CS1701", ReportDiagnostic.Suppress)
                .SetItem("CS1702", ReportDiagnostic.Suppress));

    /// <summary>C# latest.</summary>
    public static ParseOptions Configure(ParseOptions options) => ((CSharpParseOptions)options).WithLanguageVersion(LanguageVersion.Latest);
}
