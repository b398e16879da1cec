namespace TypedStore.Values;

/// <summary>Limits that every stored value obeys, whatever engine stores it.</summary>
public static class ValueLimits
{
    /// <summary>
    /// The largest stored value, in bytes: 2,147,483,591 (<see cref="Array.MaxLength"/>), envelope and members
    /// together. A write that would exceed it throws <see cref="ValueTooLargeException"/> before anything is written.
    /// </summary>
    /// <remarks>
    /// The tightest of the limits a value meets on its way: values are built in and read into byte arrays and spans
    /// indexed by <see cref="int"/> (no array is longer than <see cref="Array.MaxLength"/>); MessagePack's str32 and
    /// bin32 could say 4 GiB, but MessagePack-CSharp reads their lengths as <see cref="int"/>; RocksDB accepts values
    /// up to 4 GiB - 1. Values anywhere near this size are better split: every read copies the whole value.
    /// </remarks>
    public const int MaxValueLength = 0x7FFF_FFC7;
}
