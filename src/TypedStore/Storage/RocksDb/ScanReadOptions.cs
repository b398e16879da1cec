using System.Globalization;
using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb;

/// <summary>
/// Read options applied to every iterator of an engine (scans), for the knob-by-knob measurements of
/// docs/benchmarks.md ("RocksDB tuning, knob by knob"; <see cref="RocksDbOptions.ExperimentScanReadOptions"/>). RocksDB
/// has no options string for its <c>ReadOptions</c>, so the few the C API exposes that can change a scan's cost are
/// parsed here: <c>readahead_size=n</c>, <c>fill_cache</c>, <c>verify_checksums</c>, <c>async_io</c>,
/// <c>adaptive_readahead</c>, <c>auto_readahead_size</c>, <c>pin_data</c> (each <c>=true</c> or <c>=false</c>).
/// </summary>
internal sealed class ScanReadOptions
{
    private ulong? _readaheadSize;
    private bool? _fillCache;
    private bool? _verifyChecksums;
    private bool? _asyncIo;
    private bool? _adaptiveReadahead;
    private bool? _autoReadaheadSize;
    private bool? _pinData;

    private ScanReadOptions()
    {
    }

    /// <summary>Parses <paramref name="text"/> (<c>name=value;...</c>); throws <see cref="ArgumentException"/> naming the option on anything it does not know.</summary>
    public static ScanReadOptions Parse(string text)
    {
        var options = new ScanReadOptions();
        foreach (string part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? part : part[..equals];
            string value = equals < 0 ? string.Empty : part[(equals + 1)..];
            switch (name)
            {
                case "readahead_size":
                    options._readaheadSize = ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong size)
                        ? size
                        : throw Invalid(part);
                    break;
                case "fill_cache":
                    options._fillCache = Flag(part, value);
                    break;
                case "verify_checksums":
                    options._verifyChecksums = Flag(part, value);
                    break;
                case "async_io":
                    options._asyncIo = Flag(part, value);
                    break;
                case "adaptive_readahead":
                    options._adaptiveReadahead = Flag(part, value);
                    break;
                case "auto_readahead_size":
                    options._autoReadaheadSize = Flag(part, value);
                    break;
                case "pin_data":
                    options._pinData = Flag(part, value);
                    break;
                default:
                    throw Invalid(part);
            }
        }

        return options;
    }

    /// <summary>Sets the parsed options on a native <c>rocksdb_readoptions_t</c>.</summary>
    public void ApplyTo(nint readOptions)
    {
        if (_readaheadSize is { } size)
        {
            NativeMethods.rocksdb_readoptions_set_readahead_size(readOptions, (nuint)size);
        }

        if (_fillCache is { } fillCache)
        {
            NativeMethods.rocksdb_readoptions_set_fill_cache(readOptions, Byte(fillCache));
        }

        if (_verifyChecksums is { } verifyChecksums)
        {
            NativeMethods.rocksdb_readoptions_set_verify_checksums(readOptions, Byte(verifyChecksums));
        }

        if (_asyncIo is { } asyncIo)
        {
            NativeMethods.rocksdb_readoptions_set_async_io(readOptions, Byte(asyncIo));
        }

        if (_adaptiveReadahead is { } adaptiveReadahead)
        {
            NativeMethods.rocksdb_readoptions_set_adaptive_readahead(readOptions, Byte(adaptiveReadahead));
        }

        if (_autoReadaheadSize is { } autoReadaheadSize)
        {
            NativeMethods.rocksdb_readoptions_set_auto_readahead_size(readOptions, Byte(autoReadaheadSize));
        }

        if (_pinData is { } pinData)
        {
            NativeMethods.rocksdb_readoptions_set_pin_data(readOptions, Byte(pinData));
        }
    }

    private static byte Byte(bool value) => value ? (byte)1 : (byte)0;

    private static bool Flag(string part, string value) => value switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw Invalid(part),
    };

    private static ArgumentException Invalid(string part)
        => new($"RocksDbOptions.ExperimentScanReadOptions: '{part}' is not one of readahead_size=n, fill_cache, verify_checksums, async_io, adaptive_readahead, auto_readahead_size, pin_data (=true or =false).", nameof(RocksDbOptions.ExperimentScanReadOptions));
}
