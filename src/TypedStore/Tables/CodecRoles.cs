namespace TypedStore.Tables;

/// <summary>
/// Checks, once per table at open, that a table core was given the per-table handle on every codec role its
/// features use (<see cref="GeneratedIdKeys{TKey}"/>, <see cref="KeyPrefixLengths"/>, <see cref="UserKeys{TKey}"/>):
/// generated code always passes them; a core built by hand without them would otherwise fall back to a table without
/// the feature (a stream aging rows by <c>_updated</c>) instead of failing.
/// </summary>
internal static class CodecRoles
{
    public static void Check<TRow, TKey, TCodec>(TableDescriptor descriptor, GeneratedIdKeys<TKey>? generatedIdKeys, KeyPrefixLengths? keyPrefixes, UserKeys<TKey>? userKeys)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        if (generatedIdKeys is null && typeof(IGeneratedIdCodec<TRow, TKey>).IsAssignableFrom(typeof(TCodec)))
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

    private static ArgumentException Missing(TableDescriptor descriptor, string parameter, string reason)
        => new($"Table '{descriptor.Name}' needs its codec's {parameter}: {reason}.", parameter);
}
