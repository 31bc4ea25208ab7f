// GC.Collect, GC.CollectionCount, GC.GetTotalMemory and GC.KeepAlive: only facts that hold on any
// conforming runtime are printed (counts increase, memory grows with a live array and shrinks when it
// is dropped), never the numbers themselves.
using System.Runtime.CompilerServices;

static class Program
{
    static int Main()
    {
        int failures = 0;

        int before = GC.CollectionCount(0);
        GC.Collect();
        failures += Check("GC.Collect() counts a generation-0 collection", GC.CollectionCount(0) > before);

        int before2 = GC.CollectionCount(2);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        failures += Check("GC.Collect(2) counts a generation-2 collection", GC.CollectionCount(2) > before2);
        failures += Check("counts are ordered gen0 >= gen1 >= gen2", GC.CollectionCount(0) >= GC.CollectionCount(1) && GC.CollectionCount(1) >= GC.CollectionCount(2));
        failures += Check("MaxGeneration is at least 0", GC.MaxGeneration >= 0);

        int beforeChurn = GC.CollectionCount(0);
        long churned = Churn(256L << 20);
        failures += Check($"allocating {churned >> 20} MiB of garbage triggers collections", GC.CollectionCount(0) > beforeChurn);

        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        var holder = new Holder();
        Fill(holder);
        long withArray = GC.GetTotalMemory(forceFullCollection: true);
        failures += Check("total memory grows by about a live 16 MiB array", withArray >= 16 << 20 && withArray - baseline >= 15 << 20);
        holder.Data = null;
        long afterDrop = DropAndMeasure();
        failures += Check("total memory shrinks once it is dropped", afterDrop < withArray - (8 << 20));
        GC.KeepAlive(holder);

        var weak = KeepAliveCheck();
        failures += Check("GC.KeepAlive kept its object through a collection", weak);

        var info = GC.GetGCMemoryInfo();
        failures += Check("GCMemoryInfo reports available memory", info.TotalAvailableMemoryBytes > 0);

        Console.WriteLine(failures == 0 ? "all collection-count checks passed" : $"{failures} collection-count checks failed");
        return failures;
    }

    static int Check(string what, bool ok)
    {
        Console.WriteLine($"{what}: {ok}");
        return ok ? 0 : 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long Churn(long bytes)
    {
        long done = 0;
        object? last = null;
        while (done < bytes)
        {
            last = new int[256];
            done += 1048;
        }
        GC.KeepAlive(last);
        return done;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Fill(Holder holder)
    {
        holder.Data = new byte[16 << 20];
        holder.Data[^1] = 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long DropAndMeasure()
    {
        ClearStack();
        return Measure();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long Measure() => GC.GetTotalMemory(forceFullCollection: true);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int ClearStack()
    {
        Span<byte> scratch = stackalloc byte[8192];
        return scratch[^1];
    }

    /// <summary>An object used after a collection via GC.KeepAlive must still be there (its weak reference alive).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static bool KeepAliveCheck()
    {
        var target = new object();
        var weak = new WeakReference(target);
        GC.Collect();
        bool alive = weak.IsAlive;
        GC.KeepAlive(target);
        return alive;
    }
}

sealed class Holder
{
    public byte[]? Data;
}
