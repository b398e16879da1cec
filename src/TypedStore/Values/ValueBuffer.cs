using System.Buffers;

namespace TypedStore.Values;

/// <summary>
/// A growable byte buffer over <see cref="ArrayPool{T}"/> arrays, reused so that reading a value back from the
/// engine (or assembling a change record) allocates nothing once it has grown to the working size. Rows are
/// encoded with <see cref="ValueWriter"/> on the stack instead. Not thread-safe: <see cref="Rent"/> hands each thread its own instance.
/// </summary>
public sealed class ValueBuffer : IBufferWriter<byte>, IDisposable
{
    private const int InitialCapacity = 512;

    // Buffers that grew past this go back to the pool on Return, so one huge row does not pin memory per thread.
    private const int RetainedCapacityLimit = 64 * 1024;

    [ThreadStatic]
    private static ValueBuffer? t_cached;

    private byte[] _buffer;
    private int _written;

    /// <summary>Creates an empty writer.</summary>
    public ValueBuffer()
    {
        _buffer = ArrayPool<byte>.Shared.Rent(InitialCapacity);
    }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>Number of bytes written so far.</summary>
    public int WrittenCount => _written;

    /// <summary>
    /// Takes this thread's cached writer (empty), or a new one when it is already in use further up the stack.
    /// Give it back with <see cref="Return"/>.
    /// </summary>
    public static ValueBuffer Rent()
    {
        ValueBuffer? writer = t_cached;
        if (writer is null)
        {
            return new ValueBuffer();
        }

        t_cached = null;
        return writer;
    }

    /// <summary>Resets <paramref name="writer"/> and keeps it as this thread's cached writer.</summary>
    public static void Return(ValueBuffer writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer._written = 0;
        if (writer._buffer.Length > RetainedCapacityLimit)
        {
            byte[] large = writer._buffer;
            writer._buffer = ArrayPool<byte>.Shared.Rent(InitialCapacity);
            ArrayPool<byte>.Shared.Return(large);
        }

        t_cached = writer;
    }

    /// <summary>Forgets everything written, keeping the buffer.</summary>
    public void Clear() => _written = 0;

    /// <inheritdoc/>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Cannot advance past the end of the buffer.");
        }

        _written += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureCapacity(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureCapacity(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Returns the buffer to the pool. The writer must not be used afterwards.</summary>
    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void EnsureCapacity(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        long required = (long)_written + needed;
        if (required > Array.MaxLength)
        {
            throw new InsufficientMemoryException($"A value cannot exceed {Array.MaxLength} bytes.");
        }

        int newSize = (int)Math.Min(Math.Max(required, (long)_buffer.Length * 2), Array.MaxLength);
        byte[] grown = ArrayPool<byte>.Shared.Rent(newSize);
        _buffer.AsSpan(0, _written).CopyTo(grown);
        byte[] old = _buffer;
        _buffer = grown;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old);
        }
    }
}
