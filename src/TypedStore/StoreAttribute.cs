namespace TypedStore;

/// <summary>
/// Turns a <see langword="partial"/> class into a store: the source generator adds <c>Open</c>, <c>OpenInMemory</c>,
/// one typed table property per table, <c>CreateBatch</c>, <c>CreateSnapshot</c> and <c>Dispose</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class StoreAttribute : Attribute
{
    /// <summary>A store of every <see cref="TableAttribute"/> type declared in this assembly.</summary>
    public StoreAttribute()
    {
        Tables = [];
    }

    /// <summary>A store of exactly these table types (which may come from referenced assemblies).</summary>
    /// <param name="tables">The <see cref="TableAttribute"/> types the store holds.</param>
    public StoreAttribute(params Type[] tables)
    {
        Tables = tables;
    }

    /// <summary>The table types listed explicitly; empty when the store holds every table of its assembly.</summary>
    public IReadOnlyList<Type> Tables { get; }
}
