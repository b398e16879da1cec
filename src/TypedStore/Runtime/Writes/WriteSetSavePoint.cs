using TypedStore.Storage;

namespace TypedStore.Runtime.Writes;

/// <summary>
/// A position in a <see cref="WriteSet"/>: rolling back to it removes every op, arena byte, note and commit step
/// recorded since, and restores the durability. Replaces the engine-batch save points batch members used before.
/// </summary>
internal readonly record struct WriteSetSavePoint(int OpCount, int ArenaLength, int NoteCount, int StepCount, WriteDurability Durability);
