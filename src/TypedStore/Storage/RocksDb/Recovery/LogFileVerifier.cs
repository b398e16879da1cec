using System.Buffers.Binary;
using System.Numerics;

namespace TypedStore.Storage.RocksDb.Recovery;

/// <summary>
/// Walks a file in RocksDB's log format (the format of both the MANIFEST and the WAL, <c>db/log_format.h</c>) and
/// reports the first record that cannot be read: a checksum that does not match, a length running past the end of
/// its block or of the file, a record type RocksDB never writes, a fragmented record that never ends.
/// </summary>
/// <remarks>
/// <para>
/// Why our own reader: RocksDB's log reader treats a damaged <em>last</em> record as the end of the file (a writer
/// that died mid-append leaves exactly that), so a MANIFEST that lost its tail opens as an older version of the
/// store, and the table files named only by the lost edits are deleted as obsolete. RocksDB syncs the MANIFEST before
/// it relies on an edit, so a healthy store never has a torn MANIFEST tail after a process crash; this reader is
/// strict where RocksDB is lenient.
/// </para>
/// <para>
/// The format: the file is a sequence of 32 KiB blocks; a block holds physical records, each a header (masked
/// CRC32C, 2-byte little-endian length, 1-byte type; recyclable types add a 4-byte log number) and its payload; fewer
/// than a header's bytes left at the end of a block are zero padding. A logical record is one Full fragment or
/// First, Middle..., Last. The CRC covers the type byte (and the log number), then the payload.
/// </para>
/// </remarks>
internal static class LogFileVerifier
{
    private const int BlockSize = 32 * 1024;
    private const int HeaderSize = 4 + 2 + 1;
    private const int RecyclableHeaderSize = HeaderSize + 4;

    // Record types (RocksDB db/log_format.h).
    private const byte ZeroType = 0;
    private const byte FullType = 1;
    private const byte FirstType = 2;
    private const byte MiddleType = 3;
    private const byte LastType = 4;
    private const byte RecyclableFullType = 5;
    private const byte RecyclableLastType = 8;
    private const byte RecyclableUserDefinedTimestampSizeType = 11;

    /// <summary>Types with this bit set may be skipped by readers that do not know them (RocksDB's <c>kRecordTypeSafeIgnoreMask</c>).</summary>
    private const byte SafeIgnoreMask = 1 << 7;

    /// <summary>RocksDB's <c>kRecyclePredecessorWALInfoType</c>: the one safe-to-ignore type with the recyclable header.</summary>
    private const byte RecyclePredecessorWalInfoType = 131;

    private const uint CrcMaskDelta = 0xa282ead8;

    /// <summary>The first unreadable record of <paramref name="path"/>, or <see langword="null"/> when the whole file reads cleanly.</summary>
    public static LogFileDamage? FindDamage(string path)
    {
        // Shared with any writer, and never locking: the check must not disturb anything.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        byte[] block = new byte[BlockSize];
        long blockStart = 0;
        bool insideFragmentedRecord = false;
        long fragmentStart = 0;
        while (true)
        {
            int length = file.ReadAtLeast(block, BlockSize, throwOnEndOfStream: false);
            if (length == 0)
            {
                break;
            }

            bool lastBlock = length < BlockSize;
            int position = 0;
            while (position < length)
            {
                int left = length - position;
                long offset = blockStart + position;
                if (left < HeaderSize)
                {
                    // A full block's last few bytes are zero padding; at the end of the file they are a cut header.
                    if (lastBlock)
                    {
                        return new LogFileDamage(offset, $"the file ends inside a record header ({left} of {HeaderSize} bytes)");
                    }

                    if (block.AsSpan(position, left).ContainsAnyExcept((byte)0))
                    {
                        return new LogFileDamage(offset, "the padding at the end of a block is not zero");
                    }

                    break;
                }

                uint storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(position));
                int payloadLength = BinaryPrimitives.ReadUInt16LittleEndian(block.AsSpan(position + 4));
                byte type = block[position + 6];
                if (type == ZeroType && payloadLength == 0)
                {
                    // Preallocated space RocksDB never wrote: the rest of the block must be zero too.
                    if (block.AsSpan(position, left).ContainsAnyExcept((byte)0))
                    {
                        return new LogFileDamage(offset, "a record header of type 0 is followed by data");
                    }

                    break;
                }

                int headerSize = IsRecyclable(type) ? RecyclableHeaderSize : HeaderSize;
                if (!IsKnown(type))
                {
                    return new LogFileDamage(offset, $"unknown record type {type}");
                }

                if (headerSize + payloadLength > left)
                {
                    return new LogFileDamage(
                        offset,
                        lastBlock
                            ? $"the file ends inside a record ({left} of {headerSize + payloadLength} bytes present)"
                            : $"a record claims {payloadLength} bytes, more than its block holds");
                }

                uint actualCrc = Crc32C(block.AsSpan(position + 6, headerSize - 6 + payloadLength));
                if (Unmask(storedCrc) != actualCrc)
                {
                    return new LogFileDamage(offset, "a record's checksum does not match its bytes");
                }

                switch (FragmentKind(type))
                {
                    case FullType:
                        if (insideFragmentedRecord)
                        {
                            return new LogFileDamage(fragmentStart, "a fragmented record is never completed");
                        }

                        break;
                    case FirstType:
                        if (insideFragmentedRecord)
                        {
                            return new LogFileDamage(fragmentStart, "a fragmented record is never completed");
                        }

                        insideFragmentedRecord = true;
                        fragmentStart = offset;
                        break;
                    case MiddleType:
                    case LastType:
                        if (!insideFragmentedRecord)
                        {
                            return new LogFileDamage(offset, "a record fragment has no beginning");
                        }

                        insideFragmentedRecord = FragmentKind(type) == MiddleType;
                        break;
                    default:
                        break;
                }

                position += headerSize + payloadLength;
            }

            if (lastBlock)
            {
                break;
            }

            blockStart += length;
        }

        return insideFragmentedRecord ? new LogFileDamage(fragmentStart, "the file ends inside a fragmented record") : null;
    }

    private static bool IsRecyclable(byte type)
        => type is >= RecyclableFullType and <= RecyclableLastType or RecyclableUserDefinedTimestampSizeType or RecyclePredecessorWalInfoType;

    private static bool IsKnown(byte type)
        => type is >= FullType and <= RecyclableUserDefinedTimestampSizeType || (type & SafeIgnoreMask) != 0;

    /// <summary>
    /// Full/First/Middle/Last for data fragments (recyclable or not); 0 for metadata records (compression type,
    /// timestamp sizes, predecessor WAL info), which stand alone.
    /// </summary>
    private static byte FragmentKind(byte type) => type switch
    {
        >= FullType and <= LastType => type,
        >= RecyclableFullType and <= RecyclableLastType => (byte)(type - RecyclableFullType + FullType),
        _ => 0,
    };

    /// <summary>RocksDB stores CRCs masked (rotated and offset), so that a CRC of data containing CRCs stays strong.</summary>
    private static uint Unmask(uint masked)
    {
        uint rotated = masked - CrcMaskDelta;
        return (rotated >> 17) | (rotated << 15);
    }

    /// <summary>CRC-32C (Castagnoli) as RocksDB's <c>crc32c::Value</c>; hardware-accelerated where the CPU has it.</summary>
    internal static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = uint.MaxValue;
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (byte value in data)
        {
            crc = BitOperations.Crc32C(crc, value);
        }

        return ~crc;
    }
}
