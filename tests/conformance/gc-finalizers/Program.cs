// Finalizers: they run for unreachable objects after a collection (GC.WaitForPendingFinalizers waits
// for them), not for reachable ones, not when suppressed, again after ReRegisterForFinalize, and the
// objects a finalizable object references stay intact until its finalizer has run. Finalizers only
// record what happened; Main prints, so the output does not depend on when they run.
// Settle clears the stack below itself, then collects from a frame that lies on the cleared memory: a
// runtime that scans stacks conservatively
// (Minnow) would otherwise keep an object alive through a stale copy of its address left in a frame
// that has returned; .NET's precise scan does not need it, and it changes nothing there.
using System.Runtime.CompilerServices;

static class Program
{
    public static readonly object Gate = new();
    public static readonly List<int> Finalized = new();
    public static readonly List<string> Notes = new();
    public static Tracked? Resurrected;
    public static List<Tracked> KeptAlive = new();

    static int Main()
    {
        int failures = 0;

        MakeGarbage(0, 100);
        Settle();
        failures += Check("unreachable objects finalized", Take(), Range(0, 100));

        KeepSome(100, 20);
        MakeGarbage(120, 10);
        Settle();
        failures += Check("only the unreachable ones", Take(), Range(120, 10));

        MakeSuppressed(200, 10);
        Settle();
        failures += Check("suppressed (every even id) not finalized", Take(), [201, 203, 205, 207, 209]);

        MakeSuppressedThenReRegistered(300);
        Settle();
        failures += Check("suppressed then re-registered: finalized once", Take(), [300]);

        MakeResurrecting(400);
        Settle();
        failures += Check("resurrecting object finalized", Take(), [400]);
        bool back = Resurrected != null && Resurrected.Id == 400;
        if (Resurrected != null)
        {
            Resurrected.ReRegister = false;
            GC.ReRegisterForFinalize(Resurrected);
            Resurrected = null;
        }
        Settle();
        failures += Check("resurrected object came back", back);
        failures += Check("re-registered resurrected object finalized again", Take(), [400]);
        Settle();
        failures += Check("and then no more", Take(), []);

        MakeOwners(500, 50);
        Settle();
        failures += Check("owners finalized", Take(), Range(500, 50));
        List<string> notes;
        lock (Gate)
        {
            notes = new List<string>(Notes);
            Notes.Clear();
        }
        failures += Check("payloads intact inside finalizers", notes.Count == 50 && notes.TrueForAll(n => n == "ok"));

        KeptAlive.Clear();
        Settle();
        failures += Check("dropped survivors finalized later", Take(), Range(100, 20));

        Console.WriteLine(failures == 0 ? "all finalizer checks passed" : $"{failures} finalizer checks failed");
        return failures;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Settle()
    {
        ClearStack();
        CollectAndWait();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void CollectAndWait()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int ClearStack()
    {
        Span<byte> scratch = stackalloc byte[8192];
        return scratch[^1];
    }

    static int[] Take()
    {
        lock (Gate)
        {
            var ids = Finalized.ToArray();
            Finalized.Clear();
            Array.Sort(ids);
            return ids;
        }
    }

    static int[] Range(int start, int count) => Enumerable.Range(start, count).ToArray();

    static int Check(string what, int[] actual, int[] expected)
    {
        bool ok = actual.AsSpan().SequenceEqual(expected);
        Console.WriteLine($"{what}: {ok} ({actual.Length} finalized)");
        return ok ? 0 : 1;
    }

    static int Check(string what, bool ok)
    {
        Console.WriteLine($"{what}: {ok}");
        return ok ? 0 : 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void MakeGarbage(int first, int count)
    {
        for (int i = 0; i < count; i++)
            _ = new Tracked(first + i);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void KeepSome(int first, int count)
    {
        for (int i = 0; i < count; i++)
            KeptAlive.Add(new Tracked(first + i));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void MakeSuppressed(int first, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var t = new Tracked(first + i);
            if (i % 2 == 0)
                GC.SuppressFinalize(t);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void MakeSuppressedThenReRegistered(int id)
    {
        var t = new Tracked(id);
        GC.SuppressFinalize(t);
        GC.ReRegisterForFinalize(t);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void MakeResurrecting(int id) => _ = new Tracked(id) { ReRegister = true };

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void MakeOwners(int first, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var payload = new int[64];
            for (int j = 0; j < payload.Length; j++)
                payload[j] = (first + i) * 1000 + j;
            _ = new Owner(first + i, payload, "owner-" + (first + i));
        }
    }
}

class Tracked(int id)
{
    public int Id { get; } = id;
    public bool ReRegister;

    ~Tracked()
    {
        lock (Program.Gate)
            Program.Finalized.Add(Id);
        if (ReRegister)
            Program.Resurrected = this;
    }
}

sealed class Owner(int id, int[] payload, string name) : Tracked(id)
{
    private readonly int[] _payload = payload;
    private readonly string _name = name;

    ~Owner()
    {
        bool ok = _name == "owner-" + Id;
        for (int j = 0; j < _payload.Length; j++)
            ok &= _payload[j] == Id * 1000 + j;
        lock (Program.Gate)
            Program.Notes.Add(ok ? "ok" : "corrupt");
    }
}
