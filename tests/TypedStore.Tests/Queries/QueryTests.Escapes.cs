using System.Text;
using TypedStore.Queries;

namespace TypedStore.Tests.Queries;

public abstract partial class QueryTests
{
    private static readonly byte[][] s_blobs = [[], [0x00], [0x00, 0x00], [0x00, 0xFF], [0x00, 0x01], [0x01], [0x7F], [0xFF], [0xFF, 0x00], [0xFF, 0xFF], [0xFF, 0xFF, 0xFF]];
    private static readonly string[] s_names = ["", "a", "a\0", "a\0\0", "a\u0001", "b", "\u00FF", "\uFFFF"];

    /// <summary>
    /// Every bound kind on every value of a byte-array part holding 0x00 and 0xFF (escaped in the key), and of a
    /// descending string after it (every byte inverted, so its terminator and escapes become 0xFF-rich), against the
    /// documented order: byte arrays by their bytes, shorter first; the descending string by UTF-8 bytes, reversed.
    /// </summary>
    [Fact]
    public void Bounds_OnEscapedByteArraysAndDescendingStrings_SelectExactlyTheDocumentedRows()
    {
        QueryStore store = Open();
        List<QBlob> all = [.. s_blobs.SelectMany(b => s_names.Select(n => new QBlob(b, n, $"{Convert.ToHexString(b)}/{QueryBoundSpec.Render(n)}")))];
        store.QBlobs.PutMany(all);
        int CompareBlob(QBlob x, byte[] blob) => x.Blob.AsSpan().SequenceCompareTo(blob);
        int CompareName(QBlob x, string name) => -Encoding.UTF8.GetBytes(x.Name).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(name));
        List<QBlob> ordered = [.. all.Order(Comparer<QBlob>.Create((x, y) => CompareBlob(x, y.Blob) is var c && c != 0 ? c : CompareName(x, y.Name)))];
        Assert.Equal(ordered.Select(r => r.Text), store.QBlobs.ScanAll().Select(r => r.Text));

        static bool Keeps(QueryBound kind, int order) => kind switch
        {
            QueryBound.From => order >= 0,
            QueryBound.After => order > 0,
            QueryBound.To => order <= 0,
            _ => order < 0,
        };

        int checkedQueries = 0;
        foreach (QueryBound kind in Enum.GetValues<QueryBound>())
        {
            foreach (byte[] blob in s_blobs)
            {
                QueryStore.QBlobsQuery<Runtime.Contexts.DirectContext> query = kind switch
                {
                    QueryBound.From => store.QBlobs.Scan().From(blob),
                    QueryBound.After => store.QBlobs.Scan().After(blob),
                    QueryBound.To => store.QBlobs.Scan().To(blob),
                    _ => store.QBlobs.Scan().Before(blob),
                };
                Assert.Equal(ordered.Where(r => Keeps(kind, CompareBlob(r, blob))).Select(r => r.Text), query.Select(r => r.Text));
                checkedQueries++;

                foreach (string name in s_names)
                {
                    QueryStore.QBlobsWithinBlobQuery<Runtime.Contexts.DirectContext> within = kind switch
                    {
                        QueryBound.From => store.QBlobs.Scan(blob).From(name),
                        QueryBound.After => store.QBlobs.Scan(blob).After(name),
                        QueryBound.To => store.QBlobs.Scan(blob).To(name),
                        _ => store.QBlobs.Scan(blob).Before(name),
                    };
                    IEnumerable<string> expected = ordered.Where(r => CompareBlob(r, blob) == 0 && Keeps(kind, CompareName(r, name))).Select(r => r.Text);
                    Assert.Equal(expected, within.Select(r => r.Text));
                    Assert.Equal(expected.Reverse(), within.Reverse().Select(r => r.Text));
                    checkedQueries++;
                }
            }
        }

        Assert.Equal(4 * s_blobs.Length * (1 + s_names.Length), checkedQueries);
    }
}
