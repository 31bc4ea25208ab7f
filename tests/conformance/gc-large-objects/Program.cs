// Large objects (tens of KiB to MiB): allocated far beyond the machine's memory in total, a few kept
// at a time and checked byte for byte; large arrays of references keep the small objects they point
// to alive; large strings; arrays of structs that hold references.
using System.Runtime.CompilerServices;

static class Program
{
    const long TotalTarget = 1L << 30;

    static int Main()
    {
        int failures = 0;

        var kept = new byte[4][];
        long total = 0;
        int round = 0;
        bool allIntact = true;
        while (total < TotalTarget)
        {
            int size = Size(round);
            int slot = round % kept.Length;
            if (kept[slot] != null)
                allIntact &= Intact(kept[slot], Seed(round - kept.Length));
            kept[slot] = Filled(size, Seed(round));
            total += size;
            round++;
        }
        for (int i = 0; i < kept.Length; i++)
            allIntact &= Intact(kept[i], Seed(round - kept.Length + ((i - round % kept.Length + kept.Length) % kept.Length)));
        Console.WriteLine($"large arrays allocated: {round}, GiB at least: {TotalTarget >> 30}");
        failures += Check("every kept large array intact when checked", allIntact);

        var holders = MakeReferenceArray(20_000);
        Collect();
        failures += Check("large reference array keeps its small objects", ReferenceArrayIntact(holders));

        var structs = MakeStructArray(5_000);
        Collect();
        failures += Check("large struct array keeps the objects its elements reference", StructArrayIntact(structs));

        string big = new string('x', 200_000) + "end";
        Collect();
        failures += Check("large string intact", big.Length == 200_003 && big.EndsWith("end") && big[12_345] == 'x');

        var weakBig = MakeWeakLarge();
        Collect();
        failures += Check("unreferenced large array collected", !weakBig.IsAlive);

        var mixed = new List<object>();
        for (int i = 0; i < 200; i++)
        {
            mixed.Add(i % 3 == 0 ? new long[8_000 + i] : new object[10_000 + i]);
            if (mixed.Count > 8)
                mixed.RemoveAt(0);
        }
        failures += Check("sizes of the last large arrays", mixed.Count == 8 && mixed[^1] is object[] last && last.Length == 10_199);

        Console.WriteLine(failures == 0 ? "all large-object checks passed" : $"{failures} large-object checks failed");
        return failures;
    }

    static int Size(int round) => 40_000 + (int)((uint)(round * 2654435761u) % 3_000_000u);

    static byte Seed(int round) => (byte)(round * 31 + 7);

    static byte[] Filled(int size, byte seed)
    {
        var array = new byte[size];
        for (int i = 0; i < size; i += 4096)
            array[i] = (byte)(seed + i / 4096);
        array[size - 1] = seed;
        return array;
    }

    static bool Intact(byte[] array, byte seed)
    {
        for (int i = 0; i < array.Length; i += 4096)
            if (array[i] != (byte)(seed + i / 4096))
                return false;
        if (array[^1] != seed)
            return false;
        for (int i = 1; i < array.Length - 1; i++)
            if (i % 4096 != 0 && array[i] != 0)
                return false;
        return true;
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
        GC.Collect();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int ClearStack()
    {
        Span<byte> scratch = stackalloc byte[8192];
        return scratch[^1];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static string[] MakeReferenceArray(int count)
    {
        var array = new string[count];
        for (int i = 0; i < count; i++)
            array[i] = "item " + i;
        return array;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static bool ReferenceArrayIntact(string[] array)
    {
        for (int i = 0; i < array.Length; i++)
            if (array[i] != "item " + i)
                return false;
        return true;
    }

    struct Entry
    {
        public int Number;
        public string Name;
        public long Padding;
        public int[] Digits;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static Entry[] MakeStructArray(int count)
    {
        var array = new Entry[count];
        for (int i = 0; i < count; i++)
            array[i] = new Entry { Number = i, Name = "entry " + i, Padding = -i, Digits = [i, i + 1, i + 2] };
        return array;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static bool StructArrayIntact(Entry[] array)
    {
        for (int i = 0; i < array.Length; i++)
        {
            var e = array[i];
            if (e.Number != i || e.Name != "entry " + i || e.Padding != -i || e.Digits.Length != 3 || e.Digits[2] != i + 2)
                return false;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference MakeWeakLarge() => new(new double[100_000]);
}
