namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>
/// A handle whose native object must not outlive the database (iterator, snapshot, write batch using
/// column family handles). It holds a reference on the <see cref="DatabaseHandle"/> from creation until its
/// own release, so the database cannot be closed under it, even when a finalizer releases it late.
/// </summary>
internal abstract class DatabaseChildHandle : RocksDbHandle
{
    private DatabaseHandle? _database;

    /// <summary>The database this handle keeps open.</summary>
    protected DatabaseHandle Database => _database ?? throw new InvalidOperationException("The handle holds no database reference.");

    /// <summary>
    /// Takes the reference that keeps <paramref name="database"/> open while this handle lives. Call it before
    /// creating the native object; if creation then fails, call <see cref="AbandonDatabaseReference"/>.
    /// </summary>
    protected void AddDatabaseReference(DatabaseHandle database)
    {
        database.AddReference();
        _database = database;
    }

    /// <summary>Gives the database reference back when the native object could not be created (so <see cref="ReleaseHandle"/> never runs).</summary>
    protected void AbandonDatabaseReference()
    {
        _database?.DangerousRelease();
        _database = null;
    }

    /// <summary>Releases the native object, then the database reference.</summary>
    protected sealed override bool ReleaseHandle()
    {
        ReleaseNativeObject();
        AbandonDatabaseReference();
        return true;
    }

    /// <summary>Destroys the native object (the database is still open here).</summary>
    protected abstract void ReleaseNativeObject();
}
