namespace TypedStore.Cli.Reading;

/// <summary>A stored key or value does not decode as the catalog's schema says; the message names what and where.</summary>
internal sealed class RowDecodeException(string message, Exception? inner = null) : Exception(message, inner);
