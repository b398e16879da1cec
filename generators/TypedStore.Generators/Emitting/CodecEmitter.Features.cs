using System.Collections.Generic;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Emitting;

/// <content>
/// The codec members the lifecycle features call (they override <c>IRowCodec</c>'s static virtual defaults):
/// the generated key part, key prefix lengths, and a user table's user-only key.
/// </content>
internal sealed partial class CodecEmitter
{
    private void EmitFeatureMembers(IndentedWriter w, TableModel table)
    {
        string key = KeyTypeName(table);
        int generated = table.GeneratedKeyIndex;
        if (generated >= 0)
        {
            KeyPartModel part = table.Keys[generated];
            w.Line();
            w.Line($"public static int GeneratedKeyPart => {generated};");
            w.Line();
            w.Line($"public static bool GeneratedKeyDescending => {(part.Descending ? "true" : "false")};");
            EmitGeneratedIdMembers(w, table, part);
        }

        if (table.IsUserTable || generated > 0)
        {
            w.Line();
            w.Open($"public static int GetPrefixLength(global::System.ReadOnlySpan<byte> encodedKey, int parts)");
            w.Line($"{KeyReader} reader = new(encodedKey);");
            for (int i = 0; i < table.Keys.Count; i++)
            {
                KeyPartModel part = table.Keys[i];
                w.Open($"if (parts > {i})");
                w.Line(part.Encoding is "String" or "Bytes"
                    ? $"reader.SkipString({DescendingArgument(part)});"
                    : $"_ = reader.Read{part.Encoding}({DescendingArgument(part)});");
                w.Close();
            }

            w.Line("return reader.Position;");
            w.Close();
        }

        if (table.IsUserTable)
        {
            KeyPartModel user = table.Keys[0];
            List<string> parts = new() { UserKeyRead(user) };
            for (int i = 1; i < table.Keys.Count; i++)
            {
                parts.Add("default");
            }

            w.Line();
            w.Line($"public static {key} ReadUserKey(ref {KeyReader} reader) => new {key}({string.Join(", ", parts)});");
        }
    }

    // GetGeneratedId / WithGeneratedId: the same members the catalog branch emits for Insert (CodecEmitter.GeneratedKey.cs
    // there); when both branches meet, one of the two emitters of these two members goes.
    private static void EmitGeneratedIdMembers(IndentedWriter w, TableModel table, KeyPartModel part)
    {
        w.Line();
        w.Line($"public static long GetGeneratedId(in {KeyTypeName(table)} key) => key.{part.MemberName};");
        w.Line();
        w.Open($"public static {table.TypeName} WithGeneratedId({table.TypeName} row, long id)");
        EmitCopyWith(w, table, part.MemberName, "id");
        w.Close();
    }

    // A copy of the row with one key member replaced: the constructor the codec reads rows with, then the
    // initializers for the members it does not take (and required ones).
    private static void EmitCopyWith(IndentedWriter w, TableModel table, string replacedMember, string replacement)
    {
        Dictionary<string, string> sources = new(System.StringComparer.Ordinal);
        foreach (KeyPartModel part in table.Keys)
        {
            sources[part.MemberName] = part.MemberName == replacedMember ? replacement : "row." + part.MemberName;
        }

        foreach (MemberModel member in table.Values)
        {
            sources[member.Name] = "row." + member.Name;
        }

        List<string> arguments = new();
        HashSet<string> passed = new(System.StringComparer.Ordinal);
        foreach (string name in table.ConstructorArguments)
        {
            arguments.Add(sources[name]);
            passed.Add(name);
        }

        List<string> initializers = new();
        foreach (KeyValuePair<string, string> source in sources)
        {
            if (!passed.Contains(source.Key) || table.RequiredInitializers.Contains(source.Key))
            {
                initializers.Add($"{source.Key} = {source.Value},");
            }
        }

        if (initializers.Count == 0)
        {
            w.Line($"return new {table.TypeName}({string.Join(", ", arguments)});");
            return;
        }

        w.Line(arguments.Count == 0 ? $"return new {table.TypeName}" : $"return new {table.TypeName}({string.Join(", ", arguments)})");
        w.Open();
        foreach (string initializer in initializers)
        {
            w.Line(initializer);
        }

        w.Close(";");
    }

    private static string UserKeyRead(KeyPartModel part)
    {
        string read = $"reader.Read{part.Encoding}({DescendingArgument(part)})";
        return part.EnumUnderlyingType is null ? read : $"({part.TypeName}){read}";
    }
}
