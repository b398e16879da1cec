namespace TypedStore.Features.Streams;

/// <summary>
/// Hands out a stream table's time-ordered ids (<see cref="TimeOrderedId"/>): each id is greater than every id
/// handed out before and every id already stored, even when the clock steps back (the counter just keeps
/// counting from the last id until the clock catches up). Lock-free and thread-safe.
/// </summary>
internal sealed class TimeOrderedIdGenerator
{
    private long _last = long.MinValue;

    /// <summary>Makes every later id greater than <paramref name="storedId"/> (the largest id found in the table on open).</summary>
    public void Observe(long storedId)
    {
        long current = Volatile.Read(ref _last);
        while (storedId > current)
        {
            long seen = Interlocked.CompareExchange(ref _last, storedId, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>The next id at <paramref name="unixMilliseconds"/>: the millisecond's first id, or one past the last id when that is larger.</summary>
    public long Next(long unixMilliseconds)
    {
        long floor = TimeOrderedId.FirstOf(unixMilliseconds);
        long current = Volatile.Read(ref _last);
        while (true)
        {
            if (current == long.MaxValue)
            {
                throw new InvalidOperationException("The stream table's time-ordered ids are exhausted (the largest stored id is long.MaxValue).");
            }

            long next = Math.Max(current + 1, floor);
            long seen = Interlocked.CompareExchange(ref _last, next, current);
            if (seen == current)
            {
                return next;
            }

            current = seen;
        }
    }
}
