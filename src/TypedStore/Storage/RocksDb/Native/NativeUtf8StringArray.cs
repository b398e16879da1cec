using System.Runtime.InteropServices;
using System.Text;

namespace TypedStore.Storage.RocksDb.Native;

/// <summary>
/// A <c>const char* const*</c> array of NUL-terminated UTF-8 strings in native memory, for the column
/// family names of the open call. Used only while opening, so simplicity beats pooling here.
/// </summary>
internal sealed unsafe class NativeUtf8StringArray : IDisposable
{
    private readonly int _count;
    private byte** _pointers;

    /// <summary>Copies <paramref name="values"/> (which must not contain NUL characters) to native memory.</summary>
    public NativeUtf8StringArray(IReadOnlyList<string> values)
    {
        _count = values.Count;
        _pointers = (byte**)NativeMemory.AllocZeroed((nuint)Math.Max(_count, 1), (nuint)sizeof(byte*));
        try
        {
            for (int i = 0; i < _count; i++)
            {
                int length = Encoding.UTF8.GetByteCount(values[i]);
                byte* text = (byte*)NativeMemory.Alloc((nuint)length + 1);
                _pointers[i] = text;
                Encoding.UTF8.GetBytes(values[i], new Span<byte>(text, length));
                text[length] = 0;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The array of string pointers; valid until <see cref="Dispose"/>.</summary>
    public byte** Pointers => _pointers;

    /// <summary>Frees every string and the array.</summary>
    public void Dispose()
    {
        if (_pointers == null)
        {
            return;
        }

        for (int i = 0; i < _count; i++)
        {
            NativeMemory.Free(_pointers[i]);
        }

        NativeMemory.Free(_pointers);
        _pointers = null;
    }
}
