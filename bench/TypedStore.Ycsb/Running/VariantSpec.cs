using System.Globalization;

namespace TypedStore.Ycsb.Running;

/// <summary>
/// One <c>--variant 'label::spec'</c>: a TypedStore contender with its own RocksDB tuning, run as <c>typedstore:label</c>.
/// The spec is RocksDB's options string (<c>name=value;...</c>), except that <c>BlockCacheBytes=n</c> and
/// <c>BloomFilterBitsPerKey=n</c> set those typed options of <see cref="RocksDbOptions"/>, and parts starting <c>read.</c>
/// (<c>read.fill_cache=false</c>, <c>read.readahead_size=n</c>, ...) are the iterators' read options (the internal
/// <c>RocksDbOptions.ExperimentScanReadOptions</c>: RocksDB's options string does not reach its read options).
/// </summary>
/// <remarks>
/// Everything that can be checked without opening RocksDB is checked here, so a typo fails the command line at once
/// with a message naming the variant and the problem, not minutes into a run (or, for a typed option, with a bare
/// <see cref="FormatException"/>). RocksDB checks the names and values of the rest when the variant opens.
/// </remarks>
internal sealed record VariantSpec(string Label, long BlockCacheBytes, double BloomFilterBitsPerKey, string? RocksDbOptionsString, string? ScanReadOptionsString = null)
{
    private const string Separator = "::";
    private const string BlockCacheKey = "BlockCacheBytes";
    private const string BloomKey = "BloomFilterBitsPerKey";
    private const string ReadPrefix = "read.";

    /// <summary>The contender id the variant runs as.</summary>
    public string ContenderId => "typedstore:" + Label;

    /// <summary>The options the variant's store opens with.</summary>
    public RocksDbOptions ToRocksDbOptions() => new()
    {
        BlockCacheBytes = BlockCacheBytes,
        BloomFilterBitsPerKey = BloomFilterBitsPerKey,
        ExperimentOptionsString = RocksDbOptionsString,
        ExperimentScanReadOptions = ScanReadOptionsString,
    };

    /// <summary>Parses one <c>--variant</c> value; a malformed one throws <see cref="FormatException"/> naming the value and the problem.</summary>
    public static VariantSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int split = text.IndexOf(Separator, StringComparison.Ordinal);
        if (split < 0)
        {
            throw Malformed(text, "expected 'label::spec' (e.g. 'bc256::BlockCacheBytes=268435456'), but there is no '::'");
        }

        string label = text[..split].Trim();
        string spec = text[(split + Separator.Length)..];
        if (label.Length == 0)
        {
            throw Malformed(text, "the label before '::' is empty");
        }

        foreach (char c in label)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.'))
            {
                throw Malformed(text, $"the label '{label}' may hold only lower-case letters, digits, '-', '_' and '.' (it names the contender typedstore:{label}); '{c}' is not allowed");
            }
        }

        long? blockCache = null;
        double? bloom = null;
        var rest = new List<string>();
        var scanRead = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string part in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Malformed(text, $"'{part}' is not 'name=value'");
            }

            string name = part[..equals].Trim();
            string value = part[(equals + 1)..].Trim();
            if (value.Length == 0)
            {
                throw Malformed(text, $"'{name}' has no value");
            }

            if (!names.Add(name))
            {
                throw Malformed(text, $"'{name}' is given more than once");
            }

            switch (name)
            {
                case BlockCacheKey:
                    blockCache = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes)
                        ? bytes
                        : throw Malformed(text, $"{BlockCacheKey} must be a whole number of bytes (0 for RocksDB's default); '{value}' is not");
                    break;
                case BloomKey:
                    bloom = double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double bits)
                        ? bits
                        : throw Malformed(text, $"{BloomKey} must be a number of bits per key (0 for no filter); '{value}' is not");
                    break;
                case not null when name.StartsWith(ReadPrefix, StringComparison.Ordinal):
                    scanRead.Add(name[ReadPrefix.Length..] + "=" + value);
                    break;
                default:
                    rest.Add(name + "=" + value);
                    break;
            }
        }

        if (blockCache is null && bloom is null && rest.Count == 0 && scanRead.Count == 0)
        {
            throw Malformed(text, $"the spec after '::' is empty: give RocksDB options ('name=value;...') or {BlockCacheKey}=n / {BloomKey}=n (the untuned store is the contender 'typedstore')");
        }

        var variant = new VariantSpec(label, blockCache ?? 0, bloom ?? RocksDbOptions.DefaultBloomFilterBitsPerKey, rest.Count == 0 ? null : string.Join(';', rest),
            scanRead.Count == 0 ? null : string.Join(';', scanRead));
        try
        {
            variant.ToRocksDbOptions().Validate();
        }
        catch (ArgumentException error)
        {
            throw Malformed(text, error.Message.Split(Environment.NewLine)[0]);
        }

        return variant;
    }

    private static FormatException Malformed(string text, string problem) => new($"--variant '{text}': {problem}.");
}
