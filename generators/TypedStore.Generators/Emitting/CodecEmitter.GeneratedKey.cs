using System.Collections.Generic;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Emitting;

/// <summary>
/// The codec members of tables with a <c>[Key(Generated = true)]</c> part (<c>IGeneratedIdCodec</c>): reading the id
/// from a key, and copying a row with another id (what Insert returns).
/// </summary>
internal sealed partial class CodecEmitter
{
    private static void EmitGeneratedKeyMembers(IndentedWriter w, TableModel table)
    {
        if (table.GeneratedKey is not { } generated)
        {
            return;
        }

        string row = table.TypeName;
        w.Line();
        w.Line($"public static long GetGeneratedId(in {KeyTypeName(table)} key) => key.{generated.MemberName};");
        w.Line();
        if (table.GeneratedKeyUsesWith)
        {
            w.Line($"public static {row} WithGeneratedId({row} row, long id) => row with {{ {generated.MemberName} = id }};");
            return;
        }

        // A class (or a member only a constructor sets): rebuild the row the way ReadValue does, with the new id.
        w.Open($"public static {row} WithGeneratedId({row} row, long id)");
        Dictionary<string, string> sources = new(System.StringComparer.Ordinal);
        foreach (KeyPartModel part in table.Keys)
        {
            sources[part.MemberName] = part.Generated ? "id" : "row." + part.MemberName;
        }

        foreach (MemberModel member in table.Values)
        {
            sources[member.Name] = "row." + member.Name;
        }

        EmitReturnNew(w, table.TypeName, table.ConstructorArguments, table.RequiredInitializers, sources);
        w.Close();
    }
}
