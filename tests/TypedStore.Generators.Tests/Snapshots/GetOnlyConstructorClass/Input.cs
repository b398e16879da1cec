// A class row with get-only properties, rebuilt through its constructor; a computed property is not stored.
using TypedStore;

namespace Samples.Counters;

/// <summary>A named counter.</summary>
[Table("counters")]
public sealed class Counter
{
    /// <summary>Creates a counter.</summary>
    /// <param name="id">The counter's id.</param>
    /// <param name="value">Its current value.</param>
    public Counter(string id, long value)
    {
        Id = id;
        Value = value;
    }

    /// <summary>The counter's id.</summary>
    [Key]
    public string Id { get; }

    /// <summary>Its current value.</summary>
    public long Value { get; }

    /// <summary>Computed, so not stored.</summary>
    public string Display => Id + "=" + Value;
}

/// <summary>The counters store.</summary>
[Store]
public partial class CounterStore;
