namespace TypedStore.Cli.Reading;

/// <summary>A decoded row, key or nested record: its fields by name, in stored order.</summary>
internal sealed class DecodedRecord(List<KeyValuePair<string, object?>> fields)
{
    public IReadOnlyList<KeyValuePair<string, object?>> Fields => fields;
}
