// Allocation throughput and collection pauses. Prints objects per second for small objects with
// nothing kept, with a live tree kept (so collections have work), and for arrays of mixed sizes.
// Run as an image with --kargs gcstats to get the pause line (max, p99, p50) and heap high-water
// mark; the same program runs on .NET for comparison. Argument: a scale factor (default 1).
using System.Diagnostics;
using System.Runtime.CompilerServices;

int scale = args.Length > 0 && int.TryParse(args[0], out int s) ? s : 1;
long small = 2_000_000L * scale;

Report("small objects (32 B), none kept", small, AllocateSmall(small));

var tree = Tree.Build(16);
Report("small objects (32 B), 131071-node tree live", small, AllocateSmall(small));
GC.KeepAlive(tree);

long arrays = 200_000L * scale;
Report("arrays of 16-2048 B", arrays, AllocateArrays(arrays));

Console.WriteLine($"collections: {GC.CollectionCount(0)}");
return 0;

static void Report(string what, long count, TimeSpan elapsed) =>
    Console.WriteLine($"{what}: {count} in {elapsed.TotalMilliseconds:F0} ms = {count / elapsed.TotalSeconds / 1e6:F2} M objects/s");

[MethodImpl(MethodImplOptions.NoInlining)]
static TimeSpan AllocateSmall(long count)
{
    var watch = Stopwatch.StartNew();
    Pair? last = null;
    for (long i = 0; i < count; i++)
        last = new Pair { Left = last == null ? null : i % 64 == 0 ? null : last, Value = i };
    GC.KeepAlive(last);
    return watch.Elapsed;
}

[MethodImpl(MethodImplOptions.NoInlining)]
static TimeSpan AllocateArrays(long count)
{
    var watch = Stopwatch.StartNew();
    object? last = null;
    for (long i = 0; i < count; i++)
        last = new byte[16 + (int)(i * 7919 % 2033)];
    GC.KeepAlive(last);
    return watch.Elapsed;
}

sealed class Pair
{
    public Pair? Left;
    public long Value;
}

sealed class Tree
{
    public Tree? Left, Right;

    public static Tree Build(int depth) => new() { Left = depth > 0 ? Build(depth - 1) : null, Right = depth > 0 ? Build(depth - 1) : null };
}
