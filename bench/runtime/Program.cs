// Runtime benchmarks: the same program runs as a Minnow image and as a stock NativeAOT Linux
// binary (bench/linux-guest/runtime-linux) in a Linux guest on the same QEMU. Every mode measures
// itself with Stopwatch and prints ONE JSON line on stdout; bench/runtime_bench.py compares them.
//
//   runtime-bench MODE [SCALE]
//   MODE: alloc | alloc-live | pause | calls | throw | matmul | all (each mode in turn, then a
//         "footprint" line with the heap high-water mark of the whole run)
//   SCALE: work multiplier (default 1; 1 takes a few seconds per mode under QEMU's TCG)
//
// Nothing here may depend on the platform: same code, same work, same checksums on both sides.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace RuntimeBench;

public static class Program
{
    static long s_heapPeak;          // max GC.GetTotalMemory(false) seen by Sample()
    static long s_committedPeak;     // max GCMemoryInfo.TotalCommittedBytes seen by Sample()
    static double s_scale = 1;

    // Throughput figures are the best of Rounds equal rounds: the host is shared, and a round that
    // lost the CPU to another process says nothing about the runtime. Each round is ~0.1-0.5 s
    // under TCG at scale 1.
    const int Rounds = 5;
    // Allocation rounds are 2M objects (64 MB): large enough that every round pays for several
    // collections on both runtimes (Minnow's budget is up to 16 MiB), so the best round is not
    // simply one that happened to collect less.
    const int AllocRounds = 3;

