using System.Collections.Generic;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Emitting;

/// <content>
/// The codec members the lifecycle features call (they override <c>IRowCodec</c>'s static virtual defaults):
/// where the generated key part is (its value and the copy with a new one come from CodecEmitter.GeneratedKey.cs),
/// key prefix lengths, and a user table's user-only key.
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

    private static string UserKeyRead(KeyPartModel part)
    {
        string read = $"reader.Read{part.Encoding}({DescendingArgument(part)})";
        return part.EnumUnderlyingType is null ? read : $"({part.TypeName}){read}";
    }
}
