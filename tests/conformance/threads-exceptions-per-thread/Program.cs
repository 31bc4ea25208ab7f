// Exceptions on several threads at once: each thread throws, filters, catches and runs finally
// blocks in a loop while preemption interleaves the dispatches, so every thread needs its own
// chain of exceptions in flight. The exit status is the number of failed checks.
using System.Threading;

const int ThreadCount = 4;
const int Iterations = 300;
var caught = new int[ThreadCount];
var finallies = new int[ThreadCount];
var filtered = new int[ThreadCount];
var messagesOk = new bool[ThreadCount];
var threads = new Thread[ThreadCount];
for (int t = 0; t < ThreadCount; t++)
{
    int id = t;
    threads[t] = new Thread(() =>
    {
        bool ok = true;
        for (int i = 0; i < Iterations; i++)
        {
            try
            {
                try
                {
                    Thrower.Throw(id, i);
                }
                finally
                {
                    finallies[id]++;
                }
            }
            catch (InvalidOperationException e) when (Thrower.Matches(e, id, i, ref filtered[id]))
            {
                caught[id]++;
                // A nested throw while the outer one is being handled.
                try
                {
                    throw new ArgumentException($"inner {id}/{i}");
                }
                catch (ArgumentException inner)
                {
                    ok &= inner.Message == $"inner {id}/{i}" && e.Message == $"thread {id} iteration {i}";
                }
            }
        }
        messagesOk[id] = ok;
    });
}
foreach (var t in threads)
    t.Start();
foreach (var t in threads)
    t.Join();

int failures = 0;
for (int id = 0; id < ThreadCount; id++)
{
    bool ok = caught[id] == Iterations && finallies[id] == Iterations && filtered[id] == Iterations && messagesOk[id];
    Console.WriteLine($"thread {id}: caught {caught[id]}, finally {finallies[id]}, filtered {filtered[id]}, messages {(messagesOk[id] ? "ok" : "FAIL")}");
    if (!ok)
        failures++;
}
Console.WriteLine($"failures: {failures}");
return failures;

static class Thrower
{
    public static void Throw(int id, int iteration)
    {
        // A little work before the throw so preemption lands at varied points.
        long spin = 0;
        for (int k = 0; k < 200 * (id + 1); k++)
            spin += k;
        if (spin >= 0)
            throw new InvalidOperationException($"thread {id} iteration {iteration}");
    }

    public static bool Matches(InvalidOperationException e, int id, int iteration, ref int filterRuns)
    {
        filterRuns++;
        return e.Message == $"thread {id} iteration {iteration}";
    }
}
