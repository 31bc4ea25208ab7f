// Several threads allocate at once, so the scheduler's time slices end in the middle of allocations
// (the allocation fast path defers preemption; the slow path collects): arrays of many lengths and
// small objects, each filled with a pattern of its thread, a window of them kept alive and checked
// again and again. A lost or shared allocation, an array length written late or a collection that
// frees a live object shows up as a wrong length or pattern. The exit status is the failure count.
using System.Threading;

const int ThreadCount = 4;
const int Iterations = 40_000;
const int Window = 48;

var checksums = new long[ThreadCount];
var failures = new int[ThreadCount];
var threads = new Thread[ThreadCount];
for (int t = 0; t < ThreadCount; t++)
{
    int id = t;
    threads[t] = new Thread(() => (checksums[id], failures[id]) = Work(id)) { Name = $"allocator {id}" };
}
foreach (var thread in threads)
    thread.Start();
foreach (var thread in threads)
    thread.Join();

int totalFailures = 0;
for (int id = 0; id < ThreadCount; id++)
{
    Console.WriteLine($"thread {id}: checksum {checksums[id]:X16}, failures {failures[id]}");
    totalFailures += failures[id];
}
Console.WriteLine($"{ThreadCount} threads x {Iterations} iterations, window {Window}: {totalFailures} failures");
return totalFailures;

static (long Checksum, int Failures) Work(int id)
{
    var arrays = new int[Window][];
    var nodes = new Node[Window];
    uint state = (uint)(0x9E3779B9 * (id + 1));
    long checksum = 0;
    int failures = 0;
    for (int i = 0; i < Iterations; i++)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        int slot = (int)(state % Window);
        // Check what this slot held before replacing it.
        if (arrays[slot] is int[] old && !Holds(old, id, old.Length))
            failures++;
        if (nodes[slot] is Node node && (node.Owner != id || node.Array.Length != node.Length || !Holds(node.Array, id, node.Length)))
            failures++;
        // Lengths from empty to past the large-object threshold now and then.
        int length = i % 997 == 0 ? 30_000 + (int)(state % 1000) : (int)(state % 300);
        int[] array = new int[length];
        for (int k = 0; k < array.Length; k++)
            array[k] = Pattern(id, length, k);
        arrays[slot] = array;
        nodes[slot] = new Node(id, length, array);
        checksum = checksum * 31 + length;
        if (i % 64 == 0)
            Thread.Yield();
    }
    for (int slot = 0; slot < Window; slot++)
    {
        if (arrays[slot] is int[] last && !Holds(last, id, last.Length))
            failures++;
    }
    return (checksum, failures);
}

static int Pattern(int id, int length, int index) => (id << 24) ^ (length << 12) ^ index;

static bool Holds(int[] array, int id, int length)
{
    if (array.Length != length)
        return false;
    for (int k = 0; k < array.Length; k++)
    {
        if (array[k] != Pattern(id, length, k))
            return false;
    }
    return true;
}

sealed record Node(int Owner, int Length, int[] Array);
