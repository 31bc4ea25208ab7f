// ConditionalWeakTable (dependent handles): a value lives exactly as long as its key, even when the
// value references its own key, and a chain of keys held only through values lives while its first
// key does. The stack is cleared before each collection, from a frame on the cleared memory: a
// runtime that scans stacks conservatively (Minnow) could otherwise keep a key alive through a stale
// copy of its address; .NET's precise scan does not need it.
using System.Runtime.CompilerServices;

static class Program
{
    static readonly ConditionalWeakTable<Key, Value> Table = new();
    static readonly List<Key> KeptKeys = new();
    static Key? ChainHead;

    static int Main()
    {
        int failures = 0;

        var droppedValues = AddEntries(100);
        Collect();
        failures += Check("values of dropped keys are collected", CountAlive(droppedValues) == 0);
        failures += Check("kept keys still find their values", KeptKeysIntact());
        failures += Check("table enumerates only the live entries", CountEntries() == 50);

        var chainValues = BuildChain(20);
        Collect();
        failures += Check("a chain reachable from its head survives", CountAlive(chainValues) == 20 && ChainIntact(20));
        ChainHead = null;
        Collect();
        failures += Check("the whole chain goes with its head", CountAlive(chainValues) == 0);

        failures += Check("GetValue creates once", GetValueCreatesOnce());
        failures += Check("AddOrUpdate replaces", AddOrUpdateReplaces());
        failures += Check("Remove removes", RemoveRemoves());

        var replaced = ReplaceValues();
        Collect();
        failures += Check("replaced values are collected while keys live", CountAlive(replaced) == 0 && KeptKeysIntact());

        KeptKeys.Clear();
        Collect();
        failures += Check("table empty once every key is gone", CountEntries() == 0);

        Console.WriteLine(failures == 0 ? "all conditional-weak-table checks passed" : $"{failures} conditional-weak-table checks failed");
        return failures;
    }

    static int Check(string what, bool ok)
    {
        Console.WriteLine($"{what}: {ok}");
        return ok ? 0 : 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Collect()
    {
        ClearStack();
        CollectTwice();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void CollectTwice()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int ClearStack()
    {
        Span<byte> scratch = stackalloc byte[8192];
        return scratch[^1];
    }

    /// <summary>Adds <paramref name="count"/> entries whose values reference their keys; keeps every other key.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static List<WeakReference> AddEntries(int count)
    {
        var dropped = new List<WeakReference>();
        for (int i = 0; i < count; i++)
        {
            var key = new Key(i);
            var value = new Value(i, key, new byte[256]);
            Table.Add(key, value);
            if (i % 2 == 0)
                KeptKeys.Add(key);
            else
                dropped.Add(new WeakReference(value));
        }
        return dropped;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static bool KeptKeysIntact()
    {
        foreach (var key in KeptKeys)
            if (!Table.TryGetValue(key, out var value) || value.Id != key.Id || value.Owner != key || value.Payload.Length != 256)
                return false;
        return KeptKeys.Count == 50;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int CountEntries()
    {
        int n = 0;
        foreach (var _ in (IEnumerable<KeyValuePair<Key, Value>>)Table)
            n++;
        return n;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int CountAlive(List<WeakReference> references)
    {
        int n = 0;
        foreach (var r in references)
            if (r.IsAlive)
                n++;
        return n;
    }

    /// <summary>Key i's value holds key i+1: only the head is strongly reachable.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static List<WeakReference> BuildChain(int length)
    {
        var values = new List<WeakReference>();
        var keys = new Key[length];
        for (int i = 0; i < length; i++)
            keys[i] = new Key(1000 + i);
        // Add them from the tail so the dependent handles are not in chain order.
        for (int i = length - 1; i >= 0; i--)
        {
            var value = new Value(1000 + i, i + 1 < length ? keys[i + 1] : null, new byte[64]);
            Table.Add(keys[i], value);
            values.Add(new WeakReference(value));
        }
        ChainHead = keys[0];
        return values;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static bool ChainIntact(int length)
    {
        Key? key = ChainHead;
        for (int i = 0; i < length; i++)
        {
            if (key == null || key.Id != 1000 + i || !Table.TryGetValue(key, out var value) || value.Id != 1000 + i)
                return false;
            key = value.Owner;
        }
        return key == null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static bool GetValueCreatesOnce()
    {
        var key = new Key(2000);
        int created = 0;
        var first = Table.GetValue(key, k => { created++; return new Value(k.Id, k, new byte[1]); });
        var second = Table.GetValue(key, k => { created++; return new Value(k.Id, k, new byte[1]); });
        return created == 1 && ReferenceEquals(first, second);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static bool AddOrUpdateReplaces()
    {
        var key = new Key(3000);
        Table.AddOrUpdate(key, new Value(1, key, new byte[1]));
        Table.AddOrUpdate(key, new Value(2, key, new byte[1]));
        return Table.TryGetValue(key, out var value) && value.Id == 2;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static bool RemoveRemoves()
    {
        var key = new Key(4000);
        Table.Add(key, new Value(4000, key, new byte[1]));
        return Table.Remove(key) && !Table.TryGetValue(key, out _);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static List<WeakReference> ReplaceValues()
    {
        var old = new List<WeakReference>();
        foreach (var key in KeptKeys)
        {
            Table.TryGetValue(key, out var previous);
            old.Add(new WeakReference(previous));
            Table.AddOrUpdate(key, new Value(key.Id, key, new byte[256]));
        }
        return old;
    }
}

sealed class Key(int id)
{
    public int Id { get; } = id;
}

sealed class Value(int id, Key? owner, byte[] payload)
{
    public int Id { get; } = id;
    public Key? Owner { get; } = owner;
    public byte[] Payload { get; } = payload;
}
