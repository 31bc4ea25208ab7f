// Interlocked from many threads under preemption: increments, adds, compare-exchange loops and
// exchanges must lose nothing. The exit status is the number of failed checks.
using System.Threading;

int failures = 0;
void Check(string what, bool ok)
{
    Console.WriteLine($"{what}: {(ok ? "ok" : "FAIL")}");
    if (!ok)
        failures++;
}

const int Threads = 8;
const int Iterations = 100_000;
long increments = 0, adds = 0, maxSeen = 0;
int casCounter = 0;
long tokenSum = 0;
int token = 0;
var start = new ManualResetEventSlim();

var threads = NewThreads(Threads, id =>
{
    start.Wait();
    for (int i = 0; i < Iterations; i++)
    {
        Interlocked.Increment(ref increments);
        Interlocked.Add(ref adds, id + 1);

        // Compare-exchange loop: a lock-free increment.
        int observed;
        do
            observed = Volatile.Read(ref casCounter);
        while (Interlocked.CompareExchange(ref casCounter, observed + 1, observed) != observed);

        // A lock-free maximum.
        long value = (long)id * Iterations + i;
        long current;
        while ((current = Interlocked.Read(ref maxSeen)) < value && Interlocked.CompareExchange(ref maxSeen, value, current) != current)
        {
        }

        // Pass a token around: each exchange hands back the previous holder's value.
        int previous = Interlocked.Exchange(ref token, id + 1);
        Interlocked.Add(ref tokenSum, previous);
    }
});
foreach (var t in threads)
    t.Start();
start.Set();
foreach (var t in threads)
    t.Join();

long expectedAdds = 0;
for (int id = 0; id < Threads; id++)
    expectedAdds += (long)(id + 1) * Iterations;
Console.WriteLine($"increments: {increments}");
Console.WriteLine($"adds: {adds}");
Console.WriteLine($"compare-exchange counter: {casCounter}");
Console.WriteLine($"maximum: {maxSeen}");
Check("Increment lost nothing", increments == (long)Threads * Iterations);
Check("Add lost nothing", adds == expectedAdds);
Check("CompareExchange loop lost nothing", casCounter == Threads * Iterations);
Check("the maximum is the largest value offered", maxSeen == (long)(Threads - 1) * Iterations + Iterations - 1);
// Every value put in by Exchange comes out exactly once, by a later Exchange or at the end.
long putIn = 0;
for (int id = 0; id < Threads; id++)
    putIn += (long)(id + 1) * Iterations;
Check("Exchange conserved every token", tokenSum + token == putIn);

Console.WriteLine($"failures: {failures}");
return failures;

// Builds (without starting) one thread per index. A plain loop: LINQ's Select over a range with a
// reference-type result needs run-time generic method resolution, which is not what these test.
static Thread[] NewThreads(int count, Action<int> body)
{
    var threads = new Thread[count];
    for (int i = 0; i < count; i++)
    {
        int index = i;
        threads[i] = new Thread(() => body(index));
    }
    return threads;
}
