using System.Collections.Generic;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Emitting;

/// <content>
/// The codec roles of the lifecycle features. Besides <c>IRowCodec</c>, a codec implements exactly the role
/// interfaces its table's features need, and the table core gets a per-table handle on each (built here, once per
/// table): <c>IGeneratedIdCodec</c> for a <c>[Key(Generated = true)]</c> part (its value and the copy with a new one
/// come from CodecEmitter.GeneratedKey.cs; handle <c>GeneratedIdKeys</c>), <c>IKeyPrefixCodec</c> for key prefix
/// lengths (a partitioned stream's partitions; handle <c>KeyPrefixLengths</c>) and <c>IUserKeyCodec</c> for a user
/// table's change feed (user prefix and user-only key; handle <c>UserKeys</c>). The runtime members that need a role
/// constrain their codec to its interface, so calling one for a table without the feature does not compile.
/// </content>
internal sealed partial class CodecEmitter
{
    private const string Tables = "global::TypedStore.Tables.";

    /// <summary>Whether the table's codec implements <c>IGeneratedIdCodec</c>: it has a generated key part (Insert or Append, ids kept ahead of written ones).</summary>
    public static bool HasGeneratedIdCodec(TableModel table) => table.GeneratedKey is not null;

    /// <summary>Whether the table's codec implements <c>IUserKeyCodec</c>: a user table's change feed indexes changes by user and records DeleteUser changes by user id.</summary>
    public static bool HasUserKeyCodec(TableModel table) => table.IsUserTable && table.ChangeFeed;

    /// <summary>
    /// Whether the table's codec implements <c>IKeyPrefixCodec</c>: a user table's change feed (user prefixes), or a
    /// stream whose time-ordered id follows partition parts (eviction and id recovery work partition by partition).
    /// </summary>
    public static bool HasKeyPrefixCodec(TableModel table) => HasUserKeyCodec(table) || HasPartitionedIds(table);

    /// <summary>The interfaces the table's codec implements: <c>IRowCodec</c>, then the roles of its features.</summary>
    public static List<string> CodecInterfaces(TableModel table)
    {
        string arguments = $"<{table.TypeName}, {KeyTypeName(table)}>";
        List<string> interfaces = new() { Tables + "IRowCodec" + arguments };
        if (HasGeneratedIdCodec(table))
        {
            interfaces.Add(Tables + "IGeneratedIdCodec" + arguments);
        }

        if (HasKeyPrefixCodec(table))
        {
            interfaces.Add(Tables + "IKeyPrefixCodec" + arguments);
        }

        if (HasUserKeyCodec(table))
        {
            interfaces.Add(Tables + "IUserKeyCodec" + arguments);
        }

        return interfaces;
    }

    /// <summary>
    /// Adds the named arguments after the descriptor of the <c>TableCore</c> constructor: the per-table handles on the
    /// codec's roles the table core uses (none for a table without them), e.g. <c>generatedIdKeys: new GeneratedIdKeys&lt;…&gt;()</c>.
    /// </summary>
    public static void AddCoreRoleArguments(TableModel table, string keyType, string codecType, List<string> arguments)
    {
        string typeArguments = $"<{table.TypeName}, {keyType}, {codecType}>()";
        if (HasGeneratedIdCodec(table))
        {
            arguments.Add($"generatedIdKeys: new {Tables}GeneratedIdKeys{typeArguments}");
        }

        if (HasPartitionedIds(table))
        {
            arguments.Add($"keyPrefixes: new {Tables}KeyPrefixLengths{typeArguments}");
        }

        if (HasUserKeyCodec(table))
        {
            arguments.Add($"userKeys: new {Tables}UserKeys{typeArguments}");
        }
    }

    // A stream whose time-ordered id is not the first key part: its partition prefixes are measured.
    private static bool HasPartitionedIds(TableModel table) => table.HasTimeOrderedKey && table.GeneratedKeyIndex > 0;

    private void EmitFeatureMembers(IndentedWriter w, TableModel table)
    {
        string key = KeyTypeName(table);
        int generated = table.GeneratedKeyIndex;
        if (HasGeneratedIdCodec(table))
        {
            KeyPartModel part = table.Keys[generated];
            w.Line();
            w.Line($"public static int GeneratedKeyPart => {generated};");
            w.Line();
            w.Line($"public static bool GeneratedKeyDescending => {(part.Descending ? "true" : "false")};");
        }

        if (HasKeyPrefixCodec(table))
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

        if (HasUserKeyCodec(table))
        {
            KeyPartModel user = table.Keys[0];
            List<string> parts = new() { UserKeyRead(user) };
            for (int i = 1; i < table.Keys.Count; i++)
            {
                // The other parts are never read from a user-only key; string and byte[] parts are non-nullable
                // references, so their placeholder needs '!' to compile in nullable-enabled projects.
                parts.Add(table.Keys[i].Encoding is "String" or "Bytes" ? "default!" : "default");
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
