using System.Collections.Generic;
using System.Linq;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Emitting;

/// <summary>
/// Writes, per table, the key struct and the codec struct implementing <c>IRowCodec</c> (and the role interfaces
/// its table's features need: CodecEmitter.Features.cs), and per nested type its formatter methods. Every method is
/// static, so the runtime's generic table core calls them directly.
/// </summary>
internal sealed partial class CodecEmitter
{
    private const string KeyWriter = "global::TypedStore.Keys.KeyWriter";
    private const string KeyReader = "global::TypedStore.Keys.KeyReader";
    private const string ValueWriter = "global::TypedStore.Values.ValueWriter";
    private const string MessagePackReader = "global::MessagePack.MessagePackReader";
    private const string ValueFormat = "global::TypedStore.Values.ValueFormat";

    private readonly ValueCodeEmitter _values;

    public CodecEmitter(ValueCodeEmitter values)
    {
        _values = values;
    }

    public static string KeyTypeName(TableModel table) => table.PropertyName + "Key";

    public static string CodecTypeName(TableModel table) => table.PropertyName + "Codec";

    public void EmitKey(IndentedWriter w, TableModel table)
    {
        w.Summary($"The key parts of a row of table \"{table.TableName}\", in key order.");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Open($"internal readonly struct {KeyTypeName(table)}");
        foreach (KeyPartModel key in table.Keys)
        {
            w.Line($"internal readonly {key.TypeName} {key.MemberName};");
        }

        w.Line();
        w.Open($"internal {KeyTypeName(table)}({KeyParameters(table.Keys, table.Keys.Count)})");
        foreach (KeyPartModel key in table.Keys)
        {
            // A lower-case member ("id") has a parameter of the same name: without "this." it would assign itself.
            string field = key.MemberName == key.ParameterName ? "this." + key.MemberName : key.MemberName;
            w.Line($"{field} = {key.ParameterName};");
        }

        w.Close();
        w.Close();
    }

