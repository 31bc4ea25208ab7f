// Generational collection: objects that survived collections (old) get references to new (young)
// objects through every kind of store: fields, array elements, static fields, Interlocked,
// Array.Copy and span copies, struct copies, collection growth, a large array. Young collections
// (GC.Collect(0) and budget collections) must keep every such target alive and intact, though they
// do not trace the old objects again; full ones must too. Each round replaces the young targets,
// collects, and checks a checksum of everything reachable. The exit status is the failure count.
using System.Runtime.CompilerServices;
using System.Threading;

const int Rounds = 24;
const int Slots = 512;

var old = new OldState(Slots);
GC.Collect();
GC.Collect();
Console.WriteLine($"old array is old: {GC.GetGeneration(old.Array) > 0}");
Console.WriteLine($"new object is young: {GC.GetGeneration(new object()) == 0}");

int failures = 0;
for (int round = 0; round < Rounds; round++)
{
    long expected = old.Replace(round);
    Churn(round);
    if (round % 3 == 0)
        GC.Collect(0);
    else if (round % 3 == 1)
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
    Churn(round + 100);
    if (round % 8 == 7)
        GC.Collect();
    long actual = old.Checksum();
    bool ok = actual == expected;
    if (!ok)
        failures++;
    Console.WriteLine($"round {round}: checksum {actual:X16} {(ok ? "intact" : $"expected {expected:X16}")}");
}
Console.WriteLine(failures == 0 ? "every young target survived intact" : $"{failures} rounds lost young targets");
return failures;

// Allocates garbage: budget collections happen in the middle of it in an image with a small budget.
[MethodImpl(MethodImplOptions.NoInlining)]
static void Churn(int seed)
{
    object? keep = null;
    for (int i = 0; i < 20_000; i++)
    {
        var node = new Node(i ^ seed, keep as Node);
        keep = (i & 15) == 0 ? node : keep;
        if ((i & 1023) == 0)
            keep = null;
    }
    GC.KeepAlive(keep);
}

sealed class Node
{
    public readonly long Value;
    public Node? Next;
    public readonly byte[] Payload;

    public Node(long value, Node? next)
    {
        Value = value;
        Next = next;
        Payload = new byte[8 + (int)(value & 31)];
        for (int i = 0; i < Payload.Length; i++)
            Payload[i] = (byte)(value + i);
    }

    public long Checksum()
    {
        long sum = Value * 31 + Payload.Length;
        foreach (byte b in Payload)
            sum = sum * 7 + b;
        return sum;
    }
}

struct Pair
{
    public Node? First;
    public long Tag;
    public Node? Second;
}

sealed class Holder
{
    public Node? Field;
    public Node? Exchanged;
    public object? Boxed;
}

sealed class OldState
{
    public static Node? Static;

    public readonly Node?[] Array;
    public readonly Pair[] Pairs;
    public readonly Holder[] Holders;
    public readonly object?[] Large = new object?[16 * 1024];   // 128 KiB: a large object
    public readonly List<Node> List = new();
    public readonly Dictionary<int, Node> Map = new();

    public OldState(int slots)
    {
        Array = new Node?[slots];
        Pairs = new Pair[slots];
        Holders = new Holder[slots];
        for (int i = 0; i < slots; i++)
            Holders[i] = new Holder();
    }

    /// <summary>Stores young nodes into the old structures every way there is; returns the checksum they make.</summary>
    public long Replace(int round)
    {
        int n = Array.Length;
        var young = new Node?[n];
        for (int i = 0; i < n; i++)
            young[i] = new Node(round * 100_000L + i, null);

        for (int i = 0; i < n; i += 4)
            Array[i] = new Node(round * 100_000L + i + 1, new Node(i, null));
        System.Array.Copy(young, 1, Array, 1, n / 4);
        young.AsSpan(n / 2, n / 8).CopyTo(Array.AsSpan(n / 2 + 1));
        for (int i = 0; i < n; i++)
        {
            Pairs[i] = new Pair { First = young[(i * 7) % n], Tag = i, Second = new Node(i * 3L + round, null) };
            Holders[i].Field = new Node(i + round * 7L, young[i]);
            if ((i & 1) == 0)
                Interlocked.Exchange(ref Holders[i].Exchanged, new Node(-i, null));
            else
                Interlocked.CompareExchange(ref Holders[i].Exchanged, new Node(-i - round, null), Holders[i].Exchanged);
            Holders[i].Boxed = (i & 3) == 0 ? new Pair { First = new Node(i, null), Tag = round } : (object)(long)(i * round);
        }
        var copies = new Pair[n / 4];
        System.Array.Copy(Pairs, copies, copies.Length);
        copies.AsSpan().CopyTo(Pairs.AsSpan(n - copies.Length));
        for (int i = 0; i < Large.Length; i += 97)
            Large[i] = new Node(i + round, null);
        Static = new Node(round, new Node(round + 1, null));
        List.Add(new Node(round * 13L, null));
        Map[round] = new Node(round * 17L, young[round % n]);
        return Checksum();
    }

    public long Checksum()
    {
        long sum = 0;
        foreach (var node in Array)
            sum = Mix(sum, node);
        foreach (var pair in Pairs)
            sum = Mix(Mix(sum, pair.First), pair.Second) + pair.Tag;
        foreach (var holder in Holders)
        {
            sum = Mix(Mix(Mix(sum, holder.Field), holder.Field?.Next), holder.Exchanged);
            sum = holder.Boxed switch
            {
                Pair p => Mix(sum, p.First) + p.Tag,
                long l => sum * 3 + l,
                _ => sum + 1,
            };
        }
        foreach (var item in Large)
            sum = Mix(sum, item as Node);
        sum = Mix(Mix(sum, Static), Static?.Next);
        foreach (var node in List)
            sum = Mix(sum, node);
        foreach (var (key, node) in Map)
            sum = Mix(Mix(sum + key, node), node.Next);
        return sum;
    }

    private static long Mix(long sum, Node? node) => node is null ? sum * 5 + 1 : sum * 1_000_003 + node.Checksum();
}
