using System.Text;
using TypedStore.Storage;

namespace TypedStore.Tests.Storage.Contract;

/// <summary>
/// The behaviour every <see cref="StorageEngine"/> must have, written once and run against each
/// engine by a derived class. Tests follow the contract's doc comments only, never one engine's
/// quirks; where engines legitimately differ (exact key counts, persistence) a virtual member says so.
/// The tests are split by topic over the partial files of this class.
/// </summary>
public abstract partial class StorageEngineContractTests : IDisposable
{
    /// <summary>The column families most tests open.</summary>
    protected static readonly string[] DefaultColumnFamilies = ["alpha", "beta"];

    private readonly List<StorageEngine> openedEngines = [];

    /// <summary>
    /// Opens a new, empty engine with exactly these column families. Called one or more times per
    /// test; every call must return an independent engine (its own directory for a persistent one).
    /// The base class disposes every engine it opened.
    /// </summary>
    protected abstract StorageEngine OpenEngine(IReadOnlyList<string> columnFamilies);

    /// <summary>Whether the engine keeps data across <see cref="Reopen"/>; persistence tests do nothing otherwise.</summary>
    protected virtual bool ReopenSupported => false;

    /// <summary>Whether <see cref="StorageEngine.EstimateKeyCount"/> and <c>rocksdb.estimate-num-keys</c> are exact.</summary>
    protected virtual bool KeyCountIsExact => true;

    /// <summary>
    /// Whether the async members complete synchronously (the local engines: no thread hop, no allocation); a remote
    /// engine's wait on the network and say <see langword="false"/>.
    /// </summary>
    protected virtual bool AsyncMembersCompleteSynchronously => true;

    /// <summary>
    /// Random operations per seed of the model test (2,500). An engine whose every operation is a network round trip
    /// runs fewer (and all of them under TYPEDSTORE_SOAK=1); its differential tests cover the rest.
    /// </summary>
    protected virtual int ModelSteps => 2500;

    /// <summary>Disposes <paramref name="engine"/> and opens the same store again (only when <see cref="ReopenSupported"/>).</summary>
    protected virtual StorageEngine Reopen(StorageEngine engine, IReadOnlyList<string> columnFamilies)
        => throw new NotSupportedException("This engine keeps nothing across a reopen.");

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes every engine the test opened; derived classes then remove their files.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var engine in openedEngines)
            {
                engine.Dispose();
            }

            openedEngines.Clear();
        }
    }

    /// <summary>Opens an engine with <paramref name="columnFamilies"/> (default: alpha, beta) and tracks it for disposal.</summary>
    protected StorageEngine Open(params string[] columnFamilies)
    {
        var engine = OpenEngine(columnFamilies.Length == 0 ? DefaultColumnFamilies : columnFamilies);
        openedEngines.Add(engine);
        return engine;
    }

    /// <summary>Reopens <paramref name="engine"/> and tracks the new instance.</summary>
    protected StorageEngine ReopenTracked(StorageEngine engine, params string[] columnFamilies)
    {
        openedEngines.Remove(engine);
        var reopened = Reopen(engine, columnFamilies.Length == 0 ? DefaultColumnFamilies : columnFamilies);
        openedEngines.Add(reopened);
        return reopened;
    }

    /// <summary>UTF-8 bytes of an ASCII test key or value.</summary>
    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>
    /// Reads a value with the contract's retry protocol (a short buffer first, then one of the
    /// reported length); <see langword="null"/> when absent.
    /// </summary>
    protected static byte[]? Read(StorageEngine engine, StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, StorageSnapshot? snapshot = null)
    {
        var buffer = new byte[8];
        var length = engine.Get(columnFamily, key, buffer, snapshot);
        if (length < 0)
        {
            return null;
        }

        if (length > buffer.Length)
        {
            buffer = new byte[length];
            Assert.Equal(length, engine.Get(columnFamily, key, buffer, snapshot));
        }

        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>Every entry from SeekToFirst forward.</summary>
    protected static List<KeyValuePair<byte[], byte[]>> ReadForward(StorageIterator iterator)
    {
        var entries = new List<KeyValuePair<byte[], byte[]>>();
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            // Key and Value are only valid until the next move: copy them now.
            entries.Add(new(iterator.Key.ToArray(), iterator.Value.ToArray()));
        }

        return entries;
    }

    /// <summary>Every entry from SeekToLast backward.</summary>
    protected static List<KeyValuePair<byte[], byte[]>> ReadBackward(StorageIterator iterator)
    {
        var entries = new List<KeyValuePair<byte[], byte[]>>();
        for (iterator.SeekToLast(); iterator.IsValid; iterator.Previous())
        {
            entries.Add(new(iterator.Key.ToArray(), iterator.Value.ToArray()));
        }

        return entries;
    }

    /// <summary>The keys of a whole column family (or of its bounded part), in iteration order.</summary>
    protected static List<byte[]> Keys(StorageEngine engine, StorageColumnFamily columnFamily, byte[]? lowerBound = null, byte[]? upperBound = null, StorageSnapshot? snapshot = null)
    {
        using var iterator = engine.CreateIterator(columnFamily, lowerBound, upperBound, snapshot);
        var keys = new List<byte[]>();
        foreach (var entry in ReadForward(iterator))
        {
            keys.Add(entry.Key);
        }

        return keys;
    }

    /// <summary>The keys of a column family as ASCII strings (for readable assertions on text keys).</summary>
    protected static List<string> TextKeys(StorageEngine engine, StorageColumnFamily columnFamily, byte[]? lowerBound = null, byte[]? upperBound = null, StorageSnapshot? snapshot = null)
    {
        var texts = new List<string>();
        foreach (var key in Keys(engine, columnFamily, lowerBound, upperBound, snapshot))
        {
            texts.Add(Encoding.UTF8.GetString(key));
        }

        return texts;
    }

    /// <summary>Puts each text as a key whose value is the text with a "v:" prefix.</summary>
    protected static void PutTextKeys(StorageEngine engine, StorageColumnFamily columnFamily, params string[] keys)
    {
        foreach (var key in keys)
        {
            engine.Put(columnFamily, Bytes(key), Bytes("v:" + key));
        }
    }

    /// <summary>The current key of a valid iterator as text.</summary>
    protected static string CurrentKey(StorageIterator iterator) => Encoding.UTF8.GetString(iterator.Key);
}
