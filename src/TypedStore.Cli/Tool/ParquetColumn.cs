using System.Globalization;
using Parquet;
using Parquet.Schema;
using TypedStore.Cli.Reading;

namespace TypedStore.Cli.Tool;

/// <summary>
/// One Parquet column of a table's export and the values of the row group being built (docs/operations.md, "Parquet").
/// Every column is nullable: a row written before a member was appended has none. Scalars map to Parquet logical types;
/// collections, dictionaries and nested records are written as JSON text (one column per member, any depth).
/// </summary>
internal abstract class ParquetColumn(string name)
{
    public string Name { get; } = name;

    public abstract DataField Field { get; }

    public abstract void Add(object? value);

    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup);

    public abstract void Clear();

    /// <summary>The column for a member or key part of <paramref name="type"/>.</summary>
    public static ParquetColumn For(string name, StoredType type)
    {
        StoredType inner = type.Kind == StoredTypeKind.Nullable ? type.Arguments[0] : type;
        string scalar = inner.Kind switch
        {
            StoredTypeKind.Scalar or StoredTypeKind.Enum => inner.Scalar,
            _ => "json",
        };

        return scalar switch
        {
            "string" or "char" => new TextColumn(name, value => value is char c ? c.ToString() : (string)value),
            "decimal" => new TextColumn(name, value => ((decimal)value).ToString(CultureInfo.InvariantCulture)),
            "json" => new TextColumn(name, ValueText.ToJson),
            "byte[]" => new BytesColumn(name),
            "bool" => new ValueColumn<bool>(name, value => (bool)value),
            "byte" => new ValueColumn<byte>(name, value => (byte)value),
            "sbyte" => new ValueColumn<sbyte>(name, value => (sbyte)value),
            "short" => new ValueColumn<short>(name, value => (short)value),
            "ushort" => new ValueColumn<ushort>(name, value => (ushort)value),
            "int" => new ValueColumn<int>(name, value => (int)value),
            "uint" => new ValueColumn<uint>(name, value => (uint)value),
            "long" => new ValueColumn<long>(name, value => (long)value),
            "ulong" => new ValueColumn<ulong>(name, value => (ulong)value),
            "float" => new ValueColumn<float>(name, value => (float)value),
            "double" => new ValueColumn<double>(name, value => (double)value),
            "System.Guid" => new ValueColumn<Guid>(name, value => (Guid)value),
            "System.DateOnly" => new ValueColumn<DateOnly>(name, value => (DateOnly)value),
            "System.TimeOnly" => new ValueColumn<TimeOnly>(name, value => (TimeOnly)value),

            // A TimeSpan may be negative or longer than a day, which Parquet's TIME cannot hold: its ticks (100 ns).
            "System.TimeSpan" => new ValueColumn<long>(name, value => ((TimeSpan)value).Ticks),

            // Instants: UTC timestamps in microseconds. A DateTimeOffset keeps its instant; the offset is not kept.
            "System.DateTime" => new TimestampColumn(name, value => ToUtc((DateTime)value)),
            "System.DateTimeOffset" => new TimestampColumn(name, value => ((DateTimeOffset)value).UtcDateTime),
            _ => new TextColumn(name, ValueText.Format),
        };
    }

    // A DateTime of Kind Unspecified is taken as UTC (it is stored without a zone; docs/value-format.md).
    private static DateTime ToUtc(DateTime value)
        => value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };

    private sealed class ValueColumn<T>(string name, Func<object, T> convert) : ParquetColumn(name)
        where T : struct
    {
        private readonly List<T?> _values = [];

        public override DataField Field { get; } = new DataField<T?>(name, true);

        public override void Add(object? value) => _values.Add(value is null ? null : convert(value));

        public override Task WriteAsync(ParquetRowGroupWriter rowGroup) => rowGroup.WriteAsync<T>(Field, _values.ToArray().AsMemory());

        public override void Clear() => _values.Clear();
    }

    private sealed class TimestampColumn(string name, Func<object, DateTime> convert) : ParquetColumn(name)
    {
        private readonly List<DateTime?> _values = [];

        public override DataField Field { get; } = new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: true);

        public override void Add(object? value) => _values.Add(value is null ? null : convert(value));

        public override Task WriteAsync(ParquetRowGroupWriter rowGroup) => rowGroup.WriteAsync<DateTime>(Field, _values.ToArray().AsMemory());

        public override void Clear() => _values.Clear();
    }

    private sealed class TextColumn(string name, Func<object, string> convert) : ParquetColumn(name)
    {
        private readonly List<string> _values = [];

        public override DataField Field { get; } = new DataField<string>(name, true);

        public override void Add(object? value) => _values.Add(value is null ? null! : convert(value));

        public override Task WriteAsync(ParquetRowGroupWriter rowGroup) => rowGroup.WriteAsync(Field, _values);

        public override void Clear() => _values.Clear();
    }

    private sealed class BytesColumn(string name) : ParquetColumn(name)
    {
        private readonly List<byte[]> _values = [];

        public override DataField Field { get; } = new DataField<byte[]>(name, true);

        public override void Add(object? value) => _values.Add((byte[])value!);

        public override Task WriteAsync(ParquetRowGroupWriter rowGroup) => rowGroup.WriteAsync(Field, _values);

        public override void Clear() => _values.Clear();
    }
}
