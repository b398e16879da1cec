using TypedStore.Storage.Memory;
using TypedStore.Tests.Storage.Contract;

namespace TypedStore.Tests.Storage.Memory;

/// <summary>
/// The persistent AVL tree under the memory engine: balance and size invariants after every
/// kind of change, and persistence (an old root never changes).
/// </summary>
public sealed class AvlTreeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RandomChanges_KeepTheTreeBalancedSortedAndCounted(int seed)
    {
        var random = new Random(seed);
        AvlNode? root = null;
        var model = new SortedDictionary<byte[], byte[]>(UnsignedByteComparer.Instance);

        for (var step = 0; step < 3000; step++)
        {
            var key = RandomKey(random);
            switch (random.Next(10))
            {
                case < 6:
                    root = AvlTree.SetItem(root, key, [(byte)step]);
                    model[key] = [(byte)step];
                    break;
                case < 9:
                    root = AvlTree.Remove(root, key);
                    model.Remove(key);
                    break;
                default:
                    var end = RandomKey(random);
                    if (UnsignedByteComparer.Instance.Compare(key, end) > 0)
                    {
                        (key, end) = (end, key);
                    }

                    root = AvlTree.RemoveRange(root, key, end);
                    foreach (var doomed in model.Keys.Where(k => UnsignedByteComparer.Instance.Compare(k, key) >= 0 && UnsignedByteComparer.Instance.Compare(k, end) < 0).ToList())
                    {
                        model.Remove(doomed);
                    }

                    break;
            }

            AssertValid(root);
            Assert.Equal(model.Count, AvlNode.CountOf(root));
        }

        Assert.Equal(model.Keys, InOrder(root).Select(node => node.Key));
        Assert.Equal(model.Values, InOrder(root).Select(node => node.Value));
    }

    [Fact]
    public void Split_AndJoin_OfTreesWithVeryDifferentHeights_StayValid()
    {
        var root = Build(Enumerable.Range(0, 1000));

        foreach (var at in new[] { 0, 1, 3, 500, 998, 999, 1000, 5000 })
        {
            AvlTree.Split(root, Key(at), out var less, out var greaterOrEqual);

            AssertValid(less);
            AssertValid(greaterOrEqual);
            Assert.Equal(Math.Min(at, 1000), AvlNode.CountOf(less));
            Assert.All(InOrder(less), node => Assert.True(UnsignedByteComparer.Instance.Compare(node.Key, Key(at)) < 0));
            Assert.All(InOrder(greaterOrEqual), node => Assert.True(UnsignedByteComparer.Instance.Compare(node.Key, Key(at)) >= 0));

            var joined = AvlTree.Concat(less, greaterOrEqual);
            AssertValid(joined);
            Assert.Equal(Enumerable.Range(0, 1000).Select(Key), InOrder(joined).Select(node => node.Key));
        }

        // A tall tree joined with a single node and with nothing, in both orders.
        var tall = Build(Enumerable.Range(10, 1000));
        var small = Build([5]);
        AssertValid(AvlTree.Join(small, Key(7), [], tall));
        AssertValid(AvlTree.Join(null, Key(7), [], tall));
        AssertValid(AvlTree.Join(tall, Key(2000), [], null));
        Assert.Equal(1002, AvlNode.CountOf(AvlTree.Join(small, Key(7), [], tall)));
    }

    [Fact]
    public void Changes_NeverAlterAnOlderRoot()
    {
        var before = Build(Enumerable.Range(0, 200));
        var keysBefore = InOrder(before).Select(node => node.Key).ToList();

        var after = AvlTree.SetItem(before, Key(1000), [1]);
        after = AvlTree.SetItem(after, Key(5), [9]);
        after = AvlTree.Remove(after, Key(6));
        after = AvlTree.RemoveRange(after, Key(50), Key(150));

        Assert.Equal(keysBefore, InOrder(before).Select(node => node.Key));
        Assert.Equal([5], AvlTree.Find(before, Key(5))!.Value);
        // 200 keys + 1000 (5 is replaced) - 6 - the hundred keys 50..149.
        Assert.Equal(100, AvlNode.CountOf(after));
        Assert.Equal(200, AvlNode.CountOf(before));
    }

    [Fact]
    public void NoOpChanges_ReturnTheSameRoot()
    {
        var root = Build(Enumerable.Range(0, 100).Select(i => i * 2));

        Assert.Same(root, AvlTree.Remove(root, Key(3)));
        Assert.Same(root, AvlTree.RemoveRange(root, Key(3), Key(4)));
        Assert.Same(root, AvlTree.RemoveRange(root, Key(10), Key(10)));
        Assert.Same(root, AvlTree.RemoveRange(root, Key(1000), Key(2000)));
    }

    [Fact]
    public void SequentialInserts_KeepTheHeightLogarithmic()
    {
        // Ascending inserts are the worst case for an unbalanced tree (height = count).
        var root = Build(Enumerable.Range(0, 1 << 14));

        // AVL height is below 1.45 log2(n + 2); for 16384 keys that is about 20.3.
        Assert.True(AvlNode.HeightOf(root) <= 20, $"height {AvlNode.HeightOf(root)}");
    }

    private static byte[] Key(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static AvlNode? Build(IEnumerable<int> values)
    {
        AvlNode? root = null;
        foreach (var value in values)
        {
            root = AvlTree.SetItem(root, Key(value), [(byte)value]);
        }

        return root;
    }

    private static byte[] RandomKey(Random random)
    {
        byte[] alphabet = [0x00, 0x01, 0x7F, 0x80, 0xFF];
        var key = new byte[random.Next(4)];
        for (var i = 0; i < key.Length; i++)
        {
            key[i] = alphabet[random.Next(alphabet.Length)];
        }

        return key;
    }

    private static List<AvlNode> InOrder(AvlNode? root)
    {
        var nodes = new List<AvlNode>();
        Walk(root);
        return nodes;

        void Walk(AvlNode? node)
        {
            if (node is null)
            {
                return;
            }

            Walk(node.Left);
            nodes.Add(node);
            Walk(node.Right);
        }
    }

    /// <summary>Checks heights, counts, the AVL balance and strict key order of every node.</summary>
    private static void AssertValid(AvlNode? root)
    {
        Check(root, null, null);

        static void Check(AvlNode? node, byte[]? above, byte[]? below)
        {
            if (node is null)
            {
                return;
            }

            Check(node.Left, above, node.Key);
            Check(node.Right, node.Key, below);
            var leftHeight = AvlNode.HeightOf(node.Left);
            var rightHeight = AvlNode.HeightOf(node.Right);
            Assert.True(Math.Abs(leftHeight - rightHeight) <= 1, "AVL balance violated");
            Assert.Equal(Math.Max(leftHeight, rightHeight) + 1, node.Height);
            Assert.Equal(AvlNode.CountOf(node.Left) + AvlNode.CountOf(node.Right) + 1, node.Count);
            Assert.True(above is null || UnsignedByteComparer.Instance.Compare(above, node.Key) < 0, "key order violated");
            Assert.True(below is null || UnsignedByteComparer.Instance.Compare(node.Key, below) < 0, "key order violated");
        }
    }
}
