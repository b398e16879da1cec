namespace TypedStore;

/// <summary>What a change recorded by a <c>ChangeFeed</c> table's feed did (docs/table-kinds.md, "Change feed").</summary>
public enum ChangeKind : byte
{
    /// <summary>A row was inserted or replaced (<c>Put</c>, <c>PutMany</c>, <c>Append</c>, a batch put); the change carries the row.</summary>
    Put = 1,

    /// <summary>A row was removed (<c>Delete</c> on a table without <c>SoftDelete</c>, or by a query's range delete or <c>Clear</c>, on any table).</summary>
    Delete = 2,

    /// <summary>A row was marked deleted (<c>Delete</c> on a <c>SoftDelete</c> table); it can still be restored.</summary>
    SoftDelete = 3,

    /// <summary>A soft-deleted row was restored.</summary>
    Restore = 4,

    /// <summary>A row was removed for good (<c>Purge</c>, or collected by <c>PurgeDeleted</c>).</summary>
    Purge = 5,

    /// <summary>Every row of one user was removed (<c>DeleteUser</c>); only the user part of the change's key is set.</summary>
    DeleteUser = 6,
}
