using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace TypedStore.Hosting;

/// <summary>
/// Checks one store's <see cref="TypedStoreOptions"/> when the host starts (<c>ValidateOnStart</c>), so a bad setting
/// stops the application before it serves anything instead of failing on the first request. Every message names the
/// store, the option and, when the options came from configuration, the section.
/// </summary>
/// <remarks>
/// Hand-written instead of DataAnnotations: the rules span members (exactly one of Path and InMemory) and reuse the
/// runtime's own ranges; and nothing here uses reflection.
/// </remarks>
internal sealed class TypedStoreOptionsValidator : IValidateOptions<TypedStoreOptions>
{
    private readonly string _optionsName;
    private readonly string _storeName;
    private readonly IConfiguration? _section;

    public TypedStoreOptionsValidator(string optionsName, string storeName, IConfiguration? section)
    {
        _optionsName = optionsName;
        _storeName = storeName;
        _section = section;
    }

    public ValidateOptionsResult Validate(string? name, TypedStoreOptions options)
    {
        if (!string.Equals(name, _optionsName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        string subject = _section is IConfigurationSection section
            ? $"TypedStore options of {_storeName} (configuration section '{section.Path}')"
            : $"TypedStore options of {_storeName}";
        List<string> failures = [];

        bool hasPath = !string.IsNullOrWhiteSpace(options.Path);
        if (hasPath == options.InMemory)
        {
            string missingSection = _section is IConfigurationSection { } s && !s.Exists()
                ? $" The section '{s.Path}' does not exist in the configuration."
                : string.Empty;
            failures.Add(hasPath
                ? $"{subject}: set either Path or InMemory, not both."
                : $"{subject}: set Path to the store's directory, or InMemory to true.{missingSection}");
        }

        if (options.SyncWrites && options.DisableWal)
        {
            failures.Add($"{subject}: SyncWrites and DisableWal cannot both be set (a synced write needs the write-ahead log).");
        }

        if (options.StreamEvictionInterval is { } interval
            && (interval < StoreOptions.MinStreamEvictionInterval || interval > StoreOptions.MaxStreamEvictionInterval))
        {
            failures.Add($"{subject}: StreamEvictionInterval is {interval}; it must be from {StoreOptions.MinStreamEvictionInterval} to {StoreOptions.MaxStreamEvictionInterval}, or unset for no background eviction.");
        }

        if (options.BlockCacheBytes < 0)
        {
            failures.Add($"{subject}: BlockCacheBytes is {options.BlockCacheBytes}; it must be 0 (RocksDB's default cache) or a positive number of bytes.");
        }

        if (options.InMemory && options.BlockCacheBytes > 0)
        {
            failures.Add($"{subject}: BlockCacheBytes tunes RocksDB and has no meaning for an InMemory store.");
        }

        // The runtime's own range (RocksDbOptions.Validate); written as "not inside" so NaN fails too.
        if (options.MemtableBloomFilterRatio is { } ratio && !(ratio is >= 0 and <= 0.25))
        {
            failures.Add(FormattableString.Invariant($"{subject}: MemtableBloomFilterRatio is {ratio}; it must be from 0 (no filter) to 0.25 of the memtable's size, or unset for RocksDB's default ({RocksDbOptions.DefaultMemtableBloomFilterRatio})."));
        }

        if (options.InMemory && options.MemtableBloomFilterRatio is not null)
        {
            failures.Add($"{subject}: MemtableBloomFilterRatio tunes RocksDB and has no meaning for an InMemory store.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
