namespace TypedStore.Ycsb.Workloads;

/// <summary>What one operation does.</summary>
internal enum OperationKind : byte
{
    Read,
    Update,
    Insert,
    Scan,
    ReadModifyWrite,
}

/// <summary>
/// One planned operation: every contender replays the same operations, so all of them read, write and scan the same
/// records in the same order. <see cref="Version"/> is the version of the row a write stores; <see cref="ScanLength"/>
/// the rows a scan asks for.
/// </summary>
internal readonly record struct Operation(OperationKind Kind, int Record, byte Version, byte ScanLength);
