namespace TypedStore.Diagnostics;

/// <summary>The operations the <c>typedstore.operations</c> counter tells apart (its <c>typedstore.operation</c> tag).</summary>
internal enum StoreOperation
{
    /// <summary>A point read: <c>Get</c>, <c>TryGet</c>, <c>Exists</c>.</summary>
    Get,

    /// <summary>One <c>GetMany</c> call (however many keys).</summary>
    GetMany,

    /// <summary>A scan or query started (its rows are not counted one by one).</summary>
    Scan,

    /// <summary>A <c>Put</c>.</summary>
    Put,

    /// <summary>One <c>PutMany</c> call.</summary>
    PutMany,

    /// <summary>A <c>Delete</c> of one key.</summary>
    Delete,

    /// <summary>A range delete: a prefix delete, a query's <c>Delete()</c>, <c>Clear()</c>.</summary>
    DeleteRange,
}
