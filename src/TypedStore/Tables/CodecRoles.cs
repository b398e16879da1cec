namespace TypedStore.Tables;

/// <summary>
/// Checks, once per table at open, that a table core was given the per-table handle on every codec role its
/// features use (<see cref="GeneratedIdKeys{TKey}"/>, <see cref="KeyPrefixLengths"/>, <see cref="UserKeys{TKey}"/>):
/// generated code always passes them; a core built by hand without them would otherwise fall back to a table without
/// the feature (a stream aging rows by <c>_updated</c>) instead of failing.
/// </summary>
internal static class CodecRoles
{
    public static void Check<TKey>(TableDescriptor descriptor, GeneratedIdKeys<TKey>? generatedIdKeys, KeyPrefixLengths? keyPrefixes, UserKeys<TKey>? userKeys)
        where TKey : struct
    {
        if (generatedIdKeys is null && HasGeneratedKeyPart(descriptor))
        {
            throw Missing(descriptor, nameof(generatedIdKeys), "its codec has a generated key part");
        }

        if (keyPrefixes is null && descriptor.Kind == TableKind.Stream && generatedIdKeys is { Descending: false, Part: > 0 })
        {
            throw Missing(descriptor, nameof(keyPrefixes), "it is a stream whose time-ordered ids follow partition parts");
        }

        if (userKeys is null && descriptor.Kind == TableKind.User && descriptor.ChangeFeed)
        {
            throw Missing(descriptor, nameof(userKeys), "it is a user table with a change feed");
        }
    }

    // The schema says which key part is generated (generated descriptors always carry one); no type test at run time.
    private static bool HasGeneratedKeyPart(TableDescriptor descriptor)
    {
        if (descriptor.Schema is not { } schema)
        {
            return false;
        }

        foreach (SchemaKeyPart part in schema.KeyParts)
        {
            if (part.Generated)
            {
                return true;
            }
        }

        return false;
    }

    private static ArgumentException Missing(TableDescriptor descriptor, string parameter, string reason)
        => new($"Table '{descriptor.Name}' needs its codec's {parameter}: {reason}.", parameter);
}
