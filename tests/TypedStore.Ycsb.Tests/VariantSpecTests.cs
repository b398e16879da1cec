using TypedStore.Ycsb.Running;

namespace TypedStore.Ycsb.Tests;

/// <summary>
/// <c>--variant 'label::spec'</c>: valid specs become the options the variant opens with (typed options as such, the
/// rest as RocksDB's options string), and every malformed one is refused before a run starts, naming the value and
/// the problem.
/// </summary>
public sealed class VariantSpecTests
{
    [Fact]
    public void Typed_options_are_set_as_such_and_the_rest_is_passed_to_RocksDB_in_order()
    {
        VariantSpec variant = VariantSpec.Parse("bc256::BlockCacheBytes=268435456; BloomFilterBitsPerKey=12.5 ;max_write_buffer_number=4;write_buffer_size=67108864;");

        Assert.Equal("bc256", variant.Label);
        Assert.Equal("typedstore:bc256", variant.ContenderId);
        Assert.Equal(268_435_456, variant.BlockCacheBytes);
        Assert.Equal(12.5, variant.BloomFilterBitsPerKey);
        Assert.Equal("max_write_buffer_number=4;write_buffer_size=67108864", variant.RocksDbOptionsString);

        RocksDbOptions options = variant.ToRocksDbOptions();
        Assert.Equal(268_435_456, options.BlockCacheBytes);
        Assert.Equal(12.5, options.BloomFilterBitsPerKey);
    }

    [Fact]
    public void A_spec_of_RocksDB_options_only_keeps_the_typed_defaults()
    {
        VariantSpec variant = VariantSpec.Parse("lz4::compression=kLZ4Compression");

        Assert.Equal(0, variant.BlockCacheBytes);
        Assert.Equal(RocksDbOptions.DefaultBloomFilterBitsPerKey, variant.BloomFilterBitsPerKey);
        Assert.Equal("compression=kLZ4Compression", variant.RocksDbOptionsString);
    }

    [Fact]
    public void Parts_starting_read_are_the_iterators_read_options_not_RocksDB_options()
    {
        VariantSpec variant = VariantSpec.Parse("scan::read.fill_cache=false;read.readahead_size=2097152;compression=kNoCompression");

        Assert.Equal("fill_cache=false;readahead_size=2097152", variant.ScanReadOptionsString);
        Assert.Equal("compression=kNoCompression", variant.RocksDbOptionsString);
        Assert.Null(VariantSpec.Parse("bc::BlockCacheBytes=1").ScanReadOptionsString);
    }

    [Fact]
    public void A_spec_of_typed_options_only_passes_no_options_string()
    {
        VariantSpec variant = VariantSpec.Parse("nobloom::BloomFilterBitsPerKey=0");

        Assert.Equal(0, variant.BloomFilterBitsPerKey);
        Assert.Null(variant.RocksDbOptionsString);
    }

    [Theory]
    [InlineData("bc256", "there is no '::'")]
    [InlineData("bc256:BlockCacheBytes=1", "there is no '::'")]
    [InlineData("::BlockCacheBytes=1", "the label before '::' is empty")]
    [InlineData("  ::BlockCacheBytes=1", "the label before '::' is empty")]
    [InlineData("BC256::BlockCacheBytes=1", "'B' is not allowed")]
    [InlineData("bc 256::BlockCacheBytes=1", "' ' is not allowed")]
    [InlineData("bc:256::BlockCacheBytes=1", "':' is not allowed")]
    [InlineData("bc256::", "the spec after '::' is empty")]
    [InlineData("bc256:: ; ;", "the spec after '::' is empty")]
    [InlineData("bc256::BlockCacheBytes", "'BlockCacheBytes' is not 'name=value'")]
    [InlineData("bc256::=5", "'=5' is not 'name=value'")]
    [InlineData("bc256::BlockCacheBytes=", "'BlockCacheBytes' has no value")]
    [InlineData("bc256::BlockCacheBytes=256MiB", "BlockCacheBytes must be a whole number of bytes (0 for RocksDB's default); '256MiB' is not")]
    [InlineData("bc256::BlockCacheBytes=-1", "BlockCacheBytes must be a whole number of bytes")]
    [InlineData("bc256::BlockCacheBytes=99999999999999999999", "'99999999999999999999' is not")]
    [InlineData("bloom::BloomFilterBitsPerKey=ten", "BloomFilterBitsPerKey must be a number of bits per key (0 for no filter); 'ten' is not")]
    [InlineData("bloom::BloomFilterBitsPerKey=10,5", "'10,5' is not")]
    [InlineData("bloom::BloomFilterBitsPerKey=100", "RocksDbOptions.BloomFilterBitsPerKey must be from 0 (no filter) to 64")]
    [InlineData("bc::BlockCacheBytes=1;BlockCacheBytes=2", "'BlockCacheBytes' is given more than once")]
    [InlineData("wb::write_buffer_size=1;write_buffer_size=2", "'write_buffer_size' is given more than once")]
    [InlineData("a::b::c", "'b::c' is not 'name=value'")]
    [InlineData("scan::read.fill_cache=maybe", "'fill_cache=maybe' is not one of")]
    [InlineData("scan::read.prefetch=1", "'prefetch=1' is not one of")]
    public void A_malformed_variant_is_refused_naming_the_value_and_the_problem(string text, string problem)
    {
        FormatException error = Assert.Throws<FormatException>(() => VariantSpec.Parse(text));

        Assert.StartsWith($"--variant '{text}': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_given_twice_is_refused_and_the_first_variant_stays()
    {
        string label = "twice-" + Guid.NewGuid().ToString("N")[..8];
        string id = ContenderCatalog.AddVariant(VariantSpec.Parse(label + "::BlockCacheBytes=1048576"));
        int count = ContenderCatalog.Ids.Count;

        FormatException error = Assert.Throws<FormatException>(() => ContenderCatalog.AddVariant(VariantSpec.Parse(label + "::BlockCacheBytes=2097152")));

        Assert.Contains($"the label '{label}' is given more than once", error.Message, StringComparison.Ordinal);
        Assert.Equal(count, ContenderCatalog.Ids.Count);
        Assert.Equal(1, ContenderCatalog.Ids.Count(i => i == id));
        Assert.True(ContenderCatalog.Ids.ToList().IndexOf(id) > ContenderCatalog.Ids.ToList().IndexOf("typedstore"));
    }
}
