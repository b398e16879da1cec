using TypedStore.Values;

namespace TypedStore.Storage;

/// <summary>Get-many: N point reads in one engine call, from one consistent view.</summary>
public abstract partial class StorageEngine
{
    /// <summary>
    /// Reads the values of several keys of one column family with one engine call (RocksDB: one batched multi-get),
    /// all from one consistent view of the column family. The keys are packed one after another in
    /// <paramref name="keys"/>, key <c>i</c> being <paramref name="keyLengths"/>[i] bytes long. For each key, in input
    /// order, the value is appended to <paramref name="values"/> and its length written to
    /// <paramref name="valueLengths"/>[i], or -1 (nothing appended) when the key is absent. Duplicate keys are read
    /// twice; no keys reads nothing.
    /// </summary>
    /// <param name="columnFamily">The column family every key belongs to.</param>
    /// <param name="keys">The keys, concatenated.</param>
    /// <param name="keyLengths">The length of each key; their sum must be the length of <paramref name="keys"/>.</param>
    /// <param name="values">Receives the values found, concatenated in input order.</param>
    /// <param name="valueLengths">Receives each value's length or -1; exactly as long as <paramref name="keyLengths"/>.</param>
    /// <param name="snapshot">Reads as of this snapshot; <see langword="null"/> reads the current state.</param>
    /// <remarks>
    /// The default implementation reads each key with <see cref="TryGet"/> through <paramref name="snapshot"/>, or
    /// through a snapshot of its own when none is given, so that it stays one consistent view.
    /// </remarks>
    public virtual void GetMany(
        StorageColumnFamily columnFamily,
        ReadOnlySpan<byte> keys,
        ReadOnlySpan<int> keyLengths,
        ValueBuffer values,
        Span<int> valueLengths,
        StorageSnapshot? snapshot = null)
    {
        ThrowIfGetManyArgumentsInvalid(keys, keyLengths, values, valueLengths);
        StorageSnapshot? own = snapshot is null && keyLengths.Length > 1 ? CreateSnapshot() : null;
        try
        {
            int offset = 0;
            for (int i = 0; i < keyLengths.Length; i++)
            {
                ReadOnlySpan<byte> key = keys.Slice(offset, keyLengths[i]);
                offset += keyLengths[i];
                int before = values.WrittenCount;
                valueLengths[i] = TryGet(columnFamily, key, values, snapshot ?? own) ? values.WrittenCount - before : -1;
            }
        }
        finally
        {
            own?.Dispose();
        }
    }

    /// <summary>
    /// Checks the packed-keys arguments of <see cref="GetMany"/>: the lengths are not negative, add up to the packed
    /// keys, and there is one result slot per key. Engines overriding <see cref="GetMany"/> call it first.
    /// </summary>
    protected static void ThrowIfGetManyArgumentsInvalid(ReadOnlySpan<byte> keys, ReadOnlySpan<int> keyLengths, ValueBuffer values, Span<int> valueLengths)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (valueLengths.Length != keyLengths.Length)
        {
            throw new ArgumentException(
                $"GetMany needs one result slot per key: {keyLengths.Length} keys, {valueLengths.Length} value lengths.", nameof(valueLengths));
        }

        long total = 0;
        for (int i = 0; i < keyLengths.Length; i++)
        {
            if (keyLengths[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(keyLengths), keyLengths[i], $"Key length #{i} is negative.");
            }

            total += keyLengths[i];
        }

        if (total != keys.Length)
        {
            throw new ArgumentException(
                $"The key lengths add up to {total} bytes, but {keys.Length} bytes of keys were given.", nameof(keyLengths));
        }
    }
}
