using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Data;

/// <summary>The <c>events</c> data set, in every form a contender needs, built before any timing.</summary>
internal sealed class EventData
{
    private readonly Dictionary<int, Event[][]> _batches = [];

    private EventData(Event[] rows, byte[][] keys, byte[][] values, NaiveEvent[] naiveRows)
    {
        Rows = rows;
        Keys = keys;
        Values = values;
        NaiveRows = naiveRows;
        RandomOrder = RowFactory.Shuffled(rows.Length, BenchSettings.Seed);
    }

    /// <summary>The rows, in key order.</summary>
    public Event[] Rows { get; }

    /// <summary>Each row's key, as TypedStore encodes it.</summary>
    public byte[][] Keys { get; }

    /// <summary>Each row's value, as TypedStore stored it.</summary>
    public byte[][] Values { get; }

    /// <summary>The same rows as the naive layer's MessagePack contract.</summary>
    public NaiveEvent[] NaiveRows { get; }

    /// <summary>A fixed pseudo-random permutation of the row indexes.</summary>
    public int[] RandomOrder { get; }

    /// <summary>Creates rows 0 .. <paramref name="count"/>-1 and encodes them.</summary>
    public static EventData Create(int count)
    {
        Event[] rows = RowFactory.CreateEvents(count);
        var keys = new byte[count][];
        var naiveRows = new NaiveEvent[count];
        for (int i = 0; i < count; i++)
        {
            Event row = rows[i];
            keys[i] = EncodedKeys.Event(row.Id);
            naiveRows[i] = new NaiveEvent(row.Id, row.Sequence, row.Payload, row.CreatedAt);
        }

        return new EventData(rows, keys, StoredValues.OfEvents(rows, keys), naiveRows);
    }

    /// <summary>
    /// A copy whose row <c>i</c> is row <c>order[i]</c> of this one, every object (row, strings, key and value
    /// arrays) allocated afresh in that order. Writing the copy's rows 0, 1, 2… writes the keys in
    /// <paramref name="order"/> while every contender walks its inputs through memory sequentially, as a service
    /// writes rows it has just built: the key order is random, the memory walk is not.
    /// </summary>
    public EventData InWriteOrder(int[] order)
    {
        var rows = new Event[order.Length];
        var keys = new byte[order.Length][];
        var values = new byte[order.Length][];
        var naiveRows = new NaiveEvent[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            Event row = Rows[order[i]];
            rows[i] = new Event(new string(row.Id), row.Sequence, new string(row.Payload), row.CreatedAt);
            keys[i] = (byte[])Keys[order[i]].Clone();
            values[i] = (byte[])Values[order[i]].Clone();
            naiveRows[i] = new NaiveEvent(rows[i].Id, row.Sequence, rows[i].Payload, row.CreatedAt);
        }

        return new EventData(rows, keys, values, naiveRows);
    }

    /// <summary>The rows cut into consecutive arrays of <paramref name="size"/> rows (the last one may be shorter).</summary>
    public Event[][] GetBatches(int size)
    {
        if (!_batches.TryGetValue(size, out Event[][]? batches))
        {
            batches = Rows.Chunk(size).ToArray();
            _batches.Add(size, batches);
        }

        return batches;
    }
}
