// Weak references and GC handles: what a collection clears and what it keeps. Short weak handles
// are cleared as soon as their target is unreachable, even if it has a finalizer still to run; long
// (trackResurrection) ones only once it is really gone, and not when its finalizer resurrects it.
// Objects are created in methods that are not inlined, so no local of Main keeps them alive, and the
// stack below is cleared before collecting from a frame on the cleared memory: a runtime that scans stacks conservatively (Minnow) would
// otherwise keep an object alive through a stale copy of its address in a frame that has returned.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

static class Program
{
    public static object? Kept;
    public static Resurrecting? Resurrected;
    public static int FinalizersRun;

    static int Main()
    {
        int failures = 0;

        var dead = MakeWeak();
        var held = MakeWeakToKept();
        Collect();
        failures += Check("weak reference to garbage is cleared", !dead.IsAlive && dead.Target == null);
        failures += Check("weak reference to a static's object survives", held.IsAlive && ReferenceEquals(held.Target, Kept));

        var typed = MakeTypedWeak();
        Collect();
        failures += Check("WeakReference<T>.TryGetTarget fails after collection", !typed.TryGetTarget(out _));

        var weakHandle = MakeHandle(GCHandleType.Weak);
        var normalHandle = MakeHandle(GCHandleType.Normal);
        var watcher = WatchTarget(normalHandle);
        Collect();
        failures += Check("weak GCHandle target is null", weakHandle.Target == null);
        failures += Check("normal GCHandle keeps its target", HoldsSevenInts(normalHandle) && watcher.IsAlive);
        normalHandle.Free();
        Collect();
        failures += Check("freed normal GCHandle lets its target go", !watcher.IsAlive);
        weakHandle.Free();

        // One collection only: a second one could follow the finalizer thread's run on .NET.
        // Both facts are read before anything allocates: once its finalizer has run, any collection may take the object.
        var (shortWeak, longWeak) = MakeFinalizableWatched();
        CollectOnce();
        bool shortCleared = !shortWeak.IsAlive;
        bool longAlive = longWeak.IsAlive;
        failures += Check("short weak cleared before the finalizer runs", shortCleared);
        failures += Check("long weak still sees the object awaiting finalization", longAlive);
        GC.WaitForPendingFinalizers();
        failures += Check("its finalizer ran", FinalizersRun == 1);
        Collect();
        failures += Check("long weak cleared once the object is gone", !longWeak.IsAlive);

        var (shortToResurrected, longToResurrected) = MakeResurrectingWatched();
        Collect();
        GC.WaitForPendingFinalizers();
        Collect();
        failures += Check("short weak to a resurrected object stays cleared", !shortToResurrected.IsAlive);
        failures += Check("long weak follows the resurrected object", longToResurrected.IsAlive && ReferenceEquals(longToResurrected.Target, Resurrected));
        Resurrected = null;
        Collect();
        failures += Check("long weak cleared when the resurrected object is dropped", !longToResurrected.IsAlive);

        var retargeted = MakeWeak();
        var second = new List<int> { 1, 2, 3 };
        retargeted.Target = second;
        Collect();
        failures += Check("retargeted weak reference follows its new target", ReferenceEquals(retargeted.Target, second));
        GC.KeepAlive(second);

        var many = MakeManyWeak(10_000);
        Collect();
        int alive = 0;
        foreach (var w in many)
            if (w.IsAlive)
                alive++;
        failures += Check("10000 weak references to garbage all cleared", alive == 0);

        Console.WriteLine(failures == 0 ? "all weak-handle checks passed" : $"{failures} weak-handle checks failed");
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
        GC.Collect();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void CollectOnce()
    {
        ClearStack();
        CollectOnlyOnce();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void CollectOnlyOnce() => GC.Collect();

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int ClearStack()
    {
        Span<byte> scratch = stackalloc byte[8192];
        return scratch[^1];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference MakeWeak() => new(new byte[100]);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference MakeWeakToKept()
    {
        Kept = new string('k', 10);
        return new WeakReference(Kept);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference<object> MakeTypedWeak() => new(new object());

    [MethodImpl(MethodImplOptions.NoInlining)]
    static GCHandle MakeHandle(GCHandleType type) => GCHandle.Alloc(new int[7], type);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static bool HoldsSevenInts(GCHandle handle) => handle.Target is int[] array && array.Length == 7;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference WatchTarget(GCHandle handle) => new(handle.Target);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static (WeakReference, WeakReference) MakeFinalizableWatched()
    {
        var target = new Finalizable();
        return (new WeakReference(target, trackResurrection: false), new WeakReference(target, trackResurrection: true));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static (WeakReference, WeakReference) MakeResurrectingWatched()
    {
        var target = new Resurrecting();
        return (new WeakReference(target, trackResurrection: false), new WeakReference(target, trackResurrection: true));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static List<WeakReference> MakeManyWeak(int count)
    {
        var list = new List<WeakReference>(count);
        for (int i = 0; i < count; i++)
            list.Add(new WeakReference(new object()));
        return list;
    }
}

sealed class Finalizable
{
    ~Finalizable() => Program.FinalizersRun++;
}

sealed class Resurrecting
{
    ~Resurrecting() => Program.Resurrected = this;
}
