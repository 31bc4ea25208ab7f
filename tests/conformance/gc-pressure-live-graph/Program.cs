// GC stress (tests/Conformance.Tests): this program allocates ~700 MiB in small objects, so its stress run
// collects every 20000 allocations (file gcstress) rather than the default 1000.
// Allocates many times a small VM's memory in garbage of mixed sizes and lifetimes while a live
// object graph (a tree, a linked list, a dictionary, strings) is kept and partly rebuilt. At the
// end every part of the graph is checked against values computed independently of the objects.
using System.Runtime.CompilerServices;

const int TreeDepth = 13;
const int ListLength = 5000;
const int DictionaryCount = 3000;
const long GarbageTarget = 640L << 20;

var random = new Xorshift(12345);
var tree = Graph.BuildTree(TreeDepth);
var list = Graph.BuildList(ListLength);
var dictionary = Graph.BuildDictionary(DictionaryCount);
var recent = new object?[64];
long garbage = 0;
int rebuilt = 0;
int round = 0;
int collectionsBefore = GC.CollectionCount(0);

while (garbage < GarbageTarget)
{
    round++;
    garbage += Churn.Allocate(random, recent);
    // Rebuild a subtree now and then: new live objects land among the garbage.
    if (round % 50 == 0)
    {
        Graph.RebuildSubtree(tree, random.Next(1 << 8));
        rebuilt++;
    }
    if (round % 97 == 0)
    {
        int key = random.Next(DictionaryCount);
        dictionary[key] = Graph.Label(key);
    }
}

Console.WriteLine($"garbage allocated (MiB, at least): {GarbageTarget >> 20}");
Console.WriteLine($"subtrees rebuilt: {rebuilt}");
Console.WriteLine($"collections happened: {GC.CollectionCount(0) > collectionsBefore}");
Console.WriteLine($"tree nodes: {Graph.CountNodes(tree)} expected {(1 << (TreeDepth + 1)) - 1}");
Console.WriteLine($"tree intact: {Graph.CheckTree(tree, TreeDepth)}");
Console.WriteLine($"list intact: {Graph.CheckList(list, ListLength)}");
Console.WriteLine($"dictionary intact: {Graph.CheckDictionary(dictionary, DictionaryCount)}");
int recentAlive = 0;
foreach (var o in recent)
    if (o != null)
        recentAlive++;
Console.WriteLine($"recent objects kept: {recentAlive}");
return Graph.CheckTree(tree, TreeDepth) && Graph.CheckList(list, ListLength) && Graph.CheckDictionary(dictionary, DictionaryCount) ? 0 : 1;

sealed class Node
{
    public Node? Left;
    public Node? Right;
    public int Index;
    public string Label = "";
    public int[] Digits = [];
}

sealed class ListCell
{
    public ListCell? Next;
    public long Value;
    public object Payload = "";
}

static class Graph
{
    // Heap-order indexing: the root is 1, the children of i are 2i and 2i+1.
    public static Node BuildTree(int depth) => BuildAt(1, depth);

    private static Node BuildAt(int index, int depth)
    {
        var node = new Node { Index = index, Label = Label(index), Digits = DigitsOf(index) };
        if (depth > 0)
        {
            node.Left = BuildAt(2 * index, depth - 1);
            node.Right = BuildAt(2 * index + 1, depth - 1);
        }
        return node;
    }

    public static string Label(int index) => "node-" + index.ToString("x");

    public static int[] DigitsOf(int index)
    {
        var digits = new int[index.ToString().Length];
        for (int i = digits.Length - 1, v = index; i >= 0; i--, v /= 10)
            digits[i] = v % 10;
        return digits;
    }