    public void EmitCodec(IndentedWriter w, TableModel table)
    {
        string row = table.TypeName;
        string key = KeyTypeName(table);
        w.Summary($"Encodes and decodes rows of table \"{table.TableName}\" (keys: docs/key-encoding.md; values: docs/value-format.md).");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Open($"internal readonly struct {CodecTypeName(table)} : {string.Join(", ", CodecInterfaces(table))}");

        // GetKey
        List<string> fromRow = new();
        foreach (KeyPartModel part in table.Keys)
        {
            fromRow.Add("row." + part.MemberName);
        }

        w.Line($"public static {key} GetKey({row} row) => new {key}({string.Join(", ", fromRow)});");
        w.Line();

        // WriteKey
        w.Open($"public static void WriteKey(ref {KeyWriter} writer, in {key} key)");
        foreach (KeyPartModel part in table.Keys)
        {
            w.Line(WriteKeyPart(part, "key." + part.MemberName));
        }

        w.Close();
        w.Line();

        // ReadKey
        w.Open($"public static {key} ReadKey(ref {KeyReader} reader)");
        List<string> parts = new();
        LocalNames keyNames = new("reader");
        foreach (KeyPartModel part in table.Keys)
        {
            string local = keyNames.Take(part.ParameterName);
            string read = $"reader.Read{part.Encoding}({DescendingArgument(part)})";
            w.Line(part.EnumUnderlyingType is null ? $"{part.TypeName} {local} = {read};" : $"{part.TypeName} {local} = ({part.TypeName}){read};");
            parts.Add(local);
        }

        w.Line($"return new {key}({string.Join(", ", parts)});");
        w.Close();

        // A cached table keyed by one ascending string: its row cache is keyed by the string itself (no encoding on a
        // hit; docs/row-cache.md, "The key").
        if (table.CacheSize > 0 && table.Keys.Count == 1 && table.Keys[0].Encoding == "String" && !table.Keys[0].Descending)
        {
            w.Line();
            w.Line("public static bool KeyIsOneString => true;");
            w.Line();
            w.Line($"public static string KeyString(in {key} key) => key.{table.Keys[0].MemberName};");
        }

        // Prefix writers for Scan(k1..km), m < n, and for the user prefix of single-part User tables: the runtime's
        // KeyPrefix calls them with the first part, or a tuple of the first m parts.
        int longestPrefix = table.IsUserTable ? System.Math.Max(1, table.Keys.Count - 1) : table.Keys.Count - 1;
        for (int m = 1; m <= longestPrefix; m++)
        {
            w.Line();
            if (m == 1)
            {
                w.Line($"public static void WritePrefix(ref {KeyWriter} writer, {KeyParameters(table.Keys, 1)}) => {WriteKeyPart(table.Keys[0], table.Keys[0].ParameterName)}");
                continue;
            }

            w.Open($"public static void WritePrefix(ref {KeyWriter} writer, ({KeyParameters(table.Keys, m)}) parts)");
            for (int i = 0; i < m; i++)
            {
                w.Line(WriteKeyPart(table.Keys[i], "parts." + table.Keys[i].ParameterName));
            }

            w.Close();
        }

        // WriteValue
        w.Line();
        w.Open($"public static void WriteValue(ref {ValueWriter} writer, {row} row)");
        EmitWriteMembers(w, table.Values, "row", "1", new LocalNames("writer", "row"));
        w.Close();

        // ReadValue
        w.Line();
        w.Open($"public static {row} ReadValue(ref {MessagePackReader} reader, in {key} key)");
        LocalNames names = new("reader", "key", "count");
        Dictionary<string, string> sources = new(System.StringComparer.Ordinal);
        foreach (KeyPartModel part in table.Keys)
        {
            sources[part.MemberName] = "key." + part.MemberName;
        }

        EmitReadMembersAndConstruct(w, table.TypeName, table.Values, table.ConstructorArguments, table.RequiredInitializers, sources, "1", names);
        w.Close();

        EmitGeneratedKeyMembers(w, table);
        EmitFeatureMembers(w, table);
        w.Close();
    }

    public void EmitObjectFormatter(IndentedWriter w, ObjectTypeModel type, string formatterName)
    {
        string declared = type.IsValueType ? type.TypeName : type.TypeName + "?";

        w.Open($"internal static void Write{formatterName}(ref {ValueWriter} writer, {declared} value, int depth)");
        if (!type.IsValueType)
        {
            w.Open("if (value is null)");
            w.Line("writer.WriteNil();");
            w.Line("return;");
            w.Close();
            w.Line();
        }

        w.Line($"{ValueFormat}.CheckWriteDepth(depth);");
        EmitWriteMembers(w, type.Members, "value", "depth + 1", new LocalNames("writer", "value", "depth"));
        w.Close();
        w.Line();

        w.Open($"internal static {declared} Read{formatterName}(ref {MessagePackReader} reader, int depth)");
        if (!type.IsValueType)
        {
            w.Open("if (reader.TryReadNil())");
            w.Line("return null;");
            w.Close();
            w.Line();
        }

        w.Line($"{ValueFormat}.CheckReadDepth(depth);");
        EmitReadMembersAndConstruct(w, type.TypeName, type.Members, type.ConstructorArguments, type.RequiredInitializers, new Dictionary<string, string>(System.StringComparer.Ordinal), "depth + 1", new LocalNames("reader", "depth", "count"));
        w.Close();
    }

    private void EmitWriteMembers(IndentedWriter w, EquatableArray<MemberModel> members, string owner, string nextDepth, LocalNames names)
    {
        w.Line($"writer.WriteArrayHeader({members.Count});");
        bool previousWasBlock = false;
        foreach (MemberModel member in members)
        {
            // Multi-line writes (nullables, collections) stand apart from their neighbours, as written by hand.
            bool isBlock = ValueCodeEmitter.WritesBlock(member.Type);
            if (isBlock || previousWasBlock)
            {
                w.Line();
            }

            _values.EmitWrite(w, member.Type, $"{owner}.{member.Name}", nextDepth, names, Identifiers.ToLocalName(member.Name));
            previousWasBlock = isBlock;
        }
    }