    public static int Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "all";
        if (args.Length > 1 && !double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out s_scale))
        {
            Console.Error.WriteLine($"bad scale '{args[1]}'");
            return 2;
        }
        string[] modes = mode == "all" ? ["alloc", "alloc-live", "pause", "calls", "throw", "matmul"] : [mode];
        var total = Stopwatch.StartNew();
        foreach (string m in modes)
        {
            string? line = m switch
            {
                "alloc" => Alloc(live: false),
                "alloc-live" => Alloc(live: true),
                "pause" => Pause(),
                "calls" => Calls(),
                "throw" => Throw(),
                "matmul" => MatMul(),
                _ => null,
            };
            if (line == null)
            {
                Console.Error.WriteLine($"unknown mode '{m}' (alloc, alloc-live, pause, calls, throw, matmul, all)");
                return 2;
            }
            Console.WriteLine(line);
        }
        Sample();
        Console.WriteLine(new Json("footprint")
            .Add("heap_peak_bytes", s_heapPeak)
            .Add("committed_peak_bytes", s_committedPeak)
            .Add("collections", GC.CollectionCount(0))
            .Add("elapsed_s", total.Elapsed.TotalSeconds)
            .ToString());
        return 0;
    }

    static long Scaled(long n) => Math.Max(1, (long)(n * s_scale));

    /// <summary>Heap high-water mark sampling: bytes in use, and the heap's committed size.</summary>
    static void Sample()
    {
        long inUse = GC.GetTotalMemory(false);
        if (inUse > s_heapPeak) s_heapPeak = inUse;
        long committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        if (committed > s_committedPeak) s_committedPeak = committed;
    }

    // ---- allocation throughput ---------------------------------------------------------------

    /// <summary>Small objects (two fields: 32 bytes on both runtimes), none kept; optionally with a
    /// live tree of 2^17-1 nodes (4 MiB) that every collection has to mark.</summary>
    static string Alloc(bool live)
    {
        Node? tree = live ? Node.Tree(16) : null;
        AllocateSmall(Scaled(20_000)); // warm-up
        long count = Scaled(2_000_000);
        int gcBefore = GC.CollectionCount(0);
        double seconds = double.MaxValue;
        for (int r = 0; r < AllocRounds; r++)
        {
            var watch = Stopwatch.StartNew();
            AllocateSmall(count);
            seconds = Math.Min(seconds, watch.Elapsed.TotalSeconds);
        }
        int collections = GC.CollectionCount(0) - gcBefore;
        Sample();
        GC.KeepAlive(tree);
        return new Json(live ? "alloc-live" : "alloc")
            .Add("objects", count * AllocRounds)
            .Add("seconds", seconds)
            .Add("objects_per_s", count / seconds)
            .Add("collections", collections)
            .Add("live_nodes", live ? Node.Count(tree) : 0)
            .ToString();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void AllocateSmall(long count)
    {
        Node? last = null;
        for (long i = 0; i < count; i++)
        {
            // A short chain (64 objects) stays reachable from a local: a little real garbage.
            last = new Node { Left = (i & 63) == 0 ? null : last };
            if ((i & 0xFFFF) == 0) Sample();
        }
        GC.KeepAlive(last);
    }

    // ---- GC pauses -----------------------------------------------------------------------------

    /// <summary>Latency of an allocation loop with a live graph (a 2^18-1 node tree, 8 MiB, whose
    /// subtrees are replaced as the loop runs, so old data dies as well as young). Each iteration
    /// allocates 16 small objects and one 64-1088 byte array. The gap between iteration timestamps
    /// is measured; iterations during which GC.CollectionCount changed are the pauses (a pause is
    /// what the program saw: the collection plus the iteration's own work, a few microseconds).</summary>
    static string Pause()
    {
        var tree = Node.Tree(17);
        int iterations = (int)Scaled(250_000);
        var gaps = new long[iterations];
        var gcGaps = new long[iterations];
        int gcCount = 0;
        var keep = new object[256];
        uint rng = 12345;
        int gcBefore = GC.CollectionCount(0);
        var total = Stopwatch.StartNew();
        long prev = Stopwatch.GetTimestamp();
        int prevCount = gcBefore;
        for (int i = 0; i < iterations; i++)
        {
            Node? chain = null;
            for (int k = 0; k < 16; k++)
                chain = new Node { Left = chain };
            rng = rng * 1664525 + 1013904223;
            keep[rng >> 24] = new byte[64 + (int)(rng >> 22 & 1023)];
            if ((i & 63) == 0)
                tree.Replace(rng, Node.Tree(8)); // 511 nodes become live, some subtree dies
            if ((i & 4095) == 0)
                Sample();
            GC.KeepAlive(chain);
            long now = Stopwatch.GetTimestamp();
            int count = GC.CollectionCount(0);
            gaps[i] = now - prev;
            if (count != prevCount)
                gcGaps[gcCount++] = now - prev;
            prev = now;
            prevCount = count;
        }
        double seconds = total.Elapsed.TotalSeconds;
        GC.KeepAlive(tree);
        GC.KeepAlive(keep);
        Array.Sort(gaps);
        Array.Sort(gcGaps, 0, gcCount);
        double us = 1e6 / Stopwatch.Frequency;
        return new Json("pause")
            .Add("iterations", iterations)
            .Add("seconds", seconds)
            .Add("iterations_per_s", iterations / seconds)
            .Add("collections", GC.CollectionCount(0) - gcBefore)
            .Add("pauses_seen", gcCount)
            .Add("pause_max_us", gcCount > 0 ? gcGaps[gcCount - 1] * us : 0)
            .Add("pause_p99_us", gcCount > 0 ? Percentile(gcGaps, gcCount, 0.99) * us : 0)
            .Add("pause_p50_us", gcCount > 0 ? Percentile(gcGaps, gcCount, 0.50) * us : 0)
            .Add("gap_max_us", gaps[iterations - 1] * us)
            .Add("gap_p99_us", Percentile(gaps, iterations, 0.99) * us)
            .Add("gap_p999_us", Percentile(gaps, iterations, 0.999) * us)
            .Add("gap_p50_us", Percentile(gaps, iterations, 0.50) * us)
            .Add("live_nodes", Node.Count(tree))
            .Add("pauses_us", gcGaps, gcCount, us)
            .ToString();
    }

    /// <summary>Nearest-rank percentile of the first n (sorted) values.</summary>
    static long Percentile(long[] sorted, int n, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * n) - 1, 0, n - 1)];

    // ---- virtual and interface calls -----------------------------------------------------------

    /// <summary>ns per call through a megamorphic virtual and interface call site (four receiver
    /// types in a fixed pseudo-random order; the targets are NoInlining), and a direct call to a
    /// NoInlining static method as the loop's baseline.</summary>
    static string Calls()
    {
        var shapes = new Shape[1024];
        var ishapes = new IShape[1024];
        uint rng = 7;
        for (int i = 0; i < shapes.Length; i++)
        {
            rng = rng * 1664525 + 1013904223;
            Shape s = (rng >> 28 & 3) switch { 0 => new Square(), 1 => new Circle(), 2 => new Triangle(), _ => new Hexagon() };
            shapes[i] = s;
            ishapes[i] = (IShape)s;
        }
        long calls = Scaled(800_000);
        CallVirtual(shapes, 10_000); CallInterface(ishapes, 10_000); CallDirect(10_000); // warm-up
        double virtualS = double.MaxValue, interfaceS = double.MaxValue, directS = double.MaxValue;
        long v = 0, f = 0, d = 0;
        for (int r = 0; r < Rounds; r++)
        {
            var w = Stopwatch.StartNew();
            v = CallVirtual(shapes, calls);
            virtualS = Math.Min(virtualS, w.Elapsed.TotalSeconds);
            w.Restart();
            f = CallInterface(ishapes, calls);
            interfaceS = Math.Min(interfaceS, w.Elapsed.TotalSeconds);
            w.Restart();
            d = CallDirect(calls);
            directS = Math.Min(directS, w.Elapsed.TotalSeconds);
        }
        return new Json("calls")
            .Add("calls", calls * Rounds)
            .Add("virtual_ns", virtualS * 1e9 / calls)
            .Add("interface_ns", interfaceS * 1e9 / calls)
            .Add("direct_ns", directS * 1e9 / calls)
            .Add("virtual_calls_per_s", calls / virtualS)
            .Add("interface_calls_per_s", calls / interfaceS)
            .Add("checksum", v ^ f ^ d)
            .ToString();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long CallVirtual(Shape[] shapes, long count)
    {
        long sum = 0;
        for (long i = 0; i < count; i++)
            sum += shapes[i & 1023].Sides((int)i);
        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long CallInterface(IShape[] shapes, long count)
    {
        long sum = 0;
        for (long i = 0; i < count; i++)
            sum += shapes[i & 1023].Corners((int)i);
        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long CallDirect(long count)
    {
        long sum = 0;
        for (long i = 0; i < count; i++)
            sum += Direct((int)i);
        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Direct(int x) => x & 5;

    // ---- exceptions ----------------------------------------------------------------------------

    /// <summary>ns per throw+catch: a new exception thrown three frames below the catch.</summary>
    static string Throw()
    {
        long throws = Scaled(600);
        ThrowLoop(50); // warm-up (first-throw initialisation)
        double seconds = double.MaxValue;
        long caught = 0;
        for (int r = 0; r < Rounds; r++)
        {
            var w = Stopwatch.StartNew();
            caught += ThrowLoop(throws);
            seconds = Math.Min(seconds, w.Elapsed.TotalSeconds);
        }
        return new Json("throw")
            .Add("throws", throws * Rounds)
            .Add("caught", caught)
            .Add("throw_catch_ns", seconds * 1e9 / throws)
            .Add("throws_per_s", throws / seconds)
            .ToString();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long ThrowLoop(long count)
    {
        long caught = 0;
        for (long i = 0; i < count; i++)
        {
            try
            {
                Frame1((int)i);
            }
            catch (BenchException e) when (e.Value >= 0)
            {
                caught++;
            }
        }
        return caught;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Frame1(int x) => Frame2(x + 1) + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Frame2(int x) => Frame3(x + 1) + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Frame3(int x) => x >= 0 ? throw new BenchException(x) : x;

    // ---- numeric kernel ------------------------------------------------------------------------

    /// <summary>Dense double matrix multiply C = A*B (n = 96, i-k-j order, scalar code), repeated.
    /// The checksum (sum of C, and its bits) must be identical on both sides.</summary>
    static string MatMul()
    {
        const int n = 96;
        var a = new double[n * n];
        var b = new double[n * n];
        var c = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                a[i * n + j] = ((i * 7 + j * 3) % 17) / 16.0 - 0.5;
                b[i * n + j] = ((i * 5 + j * 11) % 13) / 12.0 - 0.25;
            }
        int reps = (int)Scaled(6);
        Multiply(a, b, c, n); // warm-up
        double seconds = double.MaxValue;
        for (int round = 0; round < Rounds; round++)
        {
            var w = Stopwatch.StartNew();
            for (int r = 0; r < reps; r++)
                Multiply(a, b, c, n);
            seconds = Math.Min(seconds, w.Elapsed.TotalSeconds);
        }
        double sum = 0;
        for (int i = 0; i < c.Length; i++)
            sum += c[i] * (1 + (i % 7));
        double flops = 2.0 * n * n * n * reps;
        return new Json("matmul")
            .Add("n", n)
            .Add("reps", reps * Rounds)
            .Add("seconds", seconds)
            .Add("gflops", flops / seconds / 1e9)
            .Add("checksum", sum.ToString("R", CultureInfo.InvariantCulture))
            .Add("checksum_bits", BitConverter.DoubleToInt64Bits(sum).ToString("x16", CultureInfo.InvariantCulture))
            .ToString();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Multiply(double[] a, double[] b, double[] c, int n)
    {
        Array.Clear(c);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
            {
                double aik = a[i * n + k];
                int bRow = k * n, cRow = i * n;
                for (int j = 0; j < n; j++)
                    c[cRow + j] += aik * b[bRow + j];
            }
    }
}

sealed class Node
{
    public Node? Left, Right;

    public static Node Tree(int depth) => new() { Left = depth > 0 ? Tree(depth - 1) : null, Right = depth > 0 ? Tree(depth - 1) : null };

    public static long Count(Node? n)
    {
        long count = 0;
        var stack = new Stack<Node>();
        if (n != null) stack.Push(n);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            count++;
            if (x.Left != null) stack.Push(x.Left);
            if (x.Right != null) stack.Push(x.Right);
        }
        return count;
    }

    /// <summary>Replaces the subtree at depth 9 chosen by the bits of path with replacement (the
    /// tree's size stays the same when replacement has depth 8 and the tree depth 17).</summary>
    public void Replace(uint path, Node replacement)
    {
        Node n = this;
        for (int d = 0; d < 8; d++)
            n = ((path >> d) & 1) == 0 ? n.Left! : n.Right!;
        if (((path >> 8) & 1) == 0) n.Left = replacement; else n.Right = replacement;
    }
}

interface IShape
{
    int Corners(int x);
}

abstract class Shape : IShape
{
    public abstract int Sides(int x);
    public abstract int Corners(int x);
}

class Square : Shape
{
    [MethodImpl(MethodImplOptions.NoInlining)] public override int Sides(int x) => 4 + (x & 1);
    [MethodImpl(MethodImplOptions.NoInlining)] public override int Corners(int x) => 4 + (x & 3);
}

class Circle : Shape
{
    [MethodImpl(MethodImplOptions.NoInlining)] public override int Sides(int x) => 1 + (x & 1);
    [MethodImpl(MethodImplOptions.NoInlining)] public override int Corners(int x) => x & 3;
}

class Triangle : Shape
{
    [MethodImpl(MethodImplOptions.NoInlining)] public override int Sides(int x) => 3 + (x & 1);
    [MethodImpl(MethodImplOptions.NoInlining)] public override int Corners(int x) => 3 + (x & 3);
}

class Hexagon : Shape
{
    [MethodImpl(MethodImplOptions.NoInlining)] public override int Sides(int x) => 6 + (x & 1);
    [MethodImpl(MethodImplOptions.NoInlining)] public override int Corners(int x) => 6 + (x & 3);
}

sealed class BenchException(int value) : Exception("bench")
{
    public int Value { get; } = value;
}

/// <summary>One flat JSON object, numbers in invariant culture (no System.Text.Json: same code
/// and no reflection on both runtimes).</summary>
sealed class Json
{
    readonly StringBuilder _sb = new();

    public Json(string bench) => _sb.Append("{\"bench\":\"").Append(bench).Append('"');

    public Json Add(string key, long value)
    {
        _sb.Append(",\"").Append(key).Append("\":").Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public Json Add(string key, double value)
    {
        _sb.Append(",\"").Append(key).Append("\":")
            .Append(double.IsFinite(value) ? value.ToString("G6", CultureInfo.InvariantCulture) : "null");
        return this;
    }

    /// <summary>The first n values times scale, as an array.</summary>
    public Json Add(string key, long[] values, int n, double scale)
    {
        _sb.Append(",\"").Append(key).Append("\":[");
        for (int i = 0; i < n; i++)
            _sb.Append(i == 0 ? "" : ",").Append((values[i] * scale).ToString("G6", CultureInfo.InvariantCulture));
        _sb.Append(']');
        return this;
    }

    public Json Add(string key, string value)
    {
        _sb.Append(",\"").Append(key).Append("\":\"").Append(value).Append('"');
        return this;
    }

    public override string ToString() => _sb.Append('}').ToString();
}
