namespace TypedStore.Cli.Reading;

/// <summary>
/// A member's or key part's type as the catalog spells it (docs/schema-evolution.md): a C# keyword, a full name, an
/// enum with its underlying type (<c>Demo.Priority(byte)</c>), <c>T?</c>, <c>T[]</c>, a generic collection, or a nested
/// record named in the schema's object types. Parsed once per schema.
/// </summary>
/// <param name="Spelling">The type as the catalog spells it.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Arguments">Element type (collections, nullable), key and value types (dictionaries).</param>
internal sealed record StoredType(string Spelling, StoredTypeKind Kind, IReadOnlyList<StoredType> Arguments)
{
    /// <summary>For <see cref="StoredTypeKind.Scalar"/> and enums: the scalar's C# keyword or full name.</summary>
    public string Scalar { get; init; } = string.Empty;

    private static readonly string[] s_collections =
    [
        "System.Collections.Generic.List<", "System.Collections.Generic.IList<", "System.Collections.Generic.IReadOnlyList<",
        "System.Collections.Generic.HashSet<", "System.Collections.Generic.IEnumerable<", "System.Collections.Generic.ICollection<",
        "System.Collections.Generic.IReadOnlyCollection<", "System.Collections.Generic.ISet<",
    ];

    private static readonly string[] s_dictionaries =
    [
        "System.Collections.Generic.Dictionary<", "System.Collections.Generic.IDictionary<", "System.Collections.Generic.IReadOnlyDictionary<",
    ];

    /// <summary>Parses <paramref name="spelling"/>; a name that is none of the known forms is an object type (or unknown).</summary>
    public static StoredType Parse(string spelling)
    {
        string text = spelling.Trim();
        if (text.EndsWith("[]", StringComparison.Ordinal) && text != "byte[]")
        {
            return new StoredType(text, StoredTypeKind.Collection, [Parse(text[..^2])]);
        }

        if (text.EndsWith('?'))
        {
            return new StoredType(text, StoredTypeKind.Nullable, [Parse(text[..^1])]);
        }

        foreach (string prefix in s_collections)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith('>'))
            {
                return new StoredType(text, StoredTypeKind.Collection, [Parse(text[prefix.Length..^1])]);
            }
        }

        foreach (string prefix in s_dictionaries)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith('>'))
            {
                List<string> parts = SplitArguments(text[prefix.Length..^1]);
                if (parts.Count == 2)
                {
                    return new StoredType(text, StoredTypeKind.Dictionary, [Parse(parts[0]), Parse(parts[1])]);
                }
            }
        }

        if (IsScalar(text))
        {
            return new StoredType(text, StoredTypeKind.Scalar, []) { Scalar = text };
        }

        // An enum: "Demo.Priority(byte)".
        int open = text.LastIndexOf('(');
        if (open > 0 && text.EndsWith(')') && IsScalar(text[(open + 1)..^1]))
        {
            return new StoredType(text, StoredTypeKind.Enum, []) { Scalar = text[(open + 1)..^1] };
        }

        return new StoredType(text, StoredTypeKind.Object, []);
    }

    /// <summary>The scalars the value format and the key encoding know.</summary>
    public static bool IsScalar(string name) => name switch
    {
        "string" or "char" or "bool" or "byte" or "sbyte" or "short" or "ushort" or "int" or "uint" or "long" or "ulong"
            or "float" or "double" or "decimal" or "byte[]" or "System.Guid" or "System.DateTime" or "System.DateTimeOffset"
            or "System.DateOnly" or "System.TimeOnly" or "System.TimeSpan" => true,
        _ => false,
    };

    private static List<string> SplitArguments(string text)
    {
        List<string> parts = [];
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '<' or '(':
                    depth++;
                    break;
                case '>' or ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        parts.Add(text[start..].Trim());
        return parts;
    }
}
