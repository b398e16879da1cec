using TypedStore.Tables;

namespace TypedStore.Features.Indexes;

/// <summary>A table with indexes as the open sees it: what it declares, and the build and drop of one of its indexes.</summary>
internal interface IIndexedTable
{
    /// <summary>The table.</summary>
    TableDescriptor Descriptor { get; }

    /// <summary>
    /// Computes every entry of index <paramref name="index"/> from the table's live rows (latest state) and, for a
    /// unique index, checks them; throws <see cref="UniqueConstraintException"/> before anything is written.
    /// </summary>
    IndexBuild PrepareBuild(int index);
}
