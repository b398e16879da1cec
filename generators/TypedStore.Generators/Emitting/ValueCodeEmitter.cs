using System.Collections.Generic;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Emitting;

/// <summary>
/// Writes the MessagePack code for one value, recursively through nullables, collections and nested types.
/// Writes go straight to <c>writer</c>; reads produce an expression, after emitting whatever statements the
/// value needs (collections fill a local first).
/// </summary>
internal sealed class ValueCodeEmitter
{
    private const string ValueFormat = "global::TypedStore.Values.ValueFormat";

    private readonly IReadOnlyDictionary<string, string> _formatterNames;
    private readonly string _formattersClass;

    public ValueCodeEmitter(IReadOnlyDictionary<string, string> formatterNames, string formattersClass)
    {
        _formatterNames = formatterNames;
        _formattersClass = formattersClass;
    }

    /// <summary>Whether assigning a read of <paramref name="type"/> (typed nullable) to a variable of that type needs <c>!</c>.</summary>
    public static string Bang(ValueTypeModel type) => type.IsReferenceType && !type.IsAnnotatedNullable ? "!" : string.Empty;

    /// <summary>The default a member keeps when an older row has no value for it.</summary>
    public static string DefaultValue(ValueTypeModel type) => type.IsReferenceType && !type.IsAnnotatedNullable ? "default!" : "default";

    /// <summary>The declared type of a local holding the member (reference types always nullable-annotated).</summary>
    public static string LocalType(ValueTypeModel type) => type.TypeName;

    /// <summary>Whether the write of <paramref name="type"/> is a block of statements rather than one call.</summary>
    public static bool WritesBlock(ValueTypeModel type)
        => type.Kind is ValueKind.Nullable or ValueKind.Array or ValueKind.List or ValueKind.HashSet or ValueKind.Dictionary;

    /// <summary>
    /// Writes <paramref name="expression"/>; a local it needs (the non-null value, the collection) is named
    /// <paramref name="nameHint"/> when given, so a member's write reads like the member.
    /// </summary>
    public void EmitWrite(IndentedWriter w, ValueTypeModel type, string expression, string nextDepth, LocalNames names, string? nameHint = null)
    {
        switch (type.Kind)
        {
            case ValueKind.Boolean:
            case ValueKind.Byte:
            case ValueKind.SByte:
            case ValueKind.Int16:
            case ValueKind.UInt16:
            case ValueKind.Int32:
            case ValueKind.UInt32:
            case ValueKind.Int64:
            case ValueKind.UInt64:
            case ValueKind.Single:
            case ValueKind.Double:
            case ValueKind.Char:
            case ValueKind.String:
            case ValueKind.Bytes:
                w.Line($"writer.Write({expression});");
                break;
            case ValueKind.Decimal:
            case ValueKind.Guid:
            case ValueKind.DateTime:
            case ValueKind.DateTimeOffset:
            case ValueKind.DateOnly:
            case ValueKind.TimeOnly:
            case ValueKind.TimeSpan:
                w.Line($"{ValueFormat}.Write{type.Kind}(ref writer, {expression});");
                break;
            case ValueKind.Enum:
                w.Line($"writer.Write(({type.EnumUnderlyingType}){expression});");
                break;
            case ValueKind.Nullable:
            {
                string value = names.Take(nameHint ?? "value");
                w.Open($"if ({expression} is {{ }} {value})");
                EmitWrite(w, type.Element!, value, nextDepth, names);
                w.Close();
                w.Open("else");
                w.Line("writer.WriteNil();");
                w.Close();
                break;
            }

            case ValueKind.Array:
            case ValueKind.List:
            case ValueKind.HashSet:
            case ValueKind.Dictionary:
                EmitWriteCollection(w, type, expression, nextDepth, names, nameHint);
                break;
            case ValueKind.Object:
                w.Line($"{_formattersClass}.Write{_formatterNames[type.ObjectTypeName!]}(ref writer, {expression}, {nextDepth});");
                break;
        }
    }

    public string EmitRead(IndentedWriter w, ValueTypeModel type, string nextDepth, LocalNames names)
    {
        switch (type.Kind)
        {
            case ValueKind.Boolean:
            case ValueKind.Byte:
            case ValueKind.SByte:
            case ValueKind.Int16:
            case ValueKind.UInt16:
            case ValueKind.Int32:
            case ValueKind.UInt32:
            case ValueKind.Int64:
            case ValueKind.UInt64:
            case ValueKind.Single:
            case ValueKind.Double:
            case ValueKind.Char:
            case ValueKind.String:
                return $"reader.Read{type.Kind}()";
            case ValueKind.Bytes:
                return $"{ValueFormat}.ReadByteArray(ref reader)";
            case ValueKind.Decimal:
            case ValueKind.Guid:
            case ValueKind.DateTime:
            case ValueKind.DateTimeOffset:
            case ValueKind.DateOnly:
            case ValueKind.TimeOnly:
            case ValueKind.TimeSpan:
                return $"{ValueFormat}.Read{type.Kind}(ref reader)";
            case ValueKind.Enum:
                return $"({type.TypeName})reader.Read{IntegerMethodSuffix(type.EnumUnderlyingType!)}()";
            case ValueKind.Nullable:
                // Nullable<T> wraps value types only, whose reads are plain expressions; a read is only ever assigned
                // or passed as an argument, and never gets a '!', so the conditional needs no parentheses.
                return $"reader.TryReadNil() ? default({type.TypeName}) : {EmitRead(w, type.Element!, nextDepth, names)}";
            case ValueKind.Array:
            case ValueKind.List:
            case ValueKind.HashSet:
            case ValueKind.Dictionary:
                return EmitReadCollection(w, type, nextDepth, names);
            case ValueKind.Object:
                return $"{_formattersClass}.Read{_formatterNames[type.ObjectTypeName!]}(ref reader, {nextDepth})";
            default:
                return "default";
        }
    }

