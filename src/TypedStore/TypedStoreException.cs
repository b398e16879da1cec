namespace TypedStore;

/// <summary>Base type of every error TypedStore raises about the store itself (as opposed to argument errors).</summary>
public class TypedStoreException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public TypedStoreException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public TypedStoreException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The table the error concerns, when there is one.</summary>
    public string? Table { get; init; }

    /// <summary>The key the error concerns, rendered for people, when there is one.</summary>
    public string? Key { get; init; }
}

/// <summary>The storage engine reported an error (the native message is kept in <see cref="Exception.Message"/>).</summary>
public class StorageEngineException : TypedStoreException
{
    /// <summary>Creates an exception with the engine's message.</summary>
    public StorageEngineException(string message) : base(message) { }

    /// <summary>Creates an exception with the engine's message and the error that caused it.</summary>
    public StorageEngineException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>The store's directory is already open, in this process or another one.</summary>
public sealed class StoreLockedException : StorageEngineException
{
    /// <summary>Creates an exception for a store that is already open.</summary>
    public StoreLockedException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>Stored bytes (a key or a value) could not be decoded. The store stays usable.</summary>
public sealed class CorruptDataException : TypedStoreException
{
    /// <summary>Creates an exception for undecodable stored bytes.</summary>
    public CorruptDataException(string message, Exception? innerException = null) : base(message, innerException) { }
}
