using Microsoft.CodeAnalysis.CSharp;

namespace TypedStore.Generators.Emitting;

/// <summary>Identifier spelling for generated locals.</summary>
internal static class Identifiers
{
    /// <summary>"DisplayName" → "displayName"; keywords are escaped ("Class" → "@class").</summary>
    public static string ToLocalName(string memberName)
    {
        string camel = memberName.Length == 0 ? memberName : char.ToLowerInvariant(memberName[0]) + memberName.Substring(1);
        return SyntaxFacts.GetKeywordKind(camel) != SyntaxKind.None ? "@" + camel : camel;
    }
}
