namespace TypedStore.Runtime.Writes;

/// <summary>The engine operation a <see cref="WriteOp"/> becomes in the commit's engine batch.</summary>
internal enum WriteOpKind : byte
{
    /// <summary>Insert or replace the value of one key.</summary>
    Put,

    /// <summary>Remove one key.</summary>
    Delete,

    /// <summary>Remove every key in [key, end): the op's value holds the exclusive end.</summary>
    DeleteRange,
}