    /// <summary>Replaces the subtree at heap index <paramref name="target"/> by a fresh copy.</summary>
    public static void RebuildSubtree(Node root, int target)
    {
        if (target < 2)
            target = 2;
        Node parent = Find(root, target / 2);
        int depthBelow = Depth(Find(root, target));
        var fresh = BuildAt(target, depthBelow);
        if (target % 2 == 0)
            parent.Left = fresh;
        else
            parent.Right = fresh;
    }

    private static Node Find(Node root, int index)
    {
        if (index == 1)
            return root;
        Node parent = Find(root, index / 2);
        return index % 2 == 0 ? parent.Left! : parent.Right!;
    }

    private static int Depth(Node node)
    {
        int depth = 0;
        while (node.Left != null)
        {
            node = node.Left;
            depth++;
        }
        return depth;
    }

    public static int CountNodes(Node? node) => node == null ? 0 : 1 + CountNodes(node.Left) + CountNodes(node.Right);

    public static bool CheckTree(Node root, int depth) => CheckAt(root, 1, depth);

    private static bool CheckAt(Node? node, int index, int depth)
    {
        if (node == null || node.Index != index || node.Label != Label(index))
            return false;
        int[] digits = node.Digits;
        int value = 0;
        foreach (int d in digits)
            value = value * 10 + d;
        if (value != index)
            return false;
        if (depth == 0)
            return node.Left == null && node.Right == null;
        return CheckAt(node.Left, 2 * index, depth - 1) && CheckAt(node.Right, 2 * index + 1, depth - 1);
    }

    public static ListCell BuildList(int length)
    {
        ListCell? head = null;
        for (int i = length - 1; i >= 0; i--)
            head = new ListCell { Next = head, Value = (long)i * i, Payload = i % 3 == 0 ? (object)("p" + i) : new long[] { i, -i } };
        return head!;
    }

    public static bool CheckList(ListCell head, int length)
    {
        int i = 0;
        for (ListCell? cell = head; cell != null; cell = cell.Next, i++)
        {
            if (cell.Value != (long)i * i)
                return false;
            if (i % 3 == 0 ? !(cell.Payload is string s && s == "p" + i) : !(cell.Payload is long[] a && a[0] == i && a[1] == -i))
                return false;
        }
        return i == length;
    }

    public static Dictionary<int, string> BuildDictionary(int count)
    {
        var dictionary = new Dictionary<int, string>();
        for (int i = 0; i < count; i++)
            dictionary[i] = Label(i);
        return dictionary;
    }

    public static bool CheckDictionary(Dictionary<int, string> dictionary, int count)
    {
        if (dictionary.Count != count)
            return false;
        for (int i = 0; i < count; i++)
            if (!dictionary.TryGetValue(i, out var value) || value != Label(i))
                return false;
        return true;
    }
}

static class Churn
{
    /// <summary>One round of garbage: small objects, strings, arrays of assorted sizes; some stay in <paramref name="recent"/> for a while.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Allocate(Xorshift random, object?[] recent)
    {
        long bytes = 0;
        for (int i = 0; i < 200; i++)
        {
            var cell = new ListCell { Value = i, Payload = new object() };
            bytes += 64;
            if (i % 7 == 0)
            {
                cell.Payload = "garbage " + i + " " + random.Next(1000);
                bytes += 64;
            }
            if (i % 25 == 0)
            {
                int size = 16 + random.Next(4096);
                var array = new byte[size];
                array[size - 1] = (byte)i;
                bytes += size;
                recent[random.Next(recent.Length)] = array;
            }
        }
        if (random.Next(10) == 0)
        {
            int size = 20_000 + random.Next(60_000);
            recent[random.Next(recent.Length)] = new int[size / 4];
            bytes += size;
        }
        var list = new List<string>();
        for (int i = 0; i < 20; i++)
            list.Add(i.ToString());
        bytes += 20 * 32 + 512;
        return bytes;
    }
}

sealed class Xorshift(ulong seed)
{
    private ulong _state = seed;

    public int Next(int bound)
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        return (int)(_state % (ulong)bound);
    }
}
