using System.Collections;
using System.Runtime.CompilerServices;
using TypedStore.Keys;
using TypedStore.Queries;
using TypedStore.Runtime.Contexts;
using TypedStore.Tables;

namespace TypedStore;

/// <summary>
/// A range of one table's rows in key order (or reversed): what <c>Scan()</c> and <c>Scan(k1..km)</c> return. It is an
/// <see cref="IEnumerable{T}"/> of the rows, and its members read the range without walking it where they can:
/// <see cref="First"/> and <see cref="Last"/> are one seek, <see cref="Any"/> and <see cref="Count"/> decode no value,
/// <see cref="Page"/> continues after a key. The generated query of each table adds the typed bounds
/// (<c>From</c>, <c>After</c>, <c>To</c>, <c>Before</c> on the key parts after the prefix), <c>Reverse()</c> and
/// <c>Keys()</c>; <c>Delete()</c> removes the range in a context that writes.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TContext">The context it reads in (the store, a snapshot).</typeparam>
/// <remarks>
/// A query is a builder: its bound members set one end of the range and return the same query; each end is the one its
/// last bound set. It reads nothing until enumerated or asked, and each enumeration or member call reads afresh (in the
/// context's view: the latest state, or the snapshot's). Not thread-safe while being built.
/// </remarks>
[SkipLocalsInit]
public abstract partial class TableQuery<TRow, TContext> : IEnumerable<TRow>
    where TContext : struct, IReadContext
{
    private readonly QueryReader<TRow> _reader;
    private readonly TContext _context;
    private readonly byte[] _prefix;
    private byte[]? _lower;
    private byte[]? _upper;
    private bool _reverse;
    private bool _includeDeleted;

    /// <summary>A query of the rows whose key starts with <paramref name="prefix"/> (every row when empty). For generated code.</summary>
    /// <param name="reader">The table's query reader (<c>TableCore.Queries</c>).</param>
    /// <param name="context">Where it reads.</param>
    /// <param name="prefix">The encoded key parts the rows share; copied.</param>
    protected TableQuery(QueryReader<TRow> reader, TContext context, ReadOnlySpan<byte> prefix)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        _context = context;
        _prefix = prefix.ToArray();
    }

    /// <summary>The reader the query runs on.</summary>
    internal QueryReader<TRow> Reader => _reader;

    /// <summary>The context the query reads in.</summary>
    internal TContext Context => _context;

    /// <summary>The byte range the bounds describe, with the direction.</summary>
    internal QueryRange Range
    {
        get
        {
            byte[] lower = _lower ?? _prefix;
            byte[] upper = _upper ?? PrefixUpperBound(_prefix);
            return new QueryRange(lower, upper, _reverse, _includeDeleted);
        }
    }

    /// <summary>The first row of the range (the last when reversed), or the default when it has none. One seek.</summary>
    public TRow? First() => CountScan().TryFirst(_context, Range, out TRow row) ? row : default;

    /// <summary>The last row of the range (the first when reversed), or the default when it has none. One reverse seek, never a walk.</summary>
    public TRow? Last() => CountScan().TryFirst(_context, Flipped(Range), out TRow row) ? row : default;

    /// <summary>Reads the first row of the range (the last when reversed); <see langword="false"/> when it has none.</summary>
    /// <param name="row">The row.</param>
    public bool TryFirst([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TRow row) => CountScan().TryFirst(_context, Range, out row);

    /// <summary>Reads the last row of the range (the first when reversed); <see langword="false"/> when it has none.</summary>
    /// <param name="row">The row.</param>
    public bool TryLast([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TRow row) => CountScan().TryFirst(_context, Flipped(Range), out row);

    /// <summary>Whether the range holds a row. One seek; no value is decoded.</summary>
    public bool Any() => CountScan().Any(_context, Range);

    /// <summary>The number of rows in the range. Visits every key of the range; no value is decoded.</summary>
    public long Count() => CountScan().Count(_context, Range);

    /// <summary>
    /// Up to <paramref name="size"/> rows of the range, starting after the page <paramref name="continuation"/> ended
    /// (at the start when <see langword="null"/>), and the token of the next page (<see langword="null"/> at the end).
    /// One seek per page.
    /// </summary>
    /// <param name="size">The most rows the page holds; at least 1.</param>
    /// <param name="continuation">A previous page's <see cref="Page{T}.Next"/> of the same query (same table, bounds and direction), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="continuation"/> is not a token of this query.</exception>
    public Page<TRow> Page(int size, string? continuation = null)
    {
        if (size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Table '{_reader.TableName}': a page holds at least one row.");
        }

        return CountScan().Page(_context, Range, size, continuation);
    }

    /// <inheritdoc/>
    public IEnumerator<TRow> GetEnumerator() => CountScan().GetEnumerator(_context, Range);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Sets one end of the range to the rows whose next key parts (after the prefix) are <paramref name="parts"/>. For generated code.</summary>
    /// <typeparam name="TParts">The next key part, or a tuple of the next parts.</typeparam>
    /// <param name="bound">Which end, and whether the bound's rows are in.</param>
    /// <param name="parts">The parts.</param>
    /// <param name="write">Encodes the parts as the table's codec does (descending parts inverted).</param>
    protected void SetBound<TParts>(QueryBound bound, TParts parts, KeyPrefix.PartsWriter<TParts> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        KeyWriter writer = new(stackalloc byte[256]);
        try
        {
            writer.WriteEncoded(_prefix);
            try
            {
                write(ref writer, parts);
            }
            catch (ArgumentException ex)
            {
                throw _reader.KeyRefused(ex);
            }

            // A bound on key parts stands for every row whose parts equal it: the byte range [B, succ(B)), succ being the
            // smallest string above every string that starts with B. Bounds are positions in key order, so a
            // descending part needs nothing special here: its bytes are already inverted.
            ReadOnlySpan<byte> at = writer.WrittenSpan;
            switch (bound)
            {
                case QueryBound.From:
                    _lower = at.ToArray();
                    break;
                case QueryBound.After:
                    _lower = PrefixUpperBound(at) is { Length: > 0 } after ? after : KeyBounds.BeyondLongestKey;
                    break;
                case QueryBound.To:
                    _upper = PrefixUpperBound(at);
                    break;
                case QueryBound.Before:
                    _upper = at.ToArray();
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(bound), bound, "Not a query bound.");
            }
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Reads the range from its end to its start (again: back to key order). For generated code.</summary>
    protected void SetReverse() => _reverse = !_reverse;

    /// <summary>Includes soft-deleted rows. For generated code (SoftDelete tables only).</summary>
    protected void SetIncludeDeleted() => _includeDeleted = true;

    /// <summary>The keys of the range, each mapped by <paramref name="select"/>, a <c>Func&lt;TKey, TOut&gt;</c> over the table's key struct. For generated code.</summary>
    /// <typeparam name="TOut">The public form of a key (a part, or a tuple of the parts).</typeparam>
    /// <param name="select">Maps the table's key struct to <typeparamref name="TOut"/>.</param>
    protected IEnumerable<TOut> KeysAs<TOut>(Delegate select) => CountScan().Keys<TContext, TOut>(_context, Range, select);

    /// <summary>
    /// The async form of <see cref="KeysAs{TOut}"/>, what a generated query's <c>KeysAsync()</c> returns: the keys read a
    /// page at a time through the engine's async reads (docs/async.md).
    /// </summary>
    /// <typeparam name="TOut">What each key is mapped to.</typeparam>
    /// <param name="select">The generated <c>Func&lt;TKey, TOut&gt;</c> over the table's key struct.</param>
    /// <param name="cancellationToken">Ends the enumeration when cancelled before a step.</param>
    protected IAsyncEnumerable<TOut> KeysAsyncAs<TOut>(Delegate select, CancellationToken cancellationToken) => CountScan().KeysAsync<TContext, TOut>(_context, Range, select, cancellationToken);

    private static QueryRange Flipped(in QueryRange range) => new(range.Lower, range.Upper, !range.Reverse, range.IncludeDeleted);

    // The exclusive end of every key starting with the bytes; empty when there is none (all 0xFF, or empty: no end).
    private static byte[] PrefixUpperBound(ReadOnlySpan<byte> prefix)
    {
        if (prefix.IsEmpty)
        {
            return [];
        }

        Span<byte> upper = prefix.Length <= 256 ? stackalloc byte[prefix.Length] : new byte[prefix.Length];
        return KeyRange.TryGetPrefixUpperBound(prefix, upper, out int written) ? upper[..written].ToArray() : [];
    }

    // Counts the read about to run as one scan of the table, and hands back the reader that runs it.
    private QueryReader<TRow> CountScan()
    {
        _reader.CountScan();
        return _reader;
    }
}
