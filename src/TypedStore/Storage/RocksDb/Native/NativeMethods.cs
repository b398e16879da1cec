using System.Runtime.InteropServices;

namespace TypedStore.Storage.RocksDb.Native;

/// <summary>
/// Bindings to librocksdb's C API (<c>include/rocksdb/c.h</c>), generated at compile time by
/// <see cref="LibraryImportAttribute"/>: no runtime marshalling stubs, no Reflection.Emit, so the
/// runtime stays NativeAOT-compatible. Every parameter is blittable (opaque pointers as
/// <see cref="nint"/>, <c>size_t</c> as <see cref="nuint"/>, <c>unsigned char</c> booleans as
/// <see cref="byte"/>); strings are passed as UTF-8 by the generated stubs.
/// </summary>
/// <remarks>
/// Functions that can fail take <c>char** errptr</c> last: on failure RocksDB stores a malloc'ed
/// message there, which <see cref="NativeError"/> copies and releases with <c>rocksdb_free</c>.
/// The declarations are split by native object kind into the partial files beside this one.
/// The native library is the <c>librocksdb</c> that the RocksDB NuGet package ships per runtime.
/// </remarks>
internal static unsafe partial class NativeMethods
{
    private const string Library = "rocksdb";

    /// <summary>Frees memory RocksDB allocated for the caller (error messages, property values).</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_free(void* ptr);
}