    private void EmitReadMembersAndConstruct(
        IndentedWriter w,
        string typeName,
        EquatableArray<MemberModel> members,
        EquatableArray<string> constructorArguments,
        EquatableArray<string> requiredInitializers,
        Dictionary<string, string> sources,
        string nextDepth,
        LocalNames names)
    {
        w.Line("int count = reader.ReadArrayHeader();");
        List<string> locals = new(members.Count);
        foreach (MemberModel member in members)
        {
            string local = names.Take(Identifiers.ToLocalName(member.Name));
            locals.Add(local);
            sources[member.Name] = local;
            w.Line($"{ValueCodeEmitter.LocalType(member.Type)} {local} = {ValueCodeEmitter.DefaultValue(member.Type)};");
        }

        // A shorter array is a row written before trailing members were added: they keep their defaults.
        for (int i = 0; i < members.Count; i++)
        {
            w.Line();
            w.Open($"if (count > {i})");
            string read = _values.EmitRead(w, members[i].Type, nextDepth, names);
            w.Line($"{locals[i]} = {read}{ValueCodeEmitter.Bang(members[i].Type)};");
            w.Close();
        }

        w.Line();
        w.Line("// Members a newer schema appended are skipped, so this build still reads its rows.");
        w.Line($"{ValueFormat}.SkipElements(ref reader, count - {members.Count});");
        EmitReturnNew(w, typeName, constructorArguments, requiredInitializers, sources);
    }

    /// <summary>Writes <c>return new T(arguments) { initializers };</c>, taking each member's value from <paramref name="sources"/> (member name → expression).</summary>
    private static void EmitReturnNew(IndentedWriter w, string typeName, EquatableArray<string> constructorArguments, EquatableArray<string> requiredInitializers, Dictionary<string, string> sources)
    {
        List<string> arguments = new();
        HashSet<string> passed = new(System.StringComparer.Ordinal);
        foreach (string name in constructorArguments)
        {
            arguments.Add(sources[name]);
            passed.Add(name);
        }

        List<string> initializers = new();
        foreach (KeyValuePair<string, string> source in sources)
        {
            if (!passed.Contains(source.Key) || requiredInitializers.Contains(source.Key))
            {
                initializers.Add($"{source.Key} = {source.Value},");
            }
        }

        if (initializers.Count == 0)
        {
            w.Line($"return new {typeName}({string.Join(", ", arguments)});");
            return;
        }

        w.Line(arguments.Count == 0 ? $"return new {typeName}" : $"return new {typeName}({string.Join(", ", arguments)})");
        w.Open();
        foreach (string initializer in initializers)
        {
            w.Line(initializer);
        }

        w.Close(";");
    }

    public static string KeyParameters(EquatableArray<KeyPartModel> keys, int count)
    {
        List<string> parameters = new(count);
        for (int i = 0; i < count; i++)
        {
            parameters.Add($"{keys[i].TypeName} {keys[i].ParameterName}");
        }

        return string.Join(", ", parameters);
    }

    public static string KeyArguments(EquatableArray<KeyPartModel> keys, int count)
    {
        List<string> arguments = new(count);
        for (int i = 0; i < count; i++)
        {
            arguments.Add(keys[i].ParameterName);
        }

        return string.Join(", ", arguments);
    }

    internal static string WriteKeyPart(KeyPartModel part, string expression)
    {
        string value = part.EnumUnderlyingType is null ? expression : $"({part.EnumUnderlyingType}){expression}";
        string descending = part.Descending ? ", descending: true" : string.Empty;
        return $"writer.Write{part.Encoding}({value}{descending});";
    }

    private static string DescendingArgument(KeyPartModel part) => part.Descending ? "descending: true" : string.Empty;
}
