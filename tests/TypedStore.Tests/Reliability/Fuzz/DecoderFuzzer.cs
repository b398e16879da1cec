using TypedStore.Keys;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Tests.Reliability.Fuzz;

/// <summary>
/// Feeds damaged stored bytes to one table's generated decoders the way a store meets them: each input is written
/// raw into the table's column family (a damaged value under a valid key, or a valid value under a damaged key) and
/// read back through the table (<c>TryGet</c> for values, a scan for keys, which decodes both). Every read must
/// return a row or throw <see cref="CorruptDataException"/> naming the table and the key.
/// </summary>
internal sealed class DecoderFuzzer : IDisposable
{
    private readonly StorageEngine _engine;
    private readonly StoreRuntime _runtime;
    private readonly FuzzReport _report;
    private readonly Random _random;

    public DecoderFuzzer(IReadOnlyList<string> tables, FuzzReport report, Random random)
    {
        _engine = StorageEngines.CreateInMemory(tables);
        _runtime = StoreRuntime.Create("FuzzStore", _engine);
        _report = report;
        _random = random;
    }

    public void Dispose() => _runtime.Dispose();

    public void Run<TRow, TKey, TCodec>(string table, IReadOnlyList<TRow> samples, int valueInputs, int keyInputs)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        var core = new TableCore<TRow, TKey, TCodec>(_runtime, new TableDescriptor(table, TableKind.Shared));
        StorageColumnFamily family = _engine.GetColumnFamily(table);

        // Valid stored forms of the samples: written through the table, read back raw.
        var keys = new byte[samples.Count][];
        var values = new byte[samples.Count][];
        for (int i = 0; i < samples.Count; i++)
        {
            core.Put(samples[i]);
            using StorageIterator stored = _engine.CreateIterator(family);
            stored.SeekToFirst();
            keys[i] = stored.Key.ToArray();
            values[i] = stored.Value.ToArray();
            _engine.Delete(family, keys[i]);
        }

        for (int i = 0; i < valueInputs; i++)
        {
            int sample = _random.Next(samples.Count);
            byte[] value = ByteMutator.MutateValue(values[sample], values[_random.Next(values.Length)], _random);
            _engine.Put(family, keys[sample], value);
            Classify(table, keys[sample], value, () => core.TryGet(TCodec.GetKey(samples[sample]), null, out _));
            _engine.Delete(family, keys[sample]);
        }

        for (int i = 0; i < keyInputs; i++)
        {
            byte[] key = ByteMutator.Mutate(keys[_random.Next(keys.Length)], keys[_random.Next(keys.Length)], _random);
            _engine.Put(family, key, values[_random.Next(values.Length)]);
            Classify(table, key, key, () => core.Scan(default, reverse: false, snapshot: null).Count() == 1);
            _engine.Delete(family, key);
        }
    }

    private void Classify(string table, byte[] storedKey, byte[] input, Func<bool> read)
    {
        try
        {
            read();
            _report.Decoded();
        }
        catch (CorruptDataException ex) when (ex.Table == table && ex.Key == KeyDisplay.Render(storedKey))
        {
            _report.Refused(ex);
        }
        catch (Exception ex)
        {
            _report.Failed(table, input, ex);
        }
    }
}
