using System.Diagnostics;
using TypedStore.Diagnostics;
using TypedStore.Catalog;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Features.Indexes;

/// <summary>
/// What <c>Open</c> does for indexes (docs/indexes.md, "Build and drop"), after the tables are built and before the
/// catalog records the open's declarations: an index declared but not recorded in <c>__indexes</c> (or recorded with
/// other members or uniqueness) is built from the table's rows; a recorded index its table no longer declares is dropped.
/// Every build is computed and checked before anything is written, so a unique violation fails the open with the store
/// as it was. A read-only open builds nothing and refuses an index that is not built.
/// </summary>
internal static class IndexLifecycle
{
    /// <summary>How many entries one write of a build holds.</summary>
    internal const int ChunkSize = 10_000;

    public static void Apply(StoreRuntime runtime, IReadOnlyList<TableDescriptor> declared, IReadOnlyList<IIndexedTable> indexed)
    {
        StorageEngine engine = runtime.Engine;
        if (!engine.TryGetStoredColumnFamily(IndexCatalogStore.ColumnFamily, out _))
        {
            // No table declares an index and the store never had one.
            return;
        }

        IndexCatalogStore catalog = IndexCatalogStore.Attach(runtime);
        Dictionary<(string Table, string Name), CatalogIndexRecord> records = [];
        foreach (CatalogIndexRecord record in catalog.Indexes.ScanAll())
        {
            records[(record.Table, record.Name)] = record;
        }

        // Plan: everything to build is computed and checked before anything is written.
        List<(IndexBuild Build, CatalogIndexRecord Record)> builds = [];
        foreach (IIndexedTable table in indexed)
        {
            IReadOnlyList<IndexDescriptor> indexes = table.Descriptor.Indexes;
            for (int i = 0; i < indexes.Count; i++)
            {
                IndexDescriptor index = indexes[i];
                if (records.TryGetValue((table.Descriptor.Name, index.Name), out CatalogIndexRecord? recorded) && Matches(recorded, index))
                {
                    continue;
                }

                if (engine.IsReadOnly)
                {
                    throw new TypedStoreException(
                        $"Table '{table.Descriptor.Name}' declares the index {index}, which the store has not built (or built with other members); " +
                        "a read-only open cannot build it. Open the store read-write once to build it. Nothing was written.")
                    {
                        Table = table.Descriptor.Name,
                    };
                }

                IndexBuild build = table.PrepareBuild(i);
                builds.Add((build, new CatalogIndexRecord(table.Descriptor.Name, index.Name, index.Unique, [.. index.Members], default)));
            }
        }

        if (engine.IsReadOnly)
        {
            return;
        }

        // Drop: the record goes first, then the column family, so a crash in between leaves entries no record vouches
        // for (cleared by the build, should the index come back), never a record over missing entries. The column
        // family of an index no longer declared is not requested by the open; an engine that keeps it anyway (RocksDB
        // opens every stored family) hands it out by name, and it is dropped.
        Dictionary<string, TableDescriptor> tables = new(StringComparer.Ordinal);
        foreach (TableDescriptor table in declared)
        {
            tables[table.Name] = table;
        }

        foreach (CatalogIndexRecord record in records.Values)
        {
            if (tables.TryGetValue(record.Table, out TableDescriptor? table) && !Declares(table, record.Name))
            {
                catalog.Indexes.Delete(record.Table, record.Name);
                string name = IndexDescriptor.ColumnFamilyName(record.Table, record.Name);
                if (engine.TryGetStoredColumnFamily(name, out StorageColumnFamily? columnFamily))
                {
                    if (IsRequested(engine, columnFamily))
                    {
                        Clear(engine, columnFamily);
                    }
                    else
                    {
                        engine.DropColumnFamily(columnFamily);
                    }
                }

                StoreLog.IndexDropped(runtime.Logger, runtime.Name, record.Table, record.Name);
            }
        }

        // Build: clear what a crashed build may have left, write the entries in chunks, then record the index.
        foreach ((IndexBuild build, CatalogIndexRecord record) in builds)
        {
            catalog.Indexes.Delete(record.Table, record.Name);
            Clear(engine, build.ColumnFamily);
            long started = Stopwatch.GetTimestamp();
            Write(engine, build, runtime);
            catalog.Indexes.Put(record with { Built = runtime.Options.TimeProvider.GetUtcNow() });
            StoreLog.IndexBuilt(runtime.Logger, runtime.Name, build.Table, build.Index, build.Entries.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>Removes every entry of <paramref name="columnFamily"/> with one range delete (from its first key to past its last).</summary>
    internal static void Clear(StorageEngine engine, StorageColumnFamily columnFamily)
    {
        byte[] first;
        byte[] end;
        using (StorageIterator iterator = engine.CreateIterator(columnFamily))
        {
            iterator.SeekToFirst();
            if (!iterator.IsValid)
            {
                return;
            }

            first = iterator.Key.ToArray();
            iterator.SeekToLast();
            end = [.. iterator.Key, 0];
        }

        engine.DeleteRange(columnFamily, first, end, WriteDurability.Synced);
    }

    // Progress goes to the option's callback and to the log (the start at Information, each chunk at Debug).
    private static void Write(StorageEngine engine, IndexBuild build, StoreRuntime runtime)
    {
        Action<IndexBuildProgress>? progress = runtime.Options.IndexBuildProgress;
        List<(byte[] Entry, byte[] Value)> entries = build.Entries;
        StoreLog.IndexBuildStarted(runtime.Logger, runtime.Name, build.Table, build.Index, entries.Count);
        progress?.Invoke(new IndexBuildProgress(build.Table, build.Index, 0, entries.Count));
        for (int start = 0; start < entries.Count; start += ChunkSize)
        {
            int end = Math.Min(entries.Count, start + ChunkSize);
            using StorageWriteBatch batch = engine.CreateWriteBatch();
            for (int i = start; i < end; i++)
            {
                batch.Put(build.ColumnFamily, entries[i].Entry, entries[i].Value);
            }

            engine.Write(batch);
            StoreLog.IndexBuildProgress(runtime.Logger, runtime.Name, build.Table, build.Index, end, entries.Count);
            progress?.Invoke(new IndexBuildProgress(build.Table, build.Index, end, entries.Count));
        }
    }

    private static bool Matches(CatalogIndexRecord record, IndexDescriptor index)
    {
        if (record.Unique != index.Unique || record.Members is null || record.Members.Count != index.Members.Count)
        {
            return false;
        }

        for (int i = 0; i < index.Members.Count; i++)
        {
            if (record.Members[i] != index.Members[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool Declares(TableDescriptor table, string index)
    {
        foreach (IndexDescriptor declared in table.Indexes)
        {
            if (declared.Name == index)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRequested(StorageEngine engine, StorageColumnFamily columnFamily)
    {
        foreach (StorageColumnFamily requested in engine.ColumnFamilies)
        {
            if (ReferenceEquals(requested, columnFamily))
            {
                return true;
            }
        }

        return false;
    }
}