    private void EmitWriteCollection(IndentedWriter w, ValueTypeModel type, string expression, string nextDepth, LocalNames names, string? nameHint)
    {
        string items = names.Take(nameHint ?? (type.Kind == ValueKind.Dictionary ? "map" : "items"));
        w.Line($"var {items} = {expression};");
        w.Open($"if ({items} is null)");
        w.Line("writer.WriteNil();");
        w.Close();
        w.Open("else");
        switch (type.Kind)
        {
            case ValueKind.Array:
            case ValueKind.List:
            {
                string length = type.Kind == ValueKind.Array ? "Length" : "Count";
                string index = names.Take("i");
                w.Line($"writer.WriteArrayHeader({items}.{length});");
                w.Open($"for (int {index} = 0; {index} < {items}.{length}; {index}++)");
                EmitWrite(w, type.Element!, $"{items}[{index}]", nextDepth, names);
                w.Close();
                break;
            }

            case ValueKind.HashSet:
            {
                string item = names.Take("item");
                w.Line($"writer.WriteArrayHeader({items}.Count);");
                w.Open($"foreach (var {item} in {items})");
                EmitWrite(w, type.Element!, item, nextDepth, names);
                w.Close();
                break;
            }

            case ValueKind.Dictionary:
            {
                string entry = names.Take("entry");
                w.Line($"writer.WriteMapHeader({items}.Count);");
                w.Open($"foreach (var {entry} in {items})");
                EmitWrite(w, type.DictionaryKey!, $"{entry}.Key", nextDepth, names);
                EmitWrite(w, type.Element!, $"{entry}.Value", nextDepth, names);
                w.Close();
                break;
            }
        }

        w.Close();
    }

    private string EmitReadCollection(IndentedWriter w, ValueTypeModel type, string nextDepth, LocalNames names)
    {
        string result = names.Take(type.Kind == ValueKind.Dictionary ? "map" : "items");
        string count = names.Take("length");
        string declaredType = type.Kind == ValueKind.Array ? type.Element!.TypeName + "[]" : type.CreationTypeName!;
        w.Line($"{declaredType}? {result} = null;");
        w.Open("if (!reader.TryReadNil())");
        w.Line($"int {count} = reader.Read{(type.Kind == ValueKind.Dictionary ? "Map" : "Array")}Header();");
        w.Line($"{result} = {CreationExpression(type, count)};");
        string index = names.Take("i");
        w.Open($"for (int {index} = 0; {index} < {count}; {index}++)");
        switch (type.Kind)
        {
            case ValueKind.Array:
                w.Line($"{result}[{index}] = {EmitRead(w, type.Element!, nextDepth, names)}{Bang(type.Element!)};");
                break;
            case ValueKind.List:
            case ValueKind.HashSet:
                w.Line($"{result}.Add({EmitRead(w, type.Element!, nextDepth, names)}{Bang(type.Element!)});");
                break;
            case ValueKind.Dictionary:
            {
                // The key is read into a local first so its bytes are consumed before the value's.
                string key = names.Take("entryKey");
                w.Line($"{type.DictionaryKey!.TypeName} {key} = {EmitRead(w, type.DictionaryKey!, nextDepth, names)}{Bang(type.DictionaryKey!)};");
                w.Line($"{result}[{key}] = {EmitRead(w, type.Element!, nextDepth, names)}{Bang(type.Element!)};");
                break;
            }
        }

        w.Close();
        w.Close();
        w.Line();
        return result;
    }

    private static string CreationExpression(ValueTypeModel type, string length)
    {
        if (type.Kind != ValueKind.Array)
        {
            return $"new {type.CreationTypeName}({length})";
        }

        // Jagged arrays put the length in the first bracket pair: new int[n][], not new int[][n].
        int rank = 0;
        ValueTypeModel element = type.Element!;
        while (element.Kind == ValueKind.Array)
        {
            rank++;
            element = element.Element!;
        }

        string baseType = element.TypeName;
        if (element.Kind == ValueKind.Bytes)
        {
            rank++;
            baseType = "byte";
        }

        return $"new {baseType}[{length}]" + string.Concat(System.Linq.Enumerable.Repeat("[]", rank));
    }

    private static string IntegerMethodSuffix(string keyword) => keyword switch
    {
        "byte" => "Byte",
        "sbyte" => "SByte",
        "short" => "Int16",
        "ushort" => "UInt16",
        "uint" => "UInt32",
        "long" => "Int64",
        "ulong" => "UInt64",
        _ => "Int32",
    };
}
