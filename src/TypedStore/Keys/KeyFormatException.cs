namespace TypedStore.Keys;

/// <summary>
/// Encoded key bytes could not be decoded: a part is truncated, a string or byte-array part is not
/// terminated or holds a bad escape sequence, a value is outside its type's range, or a string is
/// not valid UTF-8. Thrown by <see cref="KeyReader"/>; callers that know the table wrap it in a
/// <see cref="CorruptDataException"/>.
/// </summary>
public sealed class KeyFormatException : FormatException
{
    /// <summary>Creates an exception with a default message.</summary>
    public KeyFormatException()
        : base("The key bytes are not a valid encoded key.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong with the key bytes, and where.</param>
    public KeyFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    /// <param name="message">What is wrong with the key bytes, and where.</param>
    /// <param name="innerException">The underlying error, such as a UTF-8 decoding failure.</param>
    public KeyFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
