namespace TypedStore;

/// <summary>
/// An export stream could not be imported: it is damaged (a checksum, a length or a count does not match, it ends
/// early), it is not an export or has a newer version, or it does not match the target store (a table missing,
/// another schema, kind or options, a table that is not empty). <see cref="TypedStoreException.Table"/> names the
/// table when there is one. Tables already imported whole stay; the table being imported is left as it was.
/// </summary>
public sealed class ExportFormatException : TypedStoreException
{
    /// <summary>Creates an exception with a message.</summary>
    public ExportFormatException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public ExportFormatException(string message, Exception? innerException) : base(message, innerException) { }
}
