using BenchmarkDotNet.Attributes;
using MessagePack;
using TypedStore.Benchmarks.Data;
using TypedStore.Benchmarks.Model;
using TypedStore.Keys;
using TypedStore.Runtime.Contexts;
using TypedStore.Tables;
using TypedStore.Values;

namespace TypedStore.Benchmarks.Suites;

/// <summary>
/// The CPU work the typed layer adds around one engine call, piece by piece and without any I/O: what a typed
/// Put does before its native write, and what a typed Get does after its native read. Read these next to the
/// TypedStoreCore rows of the storage suites to see where the typed layer's time goes.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class HotPathBenchmarks
{
    private const int RowsPerInvoke = 1_000;

    private Event[] _rows = [];
    private byte[][] _values = [];
    private StoreRuntime? _runtime;
    private TableCore<Event, BenchStore.EventsKey, BenchStore.EventsCodec>? _table;

    [GlobalSetup]
    public void Setup()
    {
        EventData events = new BenchDataSet(eventRows: RowsPerInvoke).Events;
        _rows = events.Rows;
        _values = events.Values;
        _runtime = StoreRuntime.Create(nameof(BenchStore), new DiscardingEngine("events", events.Values[0]));
        _table = new TableCore<Event, BenchStore.EventsKey, BenchStore.EventsCodec>(_runtime, new TableDescriptor("events", TableKind.Shared));
    }

    [GlobalCleanup]
    public void Cleanup() => _runtime?.Dispose();

    /// <summary>A whole typed Put over an engine that stores nothing: the typed layer's entire cost per write.</summary>
    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public void TypedPutWithoutStorage()
    {
        TableWriter<Event, BenchStore.EventsKey, BenchStore.EventsCodec> table = _table!.Writer;
        DirectContext direct = _runtime!.Context;
        foreach (Event row in _rows)
        {
            table.Put(direct, row);
        }
    }

    /// <summary>A whole typed Get over an engine that copies out one fixed value: the typed layer's entire cost per read.</summary>
    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public long TypedGetWithoutStorage()
    {
        TableReader<Event, BenchStore.EventsKey, BenchStore.EventsCodec> table = _table!.Reader;
        DirectContext direct = _runtime!.Context;
        long total = 0;
        foreach (Event row in _rows)
        {
            if (table.TryGet(direct, BenchStore.EventsCodec.GetKey(row), out Event? read))
            {
                total += read.Sequence;
            }
        }

        return total;
    }

    /// <summary>The key, as <c>Put</c> encodes it: a stack buffer, the generated key codec, the string part.</summary>
    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public int EncodeKey()
    {
        int total = 0;
        foreach (Event row in _rows)
        {
            total += EncodeOneKey(row);
        }

        return total;
    }

    // As in TableCore: a fresh stack buffer per key (a stackalloc in the loop itself would grow the stack).
    private static int EncodeOneKey(Event row)
    {
        var writer = new KeyWriter(stackalloc byte[256]);
        try
        {
            BenchStore.EventsCodec.WriteKey(ref writer, BenchStore.EventsCodec.GetKey(row));
            return writer.Length;
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>The clock read behind the <c>_updated</c> system column of every write (the store's, on the system clock).</summary>
    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public long ReadClock()
    {
        long total = 0;
        StoreRuntime runtime = _runtime!;
        for (int i = 0; i < RowsPerInvoke; i++)
        {
            total += runtime.GetUtcNowTicks();
        }

        return total;
    }

    /// <summary>A precise read of the system clock (<see cref="TimeProvider.System"/>), for comparison with <see cref="ReadClock"/>.</summary>
    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public long ReadPreciseClock()
    {
        long total = 0;
        TimeProvider clock = TimeProvider.System;
        for (int i = 0; i < RowsPerInvoke; i++)
        {
            total += clock.GetUtcNow().UtcTicks;
        }

        return total;
    }

    /// <summary>The value, as <c>Put</c> encodes it: stack buffer, envelope header with the clock, generated value writer.</summary>
    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public int EncodeValue()
    {
        int total = 0;
        StoreRuntime runtime = _runtime!;
        foreach (Event row in _rows)
        {
            total += EncodeOneValue(row, runtime);
        }

        return total;
    }

    // As in TableCore: a fresh stack buffer per value.
    private static int EncodeOneValue(Event row, StoreRuntime runtime)
    {
        var writer = new ValueWriter(stackalloc byte[TableCore<Event, BenchStore.EventsKey, BenchStore.EventsCodec>.StackValueLength]);
        try
        {
            ValueEnvelope.WriteHeader(writer.GetSpan(ValueEnvelope.HeaderLength), ValueFlags.None, runtime.GetUtcNowTicks());
            writer.Advance(ValueEnvelope.HeaderLength);
            BenchStore.EventsCodec.WriteValue(ref writer, row);
            return writer.Length;
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>The row, as <c>Get</c> decodes a stored value: envelope header, then the generated MessagePack reader.</summary>
    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public long DecodeValue()
    {
        long total = 0;
        for (int i = 0; i < _values.Length; i++)
        {
            byte[] value = _values[i];
            if (!ValueEnvelope.TryReadHeader(value, out ValueHeader header) || header.IsDeleted)
            {
                throw new InvalidOperationException("Not a live row.");
            }

            var reader = new MessagePackReader(value.AsMemory(ValueEnvelope.HeaderLength));
            total += BenchStore.EventsCodec.ReadValue(ref reader, BenchStore.EventsCodec.GetKey(_rows[i])).Sequence;
        }

        return total;
    }
}
