using FASTER.core;
using TypedStore.Ycsb.Model;

namespace TypedStore.Ycsb.Contenders;

/// <summary>
/// Microsoft FASTER KV with variable-length keys and values as <see cref="SpanByte"/> (its docs' way for byte payloads:
/// <c>FasterKV&lt;SpanByte, SpanByte&gt;</c>, <c>SpanByteFunctions</c>, one client session per thread, reads into a
/// caller buffer with a pooled fallback), rows as <see cref="UsertableCodec"/> bytes. FASTER keeps no write-ahead log:
/// writes live in the in-memory hybrid log (sized here to hold the run) until a checkpoint, so TypedStore's
/// <c>DisableWal</c> row is the like-for-like one. FASTER KV is a hash index with no ordered scan, so workload E is not run.
/// </summary>
internal sealed class FasterYcsb : YcsbContender
{
    private readonly FasterKVSettings<SpanByte, SpanByte> _settings;
    private readonly FasterKV<SpanByte, SpanByte> _store;

    public FasterYcsb(string directory, long memoryBytes)
    {
        _settings = new FasterKVSettings<SpanByte, SpanByte>(directory, deleteDirOnDispose: false)
        {
            MemorySize = memoryBytes,
            IndexSize = 1L << 26,
        };
        _store = new FasterKV<SpanByte, SpanByte>(_settings);
        DataDirectory = directory;
    }

    public override string Name => "FASTER";

    public override string Durability => "no log: writes in the in-memory hybrid log, durable only at a checkpoint (none taken)";

    public override bool SurvivesProcessCrash => false;

    public override bool SupportsScan => false;

    public override YcsbSession OpenSession() => new Session(this);

    protected override void Dispose(bool disposing)
    {
        _store.Dispose();
        _settings.Dispose();
    }

    private sealed unsafe class Session : YcsbSession
    {
        private readonly ClientSession<SpanByte, SpanByte, SpanByte, SpanByteAndMemory, Empty, SpanByteFunctions<Empty>> _session;
        private readonly byte[] _value = GC.AllocateArray<byte>(UsertableCodec.MaxValueBytes, pinned: true);
        private readonly byte[] _output = GC.AllocateArray<byte>(UsertableCodec.MaxValueBytes + 16, pinned: true);

        public Session(FasterYcsb owner)
            : base(owner.Name)
            => _session = owner._store.For(new SpanByteFunctions<Empty>()).NewSession<SpanByteFunctions<Empty>>();

        public override void Insert(Usertable row)
        {
            byte* keyBytes = stackalloc byte[UsertableCodec.MaxKeyBytes];
            int keyLength = UsertableCodec.EncodeKey(row.Key, new Span<byte>(keyBytes, UsertableCodec.MaxKeyBytes));
            int valueLength = UsertableCodec.Encode(row, _value);
            fixed (byte* value = _value)
            {
                var key = SpanByte.FromPointer(keyBytes, keyLength);
                var data = SpanByte.FromPointer(value, valueLength);
                Status status = _session.Upsert(ref key, ref data);
                if (status.IsPending)
                {
                    _session.CompletePending(wait: true);
                }
            }
        }

        public override void Read(string key)
        {
            byte* keyBytes = stackalloc byte[UsertableCodec.MaxKeyBytes];
            int keyLength = UsertableCodec.EncodeKey(key, new Span<byte>(keyBytes, UsertableCodec.MaxKeyBytes));
            var spanKey = SpanByte.FromPointer(keyBytes, keyLength);
            fixed (byte* outputBytes = _output)
            {
                var output = new SpanByteAndMemory(outputBytes, _output.Length);
                Status status = _session.Read(ref spanKey, ref output);
                if (status.IsPending)
                {
                    _session.CompletePendingWithOutputs(out CompletedOutputIterator<SpanByte, SpanByte, SpanByte, SpanByteAndMemory, Empty> outputs, wait: true);
                    using (outputs)
                    {
                        if (!outputs.Next())
                        {
                            throw new YcsbCheckException(Contender, key, "a pending read completed without output");
                        }

                        status = outputs.Current.Status;
                        output = outputs.Current.Output;
                    }
                }

                if (!status.Found)
                {
                    throw new YcsbCheckException(Contender, key, $"the row is missing ({status})");
                }

                if (output.IsSpanByte)
                {
                    RowFactory.Verify(Contender, key, UsertableCodec.Decode(key, output.SpanByte.AsReadOnlySpan()));
                }
                else
                {
                    using (output.Memory)
                    {
                        RowFactory.Verify(Contender, key, UsertableCodec.Decode(key, output.Memory.Memory.Span[..output.Length]));
                    }
                }
            }
        }

        public override void Scan(string startKey, int count)
            => throw new NotSupportedException("FASTER KV has no ordered scan from a key");

        protected override void Dispose(bool disposing) => _session.Dispose();
    }
}
