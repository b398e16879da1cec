using System.ComponentModel;

namespace TypedStore.Runtime.Contexts;

/// <summary>
/// Where a table operation runs: the store itself (<see cref="DirectContext"/>), a batch (<see cref="BatchContext"/>),
/// a snapshot (<see cref="SnapshotContext"/>). A generated table accessor is the table bound to one context; what it
/// can do follows from the roles its context has: <see cref="IReadContext"/>, <see cref="IWriteContext"/>, or both.
/// </summary>
/// <remarks>
/// Contexts are structs, so the generic table reader and writer (<c>where TContext : struct, IReadContext</c>) are
/// compiled once per context by the JIT and a context's constant answers (the store reads no snapshot, commits each
/// write) fold away. The roles' members are internal: the set of contexts is the runtime's (issue 13 adds a
/// transaction's), not something user code extends.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ITableContext;
